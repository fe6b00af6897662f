// Copyright: the Annals authors.
#include "internal/storage/span_class.h"

#include "annals/time.h"
#include "gtest/gtest.h"

namespace annals::internal {
namespace {

constexpr int64_t kSecond = 1'000'000;

TEST(SpanClassTest, FiniteSpansGoToTheSmallestClassThatHoldsThem) {
  EXPECT_EQ(SpanClass(0, 1), 0);        // a microsecond
  EXPECT_EQ(SpanClass(0, kSecond), 0);  // a second: exactly MaxSpan(0)
  EXPECT_EQ(SpanClass(0, kSecond + 1), 1);
  EXPECT_EQ(SpanClass(0, 8 * kSecond), 1);
  EXPECT_EQ(SpanClass(0, 86400 * kSecond), 6);  // a day: 8^5 s < 86400 s <= 8^6 s
  EXPECT_EQ(SpanClass(ParseTime("0001")->start_us(), ParseTime("9999")->end_us()), 13);
}

TEST(SpanClassTest, OpenSpansHaveTheirOwnClasses) {
  EXPECT_EQ(SpanClass(0, kPlusInfinity), kOpenEndClass);
  EXPECT_EQ(SpanClass(kMinusInfinity, 0), kOpenStartClass);
  EXPECT_EQ(OrderTime(kOpenStartClass, kMinusInfinity, 5), 5);
  EXPECT_EQ(OtherTime(kOpenStartClass, kMinusInfinity, 5), kMinusInfinity);
  EXPECT_EQ(OrderTime(3, 2, 5), 2);
  EXPECT_EQ(OtherTime(3, 2, 5), 5);
}

TEST(SpanClassTest, ScanRangeCoversEveryOverlappingStart) {
  const OrderRange r = ScanRange(1, 100 * kSecond, 200 * kSecond);
  EXPECT_EQ(r.lo, 100 * kSecond - MaxSpan(1));
  EXPECT_EQ(r.hi, 200 * kSecond);
  EXPECT_EQ(ScanRange(kOpenEndClass, 10, 20).lo, kMinusInfinity);
  EXPECT_EQ(ScanRange(kOpenEndClass, 10, 20).hi, 20);
  EXPECT_EQ(ScanRange(kOpenStartClass, 10, 20).lo, 11);
  EXPECT_EQ(ScanRange(kOpenStartClass, 10, 20).hi, kPlusInfinity);
  EXPECT_TRUE(ScanRange(2, 20, 20 - MaxSpan(2)).empty());
  EXPECT_FALSE(ScanRange(2, 20, 19).empty()) << "an inverted range still follows the formula";
  EXPECT_EQ(ScanRange(13, kMinusInfinity, 0).lo, kMinusInfinity) << "no overflow";
}

// Regression (found by index_stream_test's window sweep): with to = -inf no open-start event
// overlaps (-inf < -inf is false), but the open-start scan range ignored `to`.
TEST(SpanClassTest, OpenStartScanIsEmptyWhenToIsMinusInfinity) {
  EXPECT_TRUE(ScanRange(kOpenStartClass, 10, kMinusInfinity).empty());
  EXPECT_TRUE(ScanRange(kOpenStartClass, kMinusInfinity, kMinusInfinity).empty());
  EXPECT_FALSE(ScanRange(kOpenStartClass, kMinusInfinity, kMinusInfinity + 1).empty());
}

// Brute force: for random spans and ranges, an overlapping span's order time is in ScanRange.
TEST(SpanClassTest, ScanRangeIsNeverTooNarrow) {
  uint64_t x = 42;
  auto next = [&] { return x = x * 6364136223846793005ULL + 1442695040888963407ULL; };
  for (int i = 0; i < 100000; ++i) {
    const int64_t start = static_cast<int64_t>(next() % (1ULL << 40));
    const int64_t end = start + 1 + static_cast<int64_t>(next() % (1ULL << (next() % 40)));
    const int64_t from = static_cast<int64_t>(next() % (1ULL << 40));
    const int64_t to = from - (1LL << 29) + static_cast<int64_t>(next() % (1ULL << 30));
    if (!Overlaps(start, end, from, to)) continue;
    const uint8_t cls = SpanClass(start, end);
    const OrderRange r = ScanRange(cls, from, to);
    const int64_t t = OrderTime(cls, start, end);
    ASSERT_TRUE(r.lo <= t && t < r.hi) << "seed 42, iteration " << i;
  }
}

}  // namespace
}  // namespace annals::internal

namespace annals::internal {
namespace {

// Regression (fuzz find): BCE and extended years allow finite spans of ~580,000 years, which
// overflowed the span computation and exceeded the old bound of the last finite class (8^13 s), so
// a range query could miss them.
TEST(SpanClassTest, LongestFiniteSpansFallInTheLastClassAndAreScanned) {
  const int64_t start = ParseTime("Y-200000")->start_us();
  const int64_t end = ParseTime("Y200000")->end_us();
  EXPECT_EQ(SpanClass(start, end), kMaxFiniteClass);
  EXPECT_EQ(SpanClass(ParseTime("-1000")->start_us(), ParseTime("2000")->end_us()),
            kMaxFiniteClass);
  const OrderRange r =
      ScanRange(kMaxFiniteClass, ParseTime("2024")->start_us(), ParseTime("2024")->end_us());
  EXPECT_LE(r.lo, start);
  EXPECT_GT(r.hi, start);
}

}  // namespace
}  // namespace annals::internal
