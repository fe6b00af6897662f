// Copyright: the Annals authors.
#include "internal/query/match_range.h"

#include <algorithm>

namespace annals::internal {
namespace {

constexpr OrderRange kNothing{0, 0};

// The shortest span class `cls` holds (µs).
int64_t MinSpan(uint8_t cls) { return cls == 0 ? 1 : MaxSpan(cls - 1) + 1; }

// Order times (= starts) of finite class `cls` within [from, to): start >= from and
// start + MinSpan <= to.
OrderRange FiniteWithin(uint8_t cls, int64_t from, int64_t to) {
  if (to == kPlusInfinity) return {from, kPlusInfinity};
  const int64_t min_span = MinSpan(cls);
  if (from != kMinusInfinity && to - from < min_span) return kNothing;
  if (to < kMinusInfinity + min_span) return kNothing;
  return {from, to - min_span + 1};
}

}  // namespace

OrderRange MatchRange(uint8_t cls, const ScanContext& ctx) {
  if (!ctx.within) return ScanRange(cls, ctx.from_us, ctx.to_us);
  const int64_t from = ctx.from_us, to = ctx.to_us;
  if (from >= to) return kNothing;
  if (cls == kOpenEndClass) {
    return to == kPlusInfinity ? OrderRange{from, kPlusInfinity} : kNothing;
  }
  if (cls == kOpenStartClass) {  // ordered by end: end <= to
    if (from != kMinusInfinity) return kNothing;
    return {kMinusInfinity, to == kPlusInfinity ? kPlusInfinity : to + 1};
  }
  return FiniteWithin(cls, from, to);
}

}  // namespace annals::internal
