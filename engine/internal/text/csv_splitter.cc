// Copyright: the Annals authors.
#include "internal/text/csv_splitter.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "annals/event.h"

namespace annals::internal {
namespace {

enum class State { kFieldStart, kUnquoted, kQuoted, kAfterQuote };

}  // namespace

absl::StatusOr<bool> CsvSplitter::Next(std::vector<std::string>* fields) {
  while (in_->Peek() >= 0) {
    record_line_ = next_line_;
    bool blank = false;
    const absl::Status status = ReadRecord(fields, &blank);
    if (!status.ok()) return status;
    if (!blank) return true;
  }
  return false;
}

absl::Status CsvSplitter::ReadRecord(std::vector<std::string>* fields, bool* blank) {
  fields->clear();
  std::string* field = &fields->emplace_back();
  State state = State::kFieldStart;
  size_t bytes = 0;
  std::string error;
  auto fail = [&](const char* what) {
    if (error.empty()) {
      error = absl::StrCat("column ", fields->size(), ": ", what);
    }
  };
  for (int c = in_->Get(); c >= 0; c = in_->Get()) {
    if (c == '\n') ++next_line_;
    if (state == State::kQuoted) {
      if (c == '"') {
        if (in_->Peek() != '"') {
          state = State::kAfterQuote;
          continue;
        }
        in_->Get();
      }
    } else if (c == ',') {
      field = &fields->emplace_back();
      state = State::kFieldStart;
      ++bytes;
      continue;
    } else if (c == '\n' || (c == '\r' && in_->Peek() == '\n')) {
      if (c == '\n') break;
      continue;
    } else if (state == State::kFieldStart && c == '"') {
      state = State::kQuoted;
      continue;
    } else {
      if (state == State::kAfterQuote) fail("text after a closing quote");
      state = State::kUnquoted;
    }
    if (++bytes <= kMaxLineBytes) field->push_back(static_cast<char>(c));
  }
  if (state == State::kQuoted) {
    fail("quoted field not closed before the end of input");
  }
  *blank = fields->size() == 1 && state == State::kFieldStart;
  if (bytes > kMaxLineBytes) {
    return absl::InvalidArgumentError(absl::StrCat("record longer than 1 MiB (", bytes, " bytes)"));
  }
  if (!error.empty()) return absl::InvalidArgumentError(error);
  return absl::OkStatus();
}

}  // namespace annals::internal
