// Copyright: the Annals authors.
//
// `annals`: the command line over the public API. This file only wires
// arguments (CLI11) to the command functions of commands.h; it is the one file
// that includes CLI11.
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "CLI/CLI.hpp"
#include "alias_commands.h"
#include "annals/time.h"
#include "cli_common.h"
#include "cli_help.h"
#include "cli_options.h"
#include "commands.h"
#include "event_output.h"

#ifndef ANNALS_VERSION
#define ANNALS_VERSION "unknown"
#endif

namespace annals::cli {
namespace {

constexpr Help kIngestHelp = {
    "Store event records from NDJSON, CSV, GDELT, ICEWS or ACLED files or stdin",
    "Reads NDJSON (.jsonl, .ndjson, .json) or CSV (.csv); --format gdelt, icews or acled reads\n"
    "those datasets' own files (never guessed from the name). .gz, .zst, .bz2 and .xz inputs are\n"
    "decompressed; a .zip must hold one file.\n"
    "An event whose id exists is replaced; an identical one is left alone. The first invalid\n"
    "record stops the command (exit 1) after every record before it is stored; its file and\n"
    "line are named. A summary goes to stderr.\n"
    "--bulk loads everything as one commit, written once as sorted tables: much less work for\n"
    "a large load into a new database. Nothing is visible until the end; an interrupted load\n"
    "stores nothing; the first invalid record still stores every record before it.",
    "  annals ingest events.jsonl\n"
    "  annals ingest --format csv < events.csv\n"
    "  annals ingest --skip-invalid big.jsonl.zst more.ndjson.gz\n"
    "  annals ingest --format gdelt 20180326044500.export.CSV.zip\n"
    "  annals --db gdelt.db ingest --bulk --format gdelt *.export.CSV.zip\n"};

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
  sub->add_flag("--bulk", flags->bulk,
                "one commit at the end, written as sorted tables: for large loads");
  return {sub, [&db, flags] { return RunIngest(db, *flags); }};
}

constexpr Help kGetHelp = {
    "Print events by id, as NDJSON",
    "A missing id is reported on stderr (exit 1) after the events that exist are printed.\n"
    "--as-of prints the version each id had then (see `annals history`).",
    "  annals get us-election-2024 rutte-berlin-unity\n"
    "  annals get acled-1234 --as-of 2026-06-30\n"};

Command AddGet(CLI::App& app, const std::string& db) {
  auto ids = std::make_shared<std::vector<std::string>>();
  auto as_of = std::make_shared<std::string>();
  CLI::App* sub = AddCommand(app, "get", kGetHelp);
  sub->add_option("ID", *ids, "event ids")->type_name("ID")->required();
  AddAsOfOption(sub, as_of.get());
  return {sub, [&db, ids, as_of] { return RunGet(db, *ids, *as_of); }};
}

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
    "Removes the events from every current query in one atomic write; their versions stay in\n"
    "the history (`annals history`, --as-of) until pruned. A missing id is reported on stderr\n"
    "(exit 1); the others are still removed.",
    "  annals delete us-election-2024\n"};

Command AddDelete(CLI::App& app, const std::string& db) {
  auto ids = std::make_shared<std::vector<std::string>>();
  CLI::App* sub = AddCommand(app, "delete", kDeleteHelp);
  sub->add_option("ID", *ids, "event ids")->type_name("ID")->required();
  return {sub, [&db, ids] { return RunDelete(db, *ids); }};
}

constexpr Help kHistoryHelp = {
    "Every version of an event in system time, oldest first",
    "Prints one JSON line per version kept: "
    "{\"system_from\":...,\"system_to\":...,\"event\":{...}}\n"
    "(system_to null for the current version; after a delete the last version has one). An id\n"
    "never stored, or whose versions were all pruned, is an error (exit 1).",
    "  annals history acled-1234\n"};

Command AddHistory(CLI::App& app, const std::string& db) {
  auto id = std::make_shared<std::string>();
  CLI::App* sub = AddCommand(app, "history", kHistoryHelp);
  sub->add_option("ID", *id, "an event id")->type_name("ID")->required();
  return {sub, [&db, id] { return RunHistory(db, *id); }};
}

constexpr Help kChangesHelp = {
    "What was put, replaced or deleted since a system time: the catch-up feed",
    "Prints, in commit order, one JSON line per change committed after the end of --since's\n"
    "period and up to the end of --until's: "
    "{\"system_time\":...,\"op\":\"put\"|\"replace\"|\"delete\",\n"
    "\"id\":...,\"event\":{...}} (no event for a delete). Passing the last system_time seen as\n"
    "--since gets each later change once. Before the pruning point: an error (exit 1).",
    "  annals changes --since 2026-11-29\n"
    "  annals changes --since 2026-11-29T14:05:09.123456Z --until 2026-11-30\n"};

Command AddChanges(CLI::App& app, const std::string& db) {
  auto since = std::make_shared<std::string>();
  auto until = std::make_shared<std::string>();
  CLI::App* sub = AddCommand(app, "changes", kChangesHelp);
  AddSystemTimeOption(sub, "--since", since.get(), "after the end of this time's period")
      ->required();
  AddSystemTimeOption(sub, "--until", until.get(),
                      "up to the end of this time's period (default: now)");
  return {sub, [&db, since, until] { return RunChanges(db, *since, *until); }};
}

constexpr Help kPruneHelp = {
    "Remove versions closed before a system time",
    "Deletes the replaced and deleted versions whose system_to is before the end of --before's\n"
    "period and gives their space back; current versions are never removed. Afterwards --as-of\n"
    "and `changes --since` before that point are refused (exit 1).",
    "  annals prune --before 2025-12-31\n"};

Command AddPrune(CLI::App& app, const std::string& db) {
  auto before = std::make_shared<std::string>();
  CLI::App* sub = AddCommand(app, "prune", kPruneHelp);
  AddSystemTimeOption(sub, "--before", before.get(),
                      "versions closed before the end of this "
                      "time's period")
      ->required();
  return {sub, [&db, before] { return RunPrune(db, *before); }};
}

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
  AddAsOfOption(sub, &flags->as_of);
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
    "interval; `..` when open), the size on disk, the format version and the system times of\n"
    "the first and last commit. --as-of: the events, actors, types and span of that time.",
    "  annals stats\n"
    "  annals stats --format json --as-of 2026-11-29\n"};

Command AddStats(CLI::App& app, const std::string& db) {
  auto format = std::make_shared<std::string>("text");
  auto as_of = std::make_shared<std::string>();
  CLI::App* sub = AddCommand(app, "stats", kStatsHelp);
  sub->add_option("--format", *format, "text or json (default: text)")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"text", "json"}));
  AddAsOfOption(sub, as_of.get());
  return {sub, [&db, format, as_of] { return RunStats(db, *format == "json", *as_of); }};
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
    "In the order stored. Ingesting the output into an empty database and exporting that\n"
    "gives the same bytes. --as-of exports the database as it stood then.",
    "  annals export > backup.jsonl\n"
    "  annals export | zstd > backup.jsonl.zst\n"};

Command AddExport(CLI::App& app, const std::string& db) {
  auto format = std::make_shared<std::string>("jsonl");
  auto as_of = std::make_shared<std::string>();
  CLI::App* sub = AddCommand(app, "export", kExportHelp);
  sub->add_option("--format", *format, "jsonl (the only format)")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"jsonl"}));
  AddAsOfOption(sub, as_of.get());
  return {sub, [&db, as_of] { return RunExport(db, *as_of); }};
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

Command AddCountCommand(CLI::App& app, const std::string& db) { return AddCount(app, db, false); }
Command AddRelated(CLI::App& app, const std::string& db) { return AddCount(app, db, true); }
Command AddHelpCommand(CLI::App& app, const std::string& /*db*/) { return AddHelp(app); }
Command AddAlias(CLI::App& app, const std::string& db) {
  auto action = std::make_shared<std::function<int()>>();
  CLI::App* sub = AddAliasCommand(app, db, action.get());
  return {sub, [action] { return (*action)(); }};
}

// The commands, in the order `annals --help` lists them.
struct CommandEntry {
  const char* name;
  Command (*add)(CLI::App& app, const std::string& db);
};
constexpr CommandEntry kCommands[] = {
    {"ingest", AddIngest},      {"query", AddQuery},     {"timeline", AddTimeline},
    {"count", AddCountCommand}, {"related", AddRelated}, {"get", AddGet},
    {"show", AddShow},          {"delete", AddDelete},   {"history", AddHistory},
    {"changes", AddChanges},    {"prune", AddPrune},     {"actors", AddActors},
    {"types", AddTypes},        {"stats", AddStats},     {"check", AddCheck},
    {"export", AddExport},      {"backup", AddBackup},   {"help", AddHelpCommand},
    {"alias", AddAlias},
};

// Which commands a run needs in its option tree. Building all of them (a few hundred options)
// cost more CPU than a small query's own work, and only the command run is parsed: so a command
// named first, after the global flags only, gets its own tree. Help (`--help`, `help`), a name
// that is no command (whose error suggests one) and anything unusual get the whole tree, so their
// output is as before; a run that names no command (`--version`, or a bare `annals`, whose error
// lists the commands by name) gets none.
std::vector<const CommandEntry*> CommandsNeeded(const CLI::App& root,
                                                const std::vector<std::string>& args) {
  std::vector<const CommandEntry*> all;
  for (const CommandEntry& entry : kCommands) all.push_back(&entry);
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.size() > 1 && arg[0] == '-') {
      const CLI::Option* opt = root.get_option_no_throw(arg.substr(0, arg.find('=')));
      if (opt == nullptr || arg == "--help" || arg == "-h") return all;
      if (opt->get_items_expected_min() > 0 && arg.find('=') == std::string::npos) ++i;
      continue;
    }
    if (arg == "help") return all;  // `help COMMAND` prints another command's help
    for (const CommandEntry* entry : all) {
      if (arg == entry->name) return {entry};
    }
    return all;
  }
  return {};
}

int Main(int argc, char** argv) {
  CLI::App app(
      "Annals: a database of events on a timeline, indexed by actor, type and "
      "time.",
      "annals");
  std::string db = "./annals.db";
  ConfigureRoot(app, db);
  const std::vector<std::string> args(argv + 1, argv + argc);
  std::vector<Command> commands;
  for (const CommandEntry* entry : CommandsNeeded(app, args)) {
    commands.push_back(entry->add(app, db));
  }
  if (int rc = CheckArguments(app, args); rc != kExitOk) {
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
                                             "related, timeline, get, show, delete, history, "
                                             "changes, prune, actors, types, alias, stats, "
                                             "check, export, backup or help"));
  return kExitUsage;
}

}  // namespace
}  // namespace annals::cli

int main(int argc, char** argv) {
  ::signal(SIGPIPE, SIG_IGN);
  const int rc = annals::cli::Main(argc, argv);
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return rc;  // the sanitizers report leaks and set the exit code in exit handlers
#else
  // Every command has closed its database, flushed its output and waited for its pager by now;
  // what exit() would still do is run the static destructors (RocksDB's option tables, the
  // option parser's validators), which only free memory the process hands back anyway.
  std::fflush(nullptr);
  std::_Exit(rc);
#endif
}
