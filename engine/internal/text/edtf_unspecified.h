// Copyright: the Annals authors.
//
// Calendar dates with unspecified digits (EDTF `X`): `199X`, `2024-1X`, `2016-XX-XX`. Only
// trailing digits may be `X` (an X before a known digit, `156X-12-25`, is EDTF level 2). A date
// with X digits covers every value they can take; these functions give its first and last value.
#ifndef ANNALS_INTERNAL_TEXT_EDTF_UNSPECIFIED_H_
#define ANNALS_INTERNAL_TEXT_EDTF_UNSPECIFIED_H_

#include <cstdint>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "annals/time.h"

namespace annals::internal {

// A calendar date as written: an optional `-`, then 4 year characters, then 0 or 2 month and 0 or
// 2 day characters, each a digit or `X` (e.g. "199X", "202410", "2016XXXX").
struct WrittenCalendar {
  bool negative = false;
  std::string_view chars;
};

// The earliest day the written date can denote (day 1 / January 1 below its precision) and the
// number of trailing X characters. Returns InvalidArgument with a reason (not quoting the text)
// when an X precedes a known digit, when no value is a date (`2024-02-3X`), for month 00 or 13-99
// (naming seasons for 21-41), day 00 or past the month's end, and for -0000.
struct ResolvedCalendar {
  int64_t year = 0;  // the earliest day, as plain fields (no civil normalization cost)
  int month = 1;
  int day = 1;
  int unspecified_digits = 0;
};
absl::StatusOr<ResolvedCalendar> ResolveCalendar(const WrittenCalendar& written);

// The start of the latest period of `precision` a date can denote, given the start of its earliest
// (`first`, as ResolveCalendar returns it) and its number of trailing X digits: for 199X (first
// 1990, 1 digit, year precision) it is 1999-01-01. REQUIRES: precision is kYear, kMonth or kDay
// and unspecified_digits fits it (4, 6, 8).
absl::CivilDay LastUnspecifiedValue(absl::CivilDay first, Precision precision,
                                    int unspecified_digits);

// True when date.unspecified_digits fits its precision: at most 4 for a year, 6 for a month, 8 for
// a day and none for finer precisions. Stored and API-built dates are checked with it.
bool IsValidUnspecified(const Date& date);

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_TEXT_EDTF_UNSPECIFIED_H_
