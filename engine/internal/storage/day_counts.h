// Copyright: the Annals authors.
//
// Day counts: current events counted by UTC day, so that a calendar histogram over whole days
// reads one entry per (actor, start day, day span) instead of one index entry per event. Real event
// data is mostly dated to the day (every GDELT and ICEWS event): a monthly count of one actor over
// five years then reads at most ~1,800 entries however many events there are.
//
// Counted: every current event whose span is finite and in a span class up to
// kMaxDayCountedClass (at most 8^6 s, about three days, long), under each of its distinct actors,
// each pair of them (up to kMaxPairedActors actors), under actor 0 (every event) and its type (0: none; type keys are ordered by day first,
// so that counting by type over a range reads the days of the range). Such an event [start, end) is kept as its start day
// DayOf(start) and its last day DayOf(end - 1): for any range and buckets whose bounds are whole
// UTC days, the two days decide overlap, containment and the bucket (query/day_count_scan.h).
// The longer classes stay in the indexes only. Keys and values: format.h. The writer adds each
// commit's deltas as merge operands; DayCountMergeOperator adds them up.
#ifndef ANNALS_INTERNAL_STORAGE_DAY_COUNTS_H_
#define ANNALS_INTERNAL_STORAGE_DAY_COUNTS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "internal/storage/format.h"
#include "internal/storage/index_entries.h"
#include "internal/storage/span_class.h"
#include "rocksdb/merge_operator.h"

namespace annals::internal {

inline constexpr int64_t kDayUs = int64_t{86'400} * 1'000'000;
inline constexpr uint8_t kMaxDayCountedClass = 6;
// The span classes day counts answer for.
inline constexpr ClassMask kDayCountedClasses = (1u << (kMaxDayCountedClass + 1)) - 1;

// The UTC day (since 1970-01-01) holding instant `us`: floor division.
inline int64_t DayOf(int64_t us) { return us / kDayUs - (us % kDayUs < 0 ? 1 : 0); }

// Pairs of actors are counted for events with at most this many distinct actors (28 pairs); the
// current events with more are counted in meta (kMetaCrowdedEvents), and pair counts are used
// only while there are none.
inline constexpr size_t kMaxPairedActors = 8;

// True iff the finite span [start, end) is day-counted.
inline bool IsDayCounted(int64_t start_us, int64_t end_us) {
  return start_us != kMinusInfinity && end_us != kPlusInfinity &&
         SpanClass(start_us, end_us) <= kMaxDayCountedClass;
}

// Calls fn(DayCountId) for every day count that event `s` adds one to (none unless it is
// day-counted); `actors` is GroupActorRoles(s).
template <typename Fn>
void ForEachDayCount(const StoredEvent& s, const std::vector<ActorRoles>& actors, Fn&& fn) {
  const int64_t start = s.event.time.start_us(), end = s.event.time.end_us();
  if (!IsDayCounted(start, end)) return;
  const int64_t first = DayOf(start);
  const uint8_t span = static_cast<uint8_t>(DayOf(end - 1) - first);
  fn(DayCountId{kActorDayTag, 0, 0, first, span});
  for (const ActorRoles& a : actors) fn(DayCountId{kActorDayTag, a.actor, 0, first, span});
  if (actors.size() <= kMaxPairedActors) {
    for (size_t i = 0; i < actors.size(); ++i) {
      for (size_t j = i + 1; j < actors.size(); ++j) {
        fn(DayCountId{kPairDayTag, actors[i].actor, actors[j].actor, first, span});
      }
    }
  }
  fn(DayCountId{kTypeDayTag, s.type_number, 0, first, span});
}

// Adds i64 counts (format.h); an operand or value that is not one i64 fails the merge (a
// corruption error on read).
std::shared_ptr<rocksdb::MergeOperator> DayCountMergeOperator();

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_STORAGE_DAY_COUNTS_H_
