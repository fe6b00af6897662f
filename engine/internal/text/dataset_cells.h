// Copyright: the Annals authors.
//
// Cells of the event datasets' own files (GDELT, ICEWS, ACLED) turned into record fields: the
// rules every importer shares. A cell that is empty or `NA` has no value: it gives no attr, no
// actor and no location part. Numbers are checked against the JSON number grammar and kept as
// text; codes are strings (`"040"` keeps its leading zero).
//
// Errors are InvalidArgument `field "<column>": <reason>`, naming the dataset's own column.
//
// Thread safety: pure functions, safe from any thread.
#ifndef ANNALS_INTERNAL_TEXT_DATASET_CELLS_H_
#define ANNALS_INTERNAL_TEXT_DATASET_CELLS_H_

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "annals/event.h"

namespace annals::internal {

// True for an empty cell or `NA` (ICEWS and ACLED write it for a missing value).
bool HasNoValue(std::string_view cell);

// The cell, or "" when it has no value.
std::string ValueOf(std::string_view cell);

// Appends a string attr `key` unless the cell has no value.
void AddStringAttr(std::string_view key, std::string_view cell, Event* event);

// Appends a number attr `key` unless the cell has no value. InvalidArgument naming `column` when
// the cell is not a JSON number.
absl::Status AddNumberAttr(std::string_view key, std::string_view column, std::string_view cell,
                           Event* event);

// Appends a boolean attr: `1` is true, `0` false; no entry for no value; else InvalidArgument.
absl::Status AddFlagAttr(std::string_view key, std::string_view column, std::string_view cell,
                         Event* event);

// Appends an actor with `role` unless the name has no value.
void AddActor(std::string_view name, std::string_view role, Event* event);

// The parts that have a value, joined with ", " ("" when none has).
std::string JoinPresent(std::initializer_list<std::string_view> parts);

// `YYYYMMDD` as a day. InvalidArgument naming `column` otherwise.
absl::StatusOr<Date> ParseCompactDay(std::string_view column, std::string_view cell);

// `YYYYMMDDHHMMSS` (UTC) as a date of second precision. InvalidArgument naming `column`.
absl::StatusOr<Date> ParseCompactSecond(std::string_view column, std::string_view cell);

// Unix seconds (a non-negative integer) as a date of second precision. InvalidArgument naming
// `column`, also for an instant outside years 0001-9999.
absl::StatusOr<Date> ParseUnixSeconds(std::string_view column, std::string_view cell);

// Splits a line of TAB-separated text (no quoting) into *cells.
void SplitTabs(std::string_view line, std::vector<std::string>* cells);

// Where each column of a header row is, by name. Names compare ASCII-case-insensitively, after
// trimming.
class NamedColumns {
 public:
  explicit NamedColumns(const std::vector<std::string>& names);

  // The column's index, or nullopt when the header has no such column.
  std::optional<size_t> Find(std::string_view name) const;

  // InvalidArgument `<dataset> header: no "<name>" column (...)` when a required column is
  // missing, else `<dataset> header: duplicate column "<name>"` when one of `mapped` appears
  // twice; OK otherwise. Required columns are checked first, so a data row mistaken for a header
  // is reported as a missing header.
  absl::Status Check(std::string_view dataset, std::initializer_list<std::string_view> required,
                     const std::vector<std::string_view>& mapped) const;

 private:
  absl::flat_hash_map<std::string, size_t> index_;
  absl::flat_hash_map<std::string, size_t> duplicates_;  // key → a later index
};

// InvalidArgument `expected N columns, found M` unless cells.size() == expected.
absl::Status CheckColumnCount(size_t expected, size_t found);

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_TEXT_DATASET_CELLS_H_
