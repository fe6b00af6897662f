// Copyright: the Annals authors.
#include "event_output.h"

#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <utility>

#include "annals/record_io.h"
#include "annals/time.h"
#include "cli_common.h"

namespace annals::cli {
namespace {

// Writes a formatter's output as whole lines, adding the final newline if it
// has none.
void WriteRecord(const std::string& text) {
  if (!text.empty() && text.back() == '\n') {
    Stdout::Lines(text);
  } else {
    Stdout::Line(text);
  }
}

}  // namespace

OutputFormat ResolveFormat(OutputFormat format) {
  if (format != OutputFormat::kDefault) return format;
  return IsTerminal(STDOUT_FILENO) ? OutputFormat::kTable : OutputFormat::kJsonl;
}

std::string ActorsCell(const Event& event) {
  std::string cell;
  for (const Actor& actor : event.actors) {
    if (!cell.empty()) cell += ", ";
    cell += actor.name;
    if (!actor.role.empty()) cell += " (" + actor.role + ")";
  }
  return cell;
}

const std::vector<std::string>& TableColumnNames() {
  static const auto* names = new std::vector<std::string>{
      "id", "time", "type", "title", "actors", "location", "source", "recorded"};
  return *names;
}

const std::vector<std::string>& DefaultTableColumns() {
  static const auto* names = new std::vector<std::string>{"id", "time", "type", "actors", "title"};
  return *names;
}

namespace {

std::vector<std::string> Headers(const std::vector<std::string>& columns) {
  std::vector<std::string> headers;
  for (std::string name : columns) {
    for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    headers.push_back(name);
  }
  return headers;
}

// Free-text columns give up width first; id, time and type are cut last.
bool IsFreeText(const std::string& column) {
  return column == "actors" || column == "title" || column == "location" || column == "source";
}

std::string Cell(const std::string& column, const Event& event) {
  if (column == "id") return event.id;
  if (column == "time") return FormatTime(event.time);
  if (column == "type") return event.type;
  if (column == "title") return event.title;
  if (column == "actors") return ActorsCell(event);
  if (column == "location") return event.location;
  if (column == "source") return event.source;
  if (column == "recorded") return event.recorded ? FormatDate(*event.recorded) : "";
  return "";
}

}  // namespace

EventPrinter::EventPrinter(OutputFormat format, std::vector<std::string> columns)
    : format_(format),
      columns_(columns.empty() ? DefaultTableColumns() : std::move(columns)),
      table_(Headers(columns_)) {
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (IsFreeText(columns_[i])) table_.ShrinkFirst(i);
  }
  if (format_ == OutputFormat::kCsv) WriteRecord(CsvHeader());
}

void EventPrinter::Add(const Event& event) {
  ++count_;
  switch (format_) {
    case OutputFormat::kJsonl:
    case OutputFormat::kDefault:
      WriteRecord(FormatJsonRecord(event));
      break;
    case OutputFormat::kCsv:
      WriteRecord(FormatCsvRecord(event));
      break;
    case OutputFormat::kTable: {
      std::vector<std::string> cells;
      for (const std::string& column : columns_) cells.push_back(Cell(column, event));
      table_.AddRow(std::move(cells));
      break;
    }
  }
}

void EventPrinter::Finish() {
  if (format_ != OutputFormat::kTable) return;
  if (table_.empty()) {
    if (IsTerminal(STDOUT_FILENO)) std::fputs("0 events\n", stderr);
    return;
  }
  Stdout::Lines(table_.Render(TerminalWidth()));
}

}  // namespace annals::cli
