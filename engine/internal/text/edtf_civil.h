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

// The representable years 0001-9999 as [kFirstValidUs, kEndValidUs):
// 0001-01-01T00:00:00Z and 10000-01-01T00:00:00Z (checked against abseil in
// time_test).
inline constexpr int64_t kFirstValidUs = -62135596800 * kMicrosPerSecond;
inline constexpr int64_t kEndValidUs = 253402300800 * kMicrosPerSecond;

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

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_TEXT_EDTF_CIVIL_H_
