// Copyright: the Annals authors.
//
// Command-line wiring (CLI11) of `annals alias` and its subcommands.
#include <memory>

#include "CLI/CLI.hpp"
#include "alias_commands.h"
#include "annals/time.h"

namespace annals::cli {
namespace {

const CLI::Validator& AliasTimeValidator() {
  static const CLI::Validator* validator = new CLI::Validator(
      [](std::string& text) {
        absl::StatusOr<EventTime> time = ParseTime(text);
        return time.ok() ? std::string() : std::string(time.status().message());
      },
      "");
  return *validator;
}

CLI::App* AddSub(CLI::App* parent, const std::string& name, const std::string& summary,
                 const std::string& examples) {
  CLI::App* sub = parent->add_subcommand(name, summary);
  sub->fallthrough();
  sub->footer("Global option: --db PATH (default: $ANNALS_DB, else ./annals.db).\n\nExamples:\n" +
              examples);
  return sub;
}

void AddNames(CLI::App* sub, AliasFlags* flags) {
  sub->add_option("CANONICAL", flags->canonical, "the canonical actor")
      ->type_name("CANONICAL")
      ->required();
  sub->add_option("ALIAS", flags->alias, "another name of it")->type_name("ALIAS")->required();
}

void AddPeriod(CLI::App* sub, AliasFlags* flags, const std::string& what) {
  sub->add_option("--from", flags->from, what + " from the start of this time's period")
      ->type_name("TIME")
      ->check(AliasTimeValidator());
  sub->add_option("--to", flags->to, what + " to the end of this time's period")
      ->type_name("TIME")
      ->check(AliasTimeValidator());
}

OutputFormat ParseAliasFormat(const std::string& text) {
  if (text == "table") return OutputFormat::kTable;
  if (text == "jsonl") return OutputFormat::kJsonl;
  if (text == "csv") return OutputFormat::kCsv;
  return OutputFormat::kDefault;
}

}  // namespace

CLI::App* AddAliasCommand(CLI::App& app, const std::string& db, std::function<int()>* action) {
  auto flags = std::make_shared<AliasFlags>();
  auto format = std::make_shared<std::string>();
  CLI::App* alias = app.add_subcommand(
      "alias", "Other names of canonical actors, optionally for a period, resolved by queries");
  alias->fallthrough();
  alias->require_subcommand(1);
  alias->footer(
      "A query for CANONICAL also finds events naming ALIAS that overlap the alias's period\n"
      "(--from: start of that time's period, --to: end of it; unbounded when left out). Names\n"
      "ignore case. Run 'annals alias COMMAND --help' for each command.");
  CLI::App* add = AddSub(alias, "add", "Add an alias (adding an existing one does nothing)",
                         "  annals alias add \"Joe Biden\" BIDEN\n"
                         "  annals alias add \"Joe Biden\" \"PRESIDENT OF THE UNITED STATES\" "
                         "--from 2021-01-20 --to 2025-01-19\n");
  AddNames(add, flags.get());
  AddPeriod(add, flags.get(), "valid");
  CLI::App* load = AddSub(alias, "load",
                          "Add the aliases of a CSV file (header canonical,alias,from,to): all "
                          "or, on an error, none",
                          "  annals alias load aliases.csv\n");
  load->add_option("FILE", flags->file, "CSV file; '-': stdin")->type_name("FILE")->required();
  CLI::App* list = AddSub(alias, "list", "Print aliases",
                          "  annals alias list --canonical \"Joe Biden\"\n"
                          "  annals alias list --format csv > aliases.csv\n");
  list->add_option("--canonical", flags->canonical, "only the aliases of this actor")
      ->type_name("NAME");
  list->add_option("--format", *format,
                   "table, jsonl or csv (default: table on a terminal, else jsonl)")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"table", "jsonl", "csv"}));
  CLI::App* remove =
      AddSub(alias, "remove", "Remove an alias: every period, or with --from/--to that one period",
             "  annals alias remove \"Joe Biden\" BIDEN\n");
  AddNames(remove, flags.get());
  AddPeriod(remove, flags.get(), "the period");
  *action = [&db, flags, format, add, load, list, remove]() {
    flags->format = ParseAliasFormat(*format);
    if (add->parsed()) return RunAliasAdd(db, *flags);
    if (load->parsed()) return RunAliasLoad(db, *flags);
    if (list->parsed()) return RunAliasList(db, *flags);
    return RunAliasRemove(db, *flags);
  };
  return alias;
}

}  // namespace annals::cli
