// Copyright: the Annals authors.
#include "internal/text/gdelt_reader.h"

#include <string_view>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "internal/text/dataset_cells.h"
#include "internal/text/record_text.h"
#include "internal/util/status_macros.h"

namespace annals::internal {
namespace {

// GDELT 2.0 Event Codebook column names, in file order.
constexpr std::string_view kNames[kGdeltColumns] = {"GLOBALEVENTID",
                                                    "SQLDATE",
                                                    "MonthYear",
                                                    "Year",
                                                    "FractionDate",
                                                    "Actor1Code",
                                                    "Actor1Name",
                                                    "Actor1CountryCode",
                                                    "Actor1KnownGroupCode",
                                                    "Actor1EthnicCode",
                                                    "Actor1Religion1Code",
                                                    "Actor1Religion2Code",
                                                    "Actor1Type1Code",
                                                    "Actor1Type2Code",
                                                    "Actor1Type3Code",
                                                    "Actor2Code",
                                                    "Actor2Name",
                                                    "Actor2CountryCode",
                                                    "Actor2KnownGroupCode",
                                                    "Actor2EthnicCode",
                                                    "Actor2Religion1Code",
                                                    "Actor2Religion2Code",
                                                    "Actor2Type1Code",
                                                    "Actor2Type2Code",
                                                    "Actor2Type3Code",
                                                    "IsRootEvent",
                                                    "EventCode",
                                                    "EventBaseCode",
                                                    "EventRootCode",
                                                    "QuadClass",
                                                    "GoldsteinScale",
                                                    "NumMentions",
                                                    "NumSources",
                                                    "NumArticles",
                                                    "AvgTone",
                                                    "Actor1Geo_Type",
                                                    "Actor1Geo_FullName",
                                                    "Actor1Geo_CountryCode",
                                                    "Actor1Geo_ADM1Code",
                                                    "Actor1Geo_ADM2Code",
                                                    "Actor1Geo_Lat",
                                                    "Actor1Geo_Long",
                                                    "Actor1Geo_FeatureID",
                                                    "Actor2Geo_Type",
                                                    "Actor2Geo_FullName",
                                                    "Actor2Geo_CountryCode",
                                                    "Actor2Geo_ADM1Code",
                                                    "Actor2Geo_ADM2Code",
                                                    "Actor2Geo_Lat",
                                                    "Actor2Geo_Long",
                                                    "Actor2Geo_FeatureID",
                                                    "ActionGeo_Type",
                                                    "ActionGeo_FullName",
                                                    "ActionGeo_CountryCode",
                                                    "ActionGeo_ADM1Code",
                                                    "ActionGeo_ADM2Code",
                                                    "ActionGeo_Lat",
                                                    "ActionGeo_Long",
                                                    "ActionGeo_FeatureID",
                                                    "DATEADDED",
                                                    "SOURCEURL"};

// Column numbers (from 0) of the mapped fields.
enum Col : size_t {
  kEventId = 0,
  kSqlDate = 1,
  kActor1Code = 5,
  kActor1Name = 6,
  kActor1Country = 7,
  kActor2Code = 15,
  kActor2Name = 16,
  kActor2Country = 17,
  kIsRoot = 25,
  kEventCode = 26,
  kBaseCode = 27,
  kRootCode = 28,
  kQuadClass = 29,
  kGoldstein = 30,
  kMentions = 31,
  kSources = 32,
  kArticles = 33,
  kTone = 34,
  kActionFullName = 52,
  kActionCountry = 53,
  kActionLat = 56,
  kActionLon = 57,
  kDateAdded = 59,
  kSourceUrl = 60,
};

enum class Kind { kString, kNumber, kFlag };
struct AttrColumn {
  std::string_view key;
  Col column;
  Kind kind;
};
// Sorted by key, so that NormalizeEvent finds the attrs in order and need not sort them.
constexpr AttrColumn kAttrs[] = {
    {"actor1_code", kActor1Code, Kind::kString}, {"actor1_country", kActor1Country, Kind::kString},
    {"actor2_code", kActor2Code, Kind::kString}, {"actor2_country", kActor2Country, Kind::kString},
    {"articles", kArticles, Kind::kNumber},      {"base_code", kBaseCode, Kind::kString},
    {"country", kActionCountry, Kind::kString},  {"goldstein", kGoldstein, Kind::kNumber},
    {"is_root", kIsRoot, Kind::kFlag},           {"lat", kActionLat, Kind::kNumber},
    {"lon", kActionLon, Kind::kNumber},          {"mentions", kMentions, Kind::kNumber},
    {"quad_class", kQuadClass, Kind::kNumber},   {"root_code", kRootCode, Kind::kString},
    {"sources", kSources, Kind::kNumber},        {"tone", kTone, Kind::kNumber},
};

absl::string_view AbslView(std::string_view text) { return {text.data(), text.size()}; }

// Actor<n>Name, else Actor<n>Code, with `role`.
void AddGdeltActor(const std::string& name, const std::string& code, std::string_view role,
                   Event* event) {
  AddActor(HasNoValue(name) ? code : name, role, event);
}

absl::Status AddAttrs(const std::vector<std::string>& cells, Event* event) {
  for (const AttrColumn& attr : kAttrs) {
    const std::string& cell = cells[attr.column];
    switch (attr.kind) {
      case Kind::kString:
        AddStringAttr(attr.key, cell, event);
        break;
      case Kind::kNumber:
        RETURN_IF_ERROR(AddNumberAttr(attr.key, kNames[attr.column], cell, event));
        break;
      case Kind::kFlag:
        RETURN_IF_ERROR(AddFlagAttr(attr.key, kNames[attr.column], cell, event));
        break;
    }
  }
  return absl::OkStatus();
}

}  // namespace

bool IsGdeltHeader(const std::vector<std::string>& cells) {
  return !cells.empty() &&
         absl::EqualsIgnoreCase(absl::StripAsciiWhitespace(cells[0]), AbslView(kNames[kEventId]));
}

absl::Status CheckGdeltHeader(const std::vector<std::string>& cells) {
  if (cells.size() < kGdeltColumns) {
    return absl::InvalidArgumentError(absl::StrCat("GDELT header: ", cells.size(),
                                                   " columns, expected at least ", kGdeltColumns,
                                                   " (GDELT 2.0 events)"));
  }
  for (size_t i = 0; i < kGdeltColumns; ++i) {
    if (!absl::EqualsIgnoreCase(absl::StripAsciiWhitespace(cells[i]), AbslView(kNames[i]))) {
      return absl::InvalidArgumentError(absl::StrCat("GDELT header: column ", i + 1, " is ",
                                                     QuoteForMessage(cells[i]), ", expected \"",
                                                     AbslView(kNames[i]), "\""));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<Event> GdeltRowToEvent(const std::vector<std::string>& cells) {
  Event event;
  if (HasNoValue(cells[kEventId])) return FieldError(kNames[kEventId], "empty");
  event.id = absl::StrCat("gdelt-", cells[kEventId]);
  ASSIGN_OR_RETURN(Date day, ParseCompactDay(kNames[kSqlDate], cells[kSqlDate]));
  event.time.first = day;
  event.type = ValueOf(cells[kEventCode]);
  AddGdeltActor(cells[kActor1Name], cells[kActor1Code], "source", &event);
  AddGdeltActor(cells[kActor2Name], cells[kActor2Code], "target", &event);
  event.location = ValueOf(cells[kActionFullName]);
  event.source = ValueOf(cells[kSourceUrl]);
  if (!HasNoValue(cells[kDateAdded])) {
    ASSIGN_OR_RETURN(event.recorded, ParseCompactSecond(kNames[kDateAdded], cells[kDateAdded]));
  }
  RETURN_IF_ERROR(AddAttrs(cells, &event));
  return event;
}

absl::StatusOr<bool> GdeltRecordReader::Next(Event* event) {
  if (header_error_) return *header_error_;
  while (true) {
    ASSIGN_OR_RETURN(bool more, rows_.Next(&cells_));
    if (!more) return false;
    const bool first = first_row_;
    first_row_ = false;
    if (first && IsGdeltHeader(cells_)) {
      absl::Status header = CheckGdeltHeader(cells_);
      if (!header.ok()) {
        header_error_ = header;
        return header;
      }
      columns_ = cells_.size();
      continue;
    }
    RETURN_IF_ERROR(CheckColumnCount(columns_, cells_.size()));
    ASSIGN_OR_RETURN(*event, GdeltRowToEvent(cells_));
    RETURN_IF_ERROR(NormalizeEvent(*event));
    return true;
  }
}

}  // namespace annals::internal
