// Copyright: the Annals authors.
#include "internal/text/csv_record.h"

#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "internal/text/actor_name.h"
#include "internal/text/json_record.h"
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

// `text` with `\`, `;` and `=` escaped by a backslash.
std::string EscapeActorText(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == ';' || c == '=') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

std::string FormatCsvActors(const std::vector<Actor>& actors) {
  std::string out;
  for (const Actor& actor : actors) {
    if (!out.empty()) out.push_back(';');
    out.append(EscapeActorText(actor.name));
    if (!actor.role.empty()) absl::StrAppend(&out, "=", EscapeActorText(actor.role));
  }
  return out;
}

// The pieces of `text` between unescaped `separator`s (escapes kept).
std::vector<std::string_view> SplitUnescaped(std::string_view text, char separator) {
  std::vector<std::string_view> pieces;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == separator) {
      pieces.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  pieces.push_back(text.substr(start));
  return pieces;
}

// The offset of the last `c` not escaped by a backslash, or npos.
size_t LastUnescaped(std::string_view text, char c) {
  size_t found = std::string_view::npos;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == c) {
      found = i;
    }
  }
  return found;
}

// `text` trimmed of ASCII whitespace with `\;`, `\=` and `\\` unescaped; any
// other backslash is kept as it is.
std::string UnescapeActorText(std::string_view text) {
  absl::string_view trimmed =
      absl::StripAsciiWhitespace(absl::string_view(text.data(), text.size()));
  std::string out;
  for (size_t i = 0; i < trimmed.size(); ++i) {
    const char next = i + 1 < trimmed.size() ? trimmed[i + 1] : '\0';
    if (trimmed[i] == '\\' && (next == '\\' || next == ';' || next == '=')) ++i;
    out.push_back(trimmed[i]);
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
    } else if (cells[i].empty()) {
      continue;
    } else if (layout.names[i] == "attrs") {
      ASSIGN_OR_RETURN(std::vector<Attr> attrs, ParseJsonAttrs(cells[i]));
      for (Attr& attr : attrs) event.attrs.push_back(std::move(attr));
    } else {
      event.attrs.push_back({layout.names[i], Attr::Kind::kString, std::move(cells[i])});
    }
  }
  return event;
}

std::vector<Actor> ParseCsvActors(std::string_view cell) {
  std::vector<Actor> actors;
  for (const std::string_view piece : SplitUnescaped(cell, ';')) {
    const size_t eq = LastUnescaped(piece, '=');
    Actor actor;
    actor.name = UnescapeActorText(piece.substr(0, eq));
    if (eq != std::string_view::npos) actor.role = UnescapeActorText(piece.substr(eq + 1));
    if (actor.name.empty() && eq == std::string_view::npos) continue;
    actors.push_back(std::move(actor));
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
