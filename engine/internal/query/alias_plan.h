// Copyright: the Annals authors.
//
// Query plans that resolve aliases (alias.h, spec ALIASES.md). An actor spec becomes a group of
// terms: the name itself at any time, and each alias of it for its period. A term is read by one
// by_actor scan bounded by the query range intersected with its period, so an alias's entries
// outside its period are never read:
//   any-of only   -> Union(bounded scans of every any-of term)
//   all-of        -> GroupFilter(Union(bounded scans of the cheapest group's terms),
//                    exact lookups of the other groups' and the any-of terms)
// Plans without aliases are the planner's own (planner.h).
#ifndef ANNALS_INTERNAL_QUERY_ALIAS_PLAN_H_
#define ANNALS_INTERNAL_QUERY_ALIAS_PLAN_H_

#include <memory>

#include "absl/status/statusor.h"
#include "annals/query.h"
#include "internal/query/index_stream.h"

namespace annals::internal {

// Whether an actor of `query` has aliases at the snapshot of `ctx`.
absl::StatusOr<bool> QueryHasAliases(const Query& query, const ScanContext& ctx);

// The root stream of `query` with aliases resolved, or nullptr when the result is certainly
// empty. REQUIRES: ctx->types holds the query's resolved type numbers, sorted. `ctx` must
// outlive the stream.
absl::StatusOr<std::unique_ptr<Stream>> PlanAliasedQuery(const Query& query, ScanContext* ctx);

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_QUERY_ALIAS_PLAN_H_
