// Copyright: the Annals authors.
//
// `annals count` and `annals related`: calendar histograms and top types, actors and roles over
// the events that the query filters match (spec AGGREGATE.md), as a table, NDJSON or CSV.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "annals/aggregate.h"
#include "annals/database.h"
#include "cli_common.h"
#include "commands.h"
#include "event_output.h"
#include "output_table.h"
#include "query_flags.h"
#include "text_format.h"

namespace annals::cli {
namespace {

// The --by keys as a Grouping; a usage error message when they do not fit.
absl::StatusOr<Grouping> BuildGrouping(const CountFlags& flags) {
  Grouping g;
  g.limit = flags.limit;
  g.canonical = flags.canonical;
  if (flags.related) {
    if (flags.filters.actors.empty()) {
      return absl::InvalidArgumentError("related needs --actor NAME");
    }
    g.group = GroupKey::kActor;
    g.exclude_query_actors = true;
    return g;
  }
  if (flags.by.empty() || flags.by.size() > 2) {
    return absl::InvalidArgumentError("count needs one or two --by keys (one time, one group)");
  }
  for (const std::string& by : flags.by) {
    if (std::optional<TimeUnit> unit = ParseTimeUnit(by)) {
      if (g.time) return absl::InvalidArgumentError("two --by keys must be one time, one group");
      g.time = unit;
    } else if (std::optional<GroupKey> key = ParseGroupKey(by)) {
      if (g.group) return absl::InvalidArgumentError("two --by keys must be one time, one group");
      g.group = key;
    } else {
      return absl::InvalidArgumentError(absl::StrCat(
          "--by ", by, ": expected year, quarter, month, week, day, hour, type, actor or role"));
    }
  }
  if (g.canonical && g.group != GroupKey::kActor) {
    return absl::InvalidArgumentError("--canonical needs --by actor");
  }
  return g;
}

// Column names, in order, as used in jsonl and csv (tables upper-case them).
std::vector<std::string> Columns(const Grouping& g) {
  std::vector<std::string> cols;
  if (g.time) cols.push_back("bucket");
  if (g.group) cols.push_back(GroupKeyName(*g.group));
  if (g.time) {
    cols.insert(cols.end(), {"starting", "within", "overlapping"});
  } else {
    cols.push_back("events");
  }
  return cols;
}

std::vector<uint64_t> Counts(const Grouping& g, const CountRow& row) {
  if (g.time) return {row.starting, row.within, row.overlapping};
  return {row.events};
}

void PrintTable(const Grouping& g, const std::vector<CountRow>& rows) {
  std::vector<std::string> header;
  for (const std::string& c : Columns(g)) header.push_back(absl::AsciiStrToUpper(c));
  Table table(header);
  const size_t labels = (g.time ? 1 : 0) + (g.group ? 1 : 0);
  for (size_t i = labels; i < header.size(); ++i) table.AlignRight(i);
  if (g.group) table.ShrinkFirst(labels - 1);
  for (const CountRow& row : rows) {
    std::vector<std::string> cells;
    if (g.time) cells.push_back(row.bucket);
    if (g.group) cells.push_back(row.group.empty() ? "(none)" : row.group);
    for (uint64_t n : Counts(g, row)) cells.push_back(WithThousands(n));
    table.AddRow(std::move(cells));
  }
  if (!table.empty()) Stdout::Lines(table.Render(TerminalWidth()));
}

void PrintLines(const Grouping& g, const std::vector<CountRow>& rows, bool csv) {
  const std::vector<std::string> cols = Columns(g);
  if (csv) Stdout::Line(absl::StrJoin(cols, ","));
  for (const CountRow& row : rows) {
    std::vector<std::string> cells;
    if (g.time) cells.push_back(csv ? CsvField(row.bucket) : JsonString(row.bucket));
    if (g.group) cells.push_back(csv ? CsvField(row.group) : JsonString(row.group));
    for (uint64_t n : Counts(g, row)) cells.push_back(std::to_string(n));
    if (csv) {
      Stdout::Line(absl::StrJoin(cells, ","));
      continue;
    }
    std::string line = "{";
    for (size_t i = 0; i < cells.size(); ++i) {
      absl::StrAppend(&line, i == 0 ? "" : ",", "\"", cols[i], "\":", cells[i]);
    }
    Stdout::Line(line + "}");
  }
}

}  // namespace

int RunCount(const std::string& db_path, const CountFlags& flags) {
  absl::StatusOr<Query> query = BuildQuery(flags.filters);
  if (!query.ok()) return ReportError(query.status().message(), kExitUsage);
  absl::StatusOr<Grouping> grouping = BuildGrouping(flags);
  if (!grouping.ok()) return ReportError(grouping.status().message(), kExitUsage);
  std::unique_ptr<Database> db;
  if (int rc = OpenForRead(db_path, &db); rc != kExitOk) return rc;
  absl::StatusOr<std::vector<CountRow>> rows = db->Aggregate(*query, *grouping);
  if (absl::IsOutOfRange(rows.status())) return ReportError(rows.status().message(), kExitUsage);
  if (!rows.ok()) return ReportStatus(rows.status());
  const OutputFormat format = ResolveFormat(flags.format);
  if (format == OutputFormat::kTable) {
    PrintTable(*grouping, *rows);
  } else {
    PrintLines(*grouping, *rows, format == OutputFormat::kCsv);
  }
  return kExitOk;
}

}  // namespace annals::cli
