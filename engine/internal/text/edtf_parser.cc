// Copyright: the Annals authors.
#include "internal/text/edtf_parser.h"

#include <cstdint>
#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "internal/text/edtf_civil.h"
#include "internal/text/edtf_unspecified.h"
#include "internal/util/status_macros.h"

namespace annals::internal {
namespace {

absl::string_view AbslView(std::string_view s) { return absl::string_view(s.data(), s.size()); }

// A date as written, before conversion to UTC.
struct Fields {
  int64_t year = 0;
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int micros = 0;
  int offset_minutes = 0;  // East of UTC.
  Precision precision = Precision::kYear;
  uint8_t qualifiers = 0;
  int unspecified_digits = 0;
};

// Reads text_[pos_, end_) left to right; every error quotes the whole text_.
class DateParser {
 public:
  DateParser(std::string_view text, size_t begin, size_t end)
      : text_(text), pos_(begin), end_(end) {}

  absl::StatusOr<Date> Parse();

 private:
  bool AtEnd() const { return pos_ >= end_; }
  bool Peek(char c) const { return !AtEnd() && text_[pos_] == c; }
  bool Consume(char c) {
    if (!Peek(c)) return false;
    ++pos_;
    return true;
  }
  size_t DigitRun() const;
  size_t PatternRun() const;
  int TakeNumber(size_t digits);

  absl::Status Fail(std::string_view reason) const { return InvalidTime(text_, reason); }
  absl::Status Unexpected() const;
  absl::Status OutOfRange(const char* name, size_t begin) const;
  absl::Status ReadField(const char* name, size_t digits, int lo, int hi, int* out);
  absl::Status RefuseLevel2(std::string_view after) const;
  absl::Status ReadPattern(const char* name, size_t digits, std::string& out);
  absl::Status ParseCalendar(Fields& f);
  absl::Status ParseExtendedYear(Fields& f);
  absl::Status ParseClock(Fields& f);
  absl::Status ParseFraction(Fields& f);
  absl::Status ParseOffset(Fields& f);
  void ParseQualifier(Fields& f);
  absl::StatusOr<int64_t> StartUs(const Fields& f) const;

  std::string_view text_;
  size_t pos_;
  const size_t end_;
};

size_t DateParser::DigitRun() const {
  size_t i = pos_;
  while (i < end_ && text_[i] >= '0' && text_[i] <= '9') ++i;
  return i - pos_;
}

// Digits and X (unspecified digit) characters from pos_.
size_t DateParser::PatternRun() const {
  size_t i = pos_;
  while (i < end_ && ((text_[i] >= '0' && text_[i] <= '9') || text_[i] == 'X')) ++i;
  return i - pos_;
}

int DateParser::TakeNumber(size_t digits) {
  int value = 0;
  for (size_t i = 0; i < digits; ++i) value = value * 10 + (text_[pos_++] - '0');
  return value;
}

absl::Status DateParser::Unexpected() const {
  if (pos_ >= text_.size()) return Fail("unexpected end of text");
  return Fail(absl::StrCat("unexpected character '",
                           absl::CHexEscape(AbslView(text_.substr(pos_, 1))), "' at position ",
                           pos_ + 1));
}

absl::Status DateParser::OutOfRange(const char* name, size_t begin) const {
  return Fail(
      absl::StrCat(name, " ", AbslView(text_.substr(begin, pos_ - begin)), " out of range"));
}

// Reads a field of exactly `digits` digits with a value in [lo, hi] into *out.
absl::Status DateParser::ReadField(const char* name, size_t digits, int lo, int hi, int* out) {
  const size_t run = DigitRun();
  if (run == 0 && !AtEnd()) return Unexpected();
  if (run != digits) {
    return Fail(absl::StrCat(name, " must have ", digits, " digits"));
  }
  const size_t begin = pos_;
  *out = TakeNumber(digits);
  if (*out < lo || *out > hi) return OutOfRange(name, begin);
  return absl::OkStatus();
}

// Names the EDTF level-2 feature that starts at pos_, if any; `after` says what was read before:
// "" at the start of a date, "part" where a month or day should start, "year" after a year,
// "qualifier" after a date's qualifier.
absl::Status DateParser::RefuseLevel2(std::string_view after) const {
  if (AtEnd()) return absl::OkStatus();
  const char c = text_[pos_];
  if (c == '[') return Fail("sets ([...], EDTF level 2) are not supported");
  if (c == '{') return Fail("lists ({...}, EDTF level 2) are not supported");
  const bool qualifier = c == '?' || c == '~' || c == '%';
  if (((after.empty() || after == "part") && qualifier) || (after == "qualifier" && c == '-')) {
    return Fail("qualifiers on a part of a date (EDTF level 2) are not supported");
  }
  if (after == "year" && c == 'E')
    return Fail("exponential years (EDTF level 2) are not supported");
  if (after == "year" && c == 'S')
    return Fail("significant digits (EDTF level 2) are not supported");
  return absl::OkStatus();
}

// Reads exactly `digits` characters, each a digit or X, appending them to `out`.
absl::Status DateParser::ReadPattern(const char* name, size_t digits, std::string& out) {
  const size_t run = PatternRun();
  if (run == 0 && !AtEnd()) {
    RETURN_IF_ERROR(RefuseLevel2("part"));
    return Unexpected();
  }
  if (run > digits && std::string_view(name) == "year") {
    return Fail("a year of more than 4 digits needs the Y prefix (Y12345)");
  }
  if (run != digits) return Fail(absl::StrCat(name, " must have ", digits, " digits"));
  out.append(text_.substr(pos_, digits));
  pos_ += digits;
  return absl::OkStatus();
}

// [-]YYYY[-MM[-DD]] with optional trailing X digits.
absl::Status DateParser::ParseCalendar(Fields& f) {
  WrittenCalendar written;
  written.negative = Consume('-');
  std::string chars;
  RETURN_IF_ERROR(ReadPattern("year", 4, chars));
  RETURN_IF_ERROR(RefuseLevel2("year"));
  if (Consume('-')) {
    f.precision = Precision::kMonth;
    RETURN_IF_ERROR(ReadPattern("month", 2, chars));
    if (Consume('-')) {
      f.precision = Precision::kDay;
      RETURN_IF_ERROR(ReadPattern("day", 2, chars));
    }
  }
  written.chars = chars;
  absl::StatusOr<ResolvedCalendar> resolved = ResolveCalendar(written);
  if (!resolved.ok()) return Fail(std::string(resolved.status().message()));
  f.year = resolved->year;
  f.month = resolved->month;
  f.day = resolved->day;
  f.unspecified_digits = resolved->unspecified_digits;
  return absl::OkStatus();
}

// Y[-]NNNNN: a year beyond 4 digits, within kMinYear..kMaxYear, year precision only.
absl::Status DateParser::ParseExtendedYear(Fields& f) {
  Consume('Y');
  const bool negative = Consume('-');
  const size_t run = DigitRun();
  if (run == 0) return AtEnd() ? Fail("Y must be followed by a year") : Unexpected();
  if (text_[pos_] == '0') return Fail("an extended year (Y) has no leading zero");
  if (run > 7) return Fail("years beyond -290000..290000 are not supported");
  const size_t begin = pos_;
  int64_t year = 0;
  for (size_t i = 0; i < run; ++i) year = year * 10 + (text_[pos_++] - '0');
  RETURN_IF_ERROR(RefuseLevel2("year"));
  if (year <= 9999) {
    return Fail(absl::StrCat("an extended year (Y) must have more than 4 digits: write ",
                             negative ? "-" : "", AbslView(text_.substr(begin, run))));
  }
  if (year > kMaxYear) return Fail("years beyond -290000..290000 are not supported");
  if (Peek('-')) return Fail("an extended year (Y) takes no month or day");
  f.year = negative ? -year : year;
  return absl::OkStatus();
}

// After `T`: hh:mm, optionally :ss and a fraction.
absl::Status DateParser::ParseClock(Fields& f) {
  f.precision = Precision::kMinute;
  RETURN_IF_ERROR(ReadField("hour", 2, 0, 23, &f.hour));
  if (!Consume(':')) return Unexpected();
  RETURN_IF_ERROR(ReadField("minute", 2, 0, 59, &f.minute));
  if (!Consume(':')) return absl::OkStatus();
  f.precision = Precision::kSecond;
  RETURN_IF_ERROR(ReadField("second", 2, 0, 59, &f.second));
  if (!Consume('.')) return absl::OkStatus();
  return ParseFraction(f);
}

// After `.`: 1-3 digits give milliseconds, 4-6 microseconds.
absl::Status DateParser::ParseFraction(Fields& f) {
  const size_t run = DigitRun();
  if (run == 0 && !AtEnd()) return Unexpected();
  if (run == 0) return Fail("fraction must have 1 to 6 digits");
  if (run > 6) return Fail("fraction has more than 6 digits");
  f.precision = run <= 3 ? Precision::kMillisecond : Precision::kMicrosecond;
  f.micros = TakeNumber(run);
  for (size_t i = run; i < 6; ++i) f.micros *= 10;
  return absl::OkStatus();
}

// Optional `Z`, or a sign and +hh:mm, +hhmm or +hh.
absl::Status DateParser::ParseOffset(Fields& f) {
  if (Consume('Z')) return absl::OkStatus();
  int sign = 1;
  if (Consume('-')) {
    sign = -1;
  } else if (!Consume('+')) {
    return absl::OkStatus();
  }
  const size_t run = DigitRun();
  if (run != 2 && run != 4) return Fail("offset must be +hh:mm, +hhmm or +hh");
  const size_t hours_begin = pos_;
  const int hours = TakeNumber(2);
  if (hours > 23) return OutOfRange("offset hour", hours_begin);
  int minutes = 0;
  if (run == 4 || Consume(':')) {
    if (DigitRun() != 2) return Fail("offset must be +hh:mm, +hhmm or +hh");
    const size_t minutes_begin = pos_;
    minutes = TakeNumber(2);
    if (minutes > 59) return OutOfRange("offset minute", minutes_begin);
  }
  const std::string_view written = text_.substr(hours_begin - 1, pos_ - hours_begin + 1);
  if (sign < 0 && hours == 0 && minutes == 0) {
    return Fail(absl::StrCat("offset ", AbslView(written),
                             " is not allowed (ISO 8601): write Z or +00:00"));
  }
  f.offset_minutes = sign * (hours * 60 + minutes);
  if (f.offset_minutes < -12 * 60 || f.offset_minutes > 14 * 60) {
    return Fail(absl::StrCat("offset ", AbslView(written), " outside -12:00..+14:00"));
  }
  return absl::OkStatus();
}

void DateParser::ParseQualifier(Fields& f) {
  if (Consume('~')) {
    f.qualifiers = kApproximate;
  } else if (Consume('?')) {
    f.qualifiers = kUncertain;
  } else if (Consume('%')) {
    f.qualifiers = kApproximate | kUncertain;
  }
}

absl::StatusOr<int64_t> DateParser::StartUs(const Fields& f) const {
  const absl::CivilSecond local(f.year, f.month, f.day, f.hour, f.minute, f.second);
  const int64_t us =
      MicrosFromCivil(local) + f.micros - int64_t{f.offset_minutes} * 60 * kMicrosPerSecond;
  // A time of day is shown in UTC with a 4-digit year: it must stay within them. An offset moves
  // a time by less than a day, so only years -9999 and 9999 can leave.
  if (f.precision >= Precision::kMinute && (f.year == -9999 || f.year == 9999)) {
    const int64_t utc_year = CivilFromMicros(us).year();
    if (utc_year < -9999 || utc_year > 9999) {
      return Fail("outside years -9999..9999 after conversion to UTC");
    }
  }
  return us;
}

absl::StatusOr<Date> DateParser::Parse() {
  if (AtEnd()) return Fail("empty");
  RETURN_IF_ERROR(RefuseLevel2(""));
  Fields f;
  if (Peek('Y')) {
    RETURN_IF_ERROR(ParseExtendedYear(f));
  } else {
    RETURN_IF_ERROR(ParseCalendar(f));
  }
  if (f.precision == Precision::kDay && Peek('T') && f.unspecified_digits > 0) {
    return Fail("a time of day needs a date without unspecified digits (X)");
  }
  if (f.precision == Precision::kDay && Consume('T')) {
    RETURN_IF_ERROR(ParseClock(f));
    RETURN_IF_ERROR(ParseOffset(f));
  }
  ParseQualifier(f);
  if (f.qualifiers != 0) RETURN_IF_ERROR(RefuseLevel2("qualifier"));
  if (!AtEnd()) return Unexpected();
  ASSIGN_OR_RETURN(const int64_t start, StartUs(f));
  return Date{start, f.precision, f.qualifiers, static_cast<uint8_t>(f.unspecified_digits)};
}

}  // namespace

absl::Status InvalidTime(std::string_view text, std::string_view reason) {
  return absl::InvalidArgumentError(absl::StrCat(
      "invalid time \"", absl::Utf8SafeCHexEscape(AbslView(text)), "\": ", AbslView(reason)));
}

absl::StatusOr<Date> ParseDateRange(std::string_view text, size_t begin, size_t end) {
  return DateParser(text, begin, end).Parse();
}

}  // namespace annals::internal
