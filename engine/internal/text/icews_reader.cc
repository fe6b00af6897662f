// Copyright: the Annals authors.
#include "internal/text/icews_reader.h"

#include <string_view>

#include "absl/strings/str_cat.h"
#include "internal/text/dataset_cells.h"
#include "internal/text/record_text.h"
#include "internal/util/status_macros.h"

namespace annals::internal {
namespace {

using F = IcewsLayout::Field;

// The header name of each field, in IcewsLayout::Field order.
constexpr std::string_view kNames[F::kFieldCount] = {
    "Event ID",       "Event Date", "Source Name",     "Source Sectors", "Source Country",
    "Event Text",     "CAMEO Code", "Intensity",       "Target Name",    "Target Sectors",
    "Target Country", "Story ID",   "Sentence Number", "Publisher",      "City",
    "District",       "Province",   "Country",         "Latitude",       "Longitude"};

struct AttrColumn {
  std::string_view key;
  F field;
};
constexpr AttrColumn kNumberAttrs[] = {{"intensity", F::kIntensity},
                                       {"story_id", F::kStoryId},
                                       {"sentence", F::kSentence},
                                       {"lat", F::kLatitude},
                                       {"lon", F::kLongitude}};
constexpr AttrColumn kStringAttrs[] = {
    {"publisher", F::kPublisher},          {"source_sectors", F::kSourceSectors},
    {"target_sectors", F::kTargetSectors}, {"source_country", F::kSourceCountry},
    {"target_country", F::kTargetCountry}, {"district", F::kDistrict}};

// A row's cell for `field`; "" when the file has no such column.
std::string_view CellOf(const IcewsLayout& layout, const std::vector<std::string>& cells, F field) {
  const std::optional<size_t>& index = layout.index[field];
  return index ? std::string_view(cells[*index]) : std::string_view();
}

}  // namespace

absl::StatusOr<IcewsLayout> ParseIcewsHeader(const std::vector<std::string>& names) {
  NamedColumns columns(names);
  RETURN_IF_ERROR(
      columns.Check("ICEWS", {kNames[F::kEventId], kNames[F::kEventDate]},
                    std::vector<std::string_view>(std::begin(kNames), std::end(kNames))));
  IcewsLayout layout;
  layout.columns = names.size();
  for (size_t f = 0; f < F::kFieldCount; ++f) layout.index[f] = columns.Find(kNames[f]);
  return layout;
}

absl::StatusOr<Event> IcewsRowToEvent(const IcewsLayout& layout,
                                      const std::vector<std::string>& cells) {
  RETURN_IF_ERROR(CheckColumnCount(layout.columns, cells.size()));
  auto cell = [&](F field) { return CellOf(layout, cells, field); };
  Event event;
  if (HasNoValue(cell(F::kEventId))) return FieldError(kNames[F::kEventId], "empty");
  absl::StatusOr<Date> date = ParseDate(cell(F::kEventDate));
  if (!date.ok()) {
    return FieldError(kNames[F::kEventDate],
                      absl::StrCat("not a date: ", QuoteForMessage(cell(F::kEventDate))));
  }
  event.id =
      absl::StrCat("icews-", std::string(cell(F::kEventId)), "-", std::string(cell(F::kEventDate)));
  event.time.first = *date;
  event.type = ValueOf(cell(F::kCameoCode));
  event.title = ValueOf(cell(F::kEventText));
  AddActor(cell(F::kSourceName), "source", &event);
  AddActor(cell(F::kTargetName), "target", &event);
  event.location = JoinPresent({cell(F::kCity), cell(F::kProvince), cell(F::kCountry)});
  for (const AttrColumn& attr : kNumberAttrs) {
    RETURN_IF_ERROR(AddNumberAttr(attr.key, kNames[attr.field], cell(attr.field), &event));
  }
  for (const AttrColumn& attr : kStringAttrs) AddStringAttr(attr.key, cell(attr.field), &event);
  return event;
}

absl::StatusOr<bool> IcewsRecordReader::Next(Event* event) {
  if (!layout_) {
    ASSIGN_OR_RETURN(bool more, rows_.Next(&cells_));
    if (!more) return false;  // empty input: no header, no records
    layout_ = ParseIcewsHeader(cells_);
  }
  if (!layout_->ok()) return layout_->status();
  ASSIGN_OR_RETURN(bool more, rows_.Next(&cells_));
  if (!more) return false;
  ASSIGN_OR_RETURN(*event, IcewsRowToEvent(**layout_, cells_));
  RETURN_IF_ERROR(NormalizeEvent(*event));
  return true;
}

}  // namespace annals::internal
