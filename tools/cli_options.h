// Copyright: the Annals authors.
//
// What the command files that wire CLI11 share: the subcommand record, the help text layout, and
// the validators and option helpers every command uses. Only the CLI's option files include it
// (CLI11 costs seconds of compile time per file).
#ifndef ANNALS_TOOLS_CLI_OPTIONS_H_
#define ANNALS_TOOLS_CLI_OPTIONS_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "CLI/CLI.hpp"
#include "cli_common.h"
#include "commands.h"

namespace annals::cli {

using Action = std::function<int()>;

// A subcommand and what to run when it was chosen.
struct Command {
  CLI::App* app;
  Action action;
};

// The text of a subcommand's help: `summary` is listed by `annals --help`; `details` and
// `examples` follow the options in `annals NAME --help`.
struct Help {
  const char* summary;
  const char* details;
  const char* examples;
};

// Checks a --from/--to text with ParseTime; the message is ParseTime's.
const CLI::Validator& TimeValidator();
// Checks a non-negative integer (--limit).
const CLI::Validator& CountValidator();
// The global --no-pager flag, set while parsing; NoPager() reads it.
bool& NoPagerFlag();
bool NoPager();
// --limit's text as a number; nullopt when not given.
std::optional<uint64_t> ParseCount(const std::string& text);
OutputFormat ParseFormat(const std::string& text);

// Adds subcommand `name` with its help (footer: details, the global --db, examples).
CLI::App* AddCommand(CLI::App& app, const std::string& name, const Help& help);
void AddFormatOption(CLI::App* sub, std::string* format);
// Accepts a time whose period has an end (system_time_text.h).
const CLI::Validator& SystemTimeValidator();
// An option taking a system time (--as-of, --since, --until, --before).
CLI::Option* AddSystemTimeOption(CLI::App* sub, const std::string& name, std::string* value,
                                 const std::string& what);
// --as-of TIME (HISTORY.md): the commands that read events.
void AddAsOfOption(CLI::App* sub, std::string* value);
CLI::Option* AddCountOption(CLI::App* sub, std::string* value, const std::string& what);

// The commands that select events with query's filters (query_options.cc): query, timeline,
// count and related.
Command AddQuery(CLI::App& app, const std::string& db);
Command AddTimeline(CLI::App& app, const std::string& db);
Command AddCount(CLI::App& app, const std::string& db, bool related);

}  // namespace annals::cli

#endif  // ANNALS_TOOLS_CLI_OPTIONS_H_
