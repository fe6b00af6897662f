// Copyright: the Annals authors.
#include "alias_csv.h"

#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "text_format.h"

namespace annals::cli {
namespace {

struct Row {
  size_t line = 0;
  std::vector<std::string> fields;
};

absl::Status LineError(size_t line, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(line, ": ", what));
}

// Splits `text` into rows of fields (RFC 4180: quoted fields may hold commas, doubled quotes and
// line breaks; CRLF or LF ends a row). Rows that are entirely empty are dropped.
absl::StatusOr<std::vector<Row>> SplitRows(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 byte order mark
  std::vector<Row> rows;
  Row row{1, {}};
  std::string field;
  size_t line = 1;
  bool quoted = false, in_quotes = false, any = false;
  auto end_row = [&] {
    if (any || !field.empty() || quoted) {
      row.fields.push_back(std::move(field));
      rows.push_back(std::move(row));
    }
    row = Row{line, {}};
    field.clear();
    quoted = any = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field.push_back('"');
        ++i;
      } else if (c == '"') {
        in_quotes = false;
      } else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
    } else if (c == '"' && field.empty() && !quoted) {
      in_quotes = quoted = true;
    } else if (c == ',') {
      row.fields.push_back(std::move(field));
      field.clear();
      quoted = false;
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      ++line;
      end_row();
    } else if (quoted) {
      return LineError(line, "text after a closing quote");
    } else {
      field.push_back(c);
    }
  }
  if (in_quotes) return LineError(row.line, "unterminated quoted field");
  end_row();
  return rows;
}

struct Columns {
  std::optional<size_t> canonical, alias, from, to;
};

absl::StatusOr<Columns> ReadHeader(const Row& header) {
  Columns c;
  for (size_t i = 0; i < header.fields.size(); ++i) {
    const std::string name = absl::AsciiStrToLower(absl::StripAsciiWhitespace(header.fields[i]));
    std::optional<size_t>* slot = name == "canonical" ? &c.canonical
                                  : name == "alias"   ? &c.alias
                                  : name == "from"    ? &c.from
                                  : name == "to"      ? &c.to
                                                      : nullptr;
    if (slot == nullptr) {
      return LineError(header.line, absl::StrCat("unknown column \"", header.fields[i],
                                                 "\" (expected canonical,alias,from,to)"));
    }
    if (slot->has_value()) {
      return LineError(header.line, absl::StrCat("column \"", name, "\" given twice"));
    }
    *slot = i;
  }
  if (!c.canonical || !c.alias) {
    return LineError(header.line, "the header must name the columns canonical and alias");
  }
  return c;
}

std::string Field(const Row& row, const std::optional<size_t>& column) {
  return column ? row.fields[*column] : std::string();
}

}  // namespace

absl::StatusOr<AliasFile> ParseAliasCsv(std::string_view text) {
  absl::StatusOr<std::vector<Row>> rows = SplitRows(text);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return LineError(1, "no header (expected canonical,alias,from,to)");
  absl::StatusOr<Columns> columns = ReadHeader(rows->front());
  if (!columns.ok()) return columns.status();
  const size_t width = rows->front().fields.size();
  AliasFile file;
  for (size_t i = 1; i < rows->size(); ++i) {
    const Row& row = (*rows)[i];
    if (row.fields.size() != width) {
      return LineError(row.line,
                       absl::StrCat("expected ", width, " fields, got ", row.fields.size()));
    }
    file.aliases.push_back(Alias{Field(row, columns->canonical), Field(row, columns->alias),
                                 Field(row, columns->from), Field(row, columns->to)});
    file.lines.push_back(row.line);
  }
  return file;
}

std::string AliasCsvHeader() { return "canonical,alias,from,to"; }

std::string AliasCsvRow(const Alias& a) {
  return absl::StrCat(CsvField(a.canonical), ",", CsvField(a.alias), ",", CsvField(a.from), ",",
                      CsvField(a.to));
}

}  // namespace annals::cli
