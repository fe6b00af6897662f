// Copyright: the Annals authors.
#include "internal/storage/span_class.h"

#include <cassert>
#include <limits>

#include "annals/time.h"

namespace annals::internal {
namespace {

constexpr int64_t kSecondUs = 1'000'000;

// a - b, clamped to kMinusInfinity instead of overflowing. REQUIRES: b >= 0.
int64_t SaturatingSub(int64_t a, int64_t b) {
  return a < kMinusInfinity + b ? kMinusInfinity : a - b;
}

}  // namespace

int64_t MaxSpan(uint8_t k) {
  assert(k <= kMaxFiniteClass);
  // The last finite class has no upper bound: it holds every finite span longer than
  // MaxSpan(k - 1) (2,177 years), up to the ±290,000 years of the time model. Such spans are
  // rare, so its scan reaching back to -inf costs little.
  if (k == kMaxFiniteClass) return kPlusInfinity;
  return kSecondUs << (3 * k);
}

uint8_t SpanClass(int64_t start_us, int64_t end_us) {
  assert(start_us < end_us);
  if (end_us == kPlusInfinity) return kOpenEndClass;
  if (start_us == kMinusInfinity) return kOpenStartClass;
  // Finite ends may lie up to ~580,000 years apart, more than int64 holds as a difference: it is
  // taken unsigned (end > start, so it is exact).
  const uint64_t span = static_cast<uint64_t>(end_us) - static_cast<uint64_t>(start_us);
  uint8_t k = 0;
  while (k < kMaxFiniteClass && span > static_cast<uint64_t>(MaxSpan(k))) ++k;
  return k;
}

int64_t OrderTime(uint8_t span_class, int64_t start_us, int64_t end_us) {
  return span_class == kOpenStartClass ? end_us : start_us;
}

int64_t OtherTime(uint8_t span_class, int64_t start_us, int64_t end_us) {
  return span_class == kOpenStartClass ? start_us : end_us;
}

OrderRange ScanRange(uint8_t span_class, int64_t from_us, int64_t to_us) {
  if (span_class == kOpenEndClass) return {kMinusInfinity, to_us};
  if (span_class == kOpenStartClass) {
    // end > from  <=>  end >= from + 1; every such entry overlaps (its start is -inf < to),
    // unless to is -inf itself.
    if (from_us == kPlusInfinity || to_us == kMinusInfinity) return {0, 0};
    return {from_us + 1, kPlusInfinity};
  }
  return {SaturatingSub(from_us, MaxSpan(span_class)), to_us};
}

}  // namespace annals::internal
