// Copyright: the Annals authors.
//
// ICEWS coded events (Dataverse `.tab`: TAB-separated, header row required, no quoting) as
// records; the mapping is docs/format.md's "ICEWS". Columns are found by the header's names
// (ASCII case ignored); `Event ID` and `Event Date` are required, any other mapped column may be
// missing (no value). Every row must have as many columns as the header.
//
// Thread safety: the functions are pure; a reader is used by one thread at a time.
#ifndef ANNALS_INTERNAL_TEXT_ICEWS_READER_H_
#define ANNALS_INTERNAL_TEXT_ICEWS_READER_H_

#include <array>
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

// Where the mapped ICEWS columns are in a file.
struct IcewsLayout {
  enum Field : size_t {
    kEventId,
    kEventDate,
    kSourceName,
    kSourceSectors,
    kSourceCountry,
    kEventText,
    kCameoCode,
    kIntensity,
    kTargetName,
    kTargetSectors,
    kTargetCountry,
    kStoryId,
    kSentence,
    kPublisher,
    kCity,
    kDistrict,
    kProvince,
    kCountry,
    kLatitude,
    kLongitude,
    kFieldCount
  };
  std::array<std::optional<size_t>, kFieldCount> index;
  size_t columns = 0;
};

// The layout of a header row. InvalidArgument `ICEWS header: ...` for a duplicate name or a
// missing `Event ID` / `Event Date`.
absl::StatusOr<IcewsLayout> ParseIcewsHeader(const std::vector<std::string>& names);

// One data row as an Event, before NormalizeEvent. InvalidArgument `expected N columns, found M`
// or naming the ICEWS column.
absl::StatusOr<Event> IcewsRowToEvent(const IcewsLayout& layout,
                                      const std::vector<std::string>& cells);

class IcewsRecordReader : public RecordReader {
 public:
  explicit IcewsRecordReader(std::istream& in) : rows_(in) {}
  absl::StatusOr<bool> Next(Event* event) override;
  int64_t line() const override { return rows_.line(); }

 private:
  TabRows rows_;
  std::vector<std::string> cells_;
  std::optional<absl::StatusOr<IcewsLayout>> layout_;
};

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_TEXT_ICEWS_READER_H_
