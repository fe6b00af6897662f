// Copyright: the Annals authors.
//
// annals::ParseJsonRecord on arbitrary bytes. Properties: never crashes; errors are
// InvalidArgument; an accepted record is normalized (NormalizeEvent leaves it unchanged) and
// FormatJsonRecord writes a line that parses back to an equal event and formats identically.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "annals/record_io.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<annals::Event> e = annals::ParseJsonRecord(line);
  if (!e.ok()) {
    FUZZ_CHECK(e.status().code() == absl::StatusCode::kInvalidArgument);
    return 0;
  }
  annals::Event normalized = *e;
  FUZZ_CHECK(annals::NormalizeEvent(normalized).ok());
  FUZZ_CHECK(normalized == *e);
  const std::string text = annals::FormatJsonRecord(*e);
  FUZZ_CHECK(text.find('\n') == std::string::npos);
  absl::StatusOr<annals::Event> back = annals::ParseJsonRecord(text);
  FUZZ_CHECK(back.ok());
  FUZZ_CHECK(*back == *e);
  FUZZ_CHECK(annals::FormatJsonRecord(*back) == text);
  annals::FormatCsvRecord(*e);
  return 0;
}
