// Copyright: the Annals authors.
//
// The actor and type dictionaries: lookup key <-> small number, and per-number DictEntry
// (display name, event count, span classes present). Layout: layout.h.
//
// Readers use the static functions on their ReadView. The single writer uses a Dictionary object,
// which caches entries, allocates numbers and writes what changed into the writer's batch.
// Thread safety: a Dictionary object is used under the writer's lock only.
#ifndef ANNALS_INTERNAL_STORAGE_DICTIONARY_H_
#define ANNALS_INTERNAL_STORAGE_DICTIONARY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "internal/storage/format.h"
#include "internal/storage/read_view.h"
#include "internal/storage/store.h"
#include "rocksdb/write_batch.h"

namespace annals::internal {

class Dictionary {
 public:
  Dictionary(const Store* store, DictKind kind);

  // Number of `lookup_key` in `view`; nullopt when unknown.
  static absl::StatusOr<std::optional<uint32_t>> Lookup(const ReadView& view, DictKind kind,
                                                        std::string_view lookup_key);
  // Entry of `number` in `view`. DataLoss when missing or damaged.
  static absl::StatusOr<DictEntry> Get(const ReadView& view, DictKind kind, uint32_t number);

  // Loads the next free number. Call once after open and after Reset.
  absl::Status Load();

  // The number of `lookup_key`, allocating one (with `display_name`, count 0) if it is new.
  absl::StatusOr<uint32_t> GetOrCreate(std::string_view lookup_key, std::string_view display_name);

  // The entry of `number`, to be changed; it is written by Flush. DataLoss if it does not exist.
  absl::StatusOr<DictEntry*> Mutable(uint32_t number);

  // Puts every new name and changed entry, and the next free number, into `batch`.
  void Flush(rocksdb::WriteBatch* batch);
  // After the batch was written.
  void Committed();
  // After a failed write: forget the cache, including numbers allocated since the last commit.
  absl::Status Reset();

 private:
  const Store* store_;
  const ReadView latest_;
  DictKind kind_;
  uint32_t next_ = 1;  // 0 is "none"
  absl::flat_hash_map<std::string, uint32_t> numbers_;
  absl::flat_hash_map<uint32_t, DictEntry> entries_;
  absl::flat_hash_map<std::string, uint32_t> new_names_;
  absl::flat_hash_set<uint32_t> dirty_;
};

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_STORAGE_DICTIONARY_H_
