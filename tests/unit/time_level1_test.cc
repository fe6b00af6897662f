// Copyright: the Annals authors.
//
// The EDTF forms added by the 2026-11-29 revision of spec/FORMAT.md section 2: years before 0001
// (astronomical numbering, proleptic Gregorian), extended `Y` years, unspecified digits (`X`),
// unknown interval ends, the offset range, and refusals that name the unsupported feature.
// Expected instants come from abseil (Us), independently of the code under test.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "annals/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"

namespace annals {
namespace {

using ::annals::testing::StatusIs;
using ::testing::HasSubstr;

int64_t Us(int64_t y, int m = 1, int d = 1, int h = 0, int mi = 0) {
  return absl::ToUnixMicros(
      absl::FromCivil(absl::CivilSecond(y, m, d, h, mi, 0), absl::UTCTimeZone()));
}

// Parses `text` as a time and checks its span and canonical form.
void ExpectSpan(const std::string& text, int64_t start, int64_t end, const std::string& shown) {
  SCOPED_TRACE(text);
  const absl::StatusOr<EventTime> t = ParseTime(text);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->start_us(), start);
  EXPECT_EQ(t->end_us(), end);
  EXPECT_EQ(FormatTime(*t), shown);
  const absl::StatusOr<EventTime> again = ParseTime(shown);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(*again, *t) << "canonical form must round trip";
}

void ExpectRefused(const std::string& text, const std::string& reason) {
  SCOPED_TRACE(text);
  EXPECT_THAT(ParseTime(text),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr(absl::StrFormat("invalid time \"%s\": %s", text, reason))));
}

TEST(TimeLevel1Test, YearZeroAndBceYearsUseProlepticGregorianLeapRules) {
  ExpectSpan("0000", Us(0), Us(1), "0000");
  ExpectSpan("-0043-03-15", Us(-43, 3, 15), Us(-43, 3, 16), "-0043-03-15");
  ExpectSpan("0000-02-29", Us(0, 2, 29), Us(0, 3, 1), "0000-02-29");
  ExpectSpan("-0400-02-29", Us(-400, 2, 29), Us(-400, 3, 1), "-0400-02-29");
  ExpectSpan("-0004-02-29", Us(-4, 2, 29), Us(-4, 3, 1), "-0004-02-29");
  ExpectSpan("-9999", Us(-9999), Us(-9998), "-9999");
  ExpectRefused("-0100-02-29", "-0100-02-29 is not a date: day 29 out of range for -0100-02");
  ExpectRefused("-0001-02-29", "-0001-02-29 is not a date");
  ExpectRefused("-0000", "year -0000 does not exist (0000 is 1 BCE)");
}

TEST(TimeLevel1Test, IntervalsCrossYearZero) {
  ExpectSpan("-0001/0001", Us(-1), Us(2), "-0001/0001");
  ExpectSpan("-0500/-0400", Us(-500), Us(-399), "-0500/-0400");
  ExpectRefused("0001/-0001", "interval ends before it starts");
  // An offset may move a time across year 0000.
  ExpectSpan("0000-01-01T00:30+01:00", Us(-1, 12, 31, 23, 30), Us(-1, 12, 31, 23, 31),
             "-0001-12-31T23:30Z");
}

TEST(TimeLevel1Test, ExtendedYearsWithinTheLimit) {
  ExpectSpan("Y20000", Us(20000), Us(20001), "Y20000");
  ExpectSpan("Y-20000", Us(-20000), Us(-19999), "Y-20000");
  ExpectSpan("Y10000", Us(10000), Us(10001), "Y10000");
  ExpectSpan("Y-290000/Y290000", Us(-290000), Us(290001), "Y-290000/Y290000");
  ExpectRefused("Y290001", "years beyond -290000..290000 are not supported");
  ExpectRefused("Y-290001", "years beyond -290000..290000 are not supported");
  ExpectRefused("Y99999999999999999999", "years beyond -290000..290000 are not supported");
  ExpectRefused("Y9999", "an extended year (Y) must have more than 4 digits: write 9999");
  ExpectRefused("Y00001", "an extended year (Y) has no leading zero");
  ExpectRefused("Y20000-01", "an extended year (Y) takes no month or day");
  ExpectRefused("12345", "a year of more than 4 digits needs the Y prefix (Y12345)");
}

TEST(TimeLevel1Test, UnspecifiedDigitsCoverEveryValueAndAreShownAsWritten) {
  ExpectSpan("199X", Us(1990), Us(2000), "199X");
  ExpectSpan("19XX", Us(1900), Us(2000), "19XX");
  ExpectSpan("XXXX", Us(0), Us(10000), "XXXX");
  ExpectSpan("-199X", Us(-1999), Us(-1989), "-199X");
  ExpectSpan("2024-1X", Us(2024, 10), Us(2025), "2024-1X");
  ExpectSpan("2024-0X", Us(2024, 1), Us(2024, 10), "2024-0X");
  ExpectSpan("2016-XX", Us(2016), Us(2017), "2016-XX");
  ExpectSpan("1985-04-XX", Us(1985, 4), Us(1985, 5), "1985-04-XX");
  ExpectSpan("2024-02-XX", Us(2024, 2), Us(2024, 3), "2024-02-XX");
  ExpectSpan("2023-02-2X", Us(2023, 2, 20), Us(2023, 3), "2023-02-2X");
  ExpectSpan("2024-04-3X", Us(2024, 4, 30), Us(2024, 5), "2024-04-3X");
  ExpectSpan("2024-05-0X", Us(2024, 5, 1), Us(2024, 5, 10), "2024-05-0X");
  ExpectSpan("2016-XX-XX", Us(2016), Us(2017), "2016-XX-XX");
  ExpectSpan("201X-XX-XX", Us(2010), Us(2020), "201X-XX-XX");
  ExpectSpan("XXXX-XX-XX", Us(0), Us(10000), "XXXX-XX-XX");
  ExpectSpan("199X~/2024-1X?", Us(1990), Us(2025), "199X~/2024-1X?");
  ExpectRefused("2024-02-3X", "no day of 2024-02 matches 3X");
  ExpectRefused("2024-2X", "month 2X out of range");
  ExpectRefused("2016-13-XX", "month 13 out of range");
  ExpectRefused("156X-12-25", "unspecified digits (X) before a known digit are EDTF level 2");
  ExpectRefused("XXXX-12", "unspecified digits (X) before a known digit are EDTF level 2");
  ExpectRefused("1985-04-XXT10:00Z", "a time of day needs a date without unspecified digits (X)");
}

TEST(TimeLevel1Test, UnspecifiedDigitsAreKeptInTheDate) {
  const absl::StatusOr<Date> d = ParseDate("2016-XX-XX");
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->precision, Precision::kDay);
  EXPECT_EQ(d->unspecified_digits, 4);
  EXPECT_EQ(FormatDate(*d), "2016-XX-XX");
  EXPECT_NE(*d, *ParseDate("2016-01-01"));
}

TEST(TimeLevel1Test, UnknownEndsSpanLikeOpenEndsButAreShownAsWritten) {
  ExpectSpan("2024-10/", Us(2024, 10), kPlusInfinity, "2024-10/");
  ExpectSpan("/2024-10", kMinusInfinity, Us(2024, 11), "/2024-10");
  ExpectSpan("-0043-03-15/", Us(-43, 3, 15), kPlusInfinity, "-0043-03-15/");
  const EventTime unknown = *ParseTime("2024-10/");
  const EventTime open = *ParseTime("2024-10/..");
  EXPECT_TRUE(unknown.end_unknown);
  EXPECT_FALSE(unknown.start_unknown);
  EXPECT_FALSE(open.end_unknown);
  EXPECT_NE(unknown, open);
  EXPECT_EQ(unknown.end_us(), open.end_us());
  EXPECT_TRUE(unknown.end_open());
  EXPECT_TRUE(open.end_open());
  EXPECT_FALSE(unknown.start_open());
  const EventTime unknown_start = *ParseTime("/2024-10");
  EXPECT_TRUE(unknown_start.start_unknown);
  EXPECT_TRUE(unknown_start.start_open());
  EXPECT_FALSE(unknown_start.end_open());
  EXPECT_FALSE(ParseTime("2024-10/2025")->end_open());
  EXPECT_FALSE(ParseTime("2024-10")->end_open());
  ExpectRefused("/", "an interval needs at least one date");
  ExpectRefused("../..", "an interval needs at least one date");
  ExpectRefused("/..", "an interval needs at least one date");
}

TEST(TimeLevel1Test, OffsetsWithinMinusTwelveAndPlusFourteen) {
  ExpectSpan("2016-05-02T12:00+14:00", Us(2016, 5, 1, 22), Us(2016, 5, 1, 22, 1),
             "2016-05-01T22:00Z");
  ExpectSpan("2016-05-02T12:00-12:00", Us(2016, 5, 3, 0), Us(2016, 5, 3, 0, 1),
             "2016-05-03T00:00Z");
  ExpectSpan("2016-05-02T12:00-1200", Us(2016, 5, 3, 0), Us(2016, 5, 3, 0, 1), "2016-05-03T00:00Z");
  ExpectSpan("2016-05-02T12:00+14", Us(2016, 5, 1, 22), Us(2016, 5, 1, 22, 1), "2016-05-01T22:00Z");
  ExpectSpan("2016-05-02T12:00+00:00", Us(2016, 5, 2, 12), Us(2016, 5, 2, 12, 1),
             "2016-05-02T12:00Z");
  // parse_time_fuzzer found this one: its UTC form (+10000-...) had no parseable canonical text.
  ExpectRefused("9999-12-31T23:59:59.94-12:00",
                "outside years -9999..9999 after conversion to UTC");
  ExpectRefused("-9999-01-01T00:00+00:01", "outside years -9999..9999 after conversion to UTC");
  ExpectSpan("-9999-01-01T00:00-00:01", Us(-9999, 1, 1, 0, 1), Us(-9999, 1, 1, 0, 2),
             "-9999-01-01T00:01Z");
  ExpectRefused("2016-05-02T12:00-00:00", "offset -00:00 is not allowed (ISO 8601)");
  ExpectRefused("2016-05-02T12:00-0000", "offset -0000 is not allowed (ISO 8601)");
  ExpectRefused("2016-05-02T12:00-00", "offset -00 is not allowed (ISO 8601)");
  ExpectRefused("2016-05-02T12:00-12:01", "offset -12:01 outside -12:00..+14:00");
  ExpectRefused("2016-05-02T12:00+14:01", "offset +14:01 outside -12:00..+14:00");
  ExpectRefused("2016-05-02T12:00-13", "offset -13 outside -12:00..+14:00");
  ExpectRefused("2016-05-02T12:00+15", "offset +15 outside -12:00..+14:00");
}

TEST(TimeLevel1Test, RefusalsNameTheFeature) {
  ExpectRefused("2001-21", "seasons (month 21-24) are not supported");
  ExpectRefused("2001-24", "seasons (month 21-24) are not supported");
  ExpectRefused("2001-33", "seasons, quarters and halves (month 25-41, EDTF level 2)");
  ExpectRefused("[1667,1668]", "sets ([...], EDTF level 2) are not supported");
  ExpectRefused("{1667,1668}", "lists ({...}, EDTF level 2) are not supported");
  ExpectRefused("?2004-06", "qualifiers on a part of a date (EDTF level 2)");
  ExpectRefused("2004-?06-11", "qualifiers on a part of a date (EDTF level 2)");
  ExpectRefused("2004?-06-11", "qualifiers on a part of a date (EDTF level 2)");
  ExpectRefused("Y17E7", "exponential years (EDTF level 2) are not supported");
  ExpectRefused("1950S2", "significant digits (EDTF level 2) are not supported");
}

TEST(TimeLevel1Test, FormatInstantShowsBceAndExpandedYears) {
  EXPECT_EQ(FormatInstant(Us(-43, 3, 15)), "-0043-03-15T00:00:00.000000Z");
  EXPECT_EQ(FormatInstant(Us(0)), "0000-01-01T00:00:00.000000Z");
  EXPECT_EQ(FormatInstant(Us(20000)), "+20000-01-01T00:00:00.000000Z");
  EXPECT_EQ(FormatInstant(Us(-20000)), "-20000-01-01T00:00:00.000000Z");
  EXPECT_EQ(FormatInstant(Us(-1) - 1), "-0002-12-31T23:59:59.999999Z");
}

}  // namespace
}  // namespace annals
