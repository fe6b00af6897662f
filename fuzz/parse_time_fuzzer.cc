// Copyright: the Annals authors.
//
// annals::ParseTime on arbitrary text. Properties: never crashes; an accepted time formats to
// canonical text that parses back to the same time and formats identically; its span is
// non-empty (start < end); every date's own span is non-empty; unknown-end flags only stand
// where that side has no date, and X digits are shown exactly when the date has them.
// The seed corpus covers the level-1 forms: BCE years, Y years, X digits, unknown ends, offsets
// at their limits, and refused seasons and level-2 forms.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "annals/time.h"
#include "fuzz_check.h"

namespace {

void CheckDate(const annals::Date& d) {
  FUZZ_CHECK(d.start_us < d.end_us());
  const bool shows_x = annals::FormatDate(d).find('X') != std::string::npos;
  FUZZ_CHECK(shows_x == (d.unspecified_digits > 0));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<annals::EventTime> t = annals::ParseTime(text);
  if (!t.ok()) {
    FUZZ_CHECK(t.status().code() == absl::StatusCode::kInvalidArgument);
    return 0;
  }
  FUZZ_CHECK(t->start_us() < t->end_us());
  if (t->first) CheckDate(*t->first);
  if (t->second) CheckDate(*t->second);
  FUZZ_CHECK(!(t->start_unknown && t->first) && !(t->end_unknown && t->second));
  FUZZ_CHECK(t->start_open() == (t->start_us() == annals::kMinusInfinity));
  FUZZ_CHECK(t->end_open() == (t->end_us() == annals::kPlusInfinity));
  const std::string canonical = annals::FormatTime(*t);
  absl::StatusOr<annals::EventTime> back = annals::ParseTime(canonical);
  FUZZ_CHECK(back.ok());
  FUZZ_CHECK(*back == *t);
  FUZZ_CHECK(annals::FormatTime(*back) == canonical);
  if (!t->is_interval) {
    absl::StatusOr<annals::Date> d = annals::ParseDate(text);
    FUZZ_CHECK(d.ok() && *d == *t->first);
  }
  return 0;
}
