// Copyright: the Annals authors.
#include "span_text.h"

#include "annals/time.h"

namespace annals::cli {
namespace {

constexpr int64_t kSecond = 1'000'000;
constexpr int64_t kMinute = 60 * kSecond;
constexpr int64_t kDay = 24 * 60 * kMinute;

// Floor modulo: instants before 1970 are negative.
int64_t Mod(int64_t a, int64_t b) { return ((a % b) + b) % b; }

// The coarsest of day, minute, second and microsecond whose unit divides `us`,
// and that unit's length.
Precision PrecisionOf(int64_t us, int64_t* unit) {
  if (Mod(us, kDay) == 0) return *unit = kDay, Precision::kDay;
  if (Mod(us, kMinute) == 0) return *unit = kMinute, Precision::kMinute;
  if (Mod(us, kSecond) == 0) return *unit = kSecond, Precision::kSecond;
  if (Mod(us, 1000) == 0) return *unit = 1000, Precision::kMillisecond;
  return *unit = 1, Precision::kMicrosecond;
}

}  // namespace

std::string SpanStartText(int64_t start_us) {
  if (start_us == kMinusInfinity) return "..";
  int64_t unit = 0;
  const Precision precision = PrecisionOf(start_us, &unit);
  return FormatDate(Date{start_us, precision, 0});
}

std::string SpanEndText(int64_t end_us) {
  if (end_us == kPlusInfinity) return "..";
  int64_t unit = 0;
  const Precision precision = PrecisionOf(end_us, &unit);
  return FormatDate(Date{end_us - unit, precision, 0});
}

std::string SpanText(int64_t start_us, int64_t end_us) {
  return SpanStartText(start_us) + "/" + SpanEndText(end_us);
}

}  // namespace annals::cli
