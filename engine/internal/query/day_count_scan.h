// Copyright: the Annals authors.
//
// Counts from day counts (storage/day_counts.h). For a calendar histogram of everything, of one
// actor or of a pair by a unit of a day or more, for a count by type of everything, and for
// `query --count`, over a range whose sides are whole UTC days (or not given), the day-counted span
// classes are read from day_counts, one entry per (class, start day, day span[, type]), and only
// the longer and open classes from the index. Every bucket bound is then a day bound, so an event
// [start, end) is placed exactly as its surrogate span [start day, last day + 1): the same
// buckets, the same overlap with the range and the same containment.
#ifndef ANNALS_INTERNAL_QUERY_DAY_COUNT_SCAN_H_
#define ANNALS_INTERNAL_QUERY_DAY_COUNT_SCAN_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "annals/aggregate.h"
#include "annals/query.h"
#include "internal/query/index_stream.h"
#include "internal/storage/format.h"
#include "rocksdb/iterator.h"

namespace annals::internal {

struct DayCountPlan {
  bool by_type = false;   // false: a histogram of `actor` (and `other`)
  uint32_t actor = 0;     // 0: every event
  uint32_t other = 0;     // not 0: the events of the pair (actor < other)
  ClassMask classes = 0;  // the day-counted classes to read (those the events can be in)
  int64_t from_day = 0;   // INT64_MIN: no --from
  int64_t to_day = 0;     // exclusive; INT64_MAX: no --to
  bool within = false;
};

// The plan when day counts can answer `query` grouped by `grouping`, else nullopt. Always: current
// data (no as-of), no any-of actors, types or text, each side of the range a day bound or not
// given.
// Then either a time key of a day or more, no group key and at most two actors (without roles
// and without aliases; two only while no current event has more actors than day counts pair;
// nullopt for an actor nothing names), or the type key alone and no actor.
absl::StatusOr<std::optional<DayCountPlan>> PlanDayCounts(const ScanContext& ctx,
                                                          const Query& query,
                                                          const Grouping& grouping);

// Calls fn(type, start, end, n) for each non-zero day count that matches the plan's range (which
// must be ctx's: PlannedQuery::Plan sets it), with
// the surrogate span [start day, last day + 1) in µs (type: 0 for a histogram). Counts each entry
// read in ctx.counters.
absl::Status ReadDayCounts(const ScanContext& ctx, const DayCountPlan& plan,
                           const std::function<void(uint32_t, int64_t, int64_t, uint64_t)>& fn);

// Calls fn(id, count) for each day count of span class `cls` from key `from_key` up to (not
// including) `end_key` whose count is above zero, through `it` (an iterator over day_counts);
// counts each entry read in ctx.counters. DataLoss for a damaged entry.
absl::Status ScanDayCounts(const ScanContext& ctx, rocksdb::Iterator* it, uint8_t cls,
                           const std::string& from_key, const std::string& end_key,
                           const std::function<void(const DayCountId&, int64_t)>& fn);

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_QUERY_DAY_COUNT_SCAN_H_
