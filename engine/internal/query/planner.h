// Copyright: the Annals authors.
//
// The query planner: resolves names to dictionary numbers at the query's snapshot and builds the
// stream tree that yields exactly the matching events, in order.
//   all-of actors          -> MembershipFilter(scan of the rarest, exact lookups of the others
//                             and of the any-of actors)
//   any-of actors only     -> Union(actor scans)
//   types only             -> Union(type scans)
//   nothing                -> the time index
// A type filter with actors is applied on the actor index values (they carry the type).
#ifndef ANNALS_INTERNAL_QUERY_PLANNER_H_
#define ANNALS_INTERNAL_QUERY_PLANNER_H_

#include <memory>

#include "absl/status/statusor.h"
#include "annals/query.h"
#include "internal/query/index_stream.h"

namespace annals::internal {

// Returns the root stream, or nullptr when the result is certainly empty (an unknown actor among
// all_actors, no known any_actors or types, an empty range). `ctx` must outlive the stream; its
// `types` member is filled in here.
absl::StatusOr<std::unique_ptr<Stream>> PlanQuery(const Query& query, ScanContext* ctx);

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_QUERY_PLANNER_H_
