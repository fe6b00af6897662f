// Copyright: the Annals authors.
//
// annals::ParseTime on arbitrary text. Properties: never crashes; an accepted time formats to
// canonical text that parses back to the same time and formats identically; its span is
// non-empty (start < end).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "annals/time.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<annals::EventTime> t = annals::ParseTime(text);
  if (!t.ok()) {
    FUZZ_CHECK(t.status().code() == absl::StatusCode::kInvalidArgument);
    return 0;
  }
  FUZZ_CHECK(t->start_us() < t->end_us());
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
