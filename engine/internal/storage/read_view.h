// Copyright: the Annals authors.
//
// Snapshot-bound reads: every reader of the store (Database::Get and Stats, the writer, the query
// planner and streams, the checker, the summary) reads through a ReadView, so each sees one
// consistent state and turns RocksDB statuses into absl ones in one way.
//
//   ReadView view = ReadView::AtSnapshot(store);        // one state for all reads below
//   ASSIGN_OR_RETURN(uint64_t n, view.Meta(kMetaEventCount));
//   ASSIGN_OR_RETURN(std::optional<IdEntry> id, view.FindId("rutte-berlin"));
//
// Thread safety: const methods may be called from several threads at once.
#ifndef ANNALS_INTERNAL_STORAGE_READ_VIEW_H_
#define ANNALS_INTERNAL_STORAGE_READ_VIEW_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "internal/storage/format.h"
#include "internal/storage/record_codec.h"
#include "internal/storage/store.h"
#include "rocksdb/db.h"

namespace annals::internal {

class ReadView {
 public:
  // Reads at a snapshot taken now and released when the view is destroyed.
  static ReadView AtSnapshot(const Store& store);
  // Reads the latest state at each call: the single writer's view of its own writes.
  static ReadView Latest(const Store& store);

  ReadView(ReadView&&) = default;
  ReadView& operator=(ReadView&&) = delete;

  const Store& store() const { return *store_; }
  // nullptr for Latest().
  const rocksdb::Snapshot* snapshot() const { return options_.snapshot; }
  const rocksdb::ReadOptions& options() const { return options_; }
  // For the record and member fetches of queries: options() that keep the blocks read in the
  // block cache only when Options::cache_records.
  const rocksdb::ReadOptions& record_options() const { return record_options_; }

  // The value under `key`; nullopt when there is none.
  absl::StatusOr<std::optional<std::string>> Get(ColumnFamily f, std::string_view key) const;
  // The meta value under `key`; 0 when absent. DataLoss when damaged.
  absl::StatusOr<uint64_t> Meta(std::string_view key) const;
  // The id entry of `id`; nullopt when there is none. DataLoss when damaged.
  absl::StatusOr<std::optional<IdEntry>> FindId(std::string_view id) const;
  // The record of `event_number`. DataLoss when it is missing or damaged.
  absl::StatusOr<StoredEvent> Record(uint64_t event_number) const;
  // An iterator over `f` at this view; `fill_cache` false for whole-family scans.
  std::unique_ptr<rocksdb::Iterator> NewIterator(ColumnFamily f, bool fill_cache = true) const;

 private:
  ReadView(const Store& store, bool take_snapshot);

  const Store* store_;
  std::unique_ptr<rocksdb::ManagedSnapshot> snapshot_;
  rocksdb::ReadOptions options_;
  rocksdb::ReadOptions record_options_;
};

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_STORAGE_READ_VIEW_H_
