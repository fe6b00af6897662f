// Copyright: the Annals authors.
//
// Printing events on stdout as a table, NDJSON (valid ingest records) or CSV.
#ifndef ANNALS_TOOLS_EVENT_OUTPUT_H_
#define ANNALS_TOOLS_EVENT_OUTPUT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "annals/event.h"
#include "commands.h"
#include "output_table.h"

namespace annals::cli {

// kDefault becomes kTable when stdout is a terminal, else kJsonl; other formats
// stay.
OutputFormat ResolveFormat(OutputFormat format);

// ACTORS cell text: names joined by ", ", a role as `name (role)`.
std::string ActorsCell(const Event& event);

// The columns a table may show (`--columns`), and the default choice.
const std::vector<std::string>& TableColumnNames();
const std::vector<std::string>& DefaultTableColumns();

// Streams events to stdout. Table output is held until Finish, to align the
// columns.
class EventPrinter {
 public:
  // REQUIRES: format is not kDefault; every column is in TableColumnNames().
  // `columns` (table only; empty: DefaultTableColumns()) are shown in order.
  explicit EventPrinter(OutputFormat format, std::vector<std::string> columns = {});

  void Add(const Event& event);

  // Writes a held table (nothing at all for no events; on a terminal `0 events`
  // goes to stderr).
  void Finish();

  uint64_t count() const { return count_; }

 private:
  OutputFormat format_;
  std::vector<std::string> columns_;
  Table table_;
  uint64_t count_ = 0;
};

}  // namespace annals::cli

#endif  // ANNALS_TOOLS_EVENT_OUTPUT_H_
