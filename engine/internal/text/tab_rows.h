// Copyright: the Annals authors.
//
// Rows of TAB-separated text without quoting (GDELT exports, ICEWS `.tab` files): one row per
// line, LF or CRLF, blank lines skipped, a UTF-8 byte order mark at the start skipped.
//
// Thread safety: one thread at a time.
#ifndef ANNALS_INTERNAL_TEXT_TAB_ROWS_H_
#define ANNALS_INTERNAL_TEXT_TAB_ROWS_H_

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "internal/text/input_buffer.h"

namespace annals::internal {

class TabRows {
 public:
  // `in` must outlive the reader.
  explicit TabRows(std::istream& in);

  // Reads the next non-blank row into *cells. Returns false at the end of input (DataLoss after
  // an I/O error). InvalidArgument for a line over kMaxLineBytes; the line is consumed either way.
  absl::StatusOr<bool> Next(std::vector<std::string>* cells);

  // The 1-based line of the row last returned (or rejected) by Next.
  int64_t line() const { return line_; }

 private:
  InputBuffer in_;
  std::string text_;
  int64_t next_line_ = 1;
  int64_t line_ = 0;
};

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_TEXT_TAB_ROWS_H_
