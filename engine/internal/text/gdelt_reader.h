// Copyright: the Annals authors.
//
// GDELT 2.0 events exports (61 TAB-separated columns, no quoting) as records; the mapping is
// docs/format.md's "GDELT". A first line whose first cell is `GLOBALEVENTID` is a header: it must
// name GDELT's 61 columns in order and may name extra columns after SOURCEURL, which are then
// ignored. Without such a header every row must have exactly 61 columns. GDELT 1.0 files (57 or
// 58 columns) are not read.
//
// Thread safety: the functions are pure; a reader is used by one thread at a time.
#ifndef ANNALS_INTERNAL_TEXT_GDELT_READER_H_
#define ANNALS_INTERNAL_TEXT_GDELT_READER_H_

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "annals/record_io.h"
#include "internal/text/tab_rows.h"

namespace annals::internal {

// Columns in a GDELT 2.0 events export. On the wire: do not change.
inline constexpr size_t kGdeltColumns = 61;

// True if `cells` is a header row (its first cell is GLOBALEVENTID).
bool IsGdeltHeader(const std::vector<std::string>& cells);

// Checks a header row: GDELT's 61 names in order (ASCII case ignored), then any extra columns.
// InvalidArgument `GDELT header: ...` naming the first column that differs.
absl::Status CheckGdeltHeader(const std::vector<std::string>& cells);

// One data row (at least 61 cells; cells past the 61st are ignored) as an Event, before
// NormalizeEvent. InvalidArgument naming the GDELT column for a bad date or number.
absl::StatusOr<Event> GdeltRowToEvent(const std::vector<std::string>& cells);

class GdeltRecordReader : public RecordReader {
 public:
  explicit GdeltRecordReader(std::istream& in) : rows_(in) {}
  absl::StatusOr<bool> Next(Event* event) override;
  int64_t line() const override { return rows_.line(); }

 private:
  TabRows rows_;
  std::vector<std::string> cells_;
  bool first_row_ = true;
  size_t columns_ = kGdeltColumns;  // the header's count when there is one
  std::optional<absl::Status> header_error_;
};

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_TEXT_GDELT_READER_H_
