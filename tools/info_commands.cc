// Copyright: the Annals authors.
//
// Commands about the database as a whole:
//   annals actors   actors by name with event counts and first/last times
//   annals stats    sizes, time span, format version, query counters
//   annals check    verifies records against indexes; exit 3 on damage
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "annals/database.h"
#include "annals/time.h"
#include "cli_common.h"
#include "commands.h"
#include "event_output.h"
#include "output_table.h"
#include "text_format.h"

namespace annals::cli {
namespace {

void PrintActors(const std::vector<ActorInfo>& actors, OutputFormat format) {
  if (format == OutputFormat::kCsv) Stdout::Line("name,events,first,last");
  Table table({"NAME", "EVENTS", "FIRST", "LAST"});
  table.AlignRight(1);
  table.ShrinkFirst(0);
  for (const ActorInfo& a : actors) {
    std::string first = FormatTime(a.first);
    std::string last = FormatTime(a.last);
    std::string count = std::to_string(a.event_count);
    if (format == OutputFormat::kTable) {
      table.AddRow({a.name, count, first, last});
    } else if (format == OutputFormat::kCsv) {
      Stdout::Line(
          absl::StrCat(CsvField(a.name), ",", count, ",", CsvField(first), ",", CsvField(last)));
    } else {
      Stdout::Line(absl::StrCat("{\"name\":", JsonString(a.name), ",\"events\":", count,
                                ",\"first\":", JsonString(first), ",\"last\":", JsonString(last),
                                "}"));
    }
  }
  if (!table.empty()) Stdout::Lines(table.Render(TerminalWidth()));
}

std::string CountersText(const QueryCounters& c) {
  return absl::StrCat(c.index_entries_scanned, " index entries scanned, ", c.records_fetched,
                      " records fetched, ", c.events_returned, " events returned");
}

std::string SpanText(const DatabaseStats& s) {
  if (!s.min_start_us.has_value() || !s.max_end_us.has_value()) return "(empty)";
  return absl::StrCat(FormatInstant(*s.min_start_us), "/", FormatInstant(*s.max_end_us));
}

void PrintStatsText(const DatabaseStats& s) {
  Stdout::Line(absl::StrCat("events:          ", s.events));
  Stdout::Line(absl::StrCat("actors:          ", s.actors));
  Stdout::Line(absl::StrCat("types:           ", s.types));
  Stdout::Line(absl::StrCat("time span:       ", SpanText(s)));
  Stdout::Line(
      absl::StrCat("disk size:       ", HumanBytes(s.disk_bytes), " (", s.disk_bytes, " bytes)"));
  Stdout::Line(absl::StrCat("format version:  ", s.format_version));
  Stdout::Line(absl::StrCat("queries:         ", CountersText(s.counters)));
}

void PrintStatsJson(const DatabaseStats& s) {
  std::string span = "null";
  if (s.min_start_us.has_value() && s.max_end_us.has_value()) {
    span = absl::StrCat("{\"start\":", JsonString(FormatInstant(*s.min_start_us)),
                        ",\"end\":", JsonString(FormatInstant(*s.max_end_us)), "}");
  }
  const QueryCounters& c = s.counters;
  Stdout::Line(absl::StrCat("{\"events\":", s.events, ",\"actors\":", s.actors, ",\"types\":",
                            s.types, ",\"time_span\":", span, ",\"disk_bytes\":", s.disk_bytes,
                            ",\"format_version\":", s.format_version,
                            ",\"counters\":{\"index_entries_scanned\":", c.index_entries_scanned,
                            ",\"records_fetched\":", c.records_fetched,
                            ",\"events_returned\":", c.events_returned, "}}"));
}

}  // namespace

int RunActors(const std::string& db_path, const ActorsFlags& flags) {
  std::unique_ptr<Database> db;
  if (int rc = OpenForRead(db_path, &db); rc != kExitOk) return rc;
  absl::StatusOr<std::vector<ActorInfo>> actors = db->Actors(flags.prefix, flags.limit);
  if (!actors.ok()) return ReportStatus(actors.status());
  PrintActors(*actors, ResolveFormat(flags.format));
  return kExitOk;
}

int RunStats(const std::string& db_path, bool json) {
  std::unique_ptr<Database> db;
  if (int rc = OpenForRead(db_path, &db); rc != kExitOk) return rc;
  absl::StatusOr<DatabaseStats> stats = db->Stats();
  if (!stats.ok()) return ReportStatus(stats.status());
  if (json) {
    PrintStatsJson(*stats);
  } else {
    PrintStatsText(*stats);
  }
  return kExitOk;
}

int RunCheck(const std::string& db_path) {
  std::unique_ptr<Database> db;
  if (int rc = OpenForRead(db_path, &db); rc != kExitOk) return rc;
  absl::StatusOr<CheckReport> report = db->Check();
  if (!report.ok()) return ReportStatus(report.status());
  for (const std::string& problem : report->problems) ReportError(problem, kExitDamaged);
  std::string verdict =
      report->problems.empty() ? "ok" : absl::StrCat(report->problems.size(), " problems found");
  Stdout::Line(absl::StrCat("checked ", report->events, " events, ", report->ids, " ids, ",
                            report->index_entries, " index entries, ", report->actors, " actors, ",
                            report->types, " types: ", verdict));
  return report->problems.empty() ? kExitOk : kExitDamaged;
}

}  // namespace annals::cli
