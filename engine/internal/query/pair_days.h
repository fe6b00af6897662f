// Copyright: the Annals authors.
//
// PairDays: the days on which two actors share an event, read from their pair day counts
// (storage/day_counts.h), so that an all-of query skips the candidates of its driving actor that
// cannot involve the other one without looking the other one up.
//
// The driving actor's candidates are tested by an exact by_actor lookup each (membership_filter);
// most fail, and a pair of actors shares far fewer days than either has events. A candidate whose
// span is day-counted (finite, class <= kMaxDayCountedClass) involves both actors only if the
// pair's count for its (span class, start day, day span) is above zero, so a candidate outside
// that set is rejected from memory, and the driver's scan of each such class seeks from day to
// shared day instead of reading every entry between (index_scan.cc). The set is read once per
// query: one seek per span class the pair can share and one entry per such (class, start day,
// day span) in the range, each counted in QueryCounters::index_entries_scanned. Longer and open
// spans are not counted by day and are always looked up.
//
// Usable only where day counts are complete and current: no as-of reading, and no current event
// with more distinct actors than day counts pair (kMetaCrowdedEvents is zero).
#ifndef ANNALS_INTERNAL_QUERY_PAIR_DAYS_H_
#define ANNALS_INTERNAL_QUERY_PAIR_DAYS_H_

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "internal/query/index_stream.h"
#include "internal/storage/day_counts.h"
#include "internal/storage/span_class.h"

namespace annals::internal {

class PairDays {
 public:
  // The shared days of actors `a` and `b` (different numbers) in the span classes `classes` (the
  // classes both actors' entries can be in) over the starts ctx's range can match, or nullopt
  // when day counts cannot say (as-of, crowded events).
  static absl::StatusOr<std::optional<PairDays>> Read(const ScanContext& ctx, uint32_t a,
                                                      uint32_t b, ClassMask classes);

  // False only when the event of `h` certainly does not involve both actors. REQUIRES: `h` is
  // a hit of a scan over ctx's range.
  bool MayInvolveBoth(const Hit& h) const;

  // The start days of class `cls` on which the pair shares an event, ascending; nullptr when the
  // class was not read (any day may hold one).
  const std::vector<int64_t>* StartDays(uint8_t cls) const {
    return cls <= kMaxDayCountedClass && (read_ & (1u << cls)) != 0 ? &start_days_[cls] : nullptr;
  }

 private:
  explicit PairDays(ClassMask read) : read_(read) {}

  static uint64_t Key(uint8_t span_class, int64_t start_day, int64_t span_days);

  ClassMask read_;  // the day-counted classes read: a hit of another class may pass
  absl::flat_hash_set<uint64_t> days_;
  std::array<std::vector<int64_t>, kMaxDayCountedClass + 1> start_days_;
};

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_QUERY_PAIR_DAYS_H_
