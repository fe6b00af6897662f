// Copyright: the Annals authors.
//
// `annals query`: the events that involve all of some actors, any of others, of
// some types, and overlap a time range; printed as a table, NDJSON or CSV, or
// only counted.
#include <cstdio>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "annals/database.h"
#include "annals/query.h"
#include "annals/time.h"
#include "cli_common.h"
#include "commands.h"
#include "event_output.h"
#include "pager.h"
#include "query_flags.h"
#include "system_time_text.h"

namespace annals::cli {

absl::StatusOr<Query> BuildQuery(const QueryFlags& flags) {
  Query query;
  // NAME or NAME=ROLE (query.h: ParseActorSpec).
  for (const std::string& text : flags.actors) {
    absl::StatusOr<ActorSpec> spec = ParseActorSpec(text);
    if (!spec.ok()) return spec.status();
    query.all_actor_specs.push_back(*std::move(spec));
  }
  for (const std::string& text : flags.any_actors) {
    absl::StatusOr<ActorSpec> spec = ParseActorSpec(text);
    if (!spec.ok()) return spec.status();
    query.any_actor_specs.push_back(*std::move(spec));
  }
  query.types = flags.types;
  query.reverse = flags.reverse;
  query.limit = flags.limit;
  query.text = flags.text;
  query.within = flags.within;
  if (!flags.from.empty()) {
    absl::StatusOr<EventTime> from = ParseTime(flags.from);
    if (!from.ok()) return from.status();
    query.from_us = from->start_us();
  }
  if (!flags.to.empty()) {
    absl::StatusOr<EventTime> to = ParseTime(flags.to);
    if (!to.ok()) return to.status();
    query.to_us = to->end_us();
  }
  query.as_of_us = LastMicroOf(flags.as_of);
  if (query.from_us >= query.to_us) {
    return absl::InvalidArgumentError(absl::StrCat(
        "empty time range: --from ", flags.from, " starts at or after the end of --to ", flags.to));
  }
  return query;
}

namespace {

void PrintCounters(const QueryCounters& counters) {
  std::string line = absl::StrCat("index entries scanned: ", counters.index_entries_scanned,
                                  ", records fetched: ", counters.records_fetched,
                                  ", events returned: ", counters.events_returned, "\n");
  std::fwrite(line.data(), 1, line.size(), stderr);
}

int RunCount(Database& db, const Query& query, bool stats) {
  absl::StatusOr<uint64_t> count = db.Count(query);
  if (!count.ok()) return ReportStatus(count.status());
  Stdout::Line(std::to_string(*count));
  if (stats) {
    absl::StatusOr<DatabaseStats> db_stats = db.Stats();
    if (!db_stats.ok()) return ReportStatus(db_stats.status());
    PrintCounters(db_stats->counters);
  }
  return kExitOk;
}

int RunList(Database& db, const Query& query, const QueryFlags& flags) {
  absl::StatusOr<std::unique_ptr<Cursor>> cursor = db.Query(query);
  if (!cursor.ok()) return ReportStatus(cursor.status());
  if (!flags.no_pager) EnablePager();
  EventPrinter printer(ResolveFormat(flags.format), flags.columns);
  while (!Stdout::broken() && (*cursor)->Next()) printer.Add((*cursor)->event());
  if (Stdout::broken()) return kExitOk;
  if (absl::Status status = (*cursor)->status(); !status.ok()) return ReportStatus(status);
  printer.Finish();
  if (flags.stats) PrintCounters((*cursor)->counters());
  return kExitOk;
}

}  // namespace

int RunQuery(const std::string& db_path, const QueryFlags& flags) {
  absl::StatusOr<Query> query = BuildQuery(flags);
  if (!query.ok()) return ReportError(query.status().message(), kExitUsage);
  std::unique_ptr<Database> db;
  if (int rc = OpenForRead(db_path, &db); rc != kExitOk) return rc;
  return flags.count ? RunCount(*db, *query, flags.stats) : RunList(*db, *query, flags);
}

}  // namespace annals::cli
