// Copyright: the Annals authors.
#include "event_output.h"

#include <unistd.h>

#include <cstdio>

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

EventPrinter::EventPrinter(OutputFormat format)
    : format_(format), table_({"TIME", "TYPE", "ACTORS", "TITLE"}) {
  table_.ShrinkFirst(2);  // ACTORS
  table_.ShrinkFirst(3);  // TITLE
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
    case OutputFormat::kTable:
      table_.AddRow({FormatTime(event.time), event.type, ActorsCell(event), event.title});
      break;
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
