// Copyright: the Annals authors.
//
// ACLED exports (CSV with a header row; RFC 4180 quoting) as records; the mapping is
// docs/format.md's "ACLED". Columns are found by the header's names (ASCII case ignored), so both
// the layout before ACLED's 2023 change (data_id, iso, event_id_cnty, event_id_no_cnty, ..., iso3)
// and the one after it (event_id_cnty, ..., disorder_type, ..., civilian_targeting, ..., tags)
// are read. `event_id_cnty` and `event_date` are required; any other mapped column may be missing
// (no value; a missing time_precision means 1). Every row must have as many columns as the header.
//
// Thread safety: the functions are pure; a reader is used by one thread at a time.
#ifndef ANNALS_INTERNAL_TEXT_ACLED_READER_H_
#define ANNALS_INTERNAL_TEXT_ACLED_READER_H_

#include <array>
#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "annals/record_io.h"
#include "internal/text/csv_splitter.h"
#include "internal/text/input_buffer.h"

namespace annals::internal {

// Where the mapped ACLED columns are in a file.
struct AcledLayout {
  enum Field : size_t {
    kEventId,
    kEventDate,
    kTimePrecision,
    kEventType,
    kSubEventType,
    kActor1,
    kAssocActor1,
    kActor2,
    kAssocActor2,
    kLocation,
    kAdmin1,
    kCountry,
    kSource,
    kTimestamp,
    kFatalities,
    kInteraction,
    kInter1,
    kInter2,
    kDisorderType,
    kCivilianTargeting,
    kRegion,
    kIso,
    kAdmin2,
    kAdmin3,
    kLatitude,
    kLongitude,
    kGeoPrecision,
    kSourceScale,
    kNotes,
    kTags,
    kFieldCount
  };
  std::array<std::optional<size_t>, kFieldCount> index;
  size_t columns = 0;
};

// The layout of a header row. InvalidArgument `ACLED header: ...` for a duplicate name or a
// missing `event_id_cnty` / `event_date`.
absl::StatusOr<AcledLayout> ParseAcledHeader(const std::vector<std::string>& names);

// An ACLED event_date (`2024-05-07` or `7 May 2024`) at a time_precision (`1` or no value: the
// day; `2`: the day, approximate; `3`: the month) as an EDTF date text such as `2024-05-07~`.
// InvalidArgument naming the column.
absl::StatusOr<std::string> AcledTimeText(std::string_view date, std::string_view precision);

// One data row as an Event, before NormalizeEvent. InvalidArgument `expected N columns, found M`
// or naming the ACLED column.
absl::StatusOr<Event> AcledRowToEvent(const AcledLayout& layout,
                                      const std::vector<std::string>& cells);

class AcledRecordReader : public RecordReader {
 public:
  explicit AcledRecordReader(std::istream& in);
  absl::StatusOr<bool> Next(Event* event) override;
  int64_t line() const override { return line_; }

 private:
  InputBuffer in_;
  CsvSplitter splitter_;
  std::vector<std::string> cells_;
  std::optional<absl::StatusOr<AcledLayout>> layout_;
  int64_t line_ = 0;
};

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_TEXT_ACLED_READER_H_
