// Copyright: the Annals authors.
#include "internal/storage/alias_table.h"

#include <memory>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "annals/time.h"
#include "internal/storage/rocks_status.h"
#include "internal/text/actor_name.h"
#include "internal/util/status_macros.h"
#include "rocksdb/write_batch.h"

namespace annals::internal {
namespace {

constexpr size_t kMaxNameBytes = 1024;  // as for actor names (FORMAT.md section 1)

// Collapses `*name` and returns its lookup key.
absl::StatusOr<std::string> NormalizeName(absl::string_view field, std::string* name) {
  *name = CollapseWhitespace(*name);
  if (name->empty()) return absl::InvalidArgumentError(absl::StrCat(field, ": empty name"));
  if (name->size() > kMaxNameBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": name longer than ", kMaxNameBytes, " bytes"));
  }
  absl::StatusOr<std::string> key = ActorLookupKey(*name);
  if (!key.ok()) return absl::InvalidArgumentError(absl::StrCat(field, ": not valid UTF-8"));
  return key;
}

// The bound of one side of a period: the start of `text`'s period for "from", its end for
// "to"; `open` when `text` is empty.
absl::StatusOr<int64_t> PeriodBound(absl::string_view field, std::string* text, bool is_from) {
  *text = std::string(absl::StripAsciiWhitespace(*text));
  if (text->empty()) return is_from ? kMinusInfinity : kPlusInfinity;
  absl::StatusOr<EventTime> t = ParseTime(*text);
  if (!t.ok()) return absl::InvalidArgumentError(absl::StrCat(field, ": ", t.status().message()));
  return is_from ? t->start_us() : t->end_us();
}

bool SamePeriod(const AliasRecord& a, const AliasRecord& b) {
  return a.from_us == b.from_us && a.to_us == b.to_us;
}

bool PeriodsOverlap(const AliasRecord& a, const AliasRecord& b) {
  return a.from_us < b.to_us && b.from_us < a.to_us;
}

std::string PeriodText(const AliasRecord& r) {
  return absl::StrCat(r.shown.from.empty() ? ".." : r.shown.from, "/",
                      r.shown.to.empty() ? ".." : r.shown.to);
}

// The periods of each pair seen so far: stored ones, then those added by this batch.
class PairPeriods {
 public:
  explicit PairPeriods(const Store& store) : latest_(ReadView::Latest(store)) {}

  // Whether `r` is new (false: the same entry exists). InvalidArgument on an overlap.
  absl::StatusOr<bool> Admit(const AliasRecord& r) {
    const std::string pair = AliasPrefix(r.canonical_key, r.alias_key);
    auto it = pairs_.find(pair);
    if (it == pairs_.end()) {
      ASSIGN_OR_RETURN(std::vector<AliasRecord> stored, ReadAliases(latest_, pair));
      it = pairs_.emplace(pair, std::move(stored)).first;
    }
    for (const AliasRecord& have : it->second) {
      if (SamePeriod(have, r)) return false;
      if (PeriodsOverlap(have, r)) {
        return absl::InvalidArgumentError(
            absl::StrCat("period ", PeriodText(r), " of alias \"", r.shown.alias, "\" of \"",
                         r.shown.canonical, "\" overlaps its period ", PeriodText(have)));
      }
    }
    it->second.push_back(r);
    return true;
  }

 private:
  const ReadView latest_;
  absl::flat_hash_map<std::string, std::vector<AliasRecord>> pairs_;
};

absl::Status Write(const Store& store, rocksdb::WriteBatch* batch) {
  return FromRocksDb(store.db()->Write(store.write_options(), batch), store.path());
}

}  // namespace

absl::StatusOr<AliasRecord> MakeAliasRecord(const Alias& alias) {
  AliasRecord r;
  r.shown = alias;
  ASSIGN_OR_RETURN(r.canonical_key, NormalizeName("canonical", &r.shown.canonical));
  ASSIGN_OR_RETURN(r.alias_key, NormalizeName("alias", &r.shown.alias));
  if (r.canonical_key == r.alias_key) {
    return absl::InvalidArgumentError(
        absl::StrCat("alias: \"", r.shown.alias, "\" cannot be an alias of itself"));
  }
  ASSIGN_OR_RETURN(r.from_us, PeriodBound("from", &r.shown.from, true));
  ASSIGN_OR_RETURN(r.to_us, PeriodBound("to", &r.shown.to, false));
  if (r.from_us >= r.to_us) {
    return absl::InvalidArgumentError(
        absl::StrCat("to: the period ", PeriodText(r), " is empty (from is not before to)"));
  }
  return r;
}

absl::StatusOr<std::vector<AliasRecord>> ReadAliases(const ReadView& view,
                                                     std::string_view prefix) {
  std::unique_ptr<rocksdb::Iterator> it = view.NewIterator(kDictCf);
  std::vector<AliasRecord> out;
  const rocksdb::Slice start(prefix.data(), prefix.size());
  for (it->Seek(start); it->Valid() && it->key().starts_with(start); it->Next()) {
    AliasRecord r;
    if (!DecodeAliasEntry({it->key().data(), it->key().size()},
                          {it->value().data(), it->value().size()}, &r)) {
      return absl::DataLossError(view.store().path() + ": damaged alias entry");
    }
    out.push_back(std::move(r));
  }
  RETURN_IF_ERROR(FromRocksDb(it->status(), view.store().path()));
  return out;
}

absl::StatusOr<uint64_t> AddAliases(const Store& store, const std::vector<Alias>& aliases,
                                    size_t* failed) {
  PairPeriods periods(store);
  rocksdb::WriteBatch batch;
  uint64_t added = 0;
  for (size_t i = 0; i < aliases.size(); ++i) {
    absl::StatusOr<AliasRecord> r = MakeAliasRecord(aliases[i]);
    absl::StatusOr<bool> is_new = r.ok() ? periods.Admit(*r) : r.status();
    if (!is_new.ok()) {
      if (failed != nullptr) *failed = i;
      return is_new.status();
    }
    if (!*is_new) continue;
    batch.Put(store.cf(kDictCf), EncodeAliasKey(*r), EncodeAliasValue(*r));
    ++added;
  }
  if (added > 0) RETURN_IF_ERROR(Write(store, &batch));
  return added;
}

absl::StatusOr<uint64_t> RemoveAlias(const Store& store, std::string_view canonical,
                                     std::string_view alias, std::string_view from,
                                     std::string_view to) {
  const bool every_period = from.empty() && to.empty();
  // A placeholder period when removing every period: only the names are used then.
  Alias wanted{std::string(canonical), std::string(alias), std::string(from), std::string(to)};
  ASSIGN_OR_RETURN(AliasRecord r, MakeAliasRecord(wanted));
  ASSIGN_OR_RETURN(std::vector<AliasRecord> stored,
                   ReadAliases(ReadView::Latest(store), AliasPrefix(r.canonical_key, r.alias_key)));
  rocksdb::WriteBatch batch;
  uint64_t removed = 0;
  for (const AliasRecord& have : stored) {
    if (!every_period && !SamePeriod(have, r)) continue;
    batch.Delete(store.cf(kDictCf), EncodeAliasKey(have));
    ++removed;
  }
  if (removed == 0) {
    return absl::NotFoundError(
        absl::StrCat("no alias \"", r.shown.alias, "\" of \"", r.shown.canonical, "\"",
                     every_period ? "" : absl::StrCat(" for the period ", PeriodText(r))));
  }
  RETURN_IF_ERROR(Write(store, &batch));
  return removed;
}

}  // namespace annals::internal
