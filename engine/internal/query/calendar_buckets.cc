// Copyright: the Annals authors.
#include "internal/query/calendar_buckets.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "annals/time.h"

namespace annals::internal {
namespace {

// int64 µs reach about ±292,000 years; civil times beyond saturate to the infinities.
constexpr absl::civil_year_t kMaxYear = 292'000;

absl::CivilSecond ToCivil(int64_t us) {
  // Floor to the second, so that instants before 1970 land in the right second.
  int64_t seconds = us / 1'000'000;
  if (us % 1'000'000 < 0) --seconds;
  return absl::CivilSecond(1970, 1, 1, 0, 0, 0) + seconds;
}

int64_t FromCivil(absl::CivilSecond c) {
  if (c.year() > kMaxYear) return kPlusInfinity;
  if (c.year() < -kMaxYear) return kMinusInfinity;
  return (c - absl::CivilSecond(1970, 1, 1, 0, 0, 0)) * 1'000'000;
}

absl::CivilDay WeekMonday(absl::CivilDay d) {
  const int from_monday =
      (static_cast<int>(absl::GetWeekday(d)) - static_cast<int>(absl::Weekday::monday) + 7) % 7;
  return d - from_monday;
}

std::string Year(absl::civil_year_t y) {
  return y < 0 ? absl::StrFormat("-%04d", -y) : absl::StrFormat("%04d", y);
}

}  // namespace

int64_t BucketFloor(TimeUnit unit, int64_t us) {
  if (us == kMinusInfinity) return kMinusInfinity;
  const absl::CivilSecond c = ToCivil(us);
  switch (unit) {
    case TimeUnit::kYear:
      return FromCivil(absl::CivilYear(c));
    case TimeUnit::kQuarter:
      return FromCivil(absl::CivilMonth(c.year(), (c.month() - 1) / 3 * 3 + 1));
    case TimeUnit::kMonth:
      return FromCivil(absl::CivilMonth(c));
    case TimeUnit::kWeek:
      return FromCivil(WeekMonday(absl::CivilDay(c)));
    case TimeUnit::kDay:
      return FromCivil(absl::CivilDay(c));
    case TimeUnit::kHour:
      return FromCivil(absl::CivilHour(c));
  }
  return us;
}

int64_t BucketNext(TimeUnit unit, int64_t start) {
  if (start == kPlusInfinity) return kPlusInfinity;
  const absl::CivilSecond c = ToCivil(start);
  switch (unit) {
    case TimeUnit::kYear:
      return FromCivil(absl::CivilYear(c) + 1);
    case TimeUnit::kQuarter:
      return FromCivil(absl::CivilMonth(c) + 3);
    case TimeUnit::kMonth:
      return FromCivil(absl::CivilMonth(c) + 1);
    case TimeUnit::kWeek:
      return FromCivil(absl::CivilDay(c) + 7);
    case TimeUnit::kDay:
      return FromCivil(absl::CivilDay(c) + 1);
    case TimeUnit::kHour:
      return FromCivil(absl::CivilHour(c) + 1);
  }
  return kPlusInfinity;
}

std::string BucketLabel(TimeUnit unit, int64_t start) {
  const absl::CivilSecond c = ToCivil(start);
  switch (unit) {
    case TimeUnit::kYear:
      return Year(c.year());
    case TimeUnit::kQuarter:
      return absl::StrCat(Year(c.year()), "-Q", (c.month() - 1) / 3 + 1);
    case TimeUnit::kMonth:
      return absl::StrFormat("%s-%02d", Year(c.year()), c.month());
    case TimeUnit::kWeek: {
      const absl::CivilDay thursday = WeekMonday(absl::CivilDay(c)) + 3;
      const int week = (absl::GetYearDay(thursday) - 1) / 7 + 1;
      return absl::StrFormat("%s-W%02d", Year(thursday.year()), week);
    }
    case TimeUnit::kDay:
      return absl::StrFormat("%s-%02d-%02d", Year(c.year()), c.month(), c.day());
    case TimeUnit::kHour:
      return absl::StrFormat("%s-%02d-%02dT%02d", Year(c.year()), c.month(), c.day(), c.hour());
  }
  return "";
}

absl::StatusOr<BucketList> BucketList::Make(TimeUnit unit, int64_t from_us, int64_t to_us) {
  BucketList list;
  list.unit_ = unit;
  int64_t b = BucketFloor(unit, from_us);
  list.bounds_.push_back(b);
  while (b < to_us) {
    if (list.bounds_.size() > kMaxBuckets) {
      return absl::OutOfRangeError(absl::StrCat(
          "more than 100,000 ", TimeUnitName(unit), " buckets from ", FormatInstant(from_us),
          " to ", FormatInstant(to_us), ": use a coarser --by or a narrower --from/--to range"));
    }
    const int64_t next = BucketNext(unit, b);
    if (next <= b) break;  // saturated at +inf
    list.bounds_.push_back(next);
    b = next;
  }
  return list;
}

int64_t BucketList::Locate(int64_t us) const {
  return std::upper_bound(bounds_.begin(), bounds_.end(), us) - bounds_.begin() - 1;
}

int64_t BucketList::LastBefore(int64_t us) const {
  const int64_t i = std::lower_bound(bounds_.begin(), bounds_.end(), us) - bounds_.begin() - 1;
  return std::min(i, size() - 1);
}

}  // namespace annals::internal
