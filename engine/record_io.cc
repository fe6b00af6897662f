// Copyright: the Annals authors.
#include "annals/record_io.h"

#include <utility>

#include "internal/text/csv_record.h"
#include "internal/text/json_record.h"
#include "internal/text/record_readers.h"
#include "internal/text/record_text.h"
#include "internal/util/status_macros.h"

namespace annals {

absl::StatusOr<Event> ParseJsonRecord(std::string_view line) {
  ASSIGN_OR_RETURN(Event event, internal::ParseJsonEvent(line));
  RETURN_IF_ERROR(NormalizeEvent(event));
  return event;
}

std::string FormatJsonRecord(const Event& event) { return internal::FormatJsonEvent(event); }

std::string CsvHeader() { return internal::FormatCsvHeader(); }

std::string FormatCsvRecord(const Event& event) { return internal::FormatCsvEvent(event); }

std::unique_ptr<RecordReader> RecordReader::Json(std::istream& in) {
  return std::make_unique<internal::JsonRecordReader>(in);
}

std::unique_ptr<RecordReader> RecordReader::Csv(std::istream& in) {
  return std::make_unique<internal::CsvRecordReader>(in);
}

}  // namespace annals
