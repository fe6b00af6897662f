// Copyright: the Annals authors.
//
// Turning counts into the rows of annals/aggregate.h, in the order it promises.
#ifndef ANNALS_INTERNAL_QUERY_AGGREGATE_ROWS_H_
#define ANNALS_INTERNAL_QUERY_AGGREGATE_ROWS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "annals/aggregate.h"
#include "internal/query/bucket_counts.h"
#include "internal/query/calendar_buckets.h"
#include "internal/query/group_values.h"

namespace annals::internal {

struct NamedGroup {
  uint32_t value = 0;
  std::string name;
  uint64_t events = 0;
};

// The group values by events descending, then name ascending; the first `limit` of them.
absl::StatusOr<std::vector<NamedGroup>> RankGroups(
    const absl::flat_hash_map<uint32_t, uint64_t>& events, std::optional<uint64_t> limit,
    GroupValues* names);

// One row per bucket, in time order.
std::vector<CountRow> TimeRows(const BucketList& buckets, const TimeCounts& counts);
// One row per group, in the order given.
std::vector<CountRow> GroupRows(const std::vector<NamedGroup>& groups);
// One row per (bucket, group) pair with a non-zero count, of the groups given: by bucket, then
// starting descending, then name.
std::vector<CountRow> GroupTimeRows(const BucketList& buckets, const GroupTimeCounts& counts,
                                    const std::vector<NamedGroup>& groups);

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_QUERY_AGGREGATE_ROWS_H_
