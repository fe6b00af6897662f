// Copyright: the Annals authors.
//
// Help as people use it, built from the CLI11 command tree that main.cc
// configures: `annals help [COMMAND]`, "did you mean" for a mistyped command or
// flag, the man page and the bash completion script (both generated from the
// same help text at build time and installed by `cmake --install`).
#ifndef ANNALS_TOOLS_CLI_HELP_H_
#define ANNALS_TOOLS_CLI_HELP_H_

#include <string>
#include <vector>

namespace CLI {
class App;
}  // namespace CLI

namespace annals::cli {

// Checks the words of the command line (argv without the program name) before
// CLI11 parses them: an unknown command, or flags the command does not have,
// are reported on stderr in the order typed, each with the closest known name
// ("did you mean --limit?"). Returns kExitOk, or kExitUsage after reporting.
int CheckArguments(const CLI::App& app, const std::vector<std::string>& args);

// `annals help [COMMAND]`: the help of the command (or of annals) on stdout.
// An unknown command is a usage error with a suggestion.
int RunHelp(const CLI::App& app, const std::string& command);

// The man page annals(1), in roff, from every command's help text.
std::string ManPage(const CLI::App& app, const std::string& version);

// A bash completion script for commands, flags and --format values.
std::string BashCompletion(const CLI::App& app);

}  // namespace annals::cli

#endif  // ANNALS_TOOLS_CLI_HELP_H_
