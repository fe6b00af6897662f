// Copyright: the Annals authors.
#include "internal/maintenance/history_checker.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "internal/maintenance/entry_digest.h"
#include "internal/storage/format.h"
#include "internal/storage/index_entries.h"
#include "internal/storage/rocks_status.h"
#include "internal/storage/versions.h"
#include "internal/util/status_macros.h"

namespace annals::internal {
namespace {

std::string_view View(const rocksdb::Slice& s) { return {s.data(), s.size()}; }

class HistoryChecker {
 public:
  HistoryChecker(const ReadView& view, bool precise, absl::FunctionRef<void(std::string)> problem)
      : view_(view), precise_(precise), problem_(problem) {}

  absl::StatusOr<HistoryCheck> Run() {
    RETURN_IF_ERROR(CheckVersions());
    for (ColumnFamily f : {kOldByActorCf, kOldByTimeCf, kOldByTypeCf}) RETURN_IF_ERROR(Count(f));
    RETURN_IF_ERROR(CheckSystem());
    return result_;
  }

 private:
  std::unique_ptr<rocksdb::Iterator> Iterate(ColumnFamily f) {
    return view_.NewIterator(f, /*fill_cache=*/false);
  }

  // The opening time of the current version of `number`; nullopt when it has none.
  absl::StatusOr<std::optional<int64_t>> CurrentFrom(uint64_t number) {
    ASSIGN_OR_RETURN(std::optional<std::string> record,
                     view_.Get(kEventsCf, EncodeEventKey(number)));
    if (!record) return std::nullopt;
    ASSIGN_OR_RETURN(std::optional<std::string> reopened,
                     view_.Get(kSystemCf, ReopenedKey(number)));
    uint64_t from;
    if (reopened && DecodeMeta(*reopened, &from)) return static_cast<int64_t>(from);
    if (reopened) problem_(absl::StrCat("event ", number, ": damaged reopening entry"));
    ASSIGN_OR_RETURN(int64_t allocated, OpenedAt(view_, number));
    return allocated;
  }

  // A closed version, as the linear pass holds it until it knows whether a successor follows.
  struct Closed {
    uint64_t number = 0;
    int64_t from = 0, to = 0;
    std::string id;
  };

  // The closing entry `v` needs: replaced when a version of the same number opens at its end.
  void ExpectClosing(const Closed& v, bool replaced) {
    expected_system_.Add(ClosedKey(v.to, v.number), EncodeClosing(Closing{replaced, v.from, v.id}));
  }

  // The last closed version of its number: the current version, if any, opens at or after its
  // end, and exactly at it when a replacement closed it.
  absl::Status FinishNumber(const Closed& last) {
    ASSIGN_OR_RETURN(std::optional<int64_t> current, CurrentFrom(last.number));
    if (current && *current < last.to) {
      problem_(absl::StrCat("version of event ", last.number, " from ", last.from,
                            ": overlaps the current version"));
    }
    ExpectClosing(last, current == last.to);
    return absl::OkStatus();
  }

  absl::Status CheckVersions() {
    return precise_ ? CheckVersionsPrecisely() : CheckVersionsLinearly();
  }

  // One pass in key order (number, then system_from): sums the digests of the entries each
  // version needs; a lookup per event number with history, none per version.
  absl::Status CheckVersionsLinearly() {
    auto it = Iterate(kHistoryCf);
    std::optional<Closed> previous;
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      Closed v;
      std::string_view record;
      if (!DecodeVersionKey(View(it->key()), &v.number, &v.from) ||
          !DecodeHistoryValue(View(it->value()), &v.to, &record) || v.from >= v.to) {
        problem_("history: damaged version " + it->key().ToString(true));
        continue;
      }
      absl::StatusOr<StoredEvent> s = DecodeRecord(record);
      if (!s.ok()) {
        problem_(absl::StrCat("version of event ", v.number, " from ", v.from, ": ",
                              s.status().message()));
        continue;
      }
      ++result_.versions;
      v.id = s->event.id;
      if (previous && previous->number == v.number) {
        if (v.from < previous->to) {
          problem_(absl::StrCat("version of event ", v.number, " from ", v.from,
                                ": overlaps the version before it"));
        }
        ExpectClosing(*previous, previous->to == v.from);
      } else if (previous) {
        RETURN_IF_ERROR(FinishNumber(*previous));
      }
      expected_system_.Add(IdVersionKey(v.id, v.number, v.from), "");
      ForEachIndexEntry(*s, v.number, Covering::kWithout,
                        [&](ColumnFamily f, const std::string& key, const std::string& value) {
                          const ColumnFamily old = OldIndexOf(f);
                          ++expected_[old - kOldByActorCf];
                          expected_index_[old - kOldByActorCf].Add(OldIndexKey(key, v.from, v.to),
                                                                   value);
                        });
      previous = std::move(v);
    }
    RETURN_IF_ERROR(FromRocksDb(it->status(), view_.store().path()));
    if (previous) RETURN_IF_ERROR(FinishNumber(*previous));
    return absl::OkStatus();
  }

  absl::Status CheckVersionsPrecisely() {
    auto it = Iterate(kHistoryCf);
    uint64_t previous_number = 0;
    int64_t previous_to = 0;
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      uint64_t number;
      int64_t from, to;
      std::string_view record;
      if (!DecodeVersionKey(View(it->key()), &number, &from) ||
          !DecodeHistoryValue(View(it->value()), &to, &record) || from >= to) {
        problem_("history: damaged version " + it->key().ToString(true));
        continue;
      }
      const std::string where = absl::StrCat("version of event ", number, " from ", from);
      absl::StatusOr<StoredEvent> s = DecodeRecord(record);
      if (!s.ok()) {
        problem_(absl::StrCat(where, ": ", s.status().message()));
        continue;
      }
      ++result_.versions;
      if (number == previous_number && from < previous_to) {
        problem_(where + ": overlaps the version before it");
      }
      previous_number = number;
      previous_to = to;
      ASSIGN_OR_RETURN(std::optional<int64_t> current, CurrentFrom(number));
      if (current && *current < to) problem_(where + ": overlaps the current version");
      ASSIGN_OR_RETURN(std::optional<std::string> closing_value,
                       view_.Get(kSystemCf, ClosedKey(to, number)));
      Closing closing;
      if (!closing_value || !DecodeClosing(*closing_value, &closing) ||
          closing.system_from != from || closing.id != s->event.id) {
        problem_(where + ": its closing entry is missing or wrong");
      } else if (closing.replaced) {
        // The successor was opened in the closing commit, under the same number.
        ASSIGN_OR_RETURN(std::optional<std::string> next,
                         view_.Get(kHistoryCf, VersionKey(number, to)));
        if (!next && current != to) problem_(where + ": replaced, but its successor is missing");
      }
      ASSIGN_OR_RETURN(std::optional<std::string> by_id,
                       view_.Get(kSystemCf, IdVersionKey(s->event.id, number, from)));
      if (!by_id) problem_(where + ": its version entry by id is missing");
      absl::Status status;
      ForEachIndexEntry(*s, number, Covering::kWithout,
                        [&](ColumnFamily f, const std::string& key, const std::string& v) {
                          const ColumnFamily old = OldIndexOf(f);
                          ++expected_[old - kOldByActorCf];
                          absl::StatusOr<std::optional<std::string>> found =
                              view_.Get(old, OldIndexKey(key, from, to));
                          if (!found.ok()) {
                            status.Update(found.status());
                          } else if (!found->has_value() || **found != v) {
                            problem_(absl::StrCat(where, ": its ", kColumnFamilyNames[old],
                                                  " entry is missing or wrong"));
                          }
                        });
      RETURN_IF_ERROR(status);
    }
    return FromRocksDb(it->status(), view_.store().path());
  }

  // Every expected entry was found above; equal counts mean there is nothing else.
  absl::Status Count(ColumnFamily f) {
    auto it = Iterate(f);
    uint64_t n = 0;
    EntryDigest found;
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      ++n;
      found.Add(View(it->key()), View(it->value()));
    }
    RETURN_IF_ERROR(FromRocksDb(it->status(), view_.store().path()));
    if (!precise_ && !(found == expected_index_[f - kOldByActorCf])) result_.digests_differ = true;
    result_.index_entries += n;
    if (n != expected_[f - kOldByActorCf]) {
      problem_(absl::StrCat(kColumnFamilyNames[f], " holds ", n,
                            " entries but the closed versions need ",
                            expected_[f - kOldByActorCf]));
    }
    return absl::OkStatus();
  }

  absl::Status CheckSystem() {
    auto it = Iterate(kSystemCf);
    uint64_t closings = 0, by_id = 0;
    int64_t last_commit = 0;
    uint64_t last_first = 0;
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      const std::string_view key = View(it->key());
      int64_t t;
      uint64_t number;
      switch (key.empty() ? '\0' : key[0]) {
        case kCommitTag: {
          uint64_t first;
          if (!DecodeCommitKey(key, &t) || !DecodeMeta(View(it->value()), &first) ||
              t <= last_commit || first < last_first) {
            problem_("system: damaged or out-of-order commit entry " + it->key().ToString(true));
          }
          last_commit = t;
          last_first = first;
          break;
        }
        case kReopenedTag: {
          ASSIGN_OR_RETURN(std::optional<std::string> record,
                           view_.Get(kEventsCf, EncodeEventKey(DecodeNumber(key))));
          if (!record) problem_("system: a reopening entry names no current event");
          break;
        }
        case kClosedTag:
          if (!DecodeClosedKey(key, &t, &number)) problem_("system: damaged closing entry");
          found_system_.Add(key, View(it->value()));
          ++closings;
          break;
        case kIdVersionTag:
          found_system_.Add(key, View(it->value()));
          ++by_id;
          break;
        case kCommitByEventTag:
          break;
        default:
          problem_("system: unknown entry " + it->key().ToString(true));
      }
    }
    RETURN_IF_ERROR(FromRocksDb(it->status(), view_.store().path()));
    if (closings != result_.versions || by_id != result_.versions) {
      problem_(absl::StrCat("system holds ", closings, " closing and ", by_id,
                            " version-by-id entries for ", result_.versions, " closed versions"));
    }
    if (!precise_ && !(found_system_ == expected_system_)) result_.digests_differ = true;
    ASSIGN_OR_RETURN(uint64_t last, view_.Meta(kMetaLastSystemTime));
    if (static_cast<int64_t>(last) != last_commit) {
      problem_("meta: the last system time is not the last commit's");
    }
    return absl::OkStatus();
  }

  static uint64_t DecodeNumber(std::string_view tagged) {
    uint64_t n = 0;
    tagged.remove_prefix(1);
    DecodeMeta(tagged, &n);
    return n;
  }

  const ReadView& view_;
  const bool precise_;
  absl::FunctionRef<void(std::string)> problem_;
  HistoryCheck result_;
  uint64_t expected_[3] = {};
  EntryDigest expected_index_[3];  // linear pass: what the versions need in old_by_*
  EntryDigest expected_system_;    // and in system ('X' and 'V')
  EntryDigest found_system_;
};

}  // namespace

absl::StatusOr<HistoryCheck> CheckHistory(const ReadView& view, bool precise,
                                          absl::FunctionRef<void(std::string)> problem) {
  return HistoryChecker(view, precise, problem).Run();
}

}  // namespace annals::internal
