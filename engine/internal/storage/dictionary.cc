// Copyright: the Annals authors.
#include "internal/storage/dictionary.h"

#include "internal/util/status_macros.h"

namespace annals::internal {
namespace {

std::string_view NextKey(DictKind kind) {
  switch (kind) {
    case DictKind::kActor:
      return kMetaNextActor;
    case DictKind::kType:
      return kMetaNextType;
    case DictKind::kRole:
      return kMetaNextRole;
  }
  return {};
}

std::string KindName(DictKind kind) {
  switch (kind) {
    case DictKind::kActor:
      return "actor";
    case DictKind::kType:
      return "type";
    case DictKind::kRole:
      return "role";
  }
  return {};
}

}  // namespace

Dictionary::Dictionary(const Store* store, DictKind kind)
    : store_(store), latest_(ReadView::Latest(*store)), kind_(kind) {}

absl::StatusOr<std::optional<uint32_t>> Dictionary::Lookup(const ReadView& view, DictKind kind,
                                                           std::string_view lookup_key) {
  ASSIGN_OR_RETURN(std::optional<std::string> value,
                   view.Get(kDictCf, DictNameKey(kind, lookup_key)));
  if (!value) return std::nullopt;
  uint32_t number;
  if (!DecodeDictNumber(*value, &number)) {
    return absl::DataLossError(view.store().path() + ": damaged dictionary entry for " +
                               KindName(kind) + " \"" + std::string(lookup_key) + "\"");
  }
  return number;
}

absl::StatusOr<DictEntry> Dictionary::Get(const ReadView& view, DictKind kind, uint32_t number) {
  ASSIGN_OR_RETURN(std::optional<std::string> value,
                   view.Get(kDictCf, DictNumberKey(kind, number)));
  DictEntry entry;
  if (!value || !DecodeDictEntry(*value, &entry)) {
    return absl::DataLossError(view.store().path() + ": " + KindName(kind) + " number " +
                               std::to_string(number) + " is missing or damaged in the dictionary");
  }
  return entry;
}

absl::Status Dictionary::Load() {
  ASSIGN_OR_RETURN(uint64_t next, latest_.Meta(NextKey(kind_)));
  next_ = next == 0 ? 1 : static_cast<uint32_t>(next);
  return absl::OkStatus();
}

absl::StatusOr<uint32_t> Dictionary::GetOrCreate(std::string_view lookup_key,
                                                 std::string_view display_name) {
  auto it = numbers_.find(absl::string_view(lookup_key.data(), lookup_key.size()));
  if (it != numbers_.end()) return it->second;
  ASSIGN_OR_RETURN(std::optional<uint32_t> found, Lookup(latest_, kind_, lookup_key));
  if (found) {
    numbers_.emplace(lookup_key, *found);
    return *found;
  }
  if (next_ == UINT32_MAX) {
    return absl::ResourceExhaustedError("too many distinct " + KindName(kind_) + "s");
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
    ASSIGN_OR_RETURN(DictEntry entry, Get(latest_, kind_, number));
    it = entries_.emplace(number, std::move(entry)).first;
  }
  dirty_.insert(number);
  return &it->second;
}

void Dictionary::Flush(rocksdb::WriteBatch* batch) {
  rocksdb::ColumnFamilyHandle* cf = store_->cf(kDictCf);
  for (const auto& [name, number] : new_names_) {
    batch->Put(cf, DictNameKey(kind_, name), EncodeDictNumber(number));
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
