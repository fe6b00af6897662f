// Copyright: the Annals authors.
//
// The one place where RocksDB's status becomes absl::Status.
#ifndef ANNALS_INTERNAL_STORAGE_ROCKS_STATUS_H_
#define ANNALS_INTERNAL_STORAGE_ROCKS_STATUS_H_

#include <string_view>

#include "absl/status/status.h"
#include "rocksdb/status.h"

namespace annals::internal {

// Corruption -> DataLoss, NotFound -> NotFound, lock held by another process -> FailedPrecondition,
// a full disk -> ResourceExhausted ("<context>: no space left on device"), permission denied or a
// read-only file system -> PermissionDenied ("<context>: permission denied"), other IO errors ->
// Unavailable, anything else -> Internal. `context` (e.g. the database path) prefixes
// the message.
absl::Status FromRocksDb(const rocksdb::Status& s, std::string_view context = {});

// As FromRocksDb, but an I/O error's message is `<context>: <the system's reason>` (e.g.
// "permission denied"), without RocksDB's wording or the names of its temporary files.
absl::Status FromRocksDbPlain(const rocksdb::Status& s, std::string_view context);

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_STORAGE_ROCKS_STATUS_H_
