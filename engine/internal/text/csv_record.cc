// Copyright: the Annals authors.
#include "internal/text/csv_record.h"

#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "internal/text/actor_name.h"
#include "internal/text/record_text.h"
#include "internal/util/status_macros.h"

namespace annals::internal {
namespace {

using Column = CsvLayout::Column;

constexpr std::pair<std::string_view, Column> kKnownColumns[] = {
    {"id", Column::kId},         {"time", Column::kTime},         {"type", Column::kType},
    {"title", Column::kTitle},   {"actors", Column::kActors},     {"location", Column::kLocation},
    {"source", Column::kSource}, {"recorded", Column::kRecorded},
};

Column ColumnOf(std::string_view name) {
  for (const auto& [known, column] : kKnownColumns) {
    if (known == name) return column;
  }
  return Column::kAttr;
}

absl::Status HeaderError(std::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat("CSV header: ", absl::string_view(what.data(), what.size())));
}

absl::Status SetKnownField(Column column, std::string& cell, Event* event) {
  switch (column) {
    case Column::kId:
      event->id = std::move(cell);
      break;
    case Column::kTime: {
      ASSIGN_OR_RETURN(event->time, ParseTimeField(cell));
      break;
    }
    case Column::kType:
      event->type = std::move(cell);
      break;
    case Column::kTitle:
      event->title = std::move(cell);
      break;
    case Column::kActors:
      event->actors = ParseCsvActors(cell);
      break;
    case Column::kLocation:
      event->location = std::move(cell);
      break;
    case Column::kSource:
      event->source = std::move(cell);
      break;
    case Column::kRecorded:
      if (!cell.empty()) {
        ASSIGN_OR_RETURN(event->recorded, ParseRecordedField(cell));
      }
      break;
    case Column::kAttr:
      break;
  }
  return absl::OkStatus();
}

// Appends `text` as one CSV field.
void AppendCsvField(std::string_view text, std::string* out) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out->append(text);
    return;
  }
  out->push_back('"');
  for (char c : text) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

std::string FormatCsvActors(const std::vector<Actor>& actors) {
  std::string out;
  for (const Actor& actor : actors) {
    if (!out.empty()) out.push_back(';');
    out.append(actor.name);
    if (!actor.role.empty()) absl::StrAppend(&out, "=", actor.role);
  }
  return out;
}

}  // namespace

absl::StatusOr<CsvLayout> ParseCsvHeader(std::vector<std::string> names) {
  CsvLayout layout;
  absl::flat_hash_set<std::string_view> seen;
  for (size_t i = 0; i < names.size(); ++i) {
    if (!IsValidUtf8(names[i])) {
      return HeaderError(absl::StrCat("column ", i + 1, ": invalid UTF-8"));
    }
    if (!seen.insert(names[i]).second) {
      return HeaderError(absl::StrCat("duplicate column ", QuoteForMessage(names[i])));
    }
    layout.columns.push_back(ColumnOf(names[i]));
  }
  if (!seen.contains("time")) return HeaderError("no \"time\" column");
  layout.names = std::move(names);
  return layout;
}

absl::StatusOr<Event> CsvRowToEvent(const CsvLayout& layout, std::vector<std::string>& cells) {
  if (cells.size() != layout.columns.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("expected ", layout.columns.size(), " fields, found ", cells.size()));
  }
  Event event;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (layout.columns[i] != Column::kAttr) {
      RETURN_IF_ERROR(SetKnownField(layout.columns[i], cells[i], &event));
    } else if (!cells[i].empty()) {
      event.attrs.push_back({layout.names[i], Attr::Kind::kString, std::move(cells[i])});
    }
  }
  return event;
}

std::vector<Actor> ParseCsvActors(std::string_view cell) {
  std::vector<Actor> actors;
  for (absl::string_view piece : absl::StrSplit(absl::string_view(cell.data(), cell.size()), ';')) {
    piece = absl::StripAsciiWhitespace(piece);
    if (piece.empty()) continue;
    const size_t eq = piece.find('=');
    Actor& actor = actors.emplace_back();
    actor.name = std::string(absl::StripAsciiWhitespace(piece.substr(0, eq)));
    if (eq != absl::string_view::npos) {
      actor.role = std::string(absl::StripAsciiWhitespace(piece.substr(eq + 1)));
    }
  }
  return actors;
}

std::string FormatCsvHeader() { return "id,time,type,title,actors,location,source,recorded,attrs"; }

std::string FormatCsvEvent(const Event& event) {
  const bool has_time = event.time.first || event.time.second;
  const std::string fields[] = {
      event.id,
      has_time ? FormatTime(event.time) : "",
      event.type,
      event.title,
      FormatCsvActors(event.actors),
      event.location,
      event.source,
      event.recorded ? FormatDate(*event.recorded) : "",
      event.attrs.empty() ? "" : FormatAttrsJson(event.attrs),
  };
  std::string out;
  for (const std::string& field : fields) {
    if (&field != &fields[0]) out.push_back(',');
    AppendCsvField(field, &out);
  }
  return out;
}

}  // namespace annals::internal
