// Copyright: the Annals authors.
#include "internal/text/record_readers.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "internal/text/json_record.h"
#include "internal/text/normalized_event_access.h"
#include "internal/util/status_macros.h"

namespace annals::internal {
namespace {

bool IsBlank(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

// Normalizes a parsed event: the one NormalizeEvent of an ingested record.
absl::StatusOr<std::optional<NormalizedEvent>> Deliver(absl::StatusOr<Event>&& parsed) {
  if (!parsed.ok()) return parsed.status();
  RETURN_IF_ERROR(NormalizeEvent(*parsed));
  return NormalizedEventAccess::Adopt(*std::move(parsed));  // normalized just above
}

// Next(Event*) in terms of NextNormalized.
absl::StatusOr<bool> Unwrap(absl::StatusOr<std::optional<NormalizedEvent>> next, Event* event) {
  if (!next.ok()) return next.status();
  if (!next->has_value()) return false;
  *event = std::move(**next).Release();
  return true;
}

}  // namespace

JsonRecordReader::JsonRecordReader(std::istream& in) : in_(in) { in_.SkipByteOrderMark(); }

absl::StatusOr<bool> JsonRecordReader::Next(Event* event) {
  return Unwrap(NextNormalized(), event);
}

absl::StatusOr<std::optional<NormalizedEvent>> JsonRecordReader::NextNormalized() {
  size_t length = 0;
  while (in_.ReadLine(kMaxLineBytes, &text_, &length)) {
    line_ = next_line_++;
    if (length > kMaxLineBytes) {
      return absl::InvalidArgumentError(
          absl::StrCat("record longer than 1 MiB (", length, " bytes)"));
    }
    if (IsBlank(text_)) continue;
    return Deliver(ParseJsonEvent(text_));
  }
  RETURN_IF_ERROR(in_.TakeError());
  return std::nullopt;
}

CsvRecordReader::CsvRecordReader(std::istream& in) : in_(in), splitter_(&in_) {
  in_.SkipByteOrderMark();
}

absl::Status CsvRecordReader::ReadHeader() {
  absl::StatusOr<bool> read = splitter_.Next(&cells_);
  line_ = splitter_.record_line();
  if (!read.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("CSV header: ", read.status().message()));
  }
  if (!*read) return in_.TakeError();  // empty input: no header, no records
  ASSIGN_OR_RETURN(layout_, ParseCsvHeader(std::move(cells_)));
  return absl::OkStatus();
}

absl::StatusOr<bool> CsvRecordReader::Next(Event* event) { return Unwrap(NextNormalized(), event); }

absl::StatusOr<std::optional<NormalizedEvent>> CsvRecordReader::NextNormalized() {
  if (!header_status_) header_status_ = ReadHeader();
  if (!header_status_->ok()) return *header_status_;
  absl::StatusOr<bool> read = splitter_.Next(&cells_);
  line_ = splitter_.record_line();
  if (!read.ok()) return read.status();
  if (!*read) {
    RETURN_IF_ERROR(in_.TakeError());
    return std::nullopt;
  }
  return Deliver(CsvRowToEvent(layout_, cells_));
}

}  // namespace annals::internal
