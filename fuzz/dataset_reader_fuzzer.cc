// Copyright: the Annals authors.
//
// The dataset readers (RecordFormat::kGdelt, kIcews, kAcled) over arbitrary text; the first byte
// picks the format. Properties: never crashes or hangs; every call to Next makes progress; errors
// are InvalidArgument; line numbers never decrease; an accepted record is normalized and its
// JSON form reads back to an equal event.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <sstream>
#include <string>

#include "annals/record_io.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  constexpr annals::RecordFormat kFormats[] = {
      annals::RecordFormat::kGdelt, annals::RecordFormat::kIcews, annals::RecordFormat::kAcled};
  const annals::RecordFormat format = kFormats[data[0] % 3];
  std::istringstream in(std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
  std::unique_ptr<annals::RecordReader> reader = annals::RecordReader::ForFormat(format, in);
  annals::Event e;
  int64_t last_line = 0;
  bool any_record = false;
  std::string last_error;
  for (size_t calls = 0;; ++calls) {
    FUZZ_CHECK(calls <= size + 2);  // each row consumes at least one byte
    absl::StatusOr<bool> more = reader->Next(&e);
    if (!more.ok()) {
      FUZZ_CHECK(more.status().code() == absl::StatusCode::kInvalidArgument);
      // A bad header fails every call the same way: stop at the repetition.
      if (!any_record && std::string(more.status().message()) == last_error) break;
      last_error = std::string(more.status().message());
      FUZZ_CHECK(reader->line() >= last_line);
      last_line = reader->line();
      continue;
    }
    any_record = true;
    if (!*more) break;
    FUZZ_CHECK(reader->line() >= last_line);
    last_line = reader->line();
    annals::Event normalized = e;
    FUZZ_CHECK(annals::NormalizeEvent(normalized).ok());
    FUZZ_CHECK(normalized == e);
    absl::StatusOr<annals::Event> back = annals::ParseJsonRecord(annals::FormatJsonRecord(e));
    FUZZ_CHECK(back.ok());
    FUZZ_CHECK(*back == e);
  }
  return 0;
}
