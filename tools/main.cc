// Copyright: the Annals authors.
//
// `annals`: the command line over the public API. This file only wires
// arguments (CLI11) to the command functions of commands.h; it is the one file
// that includes CLI11.
#include <signal.h>

#include <cstdlib>
#include <functional>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/strings/numbers.h"
#include "alias_commands.h"
#include "annals/time.h"
#include "cli_common.h"
#include "cli_help.h"
#include "commands.h"
#include "event_output.h"

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
      "");
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
      "");
  return *validator;
}

bool& NoPagerFlag() {
  static bool no_pager = false;
  return no_pager;
}

bool NoPager() { return NoPagerFlag(); }

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

// The text of a subcommand's help: `summary` is listed by `annals --help`; `details` and
// `examples` follow the options in `annals NAME --help`.
struct Help {
  const char* summary;
  const char* details;
  const char* examples;
};

CLI::App* AddCommand(CLI::App& app, const std::string& name, const Help& help) {
  CLI::App* sub = app.add_subcommand(name, help.summary);
  sub->fallthrough();  // accepts --db after the command name too
  std::string footer = help.details;
  if (!footer.empty()) footer += "\n\n";
  footer += "Global option: --db PATH (default: $ANNALS_DB, else ./annals.db).\n\nExamples:\n";
  footer += help.examples;
  sub->footer(footer);
  return sub;
}

void AddFormatOption(CLI::App* sub, std::string* format) {
  sub->add_option("--format", *format,
                  "table, jsonl or csv (default: table on a terminal, else jsonl)")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"table", "jsonl", "csv"}));
}

CLI::Option* AddCountOption(CLI::App* sub, std::string* value, const std::string& what) {
  return sub->add_option("--limit", *value, what)->type_name("N")->check(CountValidator());
}

constexpr Help kIngestHelp = {
    "Store event records from NDJSON, CSV, GDELT, ICEWS or ACLED files or stdin",
    "Reads NDJSON (.jsonl, .ndjson, .json) or CSV (.csv); --format gdelt, icews or acled reads\n"
    "those datasets' own files (never guessed from the name). .gz, .zst, .bz2 and .xz inputs are\n"
    "decompressed; a .zip must hold one file.\n"
    "An event whose id exists is replaced; an identical one is left alone. The first invalid\n"
    "record stops the command (exit 1) after every record before it is stored; its file and\n"
    "line are named. A summary goes to stderr.",
    "  annals ingest events.jsonl\n"
    "  annals ingest --format csv < events.csv\n"
    "  annals ingest --skip-invalid big.jsonl.zst more.ndjson.gz\n"
    "  annals ingest --format gdelt 20180326044500.export.CSV.zip\n"};

Command AddIngest(CLI::App& app, const std::string& db) {
  auto flags = std::make_shared<IngestFlags>();
  CLI::App* sub = AddCommand(app, "ingest", kIngestHelp);
  sub->add_option("FILE", flags->files, "inputs; '-' or none: stdin")->type_name("FILE");
  sub->add_option("--format", flags->format,
                  "jsonl, csv, gdelt, icews or acled: overrides the file name's extension")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"json", "jsonl", "ndjson", "csv", "gdelt", "icews", "acled"}));
  sub->add_flag("--skip-invalid", flags->skip_invalid,
                "report each invalid record and go on (exit 1 at the end if any)");
  sub->add_flag("--sync", flags->sync, "fsync the database before exiting");
  return {sub, [&db, flags] { return RunIngest(db, *flags); }};
}

constexpr Help kQueryHelp = {
    "Events by actors, types and time",
    "An event matches if it involves every --actor, at least one --any-actor (if any), has one\n"
    "of the --type values (if any) and its time overlaps [--from, --to). --from X starts at the\n"
    "start of X's period and --to X ends at the end of X's period: --from 2024-10 --to 2024-11\n"
    "is October and November. Actor names ignore case; types match exactly. Results are ordered\n"
    "by start time. An actor is NAME or NAME=ROLE (split at the last `=`; `\\=` and `\\\\` "
    "escape;\n"
    "NAME= means without a role). A malformed --from, --to or --limit value is a usage error\n"
    "(exit 2).\n"
    "--text keeps the events whose title holds every one of its words, ignoring case; it filters\n"
    "the events the other flags find (no text index), so narrow those where you can.\n"
    "The table shows id, time, type, actors and title; --columns chooses among id, time, type,\n"
    "title, actors, location, source and recorded. More than a screenful on a terminal goes\n"
    "through $PAGER (default: less -FRX; --no-pager turns it off).",
    "  annals query --actor \"Mark Rutte\" --from 2024-10 --to 2024-11\n"
    "  annals query --actor RUSSIA=source --actor UKRAINE=target --count\n"
    "  annals query --any-actor \"Kamala Harris\" --any-actor \"Donald Trump\" --type election\n"
    "  annals query --from 2022 --reverse --limit 10 --format table\n"
    "  annals query --actor NATO --count\n"
    "  annals query --text \"victory plan\" --columns id,time,title\n"};

// Query's filters, shared by every command that selects events the way `query` does. `limit`
// receives --limit's text (ParseCount turns it into flags->limit).
// The filters that select events, shared by query, timeline, count and related.
void AddFilterOptions(CLI::App* sub, QueryFlags* flags) {
  sub->add_option("--actor", flags->actors, "an actor that must be involved (repeatable)")
      ->type_name("NAME[=ROLE]");
  sub->add_option("--any-actor", flags->any_actors, "one of these must be involved (repeatable)")
      ->type_name("NAME[=ROLE]");
  sub->add_option("--type", flags->types, "one of these types (repeatable)")->type_name("TYPE");
  sub->add_option("--from", flags->from, "from the start of this time's period, e.g. 2024-10")
      ->type_name("TIME")
      ->check(TimeValidator());
  sub->add_option("--to", flags->to, "to the end of this time's period, e.g. 2024-11-05")
      ->type_name("TIME")
      ->check(TimeValidator());
  sub->add_flag("--within", flags->within,
                "only events whose whole span lies in [--from, --to), not those overlapping it");
}

// query's and timeline's: the filters, --limit, --reverse and --text (a filter on fetched events).
void AddQueryFilters(CLI::App* sub, QueryFlags* flags, std::string* limit) {
  AddFilterOptions(sub, flags);
  AddCountOption(sub, limit, "at most N events");
  sub->add_flag("--reverse", flags->reverse, "latest first");
  sub->add_option("--text", flags->text,
                  "words that must all occur in the title (any case; a filter on the results)")
      ->type_name("WORDS");
}

Command AddQuery(CLI::App& app, const std::string& db) {
  auto flags = std::make_shared<QueryFlags>();
  auto format = std::make_shared<std::string>();
  auto limit = std::make_shared<std::string>();
  CLI::App* sub = AddCommand(app, "query", kQueryHelp);
  AddQueryFilters(sub, flags.get(), limit.get());
  sub->add_flag("--count", flags->count, "print only the number of matching events");
  sub->add_flag("--stats", flags->stats, "print the index entries and records read on stderr");
  AddFormatOption(sub, format.get());
  sub->add_option("--columns", flags->columns,
                  "table columns, comma-separated (default: id,time,type,actors,title)")
      ->type_name("LIST")
      ->delimiter(',')
      ->check(CLI::IsMember(TableColumnNames()));
  return {sub, [&db, flags, format, limit] {
            flags->format = ParseFormat(*format);
            flags->limit = ParseCount(*limit);
            flags->no_pager = NoPager();
            return RunQuery(db, *flags);
          }};
}

constexpr Help kTimelineHelp = {
    "Write a self-contained HTML page that draws events on a timeline",
    "Selects events with query's filters and writes one HTML file (no network access needed or\n"
    "made) that draws them with their true extent: 2024-10 covers October, ~ and ? are dashed and\n"
    "faded, open ends run past the view's edge. Lanes (--group): by actor (default when the query\n"
    "names actors; an event appears in each of its actors' lanes), by type (default otherwise) or\n"
    "none; at most 12, the least frequent share `other`. More than 20,000 events (after --limit)\n"
    "is an error (exit 1).",
    "  annals timeline --actor NATO --from 2024-07 --to 2024-11 -o nato.html\n"
    "  annals timeline --any-actor \"Donald Trump\" --any-actor \"Kamala Harris\" -o race.html\n"
    "  annals timeline --type war --group none --title \"Wars\" > wars.html\n"};

Command AddTimeline(CLI::App& app, const std::string& db) {
  auto flags = std::make_shared<TimelineFlags>();
  auto limit = std::make_shared<std::string>();
  CLI::App* sub = AddCommand(app, "timeline", kTimelineHelp);
  AddQueryFilters(sub, &flags->query, limit.get());
  sub->add_option("--group", flags->group,
                  "lanes: actor, type or none (default: actor if actors are named, else type)")
      ->type_name("BY")
      ->check(CLI::IsMember({"actor", "type", "none"}));
  sub->add_option("--title", flags->title, "the page's title (default: made from the filters)")
      ->type_name("TEXT");
  sub->add_option("-o,--output", flags->output, "write the page to FILE (default: stdout)")
      ->type_name("FILE");
  return {sub, [&db, flags, limit] {
            flags->query.limit = ParseCount(*limit);
            return RunTimeline(db, *flags);
          }};
}

constexpr Help kCountHelp = {
    "Count events by calendar period, type, actor or role",
    "Takes the filters of `query` and one or two --by keys: a time unit (year, quarter, month,\n"
    "week (ISO), day, hour), a group (type, actor, role), or one of each. Per time bucket:\n"
    "STARTING events start in it (they sum to the total), WITHIN lie wholly in it, OVERLAPPING\n"
    "overlap it: a year-precision event starts in January, lies within no month and overlaps\n"
    "twelve. Every bucket of [--from, --to) is listed, empty ones too; a side not given comes\n"
    "from the matching events. More than 100,000 buckets is a usage error (exit 2). Groups are\n"
    "ordered by count, then value; --limit keeps the first N groups, never time buckets.",
    "  annals count --by month --actor Russia=source --actor Ukraine=target --from 2022 --to 2023\n"
    "  annals count --by type --from 2024-10 --to 2024-10\n"
    "  annals count --by week --by type --any-actor NATO --from 2024 --limit 5\n"};

constexpr Help kRelatedHelp = {
    "Who appears together with an actor, most often first",
    "Counts the events matching the filters by actor, leaving out the entries the --actor specs\n"
    "match (the actor itself). --limit keeps the first N actors.",
    "  annals related --actor \"Mark Rutte\" --from 2024\n"
    "  annals related --actor Russia=source --limit 10 --format csv\n"};

Command AddCount(CLI::App& app, const std::string& db, bool related) {
  auto flags = std::make_shared<CountFlags>();
  auto format = std::make_shared<std::string>();
  auto limit = std::make_shared<std::string>();
  CLI::App* sub =
      AddCommand(app, related ? "related" : "count", related ? kRelatedHelp : kCountHelp);
  AddFilterOptions(sub, &flags->filters);
  if (!related) {
    sub->add_option("--by", flags->by, "year|quarter|month|week|day|hour|type|actor|role (1 or 2)")
        ->type_name("KEY")
        ->required();
  }
  AddCountOption(sub, limit.get(), related ? "at most N actors" : "at most N group values");
  AddFormatOption(sub, format.get());
  flags->related = related;
  return {sub, [&db, flags, format, limit] {
            flags->format = ParseFormat(*format);
            flags->limit = ParseCount(*limit);
            return RunCount(db, *flags);
          }};
}

Command AddIdCommand(CLI::App& app, const std::string& db, const std::string& name,
                     const Help& help,
                     int (*run)(const std::string&, const std::vector<std::string>&)) {
  auto ids = std::make_shared<std::vector<std::string>>();
  CLI::App* sub = AddCommand(app, name, help);
  sub->add_option("ID", *ids, "event ids")->type_name("ID")->required();
  return {sub, [&db, ids, run] { return run(db, *ids); }};
}

constexpr Help kGetHelp = {
    "Print events by id, as NDJSON",
    "A missing id is reported on stderr (exit 1) after the events that exist are printed.",
    "  annals get us-election-2024 rutte-berlin-unity\n"};

constexpr Help kShowHelp = {
    "Show events by id, for reading",
    "Every field on a line of its own, actors with their roles, attrs as key: value, long values\n"
    "wrapped to the terminal width. A missing id is reported on stderr (exit 1).",
    "  annals query --actor NATO --columns id,title\n"
    "  annals show rutte-berlin-unity\n"};

constexpr Help kTypesHelp = {"Event types with their event counts",
                             "Every type that has events, ordered by name.",
                             "  annals types\n"
                             "  annals types --format csv\n"};

Command AddTypes(CLI::App& app, const std::string& db) {
  auto format = std::make_shared<std::string>();
  CLI::App* sub = AddCommand(app, "types", kTypesHelp);
  AddFormatOption(sub, format.get());
  return {sub, [&db, format] { return RunTypes(db, ParseFormat(*format), NoPager()); }};
}

constexpr Help kHelpHelp = {"Show the help of annals or of a command",
                            "`annals help COMMAND` is `annals COMMAND --help`.",
                            "  annals help\n"
                            "  annals help query\n"};

Command AddHelp(CLI::App& app) {
  auto command = std::make_shared<std::string>();
  auto man = std::make_shared<bool>(false);
  auto completion = std::make_shared<bool>(false);
  CLI::App* sub = AddCommand(app, "help", kHelpHelp);
  sub->add_option("COMMAND", *command, "a command")->type_name("COMMAND");
  sub->add_flag("--man", *man, "print the man page (roff)")->group("");
  sub->add_flag("--completion", *completion, "print the bash completion script")->group("");
  return {sub, [&app, command, man, completion] {
            if (*man) return Stdout::Lines(ManPage(app, ANNALS_VERSION)), kExitOk;
            if (*completion) return Stdout::Lines(BashCompletion(app)), kExitOk;
            return RunHelp(app, *command);
          }};
}

constexpr Help kDeleteHelp = {
    "Remove events by id",
    "Removes the events and all their index entries in one atomic write. A missing id is\n"
    "reported on stderr (exit 1); the others are still removed.",
    "  annals delete us-election-2024\n"};

Command AddShow(CLI::App& app, const std::string& db) {
  auto ids = std::make_shared<std::vector<std::string>>();
  CLI::App* sub = AddCommand(app, "show", kShowHelp);
  sub->add_option("ID", *ids, "event ids")->type_name("ID")->required();
  return {sub, [&db, ids] { return RunShow(db, *ids, NoPager()); }};
}

constexpr Help kActorsHelp = {
    "Actors with their event counts and first and last times",
    "Ordered by name (ignoring case). --prefix matches the start of the name, ignoring case.\n"
    "With NAME: the aliases of that canonical actor with their periods (as alias list).",
    "  annals actors\n"
    "  annals actors \"Joe Biden\"\n"
    "  annals actors --prefix mark --limit 5 --format csv\n"};

Command AddActors(CLI::App& app, const std::string& db) {
  auto flags = std::make_shared<ActorsFlags>();
  auto format = std::make_shared<std::string>();
  auto limit = std::make_shared<std::string>();
  auto name = std::make_shared<std::string>();
  CLI::App* sub = AddCommand(app, "actors", kActorsHelp);
  sub->add_option("NAME", *name, "print this canonical actor's aliases and their periods instead")
      ->type_name("NAME");
  sub->add_option("--prefix", flags->prefix, "names starting with this")->type_name("TEXT");
  AddCountOption(sub, limit.get(), "at most N actors");
  AddFormatOption(sub, format.get());
  return {sub, [&db, flags, format, limit, name] {
            flags->format = ParseFormat(*format);
            flags->limit = ParseCount(*limit);
            flags->no_pager = NoPager();
            if (!name->empty()) return RunActorAliases(db, *name, flags->format);
            return RunActors(db, *flags);
          }};
}

constexpr Help kStatsHelp = {
    "Sizes, time span and format of the database",
    "Events, actors, types, the time span (from the earliest start to the latest end, as an EDTF\n"
    "interval; `..` when open), the size on disk and the format version.",
    "  annals stats\n"
    "  annals stats --format json\n"};

Command AddStats(CLI::App& app, const std::string& db) {
  auto format = std::make_shared<std::string>("text");
  CLI::App* sub = AddCommand(app, "stats", kStatsHelp);
  sub->add_option("--format", *format, "text or json (default: text)")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"text", "json"}));
  return {sub, [&db, format] { return RunStats(db, *format == "json"); }};
}

constexpr Help kCheckHelp = {
    "Verify records and indexes",
    "Checks that every index entry points at a record that agrees with it and that every record\n"
    "is fully indexed, and prints what it checked. Damage is printed on stderr (exit 3).",
    "  annals check\n"};

Command AddCheck(CLI::App& app, const std::string& db) {
  CLI::App* sub = AddCommand(app, "check", kCheckHelp);
  return {sub, [&db] { return RunCheck(db); }};
}

constexpr Help kExportHelp = {
    "Print every event as NDJSON",
    "In the order first stored. Ingesting the output into an empty database and exporting that\n"
    "gives the same bytes.",
    "  annals export > backup.jsonl\n"
    "  annals export | zstd > backup.jsonl.zst\n"};

Command AddExport(CLI::App& app, const std::string& db) {
  auto format = std::make_shared<std::string>("jsonl");
  CLI::App* sub = AddCommand(app, "export", kExportHelp);
  sub->add_option("--format", *format, "jsonl (the only format)")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"jsonl"}));
  return {sub, [&db] { return RunExport(db); }};
}

constexpr Help kBackupHelp = {
    "Copy the database, consistently, into a new directory",
    "Makes a consistent copy (hard links where possible, so it is fast) that opens as a database\n"
    "of its own. Readers may run meanwhile; a running ingest holds the writer lock, so backup\n"
    "waits for nothing and fails at once with an error naming the database. DEST must not exist.",
    "  annals backup /backups/timeline-2024-11-05.db\n"
    "  annals --db /backups/timeline-2024-11-05.db check\n"};

Command AddBackup(CLI::App& app, const std::string& db) {
  auto dest = std::make_shared<std::string>();
  CLI::App* sub = AddCommand(app, "backup", kBackupHelp);
  sub->add_option("DEST", *dest, "directory to create")->type_name("DEST")->required();
  return {sub, [&db, dest] { return RunBackup(db, *dest); }};
}

std::string UsageFailure(const CLI::App* app, const CLI::Error& e) {
  std::string command = "annals";
  // The deepest subcommand given (`annals alias add`).
  for (auto subs = app->get_subcommands(); !subs.empty(); subs = subs[0]->get_subcommands()) {
    command += " " + subs[0]->get_name();
  }
  return "annals: error: " + std::string(e.what()) + "\nRun '" + command + " --help' for usage.\n";
}

void ConfigureRoot(CLI::App& app, std::string& db) {
  app.add_option("--db", db, "database directory (default: $ANNALS_DB, else ./annals.db)")
      ->type_name("PATH")
      ->envname("ANNALS_DB");
  app.add_flag("--no-pager", NoPagerFlag(), "never page long output on a terminal");
  app.set_version_flag("--version", "annals " ANNALS_VERSION);
  app.require_subcommand(0, 1);
  app.failure_message(UsageFailure);
  app.footer(
      "Run 'annals help COMMAND' (or 'annals COMMAND --help') for a command's flags and examples.\n"
      "Exit codes: 0 ok, 1 bad input or missing data, 2 usage error, 3 damaged database.\n\n"
      "Examples:\n"
      "  annals ingest events.jsonl\n"
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
  std::function<int()> alias_action;
  std::vector<Command> commands = {
      AddIngest(app, db),
      AddQuery(app, db),
      AddTimeline(app, db),
      AddCount(app, db, false),
      AddCount(app, db, true),
      AddIdCommand(app, db, "get", kGetHelp, RunGet),
      AddShow(app, db),
      AddIdCommand(app, db, "delete", kDeleteHelp, RunDelete),
      AddActors(app, db),
      AddTypes(app, db),
      AddStats(app, db),
      AddCheck(app, db),
      AddExport(app, db),
      AddBackup(app, db),
      AddHelp(app),
  };
  commands.push_back({AddAliasCommand(app, db, &alias_action), [&] { return alias_action(); }});
  if (int rc = CheckArguments(app, std::vector<std::string>(argv + 1, argv + argc));
      rc != kExitOk) {
    return rc;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e, std::cout, std::cerr);
    return code == 0 ? kExitOk : kExitUsage;
  }
  for (const Command& command : commands) {
    if (!command.app->parsed()) continue;
    const char* env = std::getenv("ANNALS_DB");
    const bool empty_env = env != nullptr && *env == '\0' && app.get_option("--db")->count() == 0;
    if ((db.empty() || empty_env) && command.app->get_name() != "help") {
      return ReportError(
          "the database path is empty (--db \"\" or ANNALS_DB=\"\"): give a directory", kExitUsage);
    }
    return Finish(command.action());
  }
  std::cerr << UsageFailure(&app, CLI::Error("NoCommand",
                                             "a command is required: ingest, query, count, "
                                             "related, timeline, get, show, delete, actors, "
                                             "types, alias, stats, check, export, backup or "
                                             "help"));
  return kExitUsage;
}

}  // namespace
}  // namespace annals::cli

int main(int argc, char** argv) {
  ::signal(SIGPIPE, SIG_IGN);
  return annals::cli::Main(argc, argv);
}
