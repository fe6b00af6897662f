// Copyright: the Annals authors.
#include "internal/query/group_values.h"

#include <algorithm>

#include "internal/storage/dictionary.h"
#include "internal/storage/key_codec.h"
#include "internal/storage/record_codec.h"
#include "internal/storage/rocks_status.h"
#include "internal/util/status_macros.h"

namespace annals::internal {
namespace {

// Sorts and dedupes values[from..] in place.
void DistinctTail(std::vector<uint32_t>& values, size_t from) {
  std::sort(values.begin() + from, values.end());
  values.erase(std::unique(values.begin() + from, values.end()), values.end());
}

}  // namespace

GroupValues::GroupValues(const ScanContext& ctx, GroupKey key, std::vector<ResolvedSpec> exclude)
    : ctx_(ctx), key_(key), exclude_(std::move(exclude)) {}

absl::Status GroupValues::Extract(const Hit* hits, const uint32_t* places, size_t n,
                                  GroupBatch* out) {
  out->values.clear();
  out->offsets.clear();
  out->offsets.push_back(0);
  if (needs_records()) return FetchRecords(hits, places, n, out);
  for (size_t i = 0; i < n; ++i) {
    out->values.push_back(hits[i].type);
    out->offsets.push_back(static_cast<uint32_t>(out->values.size()));
  }
  return absl::OkStatus();
}

bool GroupValues::Excluded(uint32_t actor, const std::string& role) const {
  for (const ResolvedSpec& s : exclude_) {
    if (s.actor != actor) continue;
    if (!s.role_key || *s.role_key == RoleLookupKey(role)) return true;
  }
  return false;
}

uint32_t GroupValues::RoleValue(const std::string& role, uint64_t place) {
  if (role.empty()) return 0;
  uint32_t value;
  if (auto seen = role_as_stored_.find(role); seen != role_as_stored_.end()) {
    value = seen->second;
  } else {
    auto [it, inserted] =
        role_numbers_.try_emplace(RoleLookupKey(role), static_cast<uint32_t>(role_names_.size()));
    if (inserted) {
      role_names_.push_back(role);
      role_places_.push_back(place);
    }
    role_as_stored_.emplace(role, it->second);
    value = it->second;
  }
  if (place < role_places_[value]) {  // records are not read in result order
    role_places_[value] = place;
    role_names_[value] = role;
  }
  return value;
}

absl::Status GroupValues::FetchRecords(const Hit* hits, const uint32_t* places, size_t n,
                                       GroupBatch* out) {
  std::vector<std::string> keys;
  keys.reserve(n);
  for (size_t i = 0; i < n; ++i) keys.push_back(EncodeEventKey(hits[i].event));
  std::vector<rocksdb::Slice> slices(keys.begin(), keys.end());
  std::vector<rocksdb::PinnableSlice> records(keys.size());
  std::vector<rocksdb::Status> statuses(keys.size());
  rocksdb::ReadOptions ro;
  ro.snapshot = ctx_.snapshot;
  const Store* store = ctx_.store;
  store->db()->MultiGet(ro, store->cf(kEventsCf), keys.size(), slices.data(), records.data(),
                        statuses.data());
  for (size_t i = 0; i < keys.size(); ++i) {
    if (statuses[i].IsNotFound()) {
      return absl::DataLossError(store->path() + ": an index entry names a missing record");
    }
    RETURN_IF_ERROR(FromRocksDb(statuses[i], store->path()));
    RETURN_IF_ERROR(DecodeRecordActors({records[i].data(), records[i].size()}, &record_));
    if (record_.start_us != hits[i].start || record_.end_us != hits[i].end) {
      return absl::DataLossError(store->path() + ": event " + std::to_string(hits[i].event) +
                                 " disagrees with its index entry (run annals check)");
    }
    const uint64_t place = places != nullptr ? places[i] : next_place_++;
    const size_t first = out->values.size();
    bool any_entry = false;
    for (size_t a = 0; a < record_.numbers.size(); ++a) {
      const std::string& role = record_.roles[a];
      if (!exclude_.empty() && Excluded(record_.numbers[a], role)) continue;
      any_entry = true;
      out->values.push_back(key_ == GroupKey::kActor ? record_.numbers[a] : RoleValue(role, place));
    }
    // No entries: the empty value, unless `related` left every entry out.
    if (!any_entry && exclude_.empty()) out->values.push_back(0);
    DistinctTail(out->values, first);
    out->offsets.push_back(static_cast<uint32_t>(out->values.size()));
  }
  ctx_.counters->records_fetched += keys.size();
  return absl::OkStatus();
}

absl::StatusOr<std::string> GroupValues::Name(uint32_t value) {
  if (value == 0) return std::string();
  if (key_ == GroupKey::kRole) return role_names_[value];
  const DictKind kind = key_ == GroupKey::kType ? DictKind::kType : DictKind::kActor;
  ASSIGN_OR_RETURN(DictEntry entry, Dictionary::Get(*ctx_.store, kind, value, ctx_.snapshot));
  return entry.name;
}

}  // namespace annals::internal
