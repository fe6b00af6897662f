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
#include "internal/query/index_stream.h"

namespace annals::internal {

// An entry matches when its actor is `actor` and, when `role` is set, its role number is `role`
// (0: no role).
struct Exclusion {
  uint32_t actor = 0;
  std::optional<uint32_t> role;
};

// The exclusions of query.all_actors (any role) and query.all_actor_specs, resolved at ctx's
// view; specs naming an actor or role not in the database match no entry and are left out.
absl::StatusOr<std::vector<Exclusion>> RelatedExclusions(const ScanContext& ctx,
                                                         const Query& query);

// True if an exclusion matches the entry (actor, role number).
bool Excluded(const std::vector<Exclusion>& exclusions, uint32_t actor, uint32_t role);

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_QUERY_RELATED_EXCLUSIONS_H_
