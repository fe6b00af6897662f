// Copyright: the Annals authors.
#include "cli_help.h"

#include <algorithm>
#include <iostream>

#include "CLI/CLI.hpp"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "cli_common.h"
#include "suggest.h"

namespace annals::cli {
namespace {

std::vector<const CLI::App*> Commands(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App*) { return true; });
}

std::vector<std::string> CommandNames(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : Commands(app)) names.push_back(sub->get_name());
  return names;
}

// Every `--name` and `-x` of `app`'s options (hidden ones included).
std::vector<std::string> FlagNames(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* opt : app.get_options()) {
    for (const std::string& l : opt->get_lnames()) names.push_back("--" + l);
    for (const std::string& s : opt->get_snames()) names.push_back("-" + s);
  }
  return names;
}

const CLI::App* FindCommand(const CLI::App& app, const std::string& name) {
  for (const CLI::App* sub : Commands(app)) {
    if (sub->get_name() == name) return sub;
  }
  return nullptr;
}

const CLI::Option* FindFlag(const CLI::App& app, const std::string& name) {
  for (const CLI::Option* opt : app.get_options()) {
    for (const std::string& l : opt->get_lnames()) {
      if (name == "--" + l) return opt;
    }
    for (const std::string& s : opt->get_snames()) {
      if (name == "-" + s) return opt;
    }
  }
  return nullptr;
}

std::string DidYouMean(const std::string& typed, const std::vector<std::string>& known) {
  const std::string match = ClosestMatch(typed, known);
  return match.empty() ? "" : absl::StrCat(" (did you mean ", match, "?)");
}

std::string UnknownCommandMessage(const CLI::App& app, const std::string& name) {
  const std::string match = ClosestMatch(name, CommandNames(app));
  std::string message = absl::StrCat("'", name, "' is not an annals command");
  if (!match.empty()) absl::StrAppend(&message, " (did you mean '", match, "'?)");
  return message;
}

int UnknownCommand(const CLI::App& app, const std::string& name) {
  ReportError(UnknownCommandMessage(app, name), kExitUsage);
  std::cerr << "Run 'annals help' for the list of commands.\n";
  return kExitUsage;
}

// Roff text: backslashes and hyphens escaped, no line starting with a control character.
std::string Roff(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out.push_back(c);
    }
  }
  std::string safe;
  for (absl::string_view line : absl::StrSplit(out, '\n')) {
    if (!line.empty() && (line[0] == '.' || line[0] == '\'')) safe += "\\&";
    absl::StrAppend(&safe, line, "\n");
  }
  if (!safe.empty()) safe.pop_back();
  return safe;
}

std::string OptionsRoff(const CLI::App& app) {
  std::string out;
  for (const CLI::Option* opt : app.get_options()) {
    if (opt->get_group().empty() || opt->get_lnames().empty()) continue;  // hidden, positional
    std::string name = opt->get_name(false, true);
    if (opt->get_items_expected_min() > 0 && !opt->get_type_name().empty()) {
      absl::StrAppend(&name, " ", opt->get_type_name());
    }
    absl::StrAppend(&out, ".TP\n.B ", Roff(name), "\n", Roff(opt->get_description()), "\n");
  }
  return out;
}

std::string FormatValues(const std::string& command) {
  if (command == "ingest") return "jsonl csv gdelt icews acled";
  if (command == "stats") return "text json";
  if (command == "export") return "jsonl";
  return "table jsonl csv";
}

}  // namespace

int CheckArguments(const CLI::App& app, const std::vector<std::string>& args) {
  const CLI::App* command = nullptr;  // the deepest (sub)command named so far
  std::string path;                   // its names, e.g. "alias add"
  std::vector<std::string> problems;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") break;
    if (arg.size() > 1 && arg[0] == '-') {
      const std::string name = arg.substr(0, arg.find('='));
      const CLI::Option* opt = command != nullptr ? FindFlag(*command, name) : nullptr;
      if (opt == nullptr) opt = FindFlag(app, name);  // global flags go anywhere
      if (opt == nullptr) {
        std::vector<std::string> known = FlagNames(app);
        if (command != nullptr) known = FlagNames(*command);
        const std::string where = command ? " for 'annals " + path + "'" : "";
        problems.push_back(absl::StrCat("unknown flag ", name, where, DidYouMean(name, known)));
      } else if (opt->get_items_expected_min() > 0 && name.size() == arg.size()) {
        ++i;  // its value
      }
    } else if (command == nullptr) {
      command = FindCommand(app, arg);
      if (command == nullptr) {
        if (problems.empty()) return UnknownCommand(app, arg);
        problems.push_back(UnknownCommandMessage(app, arg));
        break;
      }
      path = arg;
    } else if (const CLI::App* sub = FindCommand(*command, arg); sub != nullptr) {
      command = sub;  // a subcommand of a command (`alias add`)
      absl::StrAppend(&path, " ", arg);
    }
  }
  if (problems.empty()) return kExitOk;
  for (const std::string& problem : problems) ReportError(problem, kExitUsage);
  std::cerr << "Run 'annals " << (command ? path + " " : "") << "--help' for usage.\n";
  return kExitUsage;
}

int RunHelp(const CLI::App& app, const std::string& command) {
  if (command.empty()) {
    // Not app.help(): CLI11 hands that to the chosen subcommand, `help` itself.
    Stdout::Lines(app.get_formatter()->make_help(&app, "annals", CLI::AppFormatMode::Normal));
    return kExitOk;
  }
  const CLI::App* sub = FindCommand(app, command);
  if (sub == nullptr) return UnknownCommand(app, command);
  Stdout::Lines(sub->help("annals"));
  return kExitOk;
}

std::string ManPage(const CLI::App& app, const std::string& version) {
  std::string out = absl::StrCat(".TH ANNALS 1 \"\" \"annals ", version, "\" \"User Commands\"\n",
                                 ".SH NAME\nannals \\- ", Roff(app.get_description()), "\n",
                                 ".SH SYNOPSIS\n.B annals\n[\\fB\\-\\-db\\fR \\fIPATH\\fR] "
                                 "\\fICOMMAND\\fR [\\fIOPTIONS\\fR]\n",
                                 ".SH DESCRIPTION\n.nf\n", Roff(app.get_footer()), "\n.fi\n",
                                 ".SH GLOBAL OPTIONS\n", OptionsRoff(app), ".SH COMMANDS\n");
  for (const CLI::App* sub : Commands(app)) {
    absl::StrAppend(&out, ".SS \"annals ", sub->get_name(), "\"\n", Roff(sub->get_description()),
                    "\n", OptionsRoff(*sub), ".PP\n.nf\n", Roff(sub->get_footer()), "\n.fi\n");
  }
  absl::StrAppend(&out,
                  ".SH ENVIRONMENT\n.TP\n.B ANNALS_DB\nthe database directory when "
                  "\\-\\-db is not given\n.TP\n.B PAGER\nthe pager for long output on a "
                  "terminal (default: less \\-FRX)\n.TP\n.B COLUMNS\nthe width tables fit\n");
  return out;
}

std::string BashCompletion(const CLI::App& app) {
  std::string cases;
  for (const CLI::App* sub : Commands(app)) {
    absl::StrAppend(&cases, "    ", sub->get_name(), ") flags=\"",
                    absl::StrJoin(FlagNames(*sub), " "), "\"; formats=\"",
                    FormatValues(sub->get_name()), "\";;\n");
  }
  return absl::StrCat(
      "# bash completion for annals (generated by `annals help --completion`)\n"
      "_annals() {\n"
      "  local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n"
      "  local command=\"\" i\n"
      "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
      "    case \"${COMP_WORDS[i]}\" in\n"
      "      --db) ((i++)) ;;\n"
      "      -*) ;;\n"
      "      *) command=\"${COMP_WORDS[i]}\"; break ;;\n"
      "    esac\n"
      "  done\n"
      "  local flags=\"",
      absl::StrJoin(FlagNames(app), " "),
      "\" formats=\"\"\n"
      "  case \"$command\" in\n",
      cases, "    \"\") COMPREPLY=($(compgen -W \"", absl::StrJoin(CommandNames(app), " "),
      " $flags\" -- \"$cur\")); return ;;\n"
      "  esac\n"
      "  case \"$prev\" in\n"
      "    --db) COMPREPLY=($(compgen -d -- \"$cur\")); return ;;\n"
      "    --format) COMPREPLY=($(compgen -W \"$formats\" -- \"$cur\")); return ;;\n"
      "    --columns) COMPREPLY=($(compgen -W \"id time type title actors location source "
      "recorded\" -- \"$cur\")); return ;;\n"
      "    help) COMPREPLY=($(compgen -W \"",
      absl::StrJoin(CommandNames(app), " "),
      "\" -- \"$cur\")); return ;;\n"
      "  esac\n"
      "  if [[ \"$cur\" == -* ]]; then\n"
      "    COMPREPLY=($(compgen -W \"$flags --db --no-pager\" -- \"$cur\"))\n"
      "  else\n"
      "    COMPREPLY=($(compgen -f -- \"$cur\"))\n"
      "  fi\n"
      "}\n"
      "complete -o filenames -F _annals annals\n");
}

}  // namespace annals::cli
