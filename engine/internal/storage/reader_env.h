// Copyright: the Annals authors.
//
// The RocksDB environment of read-only opens: the process's default environment, except that
// opening starts no background threads. RocksDB grows its flush and compaction thread pools at
// every open, read-only ones included, although a read-only database never flushes or compacts;
// each thread is created at open and joined at exit, which a short CLI command pays for (on a
// loaded machine, a join waits for the thread to be scheduled: tens of ms of wall clock).
// Thread safety: as rocksdb::Env.
#ifndef ANNALS_INTERNAL_STORAGE_READER_ENV_H_
#define ANNALS_INTERNAL_STORAGE_READER_ENV_H_

#include "rocksdb/env.h"

namespace annals::internal {

// The shared environment for read-only opens; lives as long as the process.
rocksdb::Env* ReaderEnv();

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_STORAGE_READER_ENV_H_
