// Copyright: the Annals authors.
#include "internal/query/group_values.h"

#include <algorithm>

#include "internal/storage/dictionary.h"
#include "internal/storage/format.h"
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

GroupValues::GroupValues(const ScanContext& ctx, GroupKey key, std::vector<Exclusion> exclude,
                         std::optional<CanonicalNames> canonical)
    : ctx_(ctx), key_(key), exclude_(std::move(exclude)), canonical_(std::move(canonical)) {}

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

void GroupValues::SeeRole(uint32_t role, const std::string& text, uint64_t place) {
  auto [it, inserted] = roles_shown_.try_emplace(role, ShownRole{text, place});
  // Records are not read in result order: an earlier place replaces what was seen.
  if (!inserted && place < it->second.place) it->second = ShownRole{text, place};
}

absl::Status GroupValues::FetchRecords(const Hit* hits, const uint32_t* places, size_t n,
                                       GroupBatch* out) {
  // By actor, the members family has what is needed, a few bytes an event; roles need their
  // texts, and closed versions (as-of queries) have no members entries: those read records.
  if (key_ == GroupKey::kActor &&
      std::none_of(hits, hits + n, [](const Hit& h) { return h.version_from != 0; })) {
    return FetchMembers(hits, places, n, out);
  }
  std::vector<std::string> keys;
  keys.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    // Closed versions (as-of queries) are read from history below; event 0 is never stored.
    keys.push_back(EncodeEventKey(hits[i].version_from != 0 ? 0 : hits[i].event_number));
  }
  std::vector<rocksdb::Slice> slices(keys.begin(), keys.end());
  std::vector<rocksdb::PinnableSlice> records(keys.size());
  std::vector<rocksdb::Status> statuses(keys.size());
  const rocksdb::ReadOptions& ro = ctx_.view->record_options();
  const Store* store = ctx_.store;
  store->db()->MultiGet(ro, store->cf(kEventsCf), keys.size(), slices.data(), records.data(),
                        statuses.data());
  for (size_t i = 0; i < keys.size(); ++i) {
    if (hits[i].version_from != 0) {
      RETURN_IF_ERROR(
          FetchClosedRecord(*ctx_.view, hits[i].event_number, hits[i].version_from, &records[i]));
      statuses[i] = rocksdb::Status::OK();
    }
    if (statuses[i].IsNotFound()) {
      return absl::DataLossError(store->path() + ": an index entry names a missing record");
    }
    RETURN_IF_ERROR(FromRocksDb(statuses[i], store->path()));
    RETURN_IF_ERROR(DecodeRecordActors({records[i].data(), records[i].size()}, &record_));
    if (record_.start_us != hits[i].start || record_.end_us != hits[i].end) {
      return absl::DataLossError(store->path() + ": event " + std::to_string(hits[i].event_number) +
                                 " disagrees with its index entry (run annals check)");
    }
    AddValues(hits[i], places != nullptr ? places[i] : next_place_++, out);
  }
  ctx_.counters->records_fetched += keys.size();
  return absl::OkStatus();
}

absl::Status GroupValues::FetchMembers(const Hit* hits, const uint32_t* places, size_t n,
                                       GroupBatch* out) {
  std::vector<std::string> keys;
  keys.reserve(n);
  for (size_t i = 0; i < n; ++i) keys.push_back(EncodeEventKey(hits[i].event_number));
  std::vector<rocksdb::Slice> slices(keys.begin(), keys.end());
  std::vector<rocksdb::PinnableSlice> values(n);
  std::vector<rocksdb::Status> statuses(n);
  const Store* store = ctx_.store;
  store->db()->MultiGet(ctx_.view->record_options(), store->cf(kMembersCf), n, slices.data(),
                        values.data(), statuses.data());
  for (size_t i = 0; i < n; ++i) {
    if (statuses[i].IsNotFound()) {
      return absl::DataLossError(store->path() + ": event " + std::to_string(hits[i].event_number) +
                                 " has no members entry (run annals check)");
    }
    RETURN_IF_ERROR(FromRocksDb(statuses[i], store->path()));
    if (!DecodeMembers({values[i].data(), values[i].size()}, &record_.numbers,
                       &record_.role_numbers)) {
      return absl::DataLossError(store->path() + ": damaged members entry of event " +
                                 std::to_string(hits[i].event_number) + " (run annals check)");
    }
    AddValues(hits[i], places != nullptr ? places[i] : next_place_++, out);
  }
  return absl::OkStatus();
}

void GroupValues::AddValues(const Hit& hit, uint64_t place, GroupBatch* out) {
  const size_t first = out->values.size();
  bool any_entry = false;
  for (size_t a = 0; a < record_.numbers.size(); ++a) {
    const uint32_t role = record_.role_numbers[a];
    const uint32_t actor = record_.numbers[a];
    if (!exclude_.empty() && Excluded(exclude_, actor, role, hit.start, hit.end)) continue;
    any_entry = true;
    if (key_ == GroupKey::kActor && canonical_) {
      canonical_->Map(actor, hit.start, hit.end, &out->values);
    } else if (key_ == GroupKey::kActor) {
      out->values.push_back(actor);
    } else {
      if (role != 0) SeeRole(role, record_.roles[a], place);
      out->values.push_back(role);
    }
  }
  // No entries: the empty value, unless `related` left every entry out.
  if (!any_entry && exclude_.empty()) out->values.push_back(0);
  DistinctTail(out->values, first);
  out->offsets.push_back(static_cast<uint32_t>(out->values.size()));
}

absl::StatusOr<std::string> GroupValues::Name(uint32_t value) {
  if (value == 0) return std::string();
  if (key_ == GroupKey::kRole) return roles_shown_[value].text;
  if (canonical_) {
    if (std::optional<std::string> shown = canonical_->Name(value)) return *std::move(shown);
  }
  const DictKind kind = key_ == GroupKey::kType ? DictKind::kType : DictKind::kActor;
  ASSIGN_OR_RETURN(DictEntry entry, Dictionary::Get(*ctx_.view, kind, value));
  return entry.name;
}

}  // namespace annals::internal
