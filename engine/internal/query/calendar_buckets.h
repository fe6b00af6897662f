// Copyright: the Annals authors.
//
// Calendar buckets: the UTC periods of a time unit that overlap a range, as sorted boundaries, and
// their labels. Weeks are ISO 8601 (Monday to Sunday; the week-year is the year of its Thursday).
//
//   absl::StatusOr<BucketList> b = BucketList::Make(TimeUnit::kMonth, from_us, to_us);
//   b->Locate(t) is the bucket holding instant t (or -1 / size() outside);
//   b->Label(i) == "2024-10".
#ifndef ANNALS_INTERNAL_QUERY_CALENDAR_BUCKETS_H_
#define ANNALS_INTERNAL_QUERY_CALENDAR_BUCKETS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "annals/aggregate.h"

namespace annals::internal {

// The first µs of the bucket of `unit` holding instant `us` (saturating at kMinusInfinity).
int64_t BucketFloor(TimeUnit unit, int64_t us);
// The first µs after the bucket that starts at `start` (saturating at kPlusInfinity).
int64_t BucketNext(TimeUnit unit, int64_t start);
// The label of the bucket starting at `start`: 2024, 2024-Q4, 2024-10, 2024-W41, 2024-10-15,
// 2024-10-15T14. Years: at least four digits, negative years as -0043.
std::string BucketLabel(TimeUnit unit, int64_t start);

class BucketList {
 public:
  // The buckets overlapping [from, to). REQUIRES: from < to, both finite.
  // OutOfRange (suggesting a coarser unit or a narrower range) beyond kMaxBuckets.
  static absl::StatusOr<BucketList> Make(TimeUnit unit, int64_t from_us, int64_t to_us);

  int64_t size() const { return static_cast<int64_t>(bounds_.size()) - 1; }
  int64_t start(int64_t i) const { return bounds_[i]; }
  int64_t end(int64_t i) const { return bounds_[i + 1]; }
  // The bucket holding `us`: -1 before the first, size() at or after the end of the last.
  int64_t Locate(int64_t us) const;
  // The last bucket starting before `us` (-1 if none): the last one an event ending at `us`
  // overlaps.
  int64_t LastBefore(int64_t us) const;
  std::string Label(int64_t i) const { return BucketLabel(unit_, bounds_[i]); }

 private:
  TimeUnit unit_ = TimeUnit::kYear;
  std::vector<int64_t> bounds_;  // size() + 1 boundaries, strictly increasing
};

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_QUERY_CALENDAR_BUCKETS_H_
