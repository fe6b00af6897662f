// Copyright: the Annals authors.
//
// The time model: a subset of EDTF (ISO 8601-2) turned into half-open spans of microseconds UTC.
//
//   absl::StatusOr<annals::EventTime> t = annals::ParseTime("2017-01-20/2021-01-20");
//   t->start_us();   // 2017-01-20T00:00:00Z in microseconds since the epoch
//   t->end_us();     // 2021-01-21T00:00:00Z: the end of the second date's day
//   annals::FormatTime(*t) == "2017-01-20/2021-01-20"
//
// Accepted forms: EDTF level 0 and the level-1 forms event data uses (spec/FORMAT.md section 2).
//   year 2024, month 2024-10, day 2024-11-05, minute 2024-11-05T14:00Z, second
//   2024-11-05T14:00:07Z, fraction 2024-11-05T14:00:07.25+01:00 (1-3 digits: milliseconds, 4-6:
//   microseconds); each date may end in a qualifier `~` approximate, `?` uncertain, `%` both.
//   Years: 0000-9999 and -9999..-0001 with 4 digits (astronomical numbering, proleptic Gregorian:
//   0000 is 1 BCE), and extended years Y-290000..Y-10000, Y10000..Y290000 (year precision only).
//   Unspecified digits: trailing digits of the date written `X` (199X, 19XX, XXXX, 2024-1X,
//   1985-04-XX, 2016-XX-XX) cover every value they can take: 199X is [1990-01-01, 2000-01-01).
//   Intervals: A/B, open end A/.., open start ../B, unknown end A/, unknown start /B.
//   A time of day without offset is UTC; offsets lie in -12:00..+14:00 and -00:00 is refused.
// Refused with a message naming the feature: seasons (2001-21), level 2 (sets, lists,
// per-component qualifiers, exponential years, significant digits, X before a known digit),
// `../..` and `/` (no known end).
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
// Unspecified digits: the last `unspecified_digits` digits of the calendar date as written (year,
// month and day up to `precision`, e.g. 2016-XX-XX has 4) were `X`. `start_us` is then the start of
// the earliest value they can take and end_us() the end of the latest: 199X covers 1990-1999.
// Only year, month and day precision carry them (at most 4, 6 and 8 digits).
struct Date {
  int64_t start_us = 0;
  Precision precision = Precision::kDay;
  uint8_t qualifiers = 0;
  uint8_t unspecified_digits = 0;

  // The first microsecond after the period (exclusive end).
  int64_t end_us() const;

  friend bool operator==(const Date&, const Date&) = default;
};

// The time of an event: a single date, or an interval whose ends may be open or unknown.
//   single date:  first set,   second unset,  is_interval false
//   A/B:          first set,   second set,    is_interval true
//   A/..:         first set,   second unset,  is_interval true
//   ../B:         first unset, second set,    is_interval true
//   A/ (unknown end):   as A/.. with end_unknown true
//   /B (unknown start): as ../B with start_unknown true
// An unknown end spans like an open one ([A, +inf)): the event may reach any time on that side.
// The flags only change how the time is shown; they are false unless that side is unset.
struct EventTime {
  std::optional<Date> first;
  std::optional<Date> second;
  bool is_interval = false;
  bool start_unknown = false;
  bool end_unknown = false;

  // The half-open span [start_us(), end_us()) the event covers.
  // Open or unknown start gives kMinusInfinity; open or unknown end gives kPlusInfinity.
  int64_t start_us() const;
  int64_t end_us() const;

  // True when the event has no known bound on that side (`..` or unknown). A range query that
  // requires containment (`--within`) must not match such an event unless the range itself is
  // open on that side.
  bool start_open() const { return is_interval && !first; }
  bool end_open() const { return is_interval && !second; }

  friend bool operator==(const EventTime&, const EventTime&) = default;
};

// Parses one date (no interval). Returns InvalidArgument quoting `text` and saying what is wrong,
// e.g. `invalid time "2024-13": month 13 out of range`, `invalid time "2001-21": seasons (month
// 21-24) are not supported`.
absl::StatusOr<Date> ParseDate(std::string_view text);

// Parses a date or an interval. Errors as ParseDate, plus `interval ends before it starts` and
// refusals of `../..` and `/`.
absl::StatusOr<EventTime> ParseTime(std::string_view text);

// Canonical text: precision, qualifiers and X digits kept, years as 4 digits with `-` before
// 0000 (-0043) and with `Y` beyond (Y-20000), times of day in UTC with `Z`, fractions as 3 (ms) or
// 6 (µs) digits. ParseDate(FormatDate(d)) == d for every d ParseDate returns.
std::string FormatDate(const Date& date);
// Unknown ends are shown empty (`2024-10/`), open ones as `..`. ParseTime(FormatTime(t)) == t.
std::string FormatTime(const EventTime& time);

// A microsecond instant as a UTC timestamp with microseconds, e.g. "2024-11-05T14:00:07.250000Z";
// years before 0000 as -0044-03-15T..., years beyond 4 digits with a sign (+20000-01-01T..., ISO
// 8601 expanded); kMinusInfinity / kPlusInfinity give "..".
std::string FormatInstant(int64_t us);

}  // namespace annals

#endif  // ANNALS_TIME_H_
