// Copyright: the Annals authors.
//
// Splits RFC 4180 text into records of fields: fields separated by `,`, records
// by LF or CRLF; a field that starts with `"` is quoted and may hold `,`,
// newlines and `""` (one quote). A `"` inside an unquoted field is kept as
// text. Blank lines are skipped.
//
// Thread safety: one thread at a time.
#ifndef ANNALS_INTERNAL_TEXT_CSV_SPLITTER_H_
#define ANNALS_INTERNAL_TEXT_CSV_SPLITTER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "internal/text/input_buffer.h"

namespace annals::internal {

class CsvSplitter {
 public:
  // `in` must outlive the splitter.
  explicit CsvSplitter(InputBuffer* in) : in_(in) {}

  // Reads the next record into *fields. Returns false at the end of input.
  // InvalidArgument for an unterminated quoted field, text after a closing
  // quote, or a record over kMaxLineBytes; the whole record is consumed either
  // way, so the next call goes on after it.
  absl::StatusOr<bool> Next(std::vector<std::string>* fields);

  // The 1-based line where the record last returned by Next began.
  int64_t record_line() const { return record_line_; }

 private:
  // Reads one record (possibly blank) after its first byte was seen to exist.
  absl::Status ReadRecord(std::vector<std::string>* fields, bool* blank);

  InputBuffer* in_;
  int64_t next_line_ = 1;
  int64_t record_line_ = 0;
};

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_TEXT_CSV_SPLITTER_H_
