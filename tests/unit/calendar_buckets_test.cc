// Copyright: the Annals authors.
//
// Calendar edges of count buckets: ISO week-years, leap days, quarter ends, years 0001 and 9999,
// events at ±inf, a one-µs range; and the bucket limit.
#include "internal/query/calendar_buckets.h"

#include "annals/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "internal/query/bucket_counts.h"
#include "testing/status_matchers.h"

namespace annals::internal {
namespace {

using ::annals::testing::StatusIs;
using ::testing::HasSubstr;

int64_t Start(const char* t) { return annals::ParseTime(t)->start_us(); }
int64_t End(const char* t) { return annals::ParseTime(t)->end_us(); }
std::string Label(TimeUnit u, const char* t) { return BucketLabel(u, BucketFloor(u, Start(t))); }

TEST(CalendarBucketsTest, LabelsOfEveryUnit) {
  EXPECT_EQ(Label(TimeUnit::kYear, "2024-10-15"), "2024");
  EXPECT_EQ(Label(TimeUnit::kQuarter, "2024-10-15"), "2024-Q4");
  EXPECT_EQ(Label(TimeUnit::kMonth, "2024-10-15"), "2024-10");
  EXPECT_EQ(Label(TimeUnit::kWeek, "2024-10-09"), "2024-W41");
  EXPECT_EQ(Label(TimeUnit::kDay, "2024-10-15T23:59:59.999999Z"), "2024-10-15");
  EXPECT_EQ(Label(TimeUnit::kHour, "2024-10-15T14:59:59Z"), "2024-10-15T14");
}

TEST(CalendarBucketsTest, IsoWeekYears) {
  EXPECT_EQ(Label(TimeUnit::kWeek, "2021-01-03"), "2020-W53");  // a Sunday
  EXPECT_EQ(Label(TimeUnit::kWeek, "2020-12-28"), "2020-W53");  // its Monday
  EXPECT_EQ(Label(TimeUnit::kWeek, "2021-01-04"), "2021-W01");
  EXPECT_EQ(Label(TimeUnit::kWeek, "2019-12-30"), "2020-W01");  // Monday of 2020-W01
  EXPECT_EQ(Label(TimeUnit::kWeek, "2024-12-30"), "2025-W01");
  EXPECT_EQ(BucketFloor(TimeUnit::kWeek, Start("2021-01-03T12:00Z")), Start("2020-12-28"));
  EXPECT_EQ(BucketNext(TimeUnit::kWeek, Start("2020-12-28")), Start("2021-01-04"));
}

TEST(CalendarBucketsTest, LeapDaysAndQuarterEnds) {
  EXPECT_EQ(BucketNext(TimeUnit::kMonth, Start("2024-02")), Start("2024-03"));
  EXPECT_EQ(BucketNext(TimeUnit::kDay, Start("2024-02-28")), Start("2024-02-29"));
  EXPECT_EQ(BucketNext(TimeUnit::kDay, Start("2024-02-29")), Start("2024-03-01"));
  EXPECT_EQ(BucketNext(TimeUnit::kDay, Start("2023-02-28")), Start("2023-03-01"));
  EXPECT_EQ(Label(TimeUnit::kQuarter, "2024-03-31T23:59:59.999999Z"), "2024-Q1");
  EXPECT_EQ(Label(TimeUnit::kQuarter, "2024-04-01"), "2024-Q2");
  EXPECT_EQ(BucketNext(TimeUnit::kQuarter, Start("2024-10")), Start("2025-01"));
}

TEST(CalendarBucketsTest, Years0001And9999) {
  EXPECT_EQ(Label(TimeUnit::kYear, "0001-01-01"), "0001");
  EXPECT_EQ(Label(TimeUnit::kWeek, "0001-01-01"), "0001-W01");  // a Monday (proleptic)
  EXPECT_EQ(Label(TimeUnit::kHour, "9999-12-31T23:30Z"), "9999-12-31T23");
  EXPECT_EQ(BucketNext(TimeUnit::kYear, Start("9999")), End("9999"));
  ASSERT_OK_AND_ASSIGN(BucketList b,
                       BucketList::Make(TimeUnit::kMonth, Start("9999-11"), End("9999")));
  EXPECT_EQ(b.size(), 2);
  EXPECT_EQ(b.Label(1), "9999-12");
}

TEST(CalendarBucketsTest, NegativeYearsAreZeroPadded) {
  // Astronomical years before 0001 (FORMAT.md revision), once the time model reads them.
  const int64_t year0 = Start("0001") - int64_t{366} * 86400 * 1000000;  // 0000 is a leap year
  EXPECT_EQ(BucketLabel(TimeUnit::kYear, year0), "0000");
  EXPECT_EQ(BucketLabel(TimeUnit::kQuarter, BucketFloor(TimeUnit::kQuarter, year0 - 1)),
            "-0001-Q4");
}

TEST(CalendarBucketsTest, OneMicrosecondRange) {
  const int64_t t = Start("2024-10-15T14:00:07.250000Z");
  ASSERT_OK_AND_ASSIGN(BucketList b, BucketList::Make(TimeUnit::kHour, t, t + 1));
  ASSERT_EQ(b.size(), 1);
  EXPECT_EQ(b.Label(0), "2024-10-15T14");
  const Placement p = Place(b, t, t + 1);
  EXPECT_EQ(p.starting, 0);
  EXPECT_TRUE(p.within);
  EXPECT_EQ(p.first, 0);
  EXPECT_EQ(p.last, 0);
}

TEST(CalendarBucketsTest, InfiniteEndsOverlapEveryBucketOnTheirSide) {
  ASSERT_OK_AND_ASSIGN(BucketList b,
                       BucketList::Make(TimeUnit::kMonth, Start("2024-01"), End("2024-12")));
  const Placement open_end = Place(b, Start("2024-03"), kPlusInfinity);
  EXPECT_EQ(open_end.starting, 2);
  EXPECT_FALSE(open_end.within);
  EXPECT_EQ(open_end.first, 2);
  EXPECT_EQ(open_end.last, 11);
  const Placement open_start = Place(b, kMinusInfinity, End("2024-03"));
  EXPECT_EQ(open_start.starting, -1);
  EXPECT_FALSE(open_start.within);
  EXPECT_EQ(open_start.first, 0);
  EXPECT_EQ(open_start.last, 2);
  const Placement year = Place(b, Start("2024"), End("2024"));  // starts in Jan, within none
  EXPECT_EQ(year.starting, 0);
  EXPECT_FALSE(year.within);
  EXPECT_EQ(year.last, 11);
}

TEST(CalendarBucketsTest, MoreThanTheLimitIsOutOfRange) {
  EXPECT_THAT(BucketList::Make(TimeUnit::kHour, Start("2000"), End("2020")),
              StatusIs(absl::StatusCode::kOutOfRange, HasSubstr("coarser --by")));
  ASSERT_OK_AND_ASSIGN(BucketList b,  // 100,000 days: exactly the limit
                       BucketList::Make(TimeUnit::kDay, Start("2000-01-01"),
                                        Start("2000-01-01") + int64_t{100000} * 86400000000));
  EXPECT_EQ(b.size(), 100000);
}

}  // namespace
}  // namespace annals::internal
