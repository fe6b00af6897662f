// Copyright: the Annals authors.
//
// `annals alias add|load|list|remove` (spec ALIASES.md) and the alias listing of
// `annals actors NAME`. Wired to the command line by alias_options.cc.
#ifndef ANNALS_TOOLS_ALIAS_COMMANDS_H_
#define ANNALS_TOOLS_ALIAS_COMMANDS_H_

#include <functional>
#include <string>

#include "commands.h"

namespace CLI {
class App;
}  // namespace CLI

namespace annals::cli {

struct AliasFlags {
  std::string canonical;  // add, remove; list: --canonical ("" = every canonical)
  std::string alias;      // add, remove
  std::string from;       // add, remove: "" = unbounded / not given
  std::string to;
  std::string file;  // load: a CSV file, "-" = stdin
  OutputFormat format = OutputFormat::kDefault;
};

int RunAliasAdd(const std::string& db_path, const AliasFlags& flags);
int RunAliasLoad(const std::string& db_path, const AliasFlags& flags);
int RunAliasList(const std::string& db_path, const AliasFlags& flags);
int RunAliasRemove(const std::string& db_path, const AliasFlags& flags);
// `annals actors NAME`: the aliases of canonical actor `name`, printed as by `alias list`.
int RunActorAliases(const std::string& db_path, const std::string& name, OutputFormat format);

// Adds the `alias` command and its subcommands to `app`. Sets `*action` to what runs the
// subcommand that was parsed. `db` must outlive the parse and the action.
CLI::App* AddAliasCommand(CLI::App& app, const std::string& db, std::function<int()>* action);

}  // namespace annals::cli

#endif  // ANNALS_TOOLS_ALIAS_COMMANDS_H_
