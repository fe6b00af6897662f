// Copyright: the Annals authors.
#include "internal/maintenance/summary.h"

#include <algorithm>
#include <memory>

#include "internal/storage/key_codec.h"
#include "internal/storage/layout.h"
#include "internal/storage/rocks_status.h"
#include "internal/storage/span_class.h"
#include "internal/util/status_macros.h"

namespace annals::internal {
namespace {

absl::StatusOr<uint64_t> CountNonEmpty(const Store& store, const rocksdb::ReadOptions& ro,
                                       char tag) {
  std::unique_ptr<rocksdb::Iterator> it(store.db()->NewIterator(ro, store.cf(kDictCf)));
  const std::string start(1, tag);
  uint64_t n = 0;
  for (it->Seek(start); it->Valid() && it->key().starts_with(start); it->Next()) {
    DictEntry e;
    if (!DecodeDictEntry({it->value().data(), it->value().size()}, &e)) {
      return absl::DataLossError(store.path() + ": damaged dictionary entry");
    }
    if (e.event_count > 0) ++n;
  }
  RETURN_IF_ERROR(FromRocksDb(it->status(), store.path()));
  return n;
}

// Bounds of one span class of the time index, folded into *b.
absl::Status ClassBounds(const Store& store, const rocksdb::ReadOptions& ro, uint8_t cls,
                         SpanBounds* b) {
  std::unique_ptr<rocksdb::Iterator> it(store.db()->NewIterator(ro, store.cf(kByTimeCf)));
  const std::string prefix(1, static_cast<char>(cls));
  auto decode = [&](IndexKey* k, int64_t* other) {
    uint32_t type;
    return DecodeIndexKey({it->key().data(), it->key().size()}, false, k) &&
           DecodeIndexValue({it->value().data(), it->value().size()}, other, &type);
  };
  auto fold_min = [&](int64_t v) { b->min_start_us = std::min(b->min_start_us.value_or(v), v); };
  auto fold_max = [&](int64_t v) { b->max_end_us = std::max(b->max_end_us.value_or(v), v); };
  IndexKey k;
  int64_t other;
  it->Seek(prefix);
  if (!it->Valid() || !it->key().starts_with(prefix))
    return FromRocksDb(it->status(), store.path());
  if (!decode(&k, &other)) return absl::DataLossError(store.path() + ": damaged time index");
  if (cls == kOpenStartClass) {
    fold_min(kMinusInfinity);
    it->SeekForPrev(prefix + std::string(17, '\xff'));
    if (it->Valid() && decode(&k, &other)) fold_max(k.time);
    return FromRocksDb(it->status(), store.path());
  }
  fold_min(k.time);
  if (cls == kOpenEndClass) {
    fold_max(kPlusInfinity);
    return absl::OkStatus();
  }
  // The latest end is among the entries starting within MaxSpan of the latest start.
  std::optional<int64_t> best;
  for (it->SeekForPrev(prefix + std::string(17, '\xff'));
       it->Valid() && it->key().starts_with(prefix); it->Prev()) {
    if (!decode(&k, &other)) return absl::DataLossError(store.path() + ": damaged time index");
    if (best && k.time + MaxSpan(cls) <= *best) break;
    best = std::max(best.value_or(other), other);
  }
  if (best) fold_max(*best);
  return FromRocksDb(it->status(), store.path());
}

}  // namespace

absl::StatusOr<DictionaryCounts> CountDictionary(const Store& store) {
  rocksdb::ReadOptions ro;
  DictionaryCounts c;
  ASSIGN_OR_RETURN(c.actors, CountNonEmpty(store, ro, 'A'));
  ASSIGN_OR_RETURN(c.types, CountNonEmpty(store, ro, 'T'));
  return c;
}

absl::StatusOr<SpanBounds> ComputeSpanBounds(const Store& store) {
  rocksdb::ManagedSnapshot snapshot(store.db());
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot.snapshot();
  SpanBounds b;
  for (int cls = 0; cls < kNumClasses; ++cls) {
    RETURN_IF_ERROR(ClassBounds(store, ro, static_cast<uint8_t>(cls), &b));
  }
  return b;
}

}  // namespace annals::internal
