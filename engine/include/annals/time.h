// Copyright: the Annals authors.
//
// The time model: a subset of EDTF (ISO 8601-2) turned into half-open spans of microseconds UTC.
//
//   absl::StatusOr<annals::EventTime> t = annals::ParseTime("2017-01-20/2021-01-20");
//   t->start_us();   // 2017-01-20T00:00:00Z in microseconds since the epoch
//   t->end_us();     // 2021-01-21T00:00:00Z: the end of the second date's day
//   annals::FormatTime(*t) == "2017-01-20/2021-01-20"
//
// Accepted forms (each date may end in a qualifier `~` approximate, `?` uncertain, `%` both):
//   year 2024, month 2024-10, day 2024-11-05, minute 2024-11-05T14:00Z, second
//   2024-11-05T14:00:07Z, fraction 2024-11-05T14:00:07.25+01:00 (1-3 digits: milliseconds, 4-6:
//   microseconds), interval A/B, open end A/.., open start ../B. A time of day without offset is
//   UTC. Years 0001-9999.
//
// Thread safety: every function here is pure and safe to call from any thread.
#ifndef ANNALS_TIME_H_
#define ANNALS_TIME_H_

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace annals {

// Open ends of a span. On-disk format: do not change.
inline constexpr int64_t kMinusInfinity = std::numeric_limits<int64_t>::min();
inline constexpr int64_t kPlusInfinity = std::numeric_limits<int64_t>::max();

// On-disk format (stored in records): do not renumber.
enum class Precision : uint8_t {
  kYear = 0,
  kMonth = 1,
  kDay = 2,
  kMinute = 3,
  kSecond = 4,
  kMillisecond = 5,
  kMicrosecond = 6,
};

// Qualifier bits. On-disk format: do not change. `%` is both bits.
inline constexpr uint8_t kApproximate = 1;  // `~`
inline constexpr uint8_t kUncertain = 2;    // `?`

// One EDTF date: the period of its precision that begins at `start_us` (UTC).
// Invariant (kept by ParseDate): start_us is the first microsecond of a period of `precision`.
struct Date {
  int64_t start_us = 0;
  Precision precision = Precision::kDay;
  uint8_t qualifiers = 0;

  // The first microsecond after the period (exclusive end).
  int64_t end_us() const;

  friend bool operator==(const Date&, const Date&) = default;
};

// The time of an event: a single date, or an interval whose ends may be open.
//   single date:  first set,   second unset,  is_interval false
//   A/B:          first set,   second set,    is_interval true
//   A/..:         first set,   second unset,  is_interval true
//   ../B:         first unset, second set,    is_interval true
struct EventTime {
  std::optional<Date> first;
  std::optional<Date> second;
  bool is_interval = false;

  // The half-open span [start_us(), end_us()) the event covers.
  // Open start gives kMinusInfinity; open end gives kPlusInfinity.
  int64_t start_us() const;
  int64_t end_us() const;

  friend bool operator==(const EventTime&, const EventTime&) = default;
};

// Parses one date (no interval). Returns InvalidArgument quoting `text` and saying what is wrong,
// e.g. `invalid time "2024-13": month 13 out of range`, `invalid time "2024-02-30": not a date`.
absl::StatusOr<Date> ParseDate(std::string_view text);

// Parses a date or an interval. Errors as ParseDate, plus `interval ends before it starts`.
absl::StatusOr<EventTime> ParseTime(std::string_view text);

// Canonical text: precision and qualifiers kept, times of day in UTC with `Z`,
// fractions as 3 (ms) or 6 (µs) digits. ParseDate(FormatDate(d)) == d.
std::string FormatDate(const Date& date);
// ParseTime(FormatTime(t)) == t.
std::string FormatTime(const EventTime& time);

// A microsecond instant as a UTC timestamp with microseconds, e.g. "2024-11-05T14:00:07.250000Z";
// kMinusInfinity / kPlusInfinity give "..".
std::string FormatInstant(int64_t us);

}  // namespace annals

#endif  // ANNALS_TIME_H_
