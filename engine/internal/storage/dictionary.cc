// Copyright: the Annals authors.
#include "internal/storage/dictionary.h"

#include "internal/storage/key_codec.h"
#include "internal/storage/rocks_status.h"
#include "internal/util/status_macros.h"

namespace annals::internal {
namespace {

std::string_view NextKey(DictKind kind) {
  return kind == DictKind::kActor ? kMetaNextActor : kMetaNextType;
}

std::string_view KindName(DictKind kind) { return kind == DictKind::kActor ? "actor" : "type"; }

}  // namespace

Dictionary::Dictionary(const Store* store, DictKind kind) : store_(store), kind_(kind) {}

absl::StatusOr<std::optional<uint32_t>> Dictionary::Lookup(const Store& store, DictKind kind,
                                                           std::string_view lookup_key,
                                                           const rocksdb::Snapshot* snapshot) {
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot;
  std::string value;
  rocksdb::Status s = store.db()->Get(ro, store.cf(kDictCf), DictNameKey(kind, lookup_key), &value);
  if (s.IsNotFound()) return std::nullopt;
  RETURN_IF_ERROR(FromRocksDb(s, store.path()));
  std::string_view in(value);
  uint32_t number;
  if (!GetU32(&in, &number) || !in.empty() || number == 0) {
    return absl::DataLossError(store.path() + ": damaged dictionary entry for " +
                               std::string(KindName(kind)) + " \"" + std::string(lookup_key) +
                               "\"");
  }
  return number;
}

absl::StatusOr<DictEntry> Dictionary::Get(const Store& store, DictKind kind, uint32_t number,
                                          const rocksdb::Snapshot* snapshot) {
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot;
  std::string value;
  rocksdb::Status s = store.db()->Get(ro, store.cf(kDictCf), DictNumberKey(kind, number), &value);
  DictEntry entry;
  if (s.IsNotFound() || (s.ok() && !DecodeDictEntry(value, &entry))) {
    return absl::DataLossError(store.path() + ": " + std::string(KindName(kind)) + " number " +
                               std::to_string(number) + " is missing or damaged in the dictionary");
  }
  RETURN_IF_ERROR(FromRocksDb(s, store.path()));
  return entry;
}

absl::Status Dictionary::Load() {
  ASSIGN_OR_RETURN(uint64_t next, store_->GetMeta(NextKey(kind_), nullptr));
  next_ = next == 0 ? 1 : static_cast<uint32_t>(next);
  return absl::OkStatus();
}

absl::StatusOr<uint32_t> Dictionary::GetOrCreate(std::string_view lookup_key,
                                                 std::string_view display_name) {
  auto it = numbers_.find(absl::string_view(lookup_key.data(), lookup_key.size()));
  if (it != numbers_.end()) return it->second;
  ASSIGN_OR_RETURN(std::optional<uint32_t> found, Lookup(*store_, kind_, lookup_key, nullptr));
  if (found) {
    numbers_.emplace(lookup_key, *found);
    return *found;
  }
  if (next_ == UINT32_MAX) {
    return absl::ResourceExhaustedError("too many distinct " + std::string(KindName(kind_)) + "s");
  }
  const uint32_t number = next_++;
  numbers_.emplace(lookup_key, number);
  new_names_.emplace(lookup_key, number);
  entries_[number] = DictEntry{std::string(display_name), 0, 0};
  dirty_.insert(number);
  return number;
}

absl::StatusOr<DictEntry*> Dictionary::Mutable(uint32_t number) {
  auto it = entries_.find(number);
  if (it == entries_.end()) {
    ASSIGN_OR_RETURN(DictEntry entry, Get(*store_, kind_, number, nullptr));
    it = entries_.emplace(number, std::move(entry)).first;
  }
  dirty_.insert(number);
  return &it->second;
}

void Dictionary::Flush(rocksdb::WriteBatch* batch) {
  rocksdb::ColumnFamilyHandle* cf = store_->cf(kDictCf);
  for (const auto& [name, number] : new_names_) {
    std::string value;
    PutU32(&value, number);
    batch->Put(cf, DictNameKey(kind_, name), value);
  }
  for (uint32_t number : dirty_) {
    batch->Put(cf, DictNumberKey(kind_, number), EncodeDictEntry(entries_[number]));
  }
  batch->Put(store_->cf(kDefaultCf), std::string(NextKey(kind_)), EncodeMeta(next_));
}

void Dictionary::Committed() {
  new_names_.clear();
  dirty_.clear();
}

absl::Status Dictionary::Reset() {
  numbers_.clear();
  entries_.clear();
  Committed();
  return Load();
}

}  // namespace annals::internal
