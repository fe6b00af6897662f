// Copyright: the Annals authors.
//
// The single writer of a database: turns puts and deletes into one RocksDB WriteBatch each, with
// the event records, their ids, every index entry, dictionary entries and meta counters.
// Thread safety: not thread-safe; DatabaseImpl serializes calls.
#ifndef ANNALS_INTERNAL_STORAGE_WRITER_H_
#define ANNALS_INTERNAL_STORAGE_WRITER_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "annals/database.h"
#include "internal/storage/dictionary.h"
#include "internal/storage/record_codec.h"
#include "internal/storage/store.h"
#include "rocksdb/write_batch.h"

namespace annals::internal {

class Writer {
 public:
  explicit Writer(const Store* store);

  // Reads the counters. Call once before the first Put or Delete.
  absl::Status Load();

  absl::StatusOr<PutResult> Put(std::vector<Event> events);
  absl::StatusOr<std::vector<bool>> Delete(const std::vector<std::string>& ids);

 private:
  struct Existing {
    uint64_t event;
    StoredEvent stored;
  };

  absl::Status PutOne(Event& event, PutResult* result);
  absl::Status Remove(const Existing& old);
  absl::Status AddIndex(const StoredEvent& stored, uint64_t event);
  absl::Status Resolve(StoredEvent* stored);
  absl::StatusOr<std::optional<Existing>> Find(const std::string& id);
  absl::Status Commit();
  absl::Status Rollback(absl::Status cause);

  const Store* store_;
  Dictionary actors_;
  Dictionary types_;
  uint64_t next_event_ = 1;
  uint64_t event_count_ = 0;
  ClassMask time_classes_ = 0;

  // State of the batch being built. `pending_` holds what this batch did to each id so far
  // (nullopt: deleted), so later events in the batch see earlier ones.
  rocksdb::WriteBatch batch_;
  absl::flat_hash_map<std::string, std::optional<Existing>> pending_;
};

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_STORAGE_WRITER_H_
