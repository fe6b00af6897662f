// Copyright: the Annals authors.
#include "internal/storage/db_directory.h"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string_view>

namespace annals::internal {
namespace {

namespace fs = std::filesystem;

bool AllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool HasPrefix(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// The names RocksDB gives the files of a database directory (file names of
// RocksDB 7.8's filename.cc).
bool IsRocksDbFileName(std::string_view name) {
  if (name == "CURRENT" || name == "IDENTITY" || name == "LOCK" || name == "LOG") return true;
  if (HasPrefix(name, "LOG.old.")) return true;
  if (HasPrefix(name, "MANIFEST-")) return AllDigits(name.substr(9));
  if (HasPrefix(name, "OPTIONS-")) {
    std::string_view rest = name.substr(8);
    if (rest.ends_with(".dbtmp")) rest.remove_suffix(6);
    return AllDigits(rest);
  }
  for (std::string_view suffix : {".sst", ".log", ".blob", ".dbtmp"}) {
    if (name.ends_with(suffix)) return AllDigits(name.substr(0, name.size() - suffix.size()));
  }
  return false;
}

// True if `dir`/CURRENT reads `MANIFEST-<digits>\n`. Whether that MANIFEST exists is left to
// RocksDB: a writer may switch to a new one between our reading CURRENT and looking for it.
bool HasValidCurrent(const fs::path& dir) {
  std::ifstream in(dir / "CURRENT", std::ios::binary);
  if (!in) return false;
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (text.size() > 64 || !text.ends_with("\n")) return false;
  text.pop_back();
  return HasPrefix(text, "MANIFEST-") && AllDigits(std::string_view(text).substr(9));
}

// `path` absolute, its existing part with symbolic links resolved, without `.`, `..` or a
// trailing separator.
fs::path Resolved(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec).lexically_normal();
  if (p.filename().empty() && p.has_parent_path()) p = p.parent_path();
  return p;
}

// The names in a database directory: RocksDB's files and a bulk load's staging directory.
bool IsDatabaseFileName(std::string_view name) {
  return IsRocksDbFileName(name) || name == kLoadDirectoryName;
}

}  // namespace

DirectoryKind ClassifyDirectory(const std::string& path) {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (status.type() == fs::file_type::not_found) return DirectoryKind::kMissing;
  if (status.type() != fs::file_type::directory) return DirectoryKind::kForeign;
  bool empty = true, foreign = false, current = false, options = false, data = false;
  for (const fs::directory_entry& entry : fs::directory_iterator(path, ec)) {
    const std::string name = entry.path().filename().string();
    empty = false;
    if (!IsDatabaseFileName(name)) foreign = true;
    if (name == "CURRENT") current = true;
    if (HasPrefix(name, "OPTIONS-")) options = true;
    if (name.ends_with(".sst") || name.ends_with(".log")) data = true;
  }
  if (ec) return DirectoryKind::kPartial;  // unreadable: let the open report why
  if (empty) return DirectoryKind::kEmpty;
  if (foreign) return DirectoryKind::kForeign;
  if (HasValidCurrent(path)) return DirectoryKind::kDatabase;
  // RocksDB writes OPTIONS only after CURRENT: without one (and without data files, which make
  // it a damaged database) they are not a creation of ours.
  return !current && options && !data ? DirectoryKind::kForeign : DirectoryKind::kPartial;
}

absl::Status CheckDatabaseDirectory(const std::string& path) {
  const DirectoryKind kind = ClassifyDirectory(path);
  std::error_code ec;
  if (kind == DirectoryKind::kPartial && fs::exists(fs::path(path) / "CURRENT", ec)) {
    return absl::DataLossError(
        path + ": damaged database: its CURRENT file does not name a MANIFEST file");
  }
  if (kind != DirectoryKind::kForeign) return absl::OkStatus();
  if (!fs::is_directory(path, ec)) {
    return absl::FailedPreconditionError(path + " is not a directory");
  }
  std::string example;
  for (const fs::directory_entry& entry : fs::directory_iterator(path, ec)) {
    const std::string name = entry.path().filename().string();
    if (!IsDatabaseFileName(name) && (example.empty() || name < example)) example = name;
  }
  if (example.empty()) example = "OPTIONS files without a CURRENT file";
  return absl::FailedPreconditionError(
      path + " is not an Annals database: the directory holds other files (" + example +
      "); refusing to use it. Give --db an empty or new directory");
}

absl::Status CheckBackupDestination(const std::string& db_path, const std::string& dest) {
  std::error_code ec;
  if (fs::exists(dest, ec)) return absl::AlreadyExistsError(dest + " already exists");
  const fs::path target = Resolved(dest);
  const fs::path parent = target.parent_path();
  if (!fs::is_directory(parent, ec)) {
    return absl::NotFoundError("cannot back up to " + dest + ": directory " + parent.string() +
                               " does not exist");
  }
  const fs::path db = Resolved(db_path);
  for (fs::path p = target; !p.empty() && p != p.root_path(); p = p.parent_path()) {
    if (p == db) {
      return absl::InvalidArgumentError("cannot back up to " + dest +
                                        ": it is inside the database directory " + db_path);
    }
  }
  return absl::OkStatus();
}

}  // namespace annals::internal
