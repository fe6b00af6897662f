// Copyright: the Annals authors.
#include "annals/time.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "internal/text/edtf_civil.h"
#include "internal/text/edtf_parser.h"
#include "internal/text/edtf_unspecified.h"
#include "internal/util/status_macros.h"

namespace annals {
namespace {

using internal::CivilFromMicros;
using internal::FloorDiv;
using internal::kMicrosPerMillisecond;
using internal::kMicrosPerSecond;
using internal::MicrosFromCivil;

// The start of the `Period` (an abseil civil type) after the one containing
// `us`.
template <typename Period>
int64_t NextPeriodStart(int64_t us) {
  const Period period(CivilFromMicros(us));
  return MicrosFromCivil(absl::CivilSecond(period + 1));
}

char* PutDigits(char* p, int64_t value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    p[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return p + width;
}

// Four digits with `-` before year 0000 (-0043); beyond four digits, the year
// with the prefix `Y` (EDTF extended year, `extended` true) or a sign (ISO 8601
// expanded year).
char* PutYear(char* p, int64_t year, bool extended) {
  if (year >= -9999 && year <= 9999) {
    if (year < 0) *p++ = '-';
    return PutDigits(p, year < 0 ? -year : year, 4);
  }
  if (extended) {
    *p++ = 'Y';
  } else if (year > 0) {
    *p++ = '+';
  }
  return std::to_chars(p, p + 24, year).ptr;
}

// Rewrites the last `count` digits before `end` as X (the date's unspecified
// digits; the `-` separators stay).
void PutUnspecified(char* end, int count) {
  for (char* q = end - 1; count > 0; --q) {
    if (*q >= '0' && *q <= '9') {
      *q = 'X';
      --count;
    }
  }
}

// Writes `us` with precision `precision` (times of day as UTC with `Z`);
// returns the end. REQUIRES: room for 48 chars at p.
char* PutInstant(char* p, int64_t us, Precision precision) {
  const absl::CivilSecond cs = CivilFromMicros(us);
  p = PutYear(p, cs.year(), precision == Precision::kYear);
  if (precision == Precision::kYear) return p;
  *p++ = '-';
  p = PutDigits(p, cs.month(), 2);
  if (precision == Precision::kMonth) return p;
  *p++ = '-';
  p = PutDigits(p, cs.day(), 2);
  if (precision == Precision::kDay) return p;
  *p++ = 'T';
  p = PutDigits(p, cs.hour(), 2);
  *p++ = ':';
  p = PutDigits(p, cs.minute(), 2);
  if (precision != Precision::kMinute) {
    *p++ = ':';
    p = PutDigits(p, cs.second(), 2);
    const int64_t remainder = us % kMicrosPerSecond;  // never overflows, unlike floor * divisor
    const int64_t micros = remainder < 0 ? remainder + kMicrosPerSecond : remainder;
    if (precision == Precision::kMillisecond) {
      *p++ = '.';
      p = PutDigits(p, micros / kMicrosPerMillisecond, 3);
    } else if (precision == Precision::kMicrosecond) {
      *p++ = '.';
      p = PutDigits(p, micros, 6);
    }
  }
  *p++ = 'Z';
  return p;
}

char* PutDate(char* p, const Date& date) {
  p = PutInstant(p, date.start_us, date.precision);
  PutUnspecified(p, date.unspecified_digits);
  switch (date.qualifiers & (kApproximate | kUncertain)) {
    case kApproximate:
      *p++ = '~';
      break;
    case kUncertain:
      *p++ = '?';
      break;
    case kApproximate | kUncertain:
      *p++ = '%';
      break;
  }
  return p;
}

// The end of the latest period a date with X digits can denote.
int64_t UnspecifiedEnd(const Date& date) {
  const absl::CivilDay last = internal::LastUnspecifiedValue(
      absl::CivilDay(CivilFromMicros(date.start_us)), date.precision, date.unspecified_digits);
  switch (date.precision) {
    case Precision::kYear:
      return MicrosFromCivil(absl::CivilSecond(absl::CivilYear(last) + 1));
    case Precision::kMonth:
      return MicrosFromCivil(absl::CivilSecond(absl::CivilMonth(last) + 1));
    default:
      return MicrosFromCivil(absl::CivilSecond(last + 1));
  }
}

}  // namespace

int64_t Date::end_us() const {
  if (unspecified_digits > 0) return UnspecifiedEnd(*this);
  switch (precision) {
    case Precision::kYear:
      return NextPeriodStart<absl::CivilYear>(start_us);
    case Precision::kMonth:
      return NextPeriodStart<absl::CivilMonth>(start_us);
    case Precision::kDay:
      return NextPeriodStart<absl::CivilDay>(start_us);
    case Precision::kMinute:
      return NextPeriodStart<absl::CivilMinute>(start_us);
    case Precision::kSecond:
      return NextPeriodStart<absl::CivilSecond>(start_us);
    case Precision::kMillisecond:
      return (FloorDiv(start_us, kMicrosPerMillisecond) + 1) * kMicrosPerMillisecond;
    case Precision::kMicrosecond:
      break;
  }
  return start_us == kPlusInfinity ? kPlusInfinity : start_us + 1;
}

int64_t EventTime::start_us() const { return first ? first->start_us : kMinusInfinity; }

int64_t EventTime::end_us() const {
  const std::optional<Date>& last = is_interval ? second : first;
  return last ? last->end_us() : kPlusInfinity;
}

absl::StatusOr<Date> ParseDate(std::string_view text) {
  return internal::ParseDateRange(text, 0, text.size());
}

absl::StatusOr<EventTime> ParseTime(std::string_view text) {
  const size_t slash = text.find('/');
  if (slash == std::string_view::npos) {
    ASSIGN_OR_RETURN(const Date date, ParseDate(text));
    return EventTime{date, std::nullopt, false};
  }
  const std::string_view a = text.substr(0, slash);
  const std::string_view b = text.substr(slash + 1);
  const bool a_known = !a.empty() && a != "..";
  const bool b_known = !b.empty() && b != "..";
  if (!a_known && !b_known) {
    return internal::InvalidTime(
        text, "an interval needs at least one date (../.., / and their mixes are not supported)");
  }
  // `..` followed by more text: point at what follows, not at the dots.
  for (const size_t begin : {size_t{0}, slash + 1}) {
    const std::string_view end = begin == 0 ? a : b;
    if (end.size() > 2 && end.substr(0, 2) == "..") {
      return internal::InvalidTime(
          text, absl::StrCat("unexpected character '",
                             absl::CHexEscape(absl::string_view(end.data() + 2, 1)),
                             "' at position ", begin + 3));
    }
  }
  EventTime result{std::nullopt, std::nullopt, true, a.empty(), b.empty()};
  if (a_known) {
    ASSIGN_OR_RETURN(result.first, internal::ParseDateRange(text, 0, slash));
  }
  if (b_known) {
    ASSIGN_OR_RETURN(result.second, internal::ParseDateRange(text, slash + 1, text.size()));
  }
  if (result.first && result.second && result.second->end_us() <= result.first->start_us) {
    return internal::InvalidTime(text, "interval ends before it starts");
  }
  return result;
}

std::string FormatDate(const Date& date) {
  char buf[64];
  return std::string(buf, PutDate(buf, date));
}

std::string FormatTime(const EventTime& time) {
  char buf[128];
  char* p = buf;
  if (time.first) {
    p = PutDate(p, *time.first);
  } else if (!time.start_unknown) {
    p = std::copy_n("..", 2, p);
  }
  if (time.is_interval) {
    *p++ = '/';
    if (time.second) {
      p = PutDate(p, *time.second);
    } else if (!time.end_unknown) {
      p = std::copy_n("..", 2, p);
    }
  }
  return std::string(buf, p);
}

std::string FormatInstant(int64_t us) {
  if (us == kMinusInfinity || us == kPlusInfinity) return "..";
  char buf[64];
  return std::string(buf, PutInstant(buf, us, Precision::kMicrosecond));
}

}  // namespace annals
