// Copyright: the Annals authors.
//
// The CSV record codec behind RecordReader::Csv, CsvHeader and FormatCsvRecord
// (record_io.h states the contract). Known columns:
// id,time,type,title,actors,location,source,recorded; `attrs` holds a JSON
// object of attrs; any other column is a string attr named by its header.
//
// Thread safety: pure functions, safe from any thread.
#ifndef ANNALS_INTERNAL_TEXT_CSV_RECORD_H_
#define ANNALS_INTERNAL_TEXT_CSV_RECORD_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "annals/event.h"

namespace annals::internal {

// What each column of a CSV input holds, from its header row.
struct CsvLayout {
  enum class Column : uint8_t {
    kId,
    kTime,
    kType,
    kTitle,
    kActors,
    kLocation,
    kSource,
    kRecorded,
    kAttr
  };
  std::vector<Column> columns;
  std::vector<std::string> names;  // header text of each column
};

// The layout of a header row. InvalidArgument for a duplicate column name, a
// name that is not valid UTF-8, or no `time` column.
absl::StatusOr<CsvLayout> ParseCsvHeader(std::vector<std::string> names);

// One data row as an Event, before NormalizeEvent; consumes the cells.
// InvalidArgument `expected N fields, found M` when the row does not match the
// header, or naming the field.
absl::StatusOr<Event> CsvRowToEvent(const CsvLayout& layout, std::vector<std::string>& cells);

// `cell` of an `actors` column: `;`-separated `name` or `name=role`, split at
// unescaped separators (a backslash escapes `;`, `=` and itself; a role is
// split off at the last unescaped `=`), each part trimmed; empty pieces skipped.
std::vector<Actor> ParseCsvActors(std::string_view cell);

// The output header (known columns plus `attrs`) and one row, without line
// terminators. A field is quoted only when it holds `,`, `"`, CR or LF; actor
// names and roles are escaped as ParseCsvActors reads them, so that reading the
// output back gives the same events.
std::string FormatCsvHeader();
std::string FormatCsvEvent(const Event& event);

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_TEXT_CSV_RECORD_H_
