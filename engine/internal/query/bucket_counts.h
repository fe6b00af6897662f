// Copyright: the Annals authors.
//
// The three time counts per bucket (aggregate.h), accumulated event by event in constant work:
// `starting` and `within` add one to one bucket, `overlapping` adds +1/-1 at the ends of the run
// of buckets the span overlaps and is summed once at the end. With a group key the same cells are
// kept per (group value, bucket), sparsely.
#ifndef ANNALS_INTERNAL_QUERY_BUCKET_COUNTS_H_
#define ANNALS_INTERNAL_QUERY_BUCKET_COUNTS_H_

#include <cstdint>
#include <functional>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "internal/query/calendar_buckets.h"

namespace annals::internal {

// Where a span [start, end) falls among the buckets.
struct Placement {
  int64_t starting = -1;  // the bucket holding start, -1 if none
  bool within = false;    // the span lies in that bucket
  int64_t first = 0;      // overlapped buckets: first..last (none when first > last)
  int64_t last = -1;
};
Placement Place(const BucketList& buckets, int64_t start, int64_t end);

struct TimeCell {
  uint64_t starting = 0;
  uint64_t within = 0;
  int64_t overlap_delta = 0;
};

// Counts of one histogram (no group key): dense, one cell per bucket plus one.
class TimeCounts {
 public:
  explicit TimeCounts(int64_t buckets) : cells_(buckets + 1) {}
  // Adds `n` events placed at `p`.
  void Add(const Placement& p, uint64_t n = 1);
  // fn(bucket, starting, within, overlapping) for every bucket in order.
  void ForEach(const std::function<void(int64_t, uint64_t, uint64_t, uint64_t)>& fn) const;

 private:
  std::vector<TimeCell> cells_;
};

// Counts per (group value, bucket), kept only where something happens.
class GroupTimeCounts {
 public:
  void Add(uint32_t group, const Placement& p);
  // fn(group, bucket, starting, within, overlapping) for every pair with a non-zero count, by
  // group, then bucket.
  void ForEach(
      const std::function<void(uint32_t, int64_t, uint64_t, uint64_t, uint64_t)>& fn) const;

 private:
  static constexpr int kBucketBits = 20;  // kMaxBuckets + 1 < 2^20
  static uint64_t Key(uint32_t group, int64_t bucket) {
    return (uint64_t{group} << kBucketBits) | static_cast<uint64_t>(bucket);
  }
  absl::flat_hash_map<uint64_t, TimeCell> cells_;
};

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_QUERY_BUCKET_COUNTS_H_
