// Copyright: the Annals authors.
#include "internal/storage/read_view.h"

#include "internal/storage/rocks_status.h"
#include "internal/util/status_macros.h"

namespace annals::internal {

ReadView::ReadView(const Store& store, bool take_snapshot) : store_(&store) {
  if (take_snapshot) {
    snapshot_ = std::make_unique<rocksdb::ManagedSnapshot>(store.db());
    options_.snapshot = snapshot_->snapshot();
  }
  record_options_ = options_;
  record_options_.fill_cache = store.cache_records();
}

ReadView ReadView::AtSnapshot(const Store& store) { return ReadView(store, true); }

ReadView ReadView::Latest(const Store& store) { return ReadView(store, false); }

absl::StatusOr<std::optional<std::string>> ReadView::Get(ColumnFamily f,
                                                         std::string_view key) const {
  std::string value;
  rocksdb::Status s =
      store_->db()->Get(options_, store_->cf(f), rocksdb::Slice(key.data(), key.size()), &value);
  if (s.IsNotFound()) return std::nullopt;
  RETURN_IF_ERROR(FromRocksDb(s, store_->path()));
  return value;
}

absl::StatusOr<uint64_t> ReadView::Meta(std::string_view key) const {
  ASSIGN_OR_RETURN(std::optional<std::string> value, Get(kDefaultCf, key));
  uint64_t v = 0;
  if (value && !DecodeMeta(*value, &v)) {
    return absl::DataLossError(store_->path() + ": damaged meta value " + std::string(key));
  }
  return v;
}

absl::StatusOr<std::optional<IdEntry>> ReadView::FindId(std::string_view id) const {
  ASSIGN_OR_RETURN(std::optional<std::string> value, Get(kIdsCf, id));
  if (!value) return std::nullopt;
  IdEntry entry;
  if (!DecodeIdEntry(*value, &entry)) {
    return absl::DataLossError(store_->path() + ": damaged id entry \"" + std::string(id) + "\"");
  }
  return entry;
}

absl::StatusOr<StoredEvent> ReadView::Record(uint64_t event_number) const {
  ASSIGN_OR_RETURN(std::optional<std::string> value, Get(kEventsCf, EncodeEventKey(event_number)));
  if (!value) {
    return absl::DataLossError(store_->path() + ": event " + std::to_string(event_number) +
                               " has no record");
  }
  return DecodeRecord(*value);
}

std::unique_ptr<rocksdb::Iterator> ReadView::NewIterator(ColumnFamily f, bool fill_cache) const {
  rocksdb::ReadOptions ro = options_;
  ro.fill_cache = fill_cache;
  return std::unique_ptr<rocksdb::Iterator>(store_->db()->NewIterator(ro, store_->cf(f)));
}

}  // namespace annals::internal
