// Copyright: the Annals authors.
//
// Buffered reading of an std::istream for the record readers: whole lines with
// a length cap (a longer line is skipped without being buffered), or single
// bytes for the CSV splitter.
//
// Thread safety: one thread at a time.
#ifndef ANNALS_INTERNAL_TEXT_INPUT_BUFFER_H_
#define ANNALS_INTERNAL_TEXT_INPUT_BUFFER_H_

#include <cstddef>
#include <istream>
#include <memory>
#include <string>

#include "absl/status/status.h"

namespace annals::internal {

class InputBuffer {
 public:
  explicit InputBuffer(std::istream& in);
  InputBuffer(const InputBuffer&) = delete;
  InputBuffer& operator=(const InputBuffer&) = delete;

  // The next byte (0..255) without consuming it, or -1 at the end of input.
  int Peek() {
    if (pos_ == end_ && !Fill()) return -1;
    return static_cast<unsigned char>(buffer_[pos_]);
  }
  // The next byte (0..255), consumed, or -1 at the end of input.
  int Get() {
    if (pos_ == end_ && !Fill()) return -1;
    return static_cast<unsigned char>(buffer_[pos_++]);
  }

  // Consumes one line and its "\n" (the last line may lack it). Sets *length to
  // the line's length without "\n" and without a "\r" right before it, and
  // *line to its first min(*length, max_bytes + 1) bytes. Returns false,
  // consuming nothing, at the end of input.
  bool ReadLine(size_t max_bytes, std::string* line, size_t* length);

  // Consumes a UTF-8 byte order mark if the input starts with one. Call before
  // reading.
  void SkipByteOrderMark();

  // DataLoss once after the stream failed with an I/O error (from then on it
  // reads as ended); OK otherwise.
  absl::Status TakeError();

 private:
  // Refills an empty buffer; false at the end of input.
  bool Fill();

  std::istream& in_;
  std::unique_ptr<char[]> buffer_;
  size_t pos_ = 0;
  size_t end_ = 0;
  bool failed_ = false;
  bool failure_reported_ = false;
};

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_TEXT_INPUT_BUFFER_H_
