// Copyright: the Annals authors.
#include "annals/record_io.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "internal/text/acled_reader.h"
#include "internal/text/csv_record.h"
#include "internal/text/gdelt_reader.h"
#include "internal/text/icews_reader.h"
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

absl::StatusOr<std::optional<NormalizedEvent>> RecordReader::NextNormalized() {
  Event event;
  ASSIGN_OR_RETURN(bool more, Next(&event));
  if (!more) return std::nullopt;
  ASSIGN_OR_RETURN(NormalizedEvent normalized, NormalizedEvent::Make(std::move(event)));
  return normalized;
}

std::unique_ptr<RecordReader> RecordReader::Json(std::istream& in) {
  return std::make_unique<internal::JsonRecordReader>(in);
}

std::unique_ptr<RecordReader> RecordReader::Csv(std::istream& in) {
  return std::make_unique<internal::CsvRecordReader>(in);
}

absl::StatusOr<RecordFormat> ParseRecordFormat(std::string_view name) {
  if (name == "jsonl" || name == "json" || name == "ndjson") return RecordFormat::kJson;
  if (name == "csv") return RecordFormat::kCsv;
  if (name == "gdelt") return RecordFormat::kGdelt;
  if (name == "icews") return RecordFormat::kIcews;
  if (name == "acled") return RecordFormat::kAcled;
  return absl::InvalidArgumentError(absl::StrCat("unknown record format ",
                                                 internal::QuoteForMessage(name),
                                                 " (expected jsonl, csv, gdelt, icews or acled)"));
}

std::unique_ptr<RecordReader> RecordReader::ForFormat(RecordFormat format, std::istream& in) {
  switch (format) {
    case RecordFormat::kCsv:
      return Csv(in);
    case RecordFormat::kGdelt:
      return std::make_unique<internal::GdeltRecordReader>(in);
    case RecordFormat::kIcews:
      return std::make_unique<internal::IcewsRecordReader>(in);
    case RecordFormat::kAcled:
      return std::make_unique<internal::AcledRecordReader>(in);
    case RecordFormat::kJson:
      break;
  }
  return Json(in);
}

}  // namespace annals
