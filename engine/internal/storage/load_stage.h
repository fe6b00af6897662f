// Copyright: the Annals authors.
//
// The staging area of a bulk load (Database::StartLoad): the writer builds its batches as always,
// and instead of writing each to RocksDB (log, memtables, flushes, then compactions rewriting the
// same entries level by level) hands them to the stage. The stage keeps every family's operations
// in sorted runs (sorted_run.h), in memory up to a budget and in run files past it, and the
// records in one file in arrival order; Commit merges the runs once into table files and adds
// them to the database with one IngestExternalFiles call, atomic across families. Into an empty
// database those tables land at the bottom level, where no compaction ever rewrites them.
//
// The whole load is one batch: later operations on a key replace earlier ones, deletes cancel
// puts, merge operands add up (the family's merge operator), exactly as a WriteBatch applies them.
// The load's records stay readable (Find), so that an id put twice is replaced like one put twice
// in a batch. Nothing is visible in the database before Commit; the directory is removed when the
// stage is destroyed, and by the next writer to open the database after a crash.
//
// Memory: the sort budget (and a sort's scratch space), plus 8-16 bytes per record (a growing
// vector of offsets) and 19-39 per id (a hash table of 16-byte slots, 7/16 to 7/8 full). Disk: the records and the index entries uncompressed,
// until Commit has written the tables.
// Thread safety: none; the writer's lock serializes its calls.
#ifndef ANNALS_INTERNAL_STORAGE_LOAD_STAGE_H_
#define ANNALS_INTERNAL_STORAGE_LOAD_STAGE_H_

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "internal/storage/record_codec.h"
#include "internal/storage/sorted_run.h"
#include "internal/storage/store.h"
#include "rocksdb/write_batch.h"

namespace annals::internal {

// The stage's directory inside database directory `db_path`.
std::string LoadDirectory(const std::string& db_path);

class LoadStage {
 public:
  // Creates the stage's directory (replacing one a failed load left). `database_empty`: the
  // database holds no event, so no id of the load can be found in it and nothing staged needs
  // a tombstone or a merge with what is stored. `first_event`: the first event number the load
  // allocates.
  static absl::StatusOr<std::unique_ptr<LoadStage>> Create(const Store* store, size_t memory_bytes,
                                                           bool database_empty,
                                                           uint64_t first_event);
  ~LoadStage();  // removes the directory
  LoadStage(const LoadStage&) = delete;
  LoadStage& operator=(const LoadStage&) = delete;

  bool database_empty() const { return database_empty_; }

  // Stages the batch's operations after those staged before. The batch holds puts, deletes and
  // merges only.
  absl::Status Add(const rocksdb::WriteBatch& batch);

  // The staged version of the event with this id: its number and record.
  absl::StatusOr<std::optional<std::pair<uint64_t, StoredEvent>>> Find(const std::string& id);

  // Writes the table files and ingests them. On an error the database is as before the load.
  absl::Status Commit();

 private:
  class Collector;

  LoadStage(const Store* store, std::string dir, size_t memory_bytes, bool database_empty,
            uint64_t first_event);
  absl::Status Open();
  absl::Status Stage(ColumnFamily f, StagedOp op, std::string_view key, std::string_view value);
  absl::Status StageRecord(std::string_view key, std::string_view record);
  absl::StatusOr<std::string> ReadRecord(uint64_t event_number);
  absl::Status Spill();
  // Writes family `f`'s merged runs as table files; appends their paths to `files`.
  absl::Status WriteTables(ColumnFamily f, std::vector<std::string>* files);
  absl::Status WriteRecordTables(std::vector<std::string>* files);

  const Store* store_;
  const std::string dir_;
  const std::string records_path_;
  const size_t memory_bytes_;
  const bool database_empty_;
  const uint64_t first_event_;

  // Per family: the buffer in memory and the paths of the runs spilled, oldest first.
  std::vector<RunBuffer> buffers_;
  std::vector<std::vector<std::string>> runs_;
  size_t spills_ = 0;

  // The records file: each record as its size (4 bytes) and bytes, in the order staged. The
  // offset of each event number's latest record: the load's own numbers by position, earlier
  // numbers (stored events the load replaces) in a map.
  std::FILE* records_ = nullptr;
  uint64_t records_bytes_ = 0;
  std::vector<uint64_t> offsets_;
  absl::flat_hash_map<uint64_t, uint64_t> earlier_offsets_;

  // Ids staged, by a 64-bit hash: the event number (Find confirms the id with the record). Ids
  // whose hash another id has already taken, by name.
  absl::flat_hash_map<uint64_t, uint64_t> ids_;
  absl::flat_hash_map<std::string, uint64_t> colliding_ids_;
};

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_STORAGE_LOAD_STAGE_H_
