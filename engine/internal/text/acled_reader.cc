// Copyright: the Annals authors.
#include "internal/text/acled_reader.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "internal/text/dataset_cells.h"
#include "internal/text/record_text.h"
#include "internal/util/status_macros.h"

namespace annals::internal {
namespace {

using F = AcledLayout::Field;

// The header name of each field, in AcledLayout::Field order.
constexpr std::string_view kNames[F::kFieldCount] = {
    "event_id_cnty", "event_date",    "time_precision", "event_type",    "sub_event_type",
    "actor1",        "assoc_actor_1", "actor2",         "assoc_actor_2", "location",
    "admin1",        "country",       "source",         "timestamp",     "fatalities",
    "interaction",   "inter1",        "inter2",         "disorder_type", "civilian_targeting",
    "region",        "iso",           "admin2",         "admin3",        "latitude",
    "longitude",     "geo_precision", "source_scale",   "notes",         "tags"};

struct AttrColumn {
  std::string_view key;
  F field;
};
constexpr AttrColumn kNumberAttrs[] = {{"fatalities", F::kFatalities},
                                       {"interaction", F::kInteraction},
                                       {"inter1", F::kInter1},
                                       {"inter2", F::kInter2},
                                       {"iso", F::kIso},
                                       {"lat", F::kLatitude},
                                       {"lon", F::kLongitude},
                                       {"geo_precision", F::kGeoPrecision}};
constexpr AttrColumn kStringAttrs[] = {{"disorder_type", F::kDisorderType},
                                       {"civilian_targeting", F::kCivilianTargeting},
                                       {"region", F::kRegion},
                                       {"admin1", F::kAdmin1},
                                       {"admin2", F::kAdmin2},
                                       {"admin3", F::kAdmin3},
                                       {"source_scale", F::kSourceScale},
                                       {"notes", F::kNotes},
                                       {"tags", F::kTags}};

constexpr std::string_view kMonths[12] = {"january",   "february", "march",    "april",
                                          "may",       "june",     "july",     "august",
                                          "september", "october",  "november", "december"};

absl::string_view AbslView(std::string_view text) { return {text.data(), text.size()}; }

std::string_view CellOf(const AcledLayout& layout, const std::vector<std::string>& cells, F field) {
  const std::optional<size_t>& index = layout.index[field];
  return index ? std::string_view(cells[*index]) : std::string_view();
}

// `D Month YYYY` (full English month name, any case) as `YYYY-MM-DD`; nullopt if not that form.
std::optional<std::string> DayMonthYear(std::string_view text) {
  std::vector<absl::string_view> parts = absl::StrSplit(AbslView(text), ' ', absl::SkipEmpty());
  int day = 0, year = 0;
  if (parts.size() != 3 || parts[0].size() > 2 || parts[2].size() != 4 ||
      !absl::SimpleAtoi(parts[0], &day) || !absl::SimpleAtoi(parts[2], &year)) {
    return std::nullopt;
  }
  for (int m = 0; m < 12; ++m) {
    if (absl::EqualsIgnoreCase(parts[1], AbslView(kMonths[m]))) {
      return absl::StrFormat("%04d-%02d-%02d", year, m + 1, day);
    }
  }
  return std::nullopt;
}

// Appends one actor per `;`-separated name in `cell`, with `role`.
void AddActorList(std::string_view cell, std::string_view role, Event* event) {
  if (HasNoValue(cell)) return;
  for (absl::string_view name : absl::StrSplit(AbslView(cell), ';')) {
    const absl::string_view trimmed = absl::StripAsciiWhitespace(name);
    AddActor(std::string_view(trimmed.data(), trimmed.size()), role, event);
  }
}

}  // namespace

absl::StatusOr<AcledLayout> ParseAcledHeader(const std::vector<std::string>& names) {
  NamedColumns columns(names);
  RETURN_IF_ERROR(
      columns.Check("ACLED", {kNames[F::kEventId], kNames[F::kEventDate]},
                    std::vector<std::string_view>(std::begin(kNames), std::end(kNames))));
  AcledLayout layout;
  layout.columns = names.size();
  for (size_t f = 0; f < F::kFieldCount; ++f) layout.index[f] = columns.Find(kNames[f]);
  return layout;
}

absl::StatusOr<std::string> AcledTimeText(std::string_view date, std::string_view precision) {
  std::string day(date);
  if (std::optional<std::string> iso = DayMonthYear(date)) day = *std::move(iso);
  if (day.size() != 10 || !ParseDate(day).ok()) {
    return FieldError(
        kNames[F::kEventDate],
        absl::StrCat("expected YYYY-MM-DD or D Month YYYY, found ", QuoteForMessage(date)));
  }
  if (HasNoValue(precision) || precision == "1") return day;
  if (precision == "2") return day + "~";
  if (precision == "3") return day.substr(0, 7);
  return FieldError(kNames[F::kTimePrecision],
                    absl::StrCat("expected 1, 2 or 3, found ", QuoteForMessage(precision)));
}

absl::StatusOr<Event> AcledRowToEvent(const AcledLayout& layout,
                                      const std::vector<std::string>& cells) {
  RETURN_IF_ERROR(CheckColumnCount(layout.columns, cells.size()));
  auto cell = [&](F field) { return CellOf(layout, cells, field); };
  Event event;
  if (HasNoValue(cell(F::kEventId))) return FieldError(kNames[F::kEventId], "empty");
  event.id = absl::StrCat("acled-", AbslView(cell(F::kEventId)));
  ASSIGN_OR_RETURN(std::string time, AcledTimeText(cell(F::kEventDate), cell(F::kTimePrecision)));
  ASSIGN_OR_RETURN(event.time, ParseTime(time));
  event.type = ValueOf(cell(F::kEventType));
  event.title = ValueOf(cell(F::kSubEventType));
  AddActor(cell(F::kActor1), "actor1", &event);
  AddActorList(cell(F::kAssocActor1), "assoc1", &event);
  AddActor(cell(F::kActor2), "actor2", &event);
  AddActorList(cell(F::kAssocActor2), "assoc2", &event);
  event.location = JoinPresent({cell(F::kLocation), cell(F::kAdmin1), cell(F::kCountry)});
  event.source = ValueOf(cell(F::kSource));
  if (!HasNoValue(cell(F::kTimestamp))) {
    ASSIGN_OR_RETURN(event.recorded, ParseUnixSeconds(kNames[F::kTimestamp], cell(F::kTimestamp)));
  }
  for (const AttrColumn& attr : kNumberAttrs) {
    RETURN_IF_ERROR(AddNumberAttr(attr.key, kNames[attr.field], cell(attr.field), &event));
  }
  for (const AttrColumn& attr : kStringAttrs) AddStringAttr(attr.key, cell(attr.field), &event);
  return event;
}

AcledRecordReader::AcledRecordReader(std::istream& in) : in_(in), splitter_(&in_) {
  in_.SkipByteOrderMark();
}

absl::StatusOr<bool> AcledRecordReader::Next(Event* event) {
  if (!layout_) {
    absl::StatusOr<bool> read = splitter_.Next(&cells_);
    line_ = splitter_.record_line();
    if (!read.ok()) return read.status();
    if (!*read) {  // empty input: no header, no records
      RETURN_IF_ERROR(in_.TakeError());
      return false;
    }
    layout_ = ParseAcledHeader(cells_);
  }
  if (!layout_->ok()) return layout_->status();
  absl::StatusOr<bool> read = splitter_.Next(&cells_);
  line_ = splitter_.record_line();
  if (!read.ok()) return read.status();
  if (!*read) {
    RETURN_IF_ERROR(in_.TakeError());
    return false;
  }
  ASSIGN_OR_RETURN(*event, AcledRowToEvent(**layout_, cells_));
  RETURN_IF_ERROR(NormalizeEvent(*event));
  return true;
}

}  // namespace annals::internal
