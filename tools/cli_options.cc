// Copyright: the Annals authors.
//
// The option helpers of cli_options.h.
#include "cli_options.h"

#include <string>

#include "absl/strings/numbers.h"
#include "annals/time.h"
#include "system_time_text.h"

namespace annals::cli {

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

const CLI::Validator& SystemTimeValidator() {
  static const CLI::Validator* validator = new CLI::Validator(
      [](std::string& text) {
        absl::StatusOr<int64_t> end = SystemTimeEnd(text);
        return end.ok() ? std::string() : std::string(end.status().message());
      },
      "");
  return *validator;
}

CLI::Option* AddSystemTimeOption(CLI::App* sub, const std::string& name, std::string* value,
                                 const std::string& what) {
  return sub->add_option(name, *value, what)->type_name("TIME")->check(SystemTimeValidator());
}

void AddAsOfOption(CLI::App* sub, std::string* value) {
  AddSystemTimeOption(sub, "--as-of", value,
                      "the database as it stood at the end of this time's period (system time, "
                      "UTC), e.g. 2026-11-29");
}

CLI::Option* AddCountOption(CLI::App* sub, std::string* value, const std::string& what) {
  return sub->add_option("--limit", *value, what)->type_name("N")->check(CountValidator());
}

}  // namespace annals::cli
