// Copyright: the Annals authors.
#include "internal/text/edtf_parser.h"

#include <cstdint>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "internal/text/edtf_civil.h"
#include "internal/util/status_macros.h"

namespace annals::internal {
namespace {

absl::string_view AbslView(std::string_view s) { return absl::string_view(s.data(), s.size()); }

// A date as written, before conversion to UTC.
struct Fields {
  int year = 0;
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int micros = 0;
  int offset_minutes = 0;  // East of UTC.
  Precision precision = Precision::kYear;
  uint8_t qualifiers = 0;
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
  int TakeNumber(size_t digits);

  absl::Status Fail(std::string_view reason) const { return InvalidTime(text_, reason); }
  absl::Status Unexpected() const;
  absl::Status OutOfRange(const char* name, size_t begin) const;
  absl::Status ReadField(const char* name, size_t digits, int lo, int hi, int* out);
  absl::Status ParseCalendar(Fields& f);
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

absl::Status DateParser::ParseCalendar(Fields& f) {
  RETURN_IF_ERROR(ReadField("year", 4, 1, 9999, &f.year));
  if (!Consume('-')) return absl::OkStatus();
  f.precision = Precision::kMonth;
  RETURN_IF_ERROR(ReadField("month", 2, 1, 12, &f.month));
  if (!Consume('-')) return absl::OkStatus();
  f.precision = Precision::kDay;
  RETURN_IF_ERROR(ReadField("day", 2, 0, 99, &f.day));
  const absl::CivilDay civil(f.year, f.month, f.day);
  if (civil.day() != f.day || civil.month() != f.month) {
    return Fail(absl::StrFormat("%04d-%02d-%02d is not a date: day %02d out of range for %04d-%02d",
                                f.year, f.month, f.day, f.day, f.year, f.month));
  }
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
  f.offset_minutes = sign * (hours * 60 + minutes);
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
  if (us < kFirstValidUs || us >= kEndValidUs) {
    return Fail("outside years 0001-9999 after conversion to UTC");
  }
  return us;
}

absl::StatusOr<Date> DateParser::Parse() {
  if (AtEnd()) return Fail("empty");
  Fields f;
  RETURN_IF_ERROR(ParseCalendar(f));
  if (f.precision == Precision::kDay && Consume('T')) {
    RETURN_IF_ERROR(ParseClock(f));
    RETURN_IF_ERROR(ParseOffset(f));
  }
  ParseQualifier(f);
  if (!AtEnd()) return Unexpected();
  ASSIGN_OR_RETURN(const int64_t start, StartUs(f));
  return Date{start, f.precision, f.qualifiers};
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
