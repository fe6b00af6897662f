// Copyright: the Annals authors.
#include "internal/text/input_buffer.h"

#include <algorithm>
#include <cstring>

namespace annals::internal {
namespace {

constexpr size_t kChunkBytes = 1 << 16;

}  // namespace

InputBuffer::InputBuffer(std::istream& in) : in_(in), buffer_(new char[kChunkBytes]) {}

bool InputBuffer::Fill() {
  pos_ = end_ = 0;
  if (failed_ || !in_.good()) return false;
  in_.read(buffer_.get(), kChunkBytes);
  end_ = static_cast<size_t>(in_.gcount());
  if (in_.bad()) failed_ = true;
  return end_ > 0;
}

bool InputBuffer::ReadLine(size_t max_bytes, std::string* line, size_t* length) {
  line->clear();
  *length = 0;
  if (Peek() < 0) return false;
  const size_t keep = max_bytes + 1;
  while (pos_ < end_ || Fill()) {
    const char* start = buffer_.get() + pos_;
    const size_t available = end_ - pos_;
    const char* newline = static_cast<const char*>(std::memchr(start, '\n', available));
    const size_t n = newline != nullptr ? static_cast<size_t>(newline - start) : available;
    if (line->size() < keep) {
      line->append(start, std::min(n, keep - line->size()));
    }
    *length += n;
    pos_ += n;
    if (newline != nullptr) {
      ++pos_;
      break;
    }
  }
  if (*length <= keep && !line->empty() && line->back() == '\r') {
    line->pop_back();
    --*length;
  }
  return true;
}

void InputBuffer::SkipByteOrderMark() {
  if (Peek() < 0 || end_ - pos_ < 3) return;
  if (std::memcmp(buffer_.get() + pos_, "\xEF\xBB\xBF", 3) == 0) pos_ += 3;
}

absl::Status InputBuffer::TakeError() {
  if (!failed_ || failure_reported_) return absl::OkStatus();
  failure_reported_ = true;
  return absl::DataLossError("error reading the input stream");
}

}  // namespace annals::internal
