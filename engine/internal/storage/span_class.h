// Copyright: the Annals authors.
//
// Span classes: how the indexes answer "which events overlap [from, to)" without scanning every
// event that began before `from`.
//
// Every index entry carries the span class of its event. For a finite span [start, end):
//   class k (0 <= k < kMaxFiniteClass) holds spans with length <= MaxSpan(k) = 1 s * 8^k
//   (and > MaxSpan(k-1)), ordered by start; class kMaxFiniteClass holds every longer finite span
//   (MaxSpan is +inf there: BCE and extended years make spans of up to ~580,000 years). An event
//   overlapping [from, to) in class k starts in [from - MaxSpan(k), to): one scan per class.
// Two classes hold open spans:
//   kOpenEndClass:   [start, +inf), ordered by start; overlaps iff start < to: scan [-inf, to).
//   kOpenStartClass: (-inf, end), ordered by END; overlaps iff end > from: scan [from + 1, +inf).
// On-disk format: class numbers and MaxSpan are stored in keys. Do not change.
#ifndef ANNALS_INTERNAL_STORAGE_SPAN_CLASS_H_
#define ANNALS_INTERNAL_STORAGE_SPAN_CLASS_H_

#include <cstdint>

namespace annals::internal {

inline constexpr uint8_t kMaxFiniteClass = 13;  // unbounded: every span over 8^12 s (2,177 years)
inline constexpr uint8_t kOpenEndClass = 14;
inline constexpr uint8_t kOpenStartClass = 15;
inline constexpr int kNumClasses = 16;

// Bit set of classes present under one index prefix.
using ClassMask = uint16_t;

// Longest span (µs) of finite class k; kPlusInfinity for kMaxFiniteClass. REQUIRES: k <=
// kMaxFiniteClass.
int64_t MaxSpan(uint8_t k);

// The class of span [start, end). REQUIRES: start < end; not both infinite.
uint8_t SpanClass(int64_t start_us, int64_t end_us);

// The time an index entry of this class is ordered by: `end` for kOpenStartClass, else `start`.
int64_t OrderTime(uint8_t span_class, int64_t start_us, int64_t end_us);

// The other end of the span, stored in the index value.
int64_t OtherTime(uint8_t span_class, int64_t start_us, int64_t end_us);

// Range of order times [lo, hi) that can overlap the query range [from, to) in this class.
// Overlap is the formula of Overlaps(), also when from >= to.
// Entries in range may still not overlap (finite classes: those ending <= from); see Overlaps.
struct OrderRange {
  int64_t lo;
  int64_t hi;  // exclusive; kPlusInfinity means "to the end of the class"
  bool empty() const { return lo >= hi; }
};
OrderRange ScanRange(uint8_t span_class, int64_t from_us, int64_t to_us);

// True iff [start, end) overlaps [from, to).
inline bool Overlaps(int64_t start_us, int64_t end_us, int64_t from_us, int64_t to_us) {
  return start_us < to_us && end_us > from_us;
}

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_STORAGE_SPAN_CLASS_H_
