// Copyright: the Annals authors.
#include "internal/maintenance/type_list.h"

#include <algorithm>
#include <memory>

#include "internal/storage/format.h"
#include "internal/storage/rocks_status.h"
#include "internal/util/status_macros.h"

namespace annals::internal {

absl::StatusOr<std::vector<TypeInfo>> ListTypes(const Store& store) {
  rocksdb::ManagedSnapshot snapshot(store.db());
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot.snapshot();
  std::unique_ptr<rocksdb::Iterator> it(store.db()->NewIterator(ro, store.cf(kDictCf)));
  const std::string prefix = DictNumberPrefix(DictKind::kType);  // -> DictEntry
  std::vector<TypeInfo> types;
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    DictEntry e;
    if (!DecodeDictEntry({it->value().data(), it->value().size()}, &e)) {
      return absl::DataLossError(store.path() + ": damaged type dictionary entry");
    }
    if (e.event_count > 0) types.push_back(TypeInfo{std::move(e.name), e.event_count});
  }
  RETURN_IF_ERROR(FromRocksDb(it->status(), store.path()));
  std::sort(types.begin(), types.end(),
            [](const TypeInfo& a, const TypeInfo& b) { return a.name < b.name; });
  return types;
}

}  // namespace annals::internal
