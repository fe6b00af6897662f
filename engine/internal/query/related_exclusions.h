// Copyright: the Annals authors.
//
// `related`: the entries that a query's all-of actor specs match, to be left out of each event
// when counting co-actors (spec AGGREGATE.md).
#ifndef ANNALS_INTERNAL_QUERY_RELATED_EXCLUSIONS_H_
#define ANNALS_INTERNAL_QUERY_RELATED_EXCLUSIONS_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "annals/query.h"
#include "annals/time.h"
#include "internal/query/index_stream.h"

namespace annals::internal {

// An entry matches when its actor is `actor`, when `role` is set its role number is `role`
// (0: no role), and its event's span overlaps [from_us, to_us) (an alias's period).
struct Exclusion {
  uint32_t actor = 0;
  std::optional<uint32_t> role;
  int64_t from_us = kMinusInfinity;
  int64_t to_us = kPlusInfinity;
};

// The exclusions of query.all_actors (any role) and query.all_actor_specs, resolved at ctx's
// view: each spec's name at any time and, unless !query.resolve_aliases, each alias of the name
// for its period, with the spec's role. Names or roles not in the database match no entry and
// are left out. DataLoss for a damaged alias entry.
absl::StatusOr<std::vector<Exclusion>> RelatedExclusions(const ScanContext& ctx,
                                                         const Query& query);

// True if an exclusion matches the entry (actor, role number) of an event spanning [start, end).
bool Excluded(const std::vector<Exclusion>& exclusions, uint32_t actor, uint32_t role,
              int64_t start_us, int64_t end_us);

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_QUERY_RELATED_EXCLUSIONS_H_
