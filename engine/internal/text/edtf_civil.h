// Copyright: the Annals authors.
//
// Conversions between microseconds since the Unix epoch (UTC) and abseil civil
// time, shared by the EDTF parser and formatter. UTC has no transitions, so a
// civil difference from the epoch is exact.
#ifndef ANNALS_INTERNAL_TEXT_EDTF_CIVIL_H_
#define ANNALS_INTERNAL_TEXT_EDTF_CIVIL_H_

#include <cstdint>

#include "absl/time/civil_time.h"

namespace annals::internal {

inline constexpr int64_t kMicrosPerSecond = 1000000;
inline constexpr int64_t kMicrosPerMillisecond = 1000;

// The accepted years, astronomical numbering (0 is 1 BCE): int64 microseconds
// hold about ±292,277 years, so every instant of these years and the end of the
// last one fit, even after an offset moves them by a day.
inline constexpr int64_t kMinYear = -290000;
inline constexpr int64_t kMaxYear = 290000;

// Rounds toward negative infinity. REQUIRES: d > 0.
inline constexpr int64_t FloorDiv(int64_t n, int64_t d) {
  const int64_t q = n / d;
  return (n % d < 0) ? q - 1 : q;
}

// Microseconds since the epoch of the first instant of `cs` in UTC.
// REQUIRES: the result fits in int64 (true for every year of roughly ±290,000).
inline int64_t MicrosFromCivil(absl::CivilSecond cs) {
  return (cs - absl::CivilSecond()) * kMicrosPerSecond;
}

// The UTC civil second containing `us`.
inline absl::CivilSecond CivilFromMicros(int64_t us) {
  return absl::CivilSecond() + FloorDiv(us, kMicrosPerSecond);
}

// Whether `us` can be the start of a stored date: it lies in an accepted year, or within the day
// an offset may move it across the first or last one.
inline bool IsAcceptedInstant(int64_t us) {
  const int64_t year = CivilFromMicros(us).year();
  return year >= kMinYear - 1 && year <= kMaxYear + 1;
}

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_TEXT_EDTF_CIVIL_H_
