// Copyright: the Annals authors.
#include "internal/query/bucket_counts.h"

#include <algorithm>
#include <utility>

#include "annals/aggregate.h"

namespace annals::internal {

static_assert(kMaxBuckets + 1 < (uint64_t{1} << 20));

Placement Place(const BucketList& buckets, int64_t start, int64_t end) {
  Placement p;
  const int64_t i = buckets.Locate(start);
  if (i >= 0 && i < buckets.size()) {
    p.starting = i;
    p.within = end <= buckets.end(i);
  }
  p.first = std::max<int64_t>(i, 0);
  p.last = buckets.LastBefore(end);
  return p;
}

void TimeCounts::Add(const Placement& p, uint64_t n) {
  if (p.starting >= 0) {
    cells_[p.starting].starting += n;
    if (p.within) cells_[p.starting].within += n;
  }
  if (p.first <= p.last) {
    cells_[p.first].overlap_delta += static_cast<int64_t>(n);
    cells_[p.last + 1].overlap_delta -= static_cast<int64_t>(n);
  }
}

void TimeCounts::ForEach(
    const std::function<void(int64_t, uint64_t, uint64_t, uint64_t)>& fn) const {
  int64_t overlapping = 0;
  for (size_t b = 0; b + 1 < cells_.size(); ++b) {
    overlapping += cells_[b].overlap_delta;
    fn(static_cast<int64_t>(b), cells_[b].starting, cells_[b].within,
       static_cast<uint64_t>(overlapping));
  }
}

void GroupTimeCounts::Add(uint32_t group, const Placement& p) {
  if (p.starting >= 0) {
    TimeCell& c = cells_[Key(group, p.starting)];
    ++c.starting;
    if (p.within) ++c.within;
  }
  if (p.first <= p.last) {
    ++cells_[Key(group, p.first)].overlap_delta;
    --cells_[Key(group, p.last + 1)].overlap_delta;
  }
}

void GroupTimeCounts::ForEach(
    const std::function<void(uint32_t, int64_t, uint64_t, uint64_t, uint64_t)>& fn) const {
  std::vector<std::pair<uint64_t, TimeCell>> sorted(cells_.begin(), cells_.end());
  std::sort(sorted.begin(), sorted.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  constexpr uint64_t kMask = (uint64_t{1} << kBucketBits) - 1;
  int64_t overlapping = 0, previous = -1;
  uint32_t group = 0;
  for (const auto& [key, cell] : sorted) {
    const uint32_t g = static_cast<uint32_t>(key >> kBucketBits);
    const int64_t bucket = static_cast<int64_t>(key & kMask);
    if (g != group || previous < 0) {
      group = g;
      overlapping = 0;  // every group's deltas sum to zero
      previous = bucket - 1;
    }
    // Buckets between the cells: only events overlapping from before.
    for (int64_t b = previous + 1; overlapping > 0 && b < bucket; ++b) {
      fn(group, b, 0, 0, static_cast<uint64_t>(overlapping));
    }
    overlapping += cell.overlap_delta;
    if (overlapping > 0) {
      fn(group, bucket, cell.starting, cell.within, static_cast<uint64_t>(overlapping));
    }
    previous = bucket;
  }
}

}  // namespace annals::internal
