// Copyright: the Annals authors.
#include "internal/text/edtf_unspecified.h"

#include <algorithm>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace annals::internal {
namespace {

// How many of the trailing X digits fall in the year, month and day.
struct DigitSplit {
  int year = 0;
  int month = 0;
  int day = 0;
};

DigitSplit Split(Precision precision, int digits) {
  DigitSplit s;
  if (precision == Precision::kDay) {
    s.day = std::min(digits, 2);
    digits -= s.day;
  }
  if (precision != Precision::kYear) {
    s.month = std::min(digits, 2);
    digits -= s.month;
  }
  s.year = digits;
  return s;
}

// Proleptic Gregorian, any year (astronomical numbering). REQUIRES: 1 <= month <= 12.
int DaysInMonth(int64_t year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// The value of chars with X read as `fill`.
int64_t Value(std::string_view chars, char fill) {
  int64_t v = 0;
  for (char c : chars) v = v * 10 + ((c == 'X' ? fill : c) - '0');
  return v;
}

absl::string_view AbslView(std::string_view s) { return absl::string_view(s.data(), s.size()); }

absl::Status Invalid(std::string_view reason) {
  return absl::InvalidArgumentError(std::string(reason));
}

absl::StatusOr<int64_t> FirstYear(bool negative, std::string_view chars) {
  if (negative && chars == "0000") {
    return Invalid("year -0000 does not exist (0000 is 1 BCE)");
  }
  return negative ? -Value(chars, '9') : Value(chars, '0');
}

absl::Status MonthError(std::string_view chars) {
  const int64_t month = Value(chars, '0');
  if (month >= 21 && month <= 24) {
    return Invalid(
        absl::StrCat("seasons (month 21-24) are not supported: month ", AbslView(chars)));
  }
  if (month >= 25 && month <= 41) {
    return Invalid(absl::StrCat(
        "seasons, quarters and halves (month 25-41, EDTF level 2) are not supported: month ",
        AbslView(chars)));
  }
  return Invalid(absl::StrCat("month ", AbslView(chars), " out of range"));
}

absl::StatusOr<int> FirstMonth(std::string_view chars) {
  if (chars == "XX" || chars == "0X") return 1;
  if (chars == "1X") return 10;
  const int64_t month = Value(chars, '0');
  if (chars[1] == 'X' || month < 1 || month > 12) return MonthError(chars);
  return static_cast<int>(month);
}

// YYYY-MM as written: 4 year digits with `-` before year 0000.
std::string YearMonth(int64_t year, int month) {
  return absl::StrFormat("%s%04d-%02d", year < 0 ? "-" : "", year < 0 ? -year : year, month);
}

absl::StatusOr<int> FirstDay(std::string_view chars, int64_t year, int month) {
  const int last = DaysInMonth(year, month);
  const int day = chars == "0X" || chars == "XX" ? 1 : static_cast<int>(Value(chars, '0'));
  if (day >= 1 && day <= last) return day;
  if (chars[1] == 'X') {
    return Invalid(
        absl::StrCat("no day of ", YearMonth(year, month), " matches ", AbslView(chars)));
  }
  if (day == 0 || day > 31) {
    return Invalid(
        absl::StrCat("day ", AbslView(chars), " out of range for ", YearMonth(year, month)));
  }
  const std::string ym = YearMonth(year, month);
  return Invalid(
      absl::StrFormat("%s-%02d is not a date: day %02d out of range for %s", ym, day, day, ym));
}

}  // namespace

absl::StatusOr<ResolvedCalendar> ResolveCalendar(const WrittenCalendar& w) {
  const std::string_view c = w.chars;
  const size_t first_x = c.find('X');
  if (first_x != std::string_view::npos && c.find_first_not_of('X', first_x) != c.npos) {
    return Invalid(
        "unspecified digits (X) before a known digit are EDTF level 2, not supported: only "
        "trailing digits may be X (199X, 2024-1X, 1985-04-XX)");
  }
  ResolvedCalendar r;
  r.unspecified_digits = first_x == c.npos ? 0 : static_cast<int>(c.size() - first_x);
  absl::StatusOr<int64_t> year = FirstYear(w.negative, c.substr(0, 4));
  if (!year.ok()) return year.status();
  int month = 1;
  int day = 1;
  if (c.size() >= 6) {
    absl::StatusOr<int> m = FirstMonth(c.substr(4, 2));
    if (!m.ok()) return m.status();
    month = *m;
  }
  if (c.size() == 8) {
    absl::StatusOr<int> d = FirstDay(c.substr(6, 2), *year, month);
    if (!d.ok()) return d.status();
    day = *d;
  }
  r.year = *year;
  r.month = month;
  r.day = day;
  return r;
}

absl::CivilDay LastUnspecifiedValue(absl::CivilDay first, Precision precision,
                                    int unspecified_digits) {
  const DigitSplit x = Split(precision, unspecified_digits);
  int64_t power = 1;
  for (int i = 0; i < x.year; ++i) power *= 10;
  const int64_t year = first.year() + power - 1;
  int month = first.month();
  if (x.month == 2 || (x.month == 1 && month == 10)) month = 12;
  if (x.month == 1 && month == 1) month = 9;
  if (precision != Precision::kDay) return absl::CivilDay(year, month, 1);
  const int last = DaysInMonth(year, month);
  int day = first.day();
  if (x.day == 2) day = last;
  if (x.day == 1) day = std::min(day - day % 10 + 9, last);
  return absl::CivilDay(year, month, day);
}

bool IsValidUnspecified(const Date& date) {
  switch (date.precision) {
    case Precision::kYear:
      return date.unspecified_digits <= 4;
    case Precision::kMonth:
      return date.unspecified_digits <= 6;
    case Precision::kDay:
      return date.unspecified_digits <= 8;
    default:
      return date.unspecified_digits == 0;
  }
}

}  // namespace annals::internal
