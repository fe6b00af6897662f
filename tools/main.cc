// Copyright: the Annals authors.
//
// `annals`: the command line over the public API. This file only wires
// arguments (CLI11) to the command functions of commands.h; it is the one file
// that includes CLI11.
#include <signal.h>

#include <functional>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/strings/numbers.h"
#include "annals/time.h"
#include "cli_common.h"
#include "commands.h"

#ifndef ANNALS_VERSION
#define ANNALS_VERSION "unknown"
#endif

namespace annals::cli {
namespace {

using Action = std::function<int()>;

// A subcommand and what to run when it was chosen.
struct Command {
  CLI::App* app;
  Action action;
};

const CLI::Validator& TimeValidator() {
  static const CLI::Validator* validator = new CLI::Validator(
      [](std::string& text) {
        absl::StatusOr<EventTime> time = ParseTime(text);
        return time.ok() ? std::string() : std::string(time.status().message());
      },
      "TIME");
  return *validator;
}

const CLI::Validator& CountValidator() {
  static const CLI::Validator* validator = new CLI::Validator(
      [](std::string& text) {
        uint64_t n;
        bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
        return digits && absl::SimpleAtoi(text, &n)
                   ? std::string()
                   : "expected a non-negative integer, got \"" + text + "\"";
      },
      "N");
  return *validator;
}

std::optional<uint64_t> ParseCount(const std::string& text) {
  uint64_t n = 0;
  if (text.empty() || !absl::SimpleAtoi(text, &n)) return std::nullopt;
  return n;
}

OutputFormat ParseFormat(const std::string& text) {
  if (text == "table") return OutputFormat::kTable;
  if (text == "jsonl") return OutputFormat::kJsonl;
  if (text == "csv") return OutputFormat::kCsv;
  return OutputFormat::kDefault;
}

CLI::App* AddCommand(CLI::App& app, const std::string& name, const std::string& description,
                     const std::string& examples) {
  CLI::App* sub = app.add_subcommand(name, description);
  sub->fallthrough();
  sub->footer("Examples:\n" + examples);
  return sub;
}

void AddFormatOption(CLI::App* sub, std::string* format) {
  sub->add_option("--format", *format,
                  "table, jsonl or csv (default: table on a terminal, else jsonl)")
      ->check(CLI::IsMember({"table", "jsonl", "csv"}));
}

Command AddIngest(CLI::App& app, const std::string& db) {
  auto flags = std::make_shared<IngestFlags>();
  CLI::App* sub =
      AddCommand(app, "ingest",
                 "Read NDJSON or CSV event records (plain, .gz or .zst) and store them. "
                 "An event whose id "
                 "exists is replaced. The first invalid record stops the ingest after "
                 "everything before it "
                 "is stored (exit 1).",
                 "  annals ingest events.jsonl\n  annals ingest --format csv < "
                 "events.csv\n"
                 "  annals ingest --skip-invalid big.jsonl.zst more.ndjson.gz\n");
  sub->add_option("FILE", flags->files,
                  "inputs; '-' or none: stdin. Format from the extension "
                  "(.jsonl/.ndjson/.json: "
                  "NDJSON, .csv: CSV) after dropping .gz/.zst");
  sub->add_option("--format", flags->format, "json or csv: overrides the extension")
      ->check(CLI::IsMember({"json", "jsonl", "ndjson", "csv"}));
  sub->add_flag("--skip-invalid", flags->skip_invalid,
                "report each invalid record and go on (exit 1 at the end if any)");
  sub->add_flag("--sync", flags->sync, "fsync the database before exiting");
  return {sub, [&db, flags] { return RunIngest(db, *flags); }};
}

Command AddQuery(CLI::App& app, const std::string& db) {
  auto flags = std::make_shared<QueryFlags>();
  auto format = std::make_shared<std::string>();
  auto limit = std::make_shared<std::string>();
  CLI::App* sub =
      AddCommand(app, "query",
                 "Events that involve all --actor names, any --any-actor name, one of the "
                 "--type values, "
                 "and overlap [--from, --to), ordered by start time. A malformed flag "
                 "value exits with 2.",
                 "  annals query --actor \"Mark Rutte\" --from 2024-10 --to 2024-11\n"
                 "  annals query --any-actor Harris --any-actor Trump --type election "
                 "--format table\n"
                 "  annals query --from 2022 --reverse --limit 10\n  annals query --actor "
                 "NATO --count\n");
  sub->add_option("--actor", flags->actors, "an actor that must be involved (repeatable)");
  sub->add_option("--any-actor", flags->any_actors,
                  "at least one of these is involved (repeatable)");
  sub->add_option("--type", flags->types, "one of these types (repeatable, exact match)");
  sub->add_option("--from", flags->from, "from the start of this time's period (e.g. 2024-10)")
      ->check(TimeValidator());
  sub->add_option("--to", flags->to, "to the end of this time's period (2024-11 includes November)")
      ->check(TimeValidator());
  sub->add_option("--limit", *limit, "at most N events")->check(CountValidator());
  sub->add_flag("--reverse", flags->reverse, "latest first");
  sub->add_flag("--count", flags->count, "print only the number of matching events");
  sub->add_flag("--stats", flags->stats, "print the query's index and record reads on stderr");
  AddFormatOption(sub, format.get());
  return {sub, [&db, flags, format, limit] {
            flags->format = ParseFormat(*format);
            flags->limit = ParseCount(*limit);
            return RunQuery(db, *flags);
          }};
}

Command AddIdCommand(CLI::App& app, const std::string& db, const std::string& name,
                     const std::string& description,
                     int (*run)(const std::string&, const std::vector<std::string>&)) {
  auto ids = std::make_shared<std::vector<std::string>>();
  CLI::App* sub = AddCommand(app, name, description,
                             "  annals " + name + " us-election-2024 rutte-berlin-unity\n");
  sub->add_option("ID", *ids, "event ids")->required();
  return {sub, [&db, ids, run] { return run(db, *ids); }};
}

Command AddActors(CLI::App& app, const std::string& db) {
  auto flags = std::make_shared<ActorsFlags>();
  auto format = std::make_shared<std::string>();
  auto limit = std::make_shared<std::string>();
  CLI::App* sub = AddCommand(
      app, "actors", "Actors by name with their event counts and first and last event times.",
      "  annals actors\n  annals actors --prefix \"mark\" --limit 5 --format "
      "csv\n");
  sub->add_option("--prefix", flags->prefix, "names starting with this (case-insensitive)");
  sub->add_option("--limit", *limit, "at most N actors")->check(CountValidator());
  AddFormatOption(sub, format.get());
  return {sub, [&db, flags, format, limit] {
            flags->format = ParseFormat(*format);
            flags->limit = ParseCount(*limit);
            return RunActors(db, *flags);
          }};
}

Command AddStats(CLI::App& app, const std::string& db) {
  auto format = std::make_shared<std::string>("text");
  CLI::App* sub = AddCommand(app, "stats",
                             "Counts of events, actors and types, the time "
                             "span, the size on disk, the format version.",
                             "  annals stats\n  annals stats --format json\n");
  sub->add_option("--format", *format, "text or json (default: text)")
      ->check(CLI::IsMember({"text", "json"}));
  return {sub, [&db, format] { return RunStats(db, *format == "json"); }};
}

Command AddCheck(CLI::App& app, const std::string& db) {
  CLI::App* sub = AddCommand(app, "check",
                             "Verify that every index entry agrees with its "
                             "record and every record is fully indexed. "
                             "Exit 3 on damage.",
                             "  annals check\n");
  return {sub, [&db] { return RunCheck(db); }};
}

Command AddExport(CLI::App& app, const std::string& db) {
  auto format = std::make_shared<std::string>("jsonl");
  CLI::App* sub = AddCommand(app, "export",
                             "Every event as NDJSON, in the order first "
                             "stored; ingesting it into an empty database "
                             "gives the same database.",
                             "  annals export > backup.jsonl\n  annals export "
                             "| zstd > backup.jsonl.zst\n");
  sub->add_option("--format", *format, "jsonl (the only format)")->check(CLI::IsMember({"jsonl"}));
  return {sub, [&db] { return RunExport(db); }};
}

std::string UsageFailure(const CLI::App* app, const CLI::Error& e) {
  std::string command = "annals";
  for (const CLI::App* sub : app->get_subcommands()) command += " " + sub->get_name();
  return "annals: error: " + std::string(e.what()) + "\nRun '" + command + " --help' for usage.\n";
}

void ConfigureRoot(CLI::App& app, std::string& db) {
  app.add_option("--db", db, "database directory (default: $ANNALS_DB, else ./annals.db)")
      ->envname("ANNALS_DB");
  app.set_version_flag("--version", "annals " ANNALS_VERSION);
  app.require_subcommand(1);
  app.failure_message(UsageFailure);
  app.footer(
      "Exit codes: 0 ok, 1 bad input or missing data, 2 usage error, 3 damaged "
      "database.\n"
      "Examples:\n  annals ingest events.jsonl\n"
      "  annals query --actor \"Mark Rutte\" --from 2024-10 --to 2024-11\n"
      "  annals --db /tmp/timeline.db stats\n");
}

int Main(int argc, char** argv) {
  CLI::App app(
      "Annals: a database of events on a timeline, indexed by actor, type and "
      "time.",
      "annals");
  std::string db = "./annals.db";
  ConfigureRoot(app, db);
  std::vector<Command> commands = {
      AddIngest(app, db),
      AddQuery(app, db),
      AddIdCommand(app, db, "get", "Print the events with these ids as NDJSON.", RunGet),
      AddIdCommand(app, db, "delete", "Remove the events with these ids and their index entries.",
                   RunDelete),
      AddActors(app, db),
      AddStats(app, db),
      AddCheck(app, db),
      AddExport(app, db),
  };
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e, std::cout, std::cerr);
    return code == 0 ? kExitOk : kExitUsage;
  }
  for (const Command& command : commands) {
    if (command.app->parsed()) return Finish(command.action());
  }
  return kExitUsage;
}

}  // namespace
}  // namespace annals::cli

int main(int argc, char** argv) {
  ::signal(SIGPIPE, SIG_IGN);
  return annals::cli::Main(argc, argv);
}
