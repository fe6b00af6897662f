// Copyright: the Annals authors.
#include "system_time_text.h"

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "annals/time.h"
#include "text_format.h"

namespace annals::cli {

absl::StatusOr<int64_t> SystemTimeEnd(std::string_view text) {
  absl::StatusOr<EventTime> time = ParseTime(text);
  if (!time.ok()) return time.status();
  const int64_t end = time->end_us();
  if (end == kPlusInfinity) {
    return absl::InvalidArgumentError(absl::StrCat(
        "\"", std::string(text), "\" has no end: give a date or an instant, e.g. 2026-11-29"));
  }
  return end;
}

std::optional<int64_t> LastMicroOf(const std::string& text) {
  if (text.empty()) return std::nullopt;
  absl::StatusOr<int64_t> end = SystemTimeEnd(text);
  return end.ok() ? std::optional<int64_t>(*end - 1) : std::nullopt;
}

std::string FormatSystemTime(int64_t us) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E6SZ", absl::FromUnixMicros(us), absl::UTCTimeZone());
}

std::string SystemTimeJson(std::optional<int64_t> us) {
  return us ? JsonString(FormatSystemTime(*us)) : "null";
}

}  // namespace annals::cli
