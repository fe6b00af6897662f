// Copyright: the Annals authors.
//
// Commands about the database as a whole:
//   annals actors   actors by name with event counts and first/last times
//   annals types    types by name with event counts
//   annals stats    sizes, time span, format version
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
#include "pager.h"
#include "span_text.h"
#include "system_time_text.h"
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

void PrintTypes(const std::vector<TypeInfo>& types, OutputFormat format) {
  if (format == OutputFormat::kCsv) Stdout::Line("type,events");
  Table table({"TYPE", "EVENTS"});
  table.AlignRight(1);
  table.ShrinkFirst(0);
  for (const TypeInfo& t : types) {
    const std::string count = std::to_string(t.event_count);
    if (format == OutputFormat::kTable) {
      table.AddRow({t.name, count});
    } else if (format == OutputFormat::kCsv) {
      Stdout::Line(absl::StrCat(CsvField(t.name), ",", count));
    } else {
      Stdout::Line(absl::StrCat("{\"type\":", JsonString(t.name), ",\"events\":", count, "}"));
    }
  }
  if (!table.empty()) Stdout::Lines(table.Render(TerminalWidth()));
}

std::string StatsSpanText(const DatabaseStats& s) {
  if (!s.min_start_us.has_value() || !s.max_end_us.has_value()) return "(empty)";
  return SpanText(*s.min_start_us, *s.max_end_us);
}

void PrintStatsText(const DatabaseStats& s) {
  Stdout::Line(absl::StrCat("events:          ", s.events));
  Stdout::Line(absl::StrCat("actors:          ", s.actors));
  Stdout::Line(absl::StrCat("types:           ", s.types));
  Stdout::Line(absl::StrCat("time span:       ", StatsSpanText(s)));
  Stdout::Line(
      absl::StrCat("disk size:       ", HumanBytes(s.disk_bytes), " (", s.disk_bytes, " bytes)"));
  Stdout::Line(absl::StrCat("format version:  ", s.format_version));
  if (s.first_commit_us && s.last_commit_us) {
    Stdout::Line(absl::StrCat("first commit:    ", FormatSystemTime(*s.first_commit_us)));
    Stdout::Line(absl::StrCat("last commit:     ", FormatSystemTime(*s.last_commit_us)));
  }
  if (s.pruned_before_us) {
    Stdout::Line(absl::StrCat("pruned before:   ", FormatSystemTime(*s.pruned_before_us)));
  }
}

void PrintStatsJson(const DatabaseStats& s) {
  std::string span = "null";
  if (s.min_start_us.has_value() && s.max_end_us.has_value()) {
    span = absl::StrCat("{\"start\":", JsonString(SpanStartText(*s.min_start_us)),
                        ",\"end\":", JsonString(SpanEndText(*s.max_end_us)), "}");
  }
  const QueryCounters& c = s.counters;
  Stdout::Line(absl::StrCat(
      "{\"events\":", s.events, ",\"actors\":", s.actors, ",\"types\":", s.types, ",\"time_span\":",
      span, ",\"disk_bytes\":", s.disk_bytes, ",\"format_version\":", s.format_version,
      ",\"first_commit\":", SystemTimeJson(s.first_commit_us), ",\"last_commit\":",
      SystemTimeJson(s.last_commit_us), ",\"pruned_before\":", SystemTimeJson(s.pruned_before_us),
      ",\"counters\":{\"index_entries_scanned\":", c.index_entries_scanned, ",\"records_fetched\":",
      c.records_fetched, ",\"events_returned\":", c.events_returned, "}}"));
}

}  // namespace

int RunActors(const std::string& db_path, const ActorsFlags& flags) {
  std::unique_ptr<Database> db;
  if (int rc = OpenForRead(db_path, &db); rc != kExitOk) return rc;
  absl::StatusOr<std::vector<ActorInfo>> actors =
      db->Actors(flags.prefix, flags.limit, LastMicroOf(flags.as_of));
  if (!actors.ok()) return ReportStatus(actors.status());
  if (!flags.no_pager) EnablePager();
  PrintActors(*actors, ResolveFormat(flags.format));
  return kExitOk;
}

int RunTypes(const std::string& db_path, OutputFormat format, bool no_pager) {
  std::unique_ptr<Database> db;
  if (int rc = OpenForRead(db_path, &db); rc != kExitOk) return rc;
  absl::StatusOr<std::vector<TypeInfo>> types = db->Types();
  if (!types.ok()) return ReportStatus(types.status());
  if (!no_pager) EnablePager();
  PrintTypes(*types, ResolveFormat(format));
  return kExitOk;
}

int RunStats(const std::string& db_path, bool json, const std::string& as_of) {
  std::unique_ptr<Database> db;
  if (int rc = OpenForRead(db_path, &db); rc != kExitOk) return rc;
  absl::StatusOr<DatabaseStats> stats = db->Stats(LastMicroOf(as_of));
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
  std::string verdict = report->problems.empty()
                            ? "ok"
                            : absl::StrCat(Plural(report->problems.size(), "problem"), " found");
  Stdout::Line(absl::StrCat(
      "checked ", Plural(report->events, "event"), ", ", Plural(report->ids, "id"), ", ",
      report->index_entries == 1 ? "1 index entry" : Plural(report->index_entries, "index entrie"),
      ", ", Plural(report->actors, "actor"), ", ", Plural(report->types, "type"),
      report->versions == 0 ? "" : absl::StrCat(", ", Plural(report->versions, "closed version")),
      ": ", verdict));
  return report->problems.empty() ? kExitOk : kExitDamaged;
}

}  // namespace annals::cli
