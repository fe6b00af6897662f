// Copyright: the Annals authors.
//
// The group values of events for counting: type (from the index entry), actor and role (from the
// records' actor lists). Each value is a small number; 0 is always the empty value (no type, no
// actors, an entry without a role). Names are resolved once per distinct value, at the end.
#ifndef ANNALS_INTERNAL_QUERY_GROUP_VALUES_H_
#define ANNALS_INTERNAL_QUERY_GROUP_VALUES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "annals/aggregate.h"
#include "annals/query.h"
#include "internal/query/canonical_names.h"
#include "internal/query/index_stream.h"
#include "internal/query/related_exclusions.h"
#include "internal/storage/record_codec.h"

namespace annals::internal {

// Distinct group values of a batch of hits, as flat arrays reused between batches:
// the values of hits[i] are values[offsets[i] .. offsets[i + 1]).
struct GroupBatch {
  std::vector<uint32_t> values;
  std::vector<uint32_t> offsets;
};

class GroupValues {
 public:
  // REQUIRES: `ctx` outlives this object. `exclude`: entries matched by these specs are left out
  // (related); an event left with none gets no value at all. `canonical` (key kActor only): entries
  // count under canonical names (canonical_names.h).
  GroupValues(const ScanContext& ctx, GroupKey key, std::vector<Exclusion> exclude,
              std::optional<CanonicalNames> canonical = std::nullopt);

  // True when values come from records (Extract fetches them).
  bool needs_records() const { return key_ != GroupKey::kType; }

  // Fills `out` for hits[0..n). `places` (may be nullptr when the hits come in result order):
  // each hit's place in result order, for showing roles as first seen. DataLoss for a missing,
  // damaged or disagreeing record.
  absl::Status Extract(const Hit* hits, const uint32_t* places, size_t n, GroupBatch* out);

  // The display value of `value` ("" for 0).
  absl::StatusOr<std::string> Name(uint32_t value);

 private:
  absl::Status FetchRecords(const Hit* hits, const uint32_t* places, size_t n, GroupBatch* out);
  // By actor: the members entries instead of the records.
  absl::Status FetchMembers(const Hit* hits, const uint32_t* places, size_t n, GroupBatch* out);
  // The values of the event `hit` from record_ (numbers, role numbers and, by role, role texts).
  void AddValues(const Hit& hit, uint64_t place, GroupBatch* out);
  // Notes that role number `role` was seen as `text` at `place` in result order.
  void SeeRole(uint32_t role, const std::string& text, uint64_t place);

  const ScanContext& ctx_;
  const GroupKey key_;
  const std::vector<Exclusion> exclude_;
  const std::optional<CanonicalNames> canonical_;
  struct ShownRole {
    std::string text;  // as first seen in result order
    uint64_t place;    // where it was seen
  };
  absl::flat_hash_map<uint32_t, ShownRole> roles_shown_;  // by role number (lookup key)
  uint64_t next_place_ = 0;                               // places of hits given without places
  RecordActors record_;                                   // scratch, reused between records
};

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_QUERY_GROUP_VALUES_H_
