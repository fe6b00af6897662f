// Copyright: the Annals authors.
//
// `annals alias add|load|list|remove`: the alias table of a database (spec ALIASES.md).
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "alias_commands.h"
#include "alias_csv.h"
#include "annals/database.h"
#include "cli_common.h"
#include "event_output.h"
#include "output_table.h"
#include "text_format.h"

namespace annals::cli {
namespace {

std::string OrOpen(const std::string& side) { return side.empty() ? ".." : side; }

std::string JsonOrNull(const std::string& side) { return side.empty() ? "null" : JsonString(side); }

void PrintAliases(const std::vector<Alias>& aliases, OutputFormat format) {
  if (format == OutputFormat::kCsv) Stdout::Line(AliasCsvHeader());
  Table table({"CANONICAL", "ALIAS", "FROM", "TO"});
  for (const Alias& a : aliases) {
    if (format == OutputFormat::kTable) {
      table.AddRow({a.canonical, a.alias, OrOpen(a.from), OrOpen(a.to)});
    } else if (format == OutputFormat::kCsv) {
      Stdout::Line(AliasCsvRow(a));
    } else {
      Stdout::Line(absl::StrCat(
          "{\"canonical\":", JsonString(a.canonical), ",\"alias\":", JsonString(a.alias),
          ",\"from\":", JsonOrNull(a.from), ",\"to\":", JsonOrNull(a.to), "}"));
    }
  }
  if (!table.empty()) Stdout::Lines(table.Render(TerminalWidth()));
}

// The whole of `path` ("-": stdin) into `*text`. False after printing an error.
bool ReadAll(const std::string& path, std::string* text) {
  if (path == "-") {
    text->assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    return true;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *text = std::move(buffer).str();
  return !in.bad();
}

}  // namespace

int RunAliasAdd(const std::string& db_path, const AliasFlags& flags) {
  std::unique_ptr<Database> db;
  if (int rc = OpenForWrite(db_path, &db); rc != kExitOk) return rc;
  absl::StatusOr<uint64_t> added =
      db->AddAliases({Alias{flags.canonical, flags.alias, flags.from, flags.to}});
  if (!added.ok()) return ReportStatus(added.status());
  return kExitOk;
}

int RunAliasLoad(const std::string& db_path, const AliasFlags& flags) {
  const std::string name = flags.file == "-" ? "<stdin>" : flags.file;
  std::string text;
  if (!ReadAll(flags.file, &text)) return ReportError("cannot read " + name, kExitUser);
  absl::StatusOr<AliasFile> file = ParseAliasCsv(text);
  if (!file.ok()) return ReportError(absl::StrCat(name, ":", file.status().message()), kExitUser);
  std::unique_ptr<Database> db;
  if (int rc = OpenForWrite(db_path, &db); rc != kExitOk) return rc;
  size_t failed = 0;
  absl::StatusOr<uint64_t> added = db->AddAliases(file->aliases, &failed);
  if (!added.ok()) {
    if (!absl::IsInvalidArgument(added.status())) return ReportStatus(added.status());
    return ReportError(absl::StrCat(name, ":", file->lines[failed], ": ", added.status().message()),
                       kExitUser);
  }
  const uint64_t rows = file->aliases.size();
  std::cerr << "loaded " << WithThousands(rows) << " aliases (" << WithThousands(*added) << " new, "
            << WithThousands(rows - *added) << " already present)\n";
  return kExitOk;
}

int RunAliasList(const std::string& db_path, const AliasFlags& flags) {
  std::unique_ptr<Database> db;
  if (int rc = OpenForRead(db_path, &db); rc != kExitOk) return rc;
  absl::StatusOr<std::vector<Alias>> aliases = db->Aliases(flags.canonical);
  if (!aliases.ok()) return ReportStatus(aliases.status());
  PrintAliases(*aliases, ResolveFormat(flags.format));
  return kExitOk;
}

int RunAliasRemove(const std::string& db_path, const AliasFlags& flags) {
  std::unique_ptr<Database> db;
  if (int rc = OpenForWrite(db_path, &db, /*create=*/false); rc != kExitOk) return rc;
  absl::StatusOr<uint64_t> removed =
      db->RemoveAlias(flags.canonical, flags.alias, flags.from, flags.to);
  if (!removed.ok()) return ReportStatus(removed.status());
  return kExitOk;
}

int RunActorAliases(const std::string& db_path, const std::string& name, OutputFormat format) {
  AliasFlags flags;
  flags.canonical = name;
  flags.format = format;
  return RunAliasList(db_path, flags);
}

}  // namespace annals::cli
