// Copyright: the Annals authors.
//
// annals::RecordReader::Json over arbitrary text (line splitting, blank lines, long lines).
// Properties: never crashes or hangs; the number of Next calls is bounded by the input; errors
// are InvalidArgument; line numbers increase; accepted records round-trip through JSON.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <sstream>
#include <string>

#include "annals/record_io.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  std::unique_ptr<annals::RecordReader> reader = annals::RecordReader::Json(in);
  annals::Event e;
  int64_t last_line = 0;
  for (size_t calls = 0;; ++calls) {
    FUZZ_CHECK(calls <= size + 1);
    absl::StatusOr<bool> more = reader->Next(&e);
    if (more.ok() && !*more) break;
    FUZZ_CHECK(reader->line() > last_line);
    last_line = reader->line();
    if (!more.ok()) {
      FUZZ_CHECK(more.status().code() == absl::StatusCode::kInvalidArgument);
      continue;
    }
    absl::StatusOr<annals::Event> back = annals::ParseJsonRecord(annals::FormatJsonRecord(e));
    FUZZ_CHECK(back.ok());
    FUZZ_CHECK(*back == e);
  }
  return 0;
}
