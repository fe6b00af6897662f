// Copyright: the Annals authors.
#include "annals/time.h"

#include <algorithm>
#include <cstdint>
#include <ostream>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "internal/text/edtf_civil.h"
#include "testing/status_matchers.h"

namespace annals {

// gtest printers, so failures show the canonical text and the raw fields.
void PrintTo(const Date& d, std::ostream* os) {
  *os << FormatDate(d) << " {start_us=" << d.start_us
      << " precision=" << static_cast<int>(d.precision)
      << " qualifiers=" << static_cast<int>(d.qualifiers)
      << " unspecified_digits=" << static_cast<int>(d.unspecified_digits) << "}";
}
void PrintTo(const EventTime& t, std::ostream* os) {
  *os << FormatTime(t) << " {is_interval=" << t.is_interval << " start_unknown=" << t.start_unknown
      << " end_unknown=" << t.end_unknown << " start_us=" << t.start_us()
      << " end_us=" << t.end_us() << "}";
}

namespace {

using ::annals::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::StartsWith;

MATCHER_P(HoldsValue, expected, "is OK and holds " + ::testing::PrintToString(expected)) {
  if (!arg.ok()) {
    *result_listener << "status is " << arg.status().ToString();
    return false;
  }
  *result_listener << "holds " << ::testing::PrintToString(*arg);
  return *arg == expected;
}

constexpr uint8_t kBoth = kApproximate | kUncertain;

// Expected instants, computed independently of the code under test via
// absl::FromCivil.
int64_t Us(int64_t y, int m = 1, int d = 1, int h = 0, int mi = 0, int s = 0, int64_t micros = 0) {
  return absl::ToUnixMicros(
             absl::FromCivil(absl::CivilSecond(y, m, d, h, mi, s), absl::UTCTimeZone())) +
         micros;
}

TEST(TimeTest, ExtremeYearsMatchAbseil) {
  EXPECT_THAT(ParseDate("Y-290000"), HoldsValue(Date{Us(internal::kMinYear), Precision::kYear, 0}));
  EXPECT_EQ(ParseDate("Y290000")->end_us(), Us(internal::kMaxYear + 1));
}

struct ValidDateCase {
  std::string text;
  int64_t start;
  int64_t end;
  Precision precision;
  uint8_t qualifiers;
  std::string canonical;
};

std::vector<ValidDateCase> ValidDateCases() {
  const int64_t s = 1000000;
  return {
      {"2024", Us(2024), Us(2025), Precision::kYear, 0, "2024"},
      {"1970", 0, Us(1971), Precision::kYear, 0, "1970"},
      {"2024-10", Us(2024, 10), Us(2024, 11), Precision::kMonth, 0, "2024-10"},
      {"2024-12", Us(2024, 12), Us(2025, 1), Precision::kMonth, 0, "2024-12"},
      {"2024-02", Us(2024, 2), Us(2024, 3), Precision::kMonth, 0, "2024-02"},
      {"2024-11-05", Us(2024, 11, 5), Us(2024, 11, 6), Precision::kDay, 0, "2024-11-05"},
      {"2024-12-31", Us(2024, 12, 31), Us(2025, 1, 1), Precision::kDay, 0, "2024-12-31"},
      {"2024-02-29", Us(2024, 2, 29), Us(2024, 3, 1), Precision::kDay, 0, "2024-02-29"},
      {"2000-02-29", Us(2000, 2, 29), Us(2000, 3, 1), Precision::kDay, 0, "2000-02-29"},
      {"1900-02-28", Us(1900, 2, 28), Us(1900, 3, 1), Precision::kDay, 0, "1900-02-28"},
      {"2024-11-05T14:00Z", Us(2024, 11, 5, 14), Us(2024, 11, 5, 14, 1), Precision::kMinute, 0,
       "2024-11-05T14:00Z"},
      {"2024-11-05T14:00", Us(2024, 11, 5, 14), Us(2024, 11, 5, 14, 1), Precision::kMinute, 0,
       "2024-11-05T14:00Z"},
      {"2024-11-05T14:00+01:00", Us(2024, 11, 5, 13), Us(2024, 11, 5, 13, 1), Precision::kMinute, 0,
       "2024-11-05T13:00Z"},
      {"2024-11-05T14:00+0100", Us(2024, 11, 5, 13), Us(2024, 11, 5, 13, 1), Precision::kMinute, 0,
       "2024-11-05T13:00Z"},
      {"2024-11-05T14:00+01", Us(2024, 11, 5, 13), Us(2024, 11, 5, 13, 1), Precision::kMinute, 0,
       "2024-11-05T13:00Z"},
      {"2024-11-05T14:00-05:00", Us(2024, 11, 5, 19), Us(2024, 11, 5, 19, 1), Precision::kMinute, 0,
       "2024-11-05T19:00Z"},
      {"2024-11-05T23:30-01:00", Us(2024, 11, 6, 0, 30), Us(2024, 11, 6, 0, 31), Precision::kMinute,
       0, "2024-11-06T00:30Z"},
      {"2024-11-05T00:30+01:00", Us(2024, 11, 4, 23, 30), Us(2024, 11, 4, 23, 31),
       Precision::kMinute, 0, "2024-11-04T23:30Z"},
      {"2024-01-01T00:30+05:30", Us(2023, 12, 31, 19), Us(2023, 12, 31, 19, 1), Precision::kMinute,
       0, "2023-12-31T19:00Z"},
      {"2024-03-01T00:00+00:01", Us(2024, 2, 29, 23, 59), Us(2024, 3, 1), Precision::kMinute, 0,
       "2024-02-29T23:59Z"},
      {"2024-11-05T23:59Z", Us(2024, 11, 5, 23, 59), Us(2024, 11, 6), Precision::kMinute, 0,
       "2024-11-05T23:59Z"},
      {"2024-11-05T14:00:07Z", Us(2024, 11, 5, 14, 0, 7), Us(2024, 11, 5, 14, 0, 8),
       Precision::kSecond, 0, "2024-11-05T14:00:07Z"},
      {"2024-11-05T14:00:07", Us(2024, 11, 5, 14, 0, 7), Us(2024, 11, 5, 14, 0, 8),
       Precision::kSecond, 0, "2024-11-05T14:00:07Z"},
      {"2024-12-31T23:59:59Z", Us(2024, 12, 31, 23, 59, 59), Us(2025), Precision::kSecond, 0,
       "2024-12-31T23:59:59Z"},
      {"2024-11-05T14:00:07.25+01:00", Us(2024, 11, 5, 13, 0, 7, 250000),
       Us(2024, 11, 5, 13, 0, 7, 251000), Precision::kMillisecond, 0, "2024-11-05T13:00:07.250Z"},
      {"2024-11-05T14:00:07.2Z", Us(2024, 11, 5, 14, 0, 7, 200000),
       Us(2024, 11, 5, 14, 0, 7, 201000), Precision::kMillisecond, 0, "2024-11-05T14:00:07.200Z"},
      {"2024-11-05T14:00:07.000Z", Us(2024, 11, 5, 14, 0, 7), Us(2024, 11, 5, 14, 0, 7, 1000),
       Precision::kMillisecond, 0, "2024-11-05T14:00:07.000Z"},
      {"2024-11-05T14:00:07.999Z", Us(2024, 11, 5, 14, 0, 7, 999000), Us(2024, 11, 5, 14, 0, 8),
       Precision::kMillisecond, 0, "2024-11-05T14:00:07.999Z"},
      {"2024-11-05T14:00:07.2500Z", Us(2024, 11, 5, 14, 0, 7, 250000),
       Us(2024, 11, 5, 14, 0, 7, 250001), Precision::kMicrosecond, 0,
       "2024-11-05T14:00:07.250000Z"},
      {"2024-11-05T14:00:07.123456Z", Us(2024, 11, 5, 14, 0, 7, 123456),
       Us(2024, 11, 5, 14, 0, 7, 123457), Precision::kMicrosecond, 0,
       "2024-11-05T14:00:07.123456Z"},
      {"2024-11-05T14:00:07.000001-05:00", Us(2024, 11, 5, 19, 0, 7, 1),
       Us(2024, 11, 5, 19, 0, 7, 2), Precision::kMicrosecond, 0, "2024-11-05T19:00:07.000001Z"},
      {"1969-12-31T23:59:59.999999Z", -1, 0, Precision::kMicrosecond, 0,
       "1969-12-31T23:59:59.999999Z"},
      {"1969-12-31T23:59:59.5Z", -s / 2, 1000 - s / 2, Precision::kMillisecond, 0,
       "1969-12-31T23:59:59.500Z"},
      {"1965-06-15T12:00:01Z", Us(1965, 6, 15, 12, 0, 1), Us(1965, 6, 15, 12, 0, 2),
       Precision::kSecond, 0, "1965-06-15T12:00:01Z"},
      {"0001", Us(1), Us(2), Precision::kYear, 0, "0001"},
      {"0001-01-01T00:00Z", Us(1), Us(1, 1, 1, 0, 1), Precision::kMinute, 0, "0001-01-01T00:00Z"},
      {"0001-01-01T00:30+00:30", Us(1), Us(1, 1, 1, 0, 1), Precision::kMinute, 0,
       "0001-01-01T00:00Z"},
      {"9999", Us(9999), Us(10000), Precision::kYear, 0, "9999"},
      {"9999-12", Us(9999, 12), Us(10000), Precision::kMonth, 0, "9999-12"},
      {"9999-12-31", Us(9999, 12, 31), Us(10000), Precision::kDay, 0, "9999-12-31"},
      {"9999-12-31T23:59:59.999999Z", Us(10000) - 1, Us(10000), Precision::kMicrosecond, 0,
       "9999-12-31T23:59:59.999999Z"},
      {"2024~", Us(2024), Us(2025), Precision::kYear, kApproximate, "2024~"},
      {"2024-10?", Us(2024, 10), Us(2024, 11), Precision::kMonth, kUncertain, "2024-10?"},
      {"2024-11-05%", Us(2024, 11, 5), Us(2024, 11, 6), Precision::kDay, kBoth, "2024-11-05%"},
      {"2024-11-05T14:00Z~", Us(2024, 11, 5, 14), Us(2024, 11, 5, 14, 1), Precision::kMinute,
       kApproximate, "2024-11-05T14:00Z~"},
      {"2024-11-05T14:00+01:00?", Us(2024, 11, 5, 13), Us(2024, 11, 5, 13, 1), Precision::kMinute,
       kUncertain, "2024-11-05T13:00Z?"},
      {"2024-11-05T14:00:07.25%", Us(2024, 11, 5, 14, 0, 7, 250000),
       Us(2024, 11, 5, 14, 0, 7, 251000), Precision::kMillisecond, kBoth,
       "2024-11-05T14:00:07.250Z%"},
  };
}

TEST(TimeTest, ParsesValidDates) {
  for (const ValidDateCase& c : ValidDateCases()) {
    SCOPED_TRACE(c.text);
    ASSERT_OK_AND_ASSIGN(const Date d, ParseDate(c.text));
    EXPECT_EQ(d.start_us, c.start);
    EXPECT_EQ(d.end_us(), c.end);
    EXPECT_EQ(d.precision, c.precision);
    EXPECT_EQ(d.qualifiers, c.qualifiers);
    EXPECT_EQ(FormatDate(d), c.canonical);
    EXPECT_THAT(ParseDate(c.canonical), HoldsValue(d));

    ASSERT_OK_AND_ASSIGN(const EventTime t, ParseTime(c.text));
    EXPECT_EQ(t, (EventTime{d, std::nullopt, false}));
    EXPECT_EQ(t.start_us(), c.start);
    EXPECT_EQ(t.end_us(), c.end);
    EXPECT_EQ(FormatTime(t), c.canonical);
  }
}

struct ValidIntervalCase {
  std::string text;
  int64_t start;
  int64_t end;
  bool has_first;
  bool has_second;
  std::string canonical;
};

TEST(TimeTest, ParsesValidIntervals) {
  const std::vector<ValidIntervalCase> cases = {
      {"2017-01-20/2021-01-20", Us(2017, 1, 20), Us(2021, 1, 21), true, true,
       "2017-01-20/2021-01-20"},
      {"2024-10-15/2024-10", Us(2024, 10, 15), Us(2024, 11), true, true, "2024-10-15/2024-10"},
      {"2024/2024", Us(2024), Us(2025), true, true, "2024/2024"},
      {"2024-10~/2025?", Us(2024, 10), Us(2026), true, true, "2024-10~/2025?"},
      {"2022-02-24/..", Us(2022, 2, 24), kPlusInfinity, true, false, "2022-02-24/.."},
      {"../2024-10", kMinusInfinity, Us(2024, 11), false, true, "../2024-10"},
      {"2024-11-05T14:00+01:00/2024-11-05T13:01Z", Us(2024, 11, 5, 13), Us(2024, 11, 5, 13, 2),
       true, true, "2024-11-05T13:00Z/2024-11-05T13:01Z"},
      {"2024-11-05T14:00/2024-11-05T14:00", Us(2024, 11, 5, 14), Us(2024, 11, 5, 14, 1), true, true,
       "2024-11-05T14:00Z/2024-11-05T14:00Z"},
      {"2024-11-05/2024-11-05T00:00", Us(2024, 11, 5), Us(2024, 11, 5, 0, 1), true, true,
       "2024-11-05/2024-11-05T00:00Z"},
      {"2024-11-05T14:00/2024-11-05", Us(2024, 11, 5, 14), Us(2024, 11, 6), true, true,
       "2024-11-05T14:00Z/2024-11-05"},
      {"0001/9999", Us(1), Us(10000), true, true, "0001/9999"},
      {"9999-12-31T23:59:59.999999Z/..", Us(10000) - 1, kPlusInfinity, true, false,
       "9999-12-31T23:59:59.999999Z/.."},
      {"2024-11-05T14:00:07.25Z/2024-11-05T14:00:07.250001Z", Us(2024, 11, 5, 14, 0, 7, 250000),
       Us(2024, 11, 5, 14, 0, 7, 250002), true, true,
       "2024-11-05T14:00:07.250Z/2024-11-05T14:00:07.250001Z"},
  };
  for (const ValidIntervalCase& c : cases) {
    SCOPED_TRACE(c.text);
    ASSERT_OK_AND_ASSIGN(const EventTime t, ParseTime(c.text));
    EXPECT_TRUE(t.is_interval);
    EXPECT_EQ(t.first.has_value(), c.has_first);
    EXPECT_EQ(t.second.has_value(), c.has_second);
    EXPECT_EQ(t.start_us(), c.start);
    EXPECT_EQ(t.end_us(), c.end);
    EXPECT_EQ(FormatTime(t), c.canonical);
    EXPECT_THAT(ParseTime(c.canonical), HoldsValue(t));
  }
}

TEST(TimeTest, IntervalKeepsEachEndsPrecisionAndQualifiers) {
  ASSERT_OK_AND_ASSIGN(const EventTime t, ParseTime("2024-10~/2025?"));
  ASSERT_TRUE(t.first && t.second);
  EXPECT_EQ(*t.first, (Date{Us(2024, 10), Precision::kMonth, kApproximate}));
  EXPECT_EQ(*t.second, (Date{Us(2025), Precision::kYear, kUncertain}));
}

struct InvalidCase {
  std::string text;
  std::string reason;
};

TEST(TimeTest, RejectsInvalidTimes) {
  const std::vector<InvalidCase> cases = {
      {"", "empty"},
      {"2024-13", "month 13 out of range"},
      {"2024-00", "month 00 out of range"},
      {"2024-21", "seasons (month 21-24) are not supported: month 21"},
      {"2024-02-30", "2024-02-30 is not a date: day 30 out of range for 2024-02"},
      {"2023-02-29", "2023-02-29 is not a date"},
      {"1900-02-29", "1900-02-29 is not a date"},
      {"2024-04-31", "day 31 out of range for 2024-04"},
      {"2024-01-00", "day 00 out of range for 2024-01"},
      {"2024-01-32", "day 32 out of range for 2024-01"},
      {"2024-11-05T14:00+0160", "offset minute 60 out of range"},
      {"2024-11-05T14:00+2400", "offset hour 24 out of range"},
      {"2024-11-05T14:00+01:0000", "offset must be +hh:mm, +hhmm or +hh"},
      {"202", "year must have 4 digits"},
      {"20245", "a year of more than 4 digits needs the Y prefix (Y12345)"},
      {"201x", "year must have 4 digits"},
      {"--2024", "unexpected character '-' at position 2"},
      {"+2024", "unexpected character '+' at position 1"},
      {"abc", "unexpected character 'a' at position 1"},
      {" 2024", "unexpected character ' ' at position 1"},
      {"2024 ", "unexpected character ' ' at position 5"},
      {"2024x", "unexpected character 'x' at position 5"},
      {"2024-1", "month must have 2 digits"},
      {"2024-", "month must have 2 digits"},
      {"2024-W01", "unexpected character 'W' at position 6"},
      {"2024-10-5", "day must have 2 digits"},
      {"2024-10-", "day must have 2 digits"},
      {"2024-10-05x", "unexpected character 'x' at position 11"},
      {"2024-10T14:00", "unexpected character 'T' at position 8"},
      {"2024-11-05Z", "unexpected character 'Z' at position 11"},
      {"2024-11-05t14:00", "unexpected character 't' at position 11"},
      {"2024-11-05 14:00", "unexpected character ' ' at position 11"},
      {"2024-11-05T", "hour must have 2 digits"},
      {"2024-11-05T1400", "hour must have 2 digits"},
      {"2024-11-05T14", "unexpected end of text"},
      {"2024-11-05T14:", "minute must have 2 digits"},
      {"2024-11-05T24:00Z", "hour 24 out of range"},
      {"2024-11-05T14:60Z", "minute 60 out of range"},
      {"2024-11-05T14:00:60Z", "second 60 out of range"},
      {"2024-11-05T14:00:7Z", "second must have 2 digits"},
      {"2024-11-05T14:00:07.1234567Z", "fraction has more than 6 digits"},
      {"2024-11-05T14:00:07.", "fraction must have 1 to 6 digits"},
      {"2024-11-05T14:00:07.Z", "unexpected character 'Z' at position 21"},
      {"2024-11-05T14:00:07,5Z", "unexpected character ',' at position 20"},
      {"2024-11-05T14:00.5Z", "unexpected character '.' at position 17"},
      {"2024-11-05T14:00z", "unexpected character 'z' at position 17"},
      {"2024-11-05T14:00+1", "offset must be +hh:mm, +hhmm or +hh"},
      {"2024-11-05T14:00+010", "offset must be +hh:mm, +hhmm or +hh"},
      {"2024-11-05T14:00+01:0", "offset must be +hh:mm, +hhmm or +hh"},
      {"2024-11-05T14:00+01:", "offset must be +hh:mm, +hhmm or +hh"},
      {"2024-11-05T14:00+", "offset must be +hh:mm, +hhmm or +hh"},
      {"2024-11-05T14:00+24:00", "offset hour 24 out of range"},
      {"2024-11-05T14:00+01:60", "offset minute 60 out of range"},
      {"2024-11-05T14:00Z+01:00", "unexpected character '+' at position 18"},
      {"2024-11-05T14:00~Z", "unexpected character 'Z' at position 18"},
      {"2024~~", "unexpected character '~' at position 6"},
      {"2024?~", "unexpected character '~' at position 6"},
      {"2024~-10", "qualifiers on a part of a date (EDTF level 2) are not supported"},
      {"2025/2024", "interval ends before it starts"},
      {"2024-10-15/2024-10-14", "interval ends before it starts"},
      {"2024-11-05T14:00/2024-11-05T13:59", "interval ends before it starts"},
      {"2024-11-05T14:00+01:00/2024-11-05T12:59Z", "interval ends before it starts"},
      {"2024-11-05T14:00:07.251/2024-11-05T14:00:07.25", "interval ends before it starts"},
      {"../..", "an interval needs at least one date"},
      {"/", "an interval needs at least one date"},
      {"/..", "an interval needs at least one date"},
      {"../", "an interval needs at least one date"},
      {"2024/2025/2026", "unexpected character '/' at position 10"},
      {"2024//2025", "unexpected character '/' at position 6"},
      // Regression (issue 14): after `..` the position is that of the character that follows.
      {"2024/..~", "unexpected character '~' at position 8"},
      {"..~/2024", "unexpected character '~' at position 3"},
      {".../2024", "unexpected character '.' at position 3"},
      {"../.. ", "unexpected character ' ' at position 6"},
      {"2024-11-05T14/2025", "unexpected character '/' at position 14"},
      {"2024/2025-13", "month 13 out of range"},
      {"2024-02-30/2025", "2024-02-30 is not a date"},
  };
  for (const InvalidCase& c : cases) {
    SCOPED_TRACE(c.text);
    const std::string quoted = absl::StrFormat("invalid time \"%s\": ", c.text);
    EXPECT_THAT(ParseTime(c.text), StatusIs(absl::StatusCode::kInvalidArgument,
                                            AllOf(StartsWith(quoted), HasSubstr(c.reason))));
    if (c.text.find('/') == std::string::npos) {
      EXPECT_THAT(ParseDate(c.text),
                  StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(c.reason)));
    }
  }
}

TEST(TimeTest, ErrorMessageIsExact) {
  EXPECT_THAT(ParseTime("2024-13"), StatusIs(absl::StatusCode::kInvalidArgument,
                                             "invalid time \"2024-13\": month 13 out of range"));
  EXPECT_THAT(ParseTime("2024/2025-13"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "invalid time \"2024/2025-13\": month 13 out of range"));
}

TEST(TimeTest, ErrorMessageEscapesUnprintableBytes) {
  EXPECT_THAT(ParseTime(std::string("2024\x01")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "invalid time \"2024\\x01\": unexpected character "
                       "'\\x01' at position 5"));
  EXPECT_THAT(ParseTime("2024\"x"), StatusIs(absl::StatusCode::kInvalidArgument,
                                             "invalid time \"2024\\\"x\": unexpected character "
                                             "'\\\"' at position 5"));
  EXPECT_THAT(ParseTime("2024-10-0Ã©"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("invalid time \"2024-10-0Ã©\": day must have 2 digits")));
}

TEST(TimeTest, ParseDateRejectsIntervals) {
  EXPECT_THAT(ParseDate("2024/2025"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("unexpected character '/' at position 5")));
  EXPECT_THAT(ParseDate(".."), StatusIs(absl::StatusCode::kInvalidArgument,
                                        HasSubstr("unexpected character '.' at position 1")));
}

TEST(TimeTest, ParsesOnlyTheGivenView) {
  const std::string text = "2024-10-05T14:00Z trailing";
  ASSERT_OK_AND_ASSIGN(const Date d, ParseDate(std::string_view(text).substr(0, 17)));
  EXPECT_EQ(d.start_us, Us(2024, 10, 5, 14));
}

TEST(TimeTest, FormatsInstants) {
  EXPECT_EQ(FormatInstant(Us(2024, 11, 5, 14, 0, 7, 250000)), "2024-11-05T14:00:07.250000Z");
  EXPECT_EQ(FormatInstant(0), "1970-01-01T00:00:00.000000Z");
  EXPECT_EQ(FormatInstant(-1), "1969-12-31T23:59:59.999999Z");
  EXPECT_EQ(FormatInstant(Us(1)), "0001-01-01T00:00:00.000000Z");
  EXPECT_EQ(FormatInstant(Us(10000) - 1), "9999-12-31T23:59:59.999999Z");
  EXPECT_EQ(FormatInstant(kMinusInfinity), "..");
  EXPECT_EQ(FormatInstant(kPlusInfinity), "..");
}

TEST(TimeTest, EndOfUnalignedHandMadeDateIsEndOfItsPeriod) {
  const int64_t mid = Us(2024, 2, 10, 5, 6, 7, 8009);
  EXPECT_EQ((Date{mid, Precision::kYear, 0}).end_us(), Us(2025));
  EXPECT_EQ((Date{mid, Precision::kMonth, 0}).end_us(), Us(2024, 3));
  EXPECT_EQ((Date{mid, Precision::kDay, 0}).end_us(), Us(2024, 2, 11));
  EXPECT_EQ((Date{mid, Precision::kMinute, 0}).end_us(), Us(2024, 2, 10, 5, 7));
  EXPECT_EQ((Date{mid, Precision::kSecond, 0}).end_us(), Us(2024, 2, 10, 5, 6, 8));
  EXPECT_EQ((Date{mid, Precision::kMillisecond, 0}).end_us(), Us(2024, 2, 10, 5, 6, 7, 9000));
  EXPECT_EQ((Date{mid, Precision::kMicrosecond, 0}).end_us(), mid + 1);
  EXPECT_EQ((Date{-1500, Precision::kMillisecond, 0}).end_us(), -1000);
}

TEST(TimeTest, DefaultEventTimeCoversEverything) {
  const EventTime t;
  EXPECT_EQ(t.start_us(), kMinusInfinity);
  EXPECT_EQ(t.end_us(), kPlusInfinity);
}

// Random valid dates of every precision and qualifier (biased toward the edges
// of each field), with start and end computed by abseil independently of the
// code under test.
class RandomDates {
 public:
  struct Sample {
    Date date;
    int64_t end;
  };

  explicit RandomDates(uint64_t seed) : rng_(seed) {}

  int Uniform(int lo, int hi) {
    if (std::uniform_int_distribution<int>(0, 7)(rng_) == 0) return Edge(lo, hi);
    return std::uniform_int_distribution<int>(lo, hi)(rng_);
  }

  Sample Next() {
    const auto precision = static_cast<Precision>(Uniform(0, 6));
    const int p = static_cast<int>(precision);
    const int y = Uniform(-9999, 9999);
    const int m = p >= 1 ? Uniform(1, 12) : 1;
    const absl::CivilMonth month(y, m);
    const int days = static_cast<int>(absl::CivilDay(month + 1) - absl::CivilDay(month));
    const int d = p >= 2 ? Uniform(1, days) : 1;
    const int h = p >= 3 ? Uniform(0, 23) : 0;
    const int mi = p >= 3 ? Uniform(0, 59) : 0;
    const int s = p >= 4 ? Uniform(0, 59) : 0;
    int64_t micros = 0;
    if (precision == Precision::kMillisecond) micros = Uniform(0, 999) * 1000;
    if (precision == Precision::kMicrosecond) micros = Uniform(0, 999999);
    const int64_t start = Us(y, m, d, h, mi, s, micros);
    const int64_t ends[] = {Us(y + 1),
                            Us(m == 12 ? y + 1 : y, m % 12 + 1),
                            Us(y, m, d) + 86400000000,
                            start + 60000000,
                            start + 1000000,
                            start + 1000,
                            start + 1};
    return {Date{start, precision, static_cast<uint8_t>(Uniform(0, 3))}, ends[p]};
  }

 private:
  int Edge(int lo, int hi) { return std::uniform_int_distribution<int>(0, 1)(rng_) ? lo : hi; }

  std::mt19937_64 rng_;
};

constexpr uint64_t kSeed = 20241105;
constexpr int kIterations = 20000;

TEST(TimeTest, RandomDatesRoundTrip) {
  RandomDates gen(kSeed);
  for (int i = 0; i < kIterations; ++i) {
    const RandomDates::Sample sample = gen.Next();
    const std::string text = FormatDate(sample.date);
    SCOPED_TRACE(absl::StrFormat("seed %d iteration %d text %s", kSeed, i, text));
    ASSERT_EQ(sample.date.end_us(), sample.end);
    ASSERT_THAT(ParseDate(text), HoldsValue(sample.date));
    ASSERT_THAT(ParseTime(text), HoldsValue(EventTime{sample.date, std::nullopt, false}));
  }
}

// Writes the sample's UTC fields as local time at `offset_minutes` east of UTC,
// in a random offset style; returns the text.
std::string WithOffset(RandomDates& gen, const Date& utc, int offset_minutes) {
  const int64_t local_us = utc.start_us + int64_t{offset_minutes} * 60000000;
  std::string text = FormatInstant(local_us);
  const size_t len[] = {0, 0, 0, 16, 19, 23, 26};
  text.resize(len[static_cast<int>(utc.precision)] + (text[0] == '-' ? 1 : 0));
  const int abs = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  const char sign = offset_minutes < 0 ? '-' : '+';
  switch (gen.Uniform(0, 3)) {
    case 0:
      if (offset_minutes == 0) return text + (gen.Uniform(0, 1) ? "Z" : "");
      [[fallthrough]];
    case 1:
      return text + absl::StrFormat("%c%02d:%02d", sign, abs / 60, abs % 60);
    case 2:
      return text + absl::StrFormat("%c%02d%02d", sign, abs / 60, abs % 60);
    default:
      if (abs % 60 != 0) return text + absl::StrFormat("%c%02d:%02d", sign, abs / 60, abs % 60);
      return text + absl::StrFormat("%c%02d", sign, abs / 60);
  }
}

TEST(TimeTest, RandomOffsetsConvertToUtc) {
  RandomDates gen(kSeed + 1);
  int converted = 0;
  for (int i = 0; i < kIterations; ++i) {
    Date utc = gen.Next().date;
    if (utc.precision < Precision::kMinute) continue;
    utc.qualifiers = 0;
    const int offset = gen.Uniform(-12 * 60, 14 * 60);
    const int64_t local_us = utc.start_us + int64_t{offset} * 60000000;
    if (local_us < Us(-9999) || local_us >= Us(10000)) continue;
    const std::string text = WithOffset(gen, utc, offset);
    SCOPED_TRACE(absl::StrFormat("seed %d iteration %d text %s", kSeed + 1, i, text));
    ASSERT_THAT(ParseDate(text), HoldsValue(utc));
    ++converted;
  }
  EXPECT_GT(converted, kIterations / 4);
}

// Shapes: 0 `../B`, 1 `A/..`, 2 `A/B` with independent ends, 3 `A/B` with B a
// microsecond that ends exactly at A's start (empty) or one microsecond later
// (valid).
TEST(TimeTest, RandomIntervalsRoundTripOrFailExactlyWhenEmpty) {
  RandomDates gen(kSeed + 2);
  int valid = 0;
  int rejected = 0;
  for (int i = 0; i < kIterations; ++i) {
    const RandomDates::Sample a = gen.Next();
    RandomDates::Sample b = gen.Next();
    const int shape = gen.Uniform(0, 3);
    if (shape == 3) {
      const int64_t start = std::max(Us(-9999), a.date.start_us - 1 + gen.Uniform(0, 1));
      b = {Date{start, Precision::kMicrosecond, 0}, start + 1};
    }
    const EventTime t{shape == 0 ? std::nullopt : std::optional<Date>(a.date),
                      shape == 1 ? std::nullopt : std::optional<Date>(b.date), true};
    const std::string text = FormatTime(t);
    SCOPED_TRACE(absl::StrFormat("seed %d iteration %d text %s", kSeed + 2, i, text));
    if (shape >= 2 && b.end <= a.date.start_us) {
      ASSERT_THAT(ParseTime(text), StatusIs(absl::StatusCode::kInvalidArgument,
                                            HasSubstr("interval ends before it starts")));
      ++rejected;
      continue;
    }
    ASSERT_THAT(ParseTime(text), HoldsValue(t));
    ASSERT_EQ(t.start_us(), shape == 0 ? kMinusInfinity : a.date.start_us);
    ASSERT_EQ(t.end_us(), shape == 1 ? kPlusInfinity : b.end);
    ++valid;
  }
  EXPECT_GT(valid, kIterations / 2);
  EXPECT_GT(rejected, kIterations / 10);
}

}  // namespace
}  // namespace annals
