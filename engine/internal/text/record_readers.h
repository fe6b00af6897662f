// Copyright: the Annals authors.
//
// The RecordReader implementations behind RecordReader::Json and
// RecordReader::Csv. Each record is normalized once (NormalizedEvent::Make),
// whether it is read by Next or by NextNormalized.
//
// Thread safety: one thread at a time per reader.
#ifndef ANNALS_INTERNAL_TEXT_RECORD_READERS_H_
#define ANNALS_INTERNAL_TEXT_RECORD_READERS_H_

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "annals/record_io.h"
#include "internal/text/csv_record.h"
#include "internal/text/csv_splitter.h"
#include "internal/text/input_buffer.h"

namespace annals::internal {

// NDJSON: one record per line, lines capped at kMaxLineBytes, blank lines
// skipped.
class JsonRecordReader : public RecordReader {
 public:
  explicit JsonRecordReader(std::istream& in);
  absl::StatusOr<bool> Next(Event* event) override;
  absl::StatusOr<std::optional<NormalizedEvent>> NextNormalized() override;
  int64_t line() const override { return line_; }

 private:
  InputBuffer in_;
  std::string text_;
  int64_t next_line_ = 1;
  int64_t line_ = 0;
};

// CSV with a header row; a bad header fails every call.
class CsvRecordReader : public RecordReader {
 public:
  explicit CsvRecordReader(std::istream& in);
  absl::StatusOr<bool> Next(Event* event) override;
  absl::StatusOr<std::optional<NormalizedEvent>> NextNormalized() override;
  int64_t line() const override { return line_; }

 private:
  // Reads the header on the first call; its error, if any, is kept.
  absl::Status ReadHeader();

  InputBuffer in_;
  CsvSplitter splitter_;
  std::optional<absl::Status> header_status_;
  CsvLayout layout_;
  std::vector<std::string> cells_;
  int64_t line_ = 0;
};

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_TEXT_RECORD_READERS_H_
