// Copyright: the Annals authors.
#include "internal/text/edtf_unspecified.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"

namespace annals::internal {
namespace {

using ::annals::testing::StatusIs;
using ::testing::HasSubstr;

TEST(EdtfUnspecifiedTest, ResolveGivesTheEarliestDayAndTheDigitCount) {
  const WrittenCalendar cases[] = {
      {false, "199X"}, {true, "199X"}, {false, "20241X"}, {false, "2016XXXX"}, {false, "2024043X"}};
  const int expected[][4] = {
      {1990, 1, 1, 1}, {-1999, 1, 1, 1}, {2024, 10, 1, 1}, {2016, 1, 1, 4}, {2024, 4, 30, 1}};
  for (int i = 0; i < 5; ++i) {
    SCOPED_TRACE(cases[i].chars);
    absl::StatusOr<ResolvedCalendar> r = ResolveCalendar(cases[i]);
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(r->year, expected[i][0]);
    EXPECT_EQ(r->month, expected[i][1]);
    EXPECT_EQ(r->day, expected[i][2]);
    EXPECT_EQ(r->unspecified_digits, expected[i][3]);
  }
}

TEST(EdtfUnspecifiedTest, ResolveRefusesWhatNoDateMatches) {
  EXPECT_THAT(ResolveCalendar({false, "2024023X"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no day of 2024-02")));
  EXPECT_THAT(ResolveCalendar({false, "156X1225"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("EDTF level 2")));
  EXPECT_THAT(ResolveCalendar({true, "0000"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("-0000")));
  EXPECT_THAT(ResolveCalendar({false, "20242X"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("month 2X")));
}

TEST(EdtfUnspecifiedTest, LastValueIsTheLatestPeriodTheDigitsAllow) {
  EXPECT_EQ(LastUnspecifiedValue(absl::CivilDay(1990, 1, 1), Precision::kYear, 1),
            absl::CivilDay(1999, 1, 1));
  EXPECT_EQ(LastUnspecifiedValue(absl::CivilDay(0, 1, 1), Precision::kYear, 4),
            absl::CivilDay(9999, 1, 1));
  EXPECT_EQ(LastUnspecifiedValue(absl::CivilDay(2024, 1, 1), Precision::kMonth, 1),
            absl::CivilDay(2024, 9, 1));
  EXPECT_EQ(LastUnspecifiedValue(absl::CivilDay(2024, 10, 1), Precision::kMonth, 1),
            absl::CivilDay(2024, 12, 1));
  EXPECT_EQ(LastUnspecifiedValue(absl::CivilDay(2024, 2, 1), Precision::kDay, 2),
            absl::CivilDay(2024, 2, 29));
  EXPECT_EQ(LastUnspecifiedValue(absl::CivilDay(-100, 2, 20), Precision::kDay, 1),
            absl::CivilDay(-100, 2, 28));
  EXPECT_EQ(LastUnspecifiedValue(absl::CivilDay(2010, 1, 1), Precision::kDay, 5),
            absl::CivilDay(2019, 12, 31));
}

TEST(EdtfUnspecifiedTest, DigitCountMustFitThePrecision) {
  EXPECT_TRUE(IsValidUnspecified(Date{0, Precision::kYear, 0, 4}));
  EXPECT_FALSE(IsValidUnspecified(Date{0, Precision::kYear, 0, 5}));
  EXPECT_TRUE(IsValidUnspecified(Date{0, Precision::kDay, 0, 8}));
  EXPECT_FALSE(IsValidUnspecified(Date{0, Precision::kMinute, 0, 1}));
  EXPECT_TRUE(IsValidUnspecified(Date{0, Precision::kMicrosecond, 0, 0}));
}

}  // namespace
}  // namespace annals::internal
