// Copyright: the Annals authors.
#include "internal/storage/versions.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "annals/time.h"
#include "internal/storage/format.h"
#include "internal/storage/rocks_status.h"
#include "internal/util/status_macros.h"

namespace annals::internal {
namespace {

std::string_view View(const rocksdb::Slice& s) { return {s.data(), s.size()}; }

absl::Status Damaged(const ReadView& view, std::string_view what) {
  return absl::DataLossError(absl::StrCat(
      view.store().path(), ": damaged history: ", std::string(what), " (run annals check)"));
}

// The first event number the database has not allocated.
absl::StatusOr<uint64_t> NextEventNumber(const ReadView& view) {
  ASSIGN_OR_RETURN(uint64_t next, view.Meta(kMetaNextEvent));
  return next == 0 ? 1 : next;
}

// The first event number of the first commit at or after `t` (the next one to allocate if none).
absl::StatusOr<uint64_t> FirstEventAtOrAfter(const ReadView& view, int64_t t) {
  std::unique_ptr<rocksdb::Iterator> it = view.NewIterator(kSystemCf);
  it->Seek(CommitKey(t));
  if (it->Valid() && !it->key().empty() && it->key()[0] == kCommitTag) {
    uint64_t first;
    if (!DecodeMeta(View(it->value()), &first)) return Damaged(view, "a commit entry");
    return first;
  }
  RETURN_IF_ERROR(FromRocksDb(it->status(), view.store().path()));
  return NextEventNumber(view);
}

// The closed version (number, from): its record and closing time. DataLoss when missing.
absl::StatusOr<StoredVersion> ClosedVersion(const ReadView& view, uint64_t number, int64_t from) {
  ASSIGN_OR_RETURN(std::optional<std::string> value,
                   view.Get(kHistoryCf, VersionKey(number, from)));
  int64_t to;
  std::string_view record;
  if (!value || !DecodeHistoryValue(*value, &to, &record)) {
    return Damaged(view, absl::StrCat("closed version ", number, " is missing"));
  }
  StoredVersion v;
  v.event_number = number;
  v.system_from = from;
  v.system_to = to;
  ASSIGN_OR_RETURN(v.stored, DecodeRecord(record));  // `record` views `*value`
  return v;
}

// The opening time of the current version of `number` (which must be current).
absl::StatusOr<int64_t> CurrentFrom(const ReadView& view, uint64_t number) {
  ASSIGN_OR_RETURN(std::optional<std::string> reopened, view.Get(kSystemCf, ReopenedKey(number)));
  if (!reopened) return OpenedAt(view, number);
  uint64_t from;
  if (!DecodeMeta(*reopened, &from)) return Damaged(view, "a version entry");
  return static_cast<int64_t>(from);
}

// The version (number, from): the closed one if history has it, else the current one.
absl::StatusOr<StoredEvent> VersionRecord(const ReadView& view, uint64_t number, int64_t from) {
  ASSIGN_OR_RETURN(std::optional<std::string> value,
                   view.Get(kHistoryCf, VersionKey(number, from)));
  if (!value) return view.Record(number);
  int64_t to;
  std::string_view record;
  if (!DecodeHistoryValue(*value, &to, &record)) return Damaged(view, "a closed version");
  return DecodeRecord(record);
}

// The closed versions of `id`, as (number, from), oldest first.
absl::StatusOr<std::vector<std::pair<uint64_t, int64_t>>> ClosedVersions(const ReadView& view,
                                                                         std::string_view id) {
  std::vector<std::pair<uint64_t, int64_t>> out;
  const std::string prefix = IdVersionPrefix(id);
  std::unique_ptr<rocksdb::Iterator> it = view.NewIterator(kSystemCf);
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    std::string key_id;
    uint64_t number;
    int64_t from;
    if (!DecodeIdVersionKey(View(it->key()), &key_id, &number, &from)) {
      return Damaged(view, "a version entry");
    }
    out.emplace_back(number, from);
  }
  RETURN_IF_ERROR(FromRocksDb(it->status(), view.store().path()));
  return out;
}

}  // namespace

absl::Status CheckNotPruned(const ReadView& view, int64_t end, std::string_view what) {
  ASSIGN_OR_RETURN(uint64_t pruned, view.Meta(kMetaPrunedBefore));
  if (pruned != 0 && end < static_cast<int64_t>(pruned)) {
    return absl::FailedPreconditionError(
        absl::StrCat(std::string(what), " ", FormatInstant(end - 1),
                     " is before the pruning point ", FormatInstant(static_cast<int64_t>(pruned)),
                     ": versions closed before it were pruned, so the answer would be incomplete"));
  }
  return absl::OkStatus();
}

absl::StatusOr<AsOf> ResolveAsOf(const ReadView& view, int64_t end) {
  RETURN_IF_ERROR(CheckNotPruned(view, end, "as of"));
  AsOf as_of;
  as_of.end = end;
  ASSIGN_OR_RETURN(as_of.first_invisible, FirstEventAtOrAfter(view, end));
  return as_of;
}

absl::StatusOr<bool> CurrentVisible(const ReadView& view, const AsOf& as_of, uint64_t number) {
  if (number >= as_of.first_invisible) return false;
  ASSIGN_OR_RETURN(std::optional<std::string> reopened, view.Get(kSystemCf, ReopenedKey(number)));
  if (!reopened) return true;
  uint64_t from;
  if (!DecodeMeta(*reopened, &from)) return Damaged(view, "a version entry");
  return static_cast<int64_t>(from) < as_of.end;
}

absl::Status FetchClosedRecord(const ReadView& view, uint64_t number, int64_t system_from,
                               rocksdb::PinnableSlice* out) {
  ASSIGN_OR_RETURN(std::optional<std::string> value,
                   view.Get(kHistoryCf, VersionKey(number, system_from)));
  int64_t to;
  std::string_view record;
  if (!value || !DecodeHistoryValue(*value, &to, &record)) {
    return absl::DataLossError(absl::StrCat(view.store().path(), ": closed version of event ",
                                            number, " is missing or damaged (run annals check)"));
  }
  out->Reset();
  out->PinSelf(rocksdb::Slice(record.data(), record.size()));
  return absl::OkStatus();
}

absl::StatusOr<int64_t> OpenedAt(const ReadView& view, uint64_t number) {
  std::unique_ptr<rocksdb::Iterator> it = view.NewIterator(kSystemCf);
  it->SeekForPrev(CommitByEventKey(number));
  if (!it->Valid() || it->key().empty() || it->key()[0] != kCommitByEventTag) {
    RETURN_IF_ERROR(FromRocksDb(it->status(), view.store().path()));
    return Damaged(view, absl::StrCat("no commit opened version ", number));
  }
  uint64_t t;
  if (!DecodeMeta(View(it->value()), &t)) return Damaged(view, "a commit entry");
  return static_cast<int64_t>(t);
}

absl::StatusOr<std::vector<StoredVersion>> VersionsOf(const ReadView& view, std::string_view id) {
  std::vector<StoredVersion> versions;
  ASSIGN_OR_RETURN(auto closed, ClosedVersions(view, id));
  for (const auto& [number, from] : closed) {
    ASSIGN_OR_RETURN(StoredVersion v, ClosedVersion(view, number, from));
    versions.push_back(std::move(v));
  }
  ASSIGN_OR_RETURN(std::optional<IdEntry> current, view.FindId(id));
  if (current) {
    StoredVersion v;
    v.event_number = current->event_number;
    ASSIGN_OR_RETURN(v.stored, view.Record(current->event_number));
    ASSIGN_OR_RETURN(v.system_from, CurrentFrom(view, current->event_number));
    versions.push_back(std::move(v));
  }
  return versions;
}

absl::StatusOr<std::optional<StoredEvent>> VersionAsOf(const ReadView& view, const AsOf& as_of,
                                                       std::string_view id) {
  ASSIGN_OR_RETURN(std::optional<IdEntry> current, view.FindId(id));
  if (current) {
    ASSIGN_OR_RETURN(bool visible, CurrentVisible(view, as_of, current->event_number));
    if (visible) return view.Record(current->event_number);
  }
  ASSIGN_OR_RETURN(auto closed, ClosedVersions(view, id));
  for (const auto& [number, from] : closed) {
    if (from >= as_of.end) continue;
    ASSIGN_OR_RETURN(StoredVersion v, ClosedVersion(view, number, from));
    if (as_of.Covers(from, *v.system_to)) return std::move(v.stored);
  }
  return std::nullopt;
}

absl::Status ForEachChange(const ReadView& view, int64_t since_end, int64_t until_end,
                           absl::FunctionRef<bool(const CommitChange&)> fn) {
  RETURN_IF_ERROR(CheckNotPruned(view, since_end, "changes since"));
  if (until_end <= since_end) return absl::OkStatus();
  ASSIGN_OR_RETURN(const uint64_t next_event, NextEventNumber(view));
  std::unique_ptr<rocksdb::Iterator> commits = view.NewIterator(kSystemCf);
  std::unique_ptr<rocksdb::Iterator> closings = view.NewIterator(kSystemCf);
  commits->Seek(CommitKey(since_end));
  int64_t t;
  while (commits->Valid() && DecodeCommitKey(View(commits->key()), &t) && t < until_end) {
    uint64_t first;
    if (!DecodeMeta(View(commits->value()), &first)) return Damaged(view, "a commit entry");
    commits->Next();
    uint64_t end = next_event;
    int64_t next_t;
    if (commits->Valid() && DecodeCommitKey(View(commits->key()), &next_t) &&
        !DecodeMeta(View(commits->value()), &end)) {
      return Damaged(view, "a commit entry");
    }
    // The commit's changes by event number: the numbers it allocated (puts), and the versions
    // it closed (replaced or deleted).
    std::vector<std::pair<uint64_t, Closing>> changes;
    for (uint64_t number = first; number < end; ++number) changes.emplace_back(number, Closing{});
    const std::string closed_end = ClosedKey(t + 1, 0);
    for (closings->Seek(ClosedKey(t, 0)); closings->Valid() && View(closings->key()) < closed_end;
         closings->Next()) {
      int64_t at;
      uint64_t number;
      Closing closing;
      if (!DecodeClosedKey(View(closings->key()), &at, &number) ||
          !DecodeClosing(View(closings->value()), &closing)) {
        return Damaged(view, "a closing entry");
      }
      changes.emplace_back(number, std::move(closing));
    }
    RETURN_IF_ERROR(FromRocksDb(closings->status(), view.store().path()));
    std::sort(changes.begin(), changes.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [number, closing] : changes) {
      CommitChange change;
      change.system_time = t;
      if (number >= first && number < end) {
        change.op = CommitChange::kPut;
      } else if (closing.replaced) {
        change.op = CommitChange::kReplace;
      } else {
        change.op = CommitChange::kDelete;
        change.id = std::move(closing.id);
      }
      if (change.op != CommitChange::kDelete) {
        ASSIGN_OR_RETURN(change.stored, VersionRecord(view, number, t));
        change.id = change.stored->event.id;
      }
      if (!fn(change)) return absl::OkStatus();
    }
  }
  return FromRocksDb(commits->status(), view.store().path());
}

absl::StatusOr<std::optional<CommitSpan>> Commits(const ReadView& view) {
  std::unique_ptr<rocksdb::Iterator> it = view.NewIterator(kSystemCf);
  CommitSpan span;
  it->Seek(std::string(1, kCommitTag));
  if (!it->Valid() || !DecodeCommitKey(View(it->key()), &span.first)) {
    RETURN_IF_ERROR(FromRocksDb(it->status(), view.store().path()));
    return std::nullopt;
  }
  ASSIGN_OR_RETURN(uint64_t last, view.Meta(kMetaLastSystemTime));
  span.last = static_cast<int64_t>(last);
  return span;
}

}  // namespace annals::internal
