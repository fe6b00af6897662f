// Copyright: the Annals authors.
//
// Database::Aggregate: counting over the planner's index-entry streams (the same streams as
// `query`), never fetching a record for time and type counts (annals/aggregate.h).
#ifndef ANNALS_INTERNAL_QUERY_AGGREGATE_H_
#define ANNALS_INTERNAL_QUERY_AGGREGATE_H_

#include <vector>

#include "absl/status/statusor.h"
#include "annals/aggregate.h"
#include "annals/query.h"
#include "internal/query/cursors.h"
#include "internal/storage/store.h"

namespace annals::internal {

// InvalidArgument: no key, two time or two group keys in the wrong places, an empty or inverted
// range, exclude_query_actors without a kActor group. OutOfRange: more than kMaxBuckets buckets.
absl::StatusOr<std::vector<CountRow>> Aggregate(const Store* store, const Query& query,
                                                const Grouping& grouping, SharedCounters* totals);

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_QUERY_AGGREGATE_H_
