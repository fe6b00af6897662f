// Copyright: the Annals authors.
//
// Reading and writing event records as text: NDJSON (one JSON object per line) and CSV (RFC 4180,
// header row required); reading the event datasets' own files (GDELT 2.0 events exports, ICEWS
// coded events, ACLED exports), each mapped to records as docs/format.md describes. The CLI ingests
// through exactly these functions, so an embedder that uses them accepts and rejects exactly what
// `annals ingest` does.
//
//   std::ifstream in("events.jsonl");
//   auto reader = annals::RecordReader::Json(in);
//   annals::Event e;
//   while (true) {
//     absl::StatusOr<bool> more = reader->Next(&e);
//     if (!more.ok()) { /* reader->line() is where the bad record began */ break; }
//     if (!*more) break;
//     absl::StatusOr<annals::PutResult> r = db->Put({e});
//   }
//
// Thread safety: the free functions are safe from any thread. A RecordReader is used by one
// thread at a time.
#ifndef ANNALS_RECORD_IO_H_
#define ANNALS_RECORD_IO_H_

#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "annals/event.h"
#include "annals/normalized_event.h"

namespace annals {

// Brings an event to its stored form and checks the record format's rules; Database::Put calls it.
// Trims actor names and collapses inner whitespace; keeps every actor entry as given, in order,
// with its role (an actor named twice, say as source and as target, stays twice); sorts attrs by
// key.
// Returns InvalidArgument naming the field and what is wrong: invalid UTF-8, an id over 256 bytes,
// more than 1,024 actors, an empty actor name or one over 1 KiB, a duplicate attrs key, a
// `recorded` that is an interval (it is a Date, so only the API can't), a missing time.
absl::Status NormalizeEvent(Event& event);

// Parses one NDJSON record (without its newline). InvalidArgument naming the field on any error:
// not an object, unknown top-level field, wrong type, invalid time, invalid UTF-8, limits.
// The result has passed NormalizeEvent.
absl::StatusOr<Event> ParseJsonRecord(std::string_view line);

// The record as one JSON line (no newline) that ParseJsonRecord reads back to an equal event
// (ingested_us aside). Fields in the order id, time, type, title, actors, location, source,
// recorded, attrs; empty fields left out.
std::string FormatJsonRecord(const Event& event);

// CSV output with the known columns plus `attrs` (a JSON object, empty when there are none).
std::string CsvHeader();
std::string FormatCsvRecord(const Event& event);

// The text formats a RecordReader reads.
enum class RecordFormat {
  kJson,   // NDJSON
  kCsv,    // the generic CSV above
  kGdelt,  // GDELT 2.0 events export: 61 TAB-separated columns; an optional header row
  kIcews,  // ICEWS coded events (`.tab`): TAB-separated, header row required
  kAcled,  // ACLED export: CSV, header row required, columns found by name
};

// The format named `name`: "jsonl" (also "json", "ndjson"), "csv", "gdelt", "icews", "acled".
// InvalidArgument for any other name. Formats are never guessed from a file's name or content.
absl::StatusOr<RecordFormat> ParseRecordFormat(std::string_view name);

// A stream of records from text.
class RecordReader {
 public:
  virtual ~RecordReader() = default;

  // A reader of `format`. `in` must outlive the reader. Bad rows of the dataset formats behave as
  // bad NDJSON lines: Next returns InvalidArgument naming the dataset's column (or `expected 61
  // columns, found 58`) and may be called again to go on. A missing or malformed header (ICEWS,
  // ACLED, or a GDELT header naming other columns) fails every call.
  static std::unique_ptr<RecordReader> ForFormat(RecordFormat format, std::istream& in);

  // NDJSON: one object per line; blank lines are skipped.
  static std::unique_ptr<RecordReader> Json(std::istream& in);
  // CSV: header row first; known columns id,time,type,title,actors,location,source,recorded;
  // `actors` holds names separated by `;`, a role as `name=role`; other columns become attrs
  // (string values; an empty cell is no entry). Quoted fields may hold newlines.
  static std::unique_ptr<RecordReader> Csv(std::istream& in);

  // Reads the next record into *event. Returns true if one was read, false at the end of input.
  // On a bad record returns InvalidArgument (the message names the field, value and reason, but
  // not the line: see line()); the reader has consumed that record and Next may be called again
  // to go on with the following one. A bad CSV header fails every call.
  virtual absl::StatusOr<bool> Next(Event* event) = 0;

  // As Next, but the record comes as a NormalizedEvent, for Database::PutNormalized (which then
  // does not normalize it again); nullopt at the end of input. Errors and line() as for Next.
  // The Json and Csv readers normalize each record once either way; this default, for readers
  // that only implement Next, normalizes what Next returns.
  virtual absl::StatusOr<std::optional<NormalizedEvent>> NextNormalized();

  // The 1-based line number where the record last returned (or rejected) by Next began.
  virtual int64_t line() const = 0;
};

}  // namespace annals

#endif  // ANNALS_RECORD_IO_H_
