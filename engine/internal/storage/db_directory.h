// Copyright: the Annals authors.
//
// What a database directory holds, judged before RocksDB opens anything in it:
// RocksDB renames an existing `LOG`, deletes `OPTIONS-*` files it did not write
// and acts on whatever `CURRENT` says, so a directory that is not ours must be
// refused before RocksDB sees it.
//
//   RETURN_IF_ERROR(CheckDatabaseDirectory(path));  // then rocksdb::DB::Open
//
// Thread safety: pure functions over the file system, safe from any thread.
#ifndef ANNALS_INTERNAL_STORAGE_DB_DIRECTORY_H_
#define ANNALS_INTERNAL_STORAGE_DB_DIRECTORY_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace annals::internal {

// The directory a bulk load stages its files in (load_stage.h), inside the database directory.
inline constexpr std::string_view kLoadDirectoryName = "load.tmp";

enum class DirectoryKind {
  kMissing,   // nothing at the path
  kEmpty,     // an empty directory
  kDatabase,  // CURRENT names a MANIFEST file
  kPartial,   // only files RocksDB writes, no valid CURRENT: an interrupted creation or damage
  kForeign,   // anything else: someone else's files (or OPTIONS files without a CURRENT), or
              // a file that is not a directory
};

// Classifies `path` by file names and the content of CURRENT only; reads no
// other file and changes nothing.
DirectoryKind ClassifyDirectory(const std::string& path);

// OK for kMissing, kEmpty, kDatabase and kPartial without a CURRENT file;
// DataLoss for kPartial with an invalid CURRENT. FailedPrecondition for a
// path that is not a directory or a directory that holds files that are not an
// Annals database's (the message names the path and one such file); nothing in
// it has been touched.
absl::Status CheckDatabaseDirectory(const std::string& path);

// OK if `dest` may receive a backup of the database at `db_path`: it does not
// exist, its parent directory does, and it is not inside the database
// directory. Else AlreadyExists, NotFound (missing parent) or InvalidArgument
// (inside the database), each with a plain message naming `dest`.
absl::Status CheckBackupDestination(const std::string& db_path, const std::string& dest);

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_STORAGE_DB_DIRECTORY_H_
