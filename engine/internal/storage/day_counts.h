// Copyright: the Annals authors.
//
// Day counts: current events counted by UTC day, so that a calendar histogram over whole days
// reads one entry per (actor, span class, start day, day span) instead of one index entry per
// event. Real event data is dated to the day, the month or the year: a monthly count of one
// actor over five years then reads a few thousand entries however many events there are.
//
// Counted: every current event whose span is finite and in a span class up to
// kMaxDayCountedClass (at most 8^9 s, about four years, long), under each of its distinct actors,
// each pair of them (up to kMaxPairedActors actors), actor 0 (every event) and its type (0:
// none; type keys are ordered by day before type, so that counting by type over a range reads the
// days of the range). Such an event [start, end) is kept as its start day DayOf(start) and its
// last day DayOf(end - 1): for any range and buckets whose bounds are whole UTC days, the two
// days decide overlap, containment and the bucket (query/day_count_scan.h). Keyed by span class
// like the index, so that a range reads, per class, only the days an event of that class could
// start on. The longer and the open classes stay in the indexes only. Keys and values: format.h.
// The writer adds each commit's deltas as merge operands; DayCountMergeOperator adds them up.
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
inline constexpr uint8_t kMaxDayCountedClass = 9;
// The span classes day counts answer for.
inline constexpr ClassMask kDayCountedClasses = (1u << (kMaxDayCountedClass + 1)) - 1;

// Pairs of actors are counted for events with at most this many distinct actors (28 pairs); the
// current events with more are counted in meta (kMetaCrowdedEvents), and pair counts are used
// only while there are none.
inline constexpr size_t kMaxPairedActors = 8;

// The UTC day (since 1970-01-01) holding instant `us`: floor division.
inline int64_t DayOf(int64_t us) { return us / kDayUs - (us % kDayUs < 0 ? 1 : 0); }

// The most days the last day of a span of class k (<= kMaxDayCountedClass) lies after its first:
// a span of at most MaxSpan(k) starting a microsecond before midnight.
inline int64_t MaxSpanDays(uint8_t k) { return (kDayUs - 1 + MaxSpan(k) - 1) / kDayUs; }

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
  const uint8_t cls = SpanClass(start, end);
  const int64_t first = DayOf(start);
  const uint16_t days = static_cast<uint16_t>(DayOf(end - 1) - first);
  fn(DayCountId{kActorDayTag, 0, 0, cls, first, days});
  for (const ActorRoles& a : actors) fn(DayCountId{kActorDayTag, a.actor, 0, cls, first, days});
  if (actors.size() <= kMaxPairedActors) {
    for (size_t i = 0; i < actors.size(); ++i) {
      for (size_t j = i + 1; j < actors.size(); ++j) {
        fn(DayCountId{kPairDayTag, actors[i].actor, actors[j].actor, cls, first, days});
      }
    }
  }
  fn(DayCountId{kTypeDayTag, s.type_number, 0, cls, first, days});
}

// Adds counts (format.h); an operand or value that is not one count fails the merge (a
// corruption error on read).
std::shared_ptr<rocksdb::MergeOperator> DayCountMergeOperator();

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_STORAGE_DAY_COUNTS_H_
