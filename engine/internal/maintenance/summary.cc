// Copyright: the Annals authors.
#include "internal/maintenance/summary.h"

#include <algorithm>
#include <memory>

#include "absl/container/flat_hash_set.h"
#include "internal/query/cursors.h"
#include "internal/storage/format.h"
#include "internal/storage/rocks_status.h"
#include "internal/storage/span_class.h"
#include "internal/text/actor_name.h"
#include "internal/util/status_macros.h"

namespace annals::internal {
namespace {

absl::StatusOr<uint64_t> CountNonEmpty(const ReadView& view, DictKind kind) {
  std::unique_ptr<rocksdb::Iterator> it = view.NewIterator(kDictCf);
  const std::string start = DictNumberPrefix(kind);
  uint64_t n = 0;
  for (it->Seek(start); it->Valid() && it->key().starts_with(start); it->Next()) {
    DictEntry e;
    if (!DecodeDictEntry({it->value().data(), it->value().size()}, &e)) {
      return absl::DataLossError(view.store().path() + ": damaged dictionary entry");
    }
    if (e.event_count > 0) ++n;
  }
  RETURN_IF_ERROR(FromRocksDb(it->status(), view.store().path()));
  return n;
}

// Bounds of one span class of the time index, folded into *b.
absl::Status ClassBounds(const ReadView& view, uint8_t cls, SpanBounds* b) {
  const std::string& path = view.store().path();
  std::unique_ptr<rocksdb::Iterator> it = view.NewIterator(kByTimeCf);
  const std::string begin = IndexClassBegin(kByTimeCf, 0, cls);
  const std::string end = IndexClassEnd(kByTimeCf, 0, cls);
  auto in_class = [&] { return it->Valid() && it->key().compare(end) < 0; };
  auto decode = [&](IndexEntry* e) {
    return DecodeIndexEntry(kByTimeCf, {it->key().data(), it->key().size()},
                            {it->value().data(), it->value().size()}, e);
  };
  auto fold_min = [&](int64_t v) { b->min_start_us = std::min(b->min_start_us.value_or(v), v); };
  auto fold_max = [&](int64_t v) { b->max_end_us = std::max(b->max_end_us.value_or(v), v); };
  IndexEntry e;
  it->Seek(begin);
  if (!in_class()) return FromRocksDb(it->status(), path);
  if (!decode(&e)) return absl::DataLossError(path + ": damaged time index");
  fold_min(e.start_us);
  if (cls == kOpenStartClass) {
    it->SeekForPrev(end);
    if (it->Valid() && decode(&e)) fold_max(e.end_us);
    return FromRocksDb(it->status(), path);
  }
  if (cls == kOpenEndClass) {
    fold_max(kPlusInfinity);
    return absl::OkStatus();
  }
  // The latest end is among the entries starting within MaxSpan of the latest start.
  std::optional<int64_t> best;
  for (it->SeekForPrev(end); it->Valid() && it->key().compare(begin) >= 0; it->Prev()) {
    if (!decode(&e)) return absl::DataLossError(path + ": damaged time index");
    // start + MaxSpan <= best, written so that nothing overflows (MaxSpan of the last finite
    // class is +inf: that class is read to its start).
    const int64_t max_span = MaxSpan(cls);
    if (best && *best >= kMinusInfinity + max_span && e.start_us <= *best - max_span) break;
    best = std::max(best.value_or(e.end_us), e.end_us);
  }
  if (best) fold_max(*best);
  return FromRocksDb(it->status(), path);
}

}  // namespace

absl::StatusOr<DictionaryCounts> CountDictionary(const ReadView& view) {
  DictionaryCounts c;
  ASSIGN_OR_RETURN(c.actors, CountNonEmpty(view, DictKind::kActor));
  ASSIGN_OR_RETURN(c.types, CountNonEmpty(view, DictKind::kType));
  return c;
}

absl::StatusOr<SpanBounds> ComputeSpanBounds(const ReadView& view) {
  SpanBounds b;
  for (int cls = 0; cls < kNumClasses; ++cls) {
    RETURN_IF_ERROR(ClassBounds(view, static_cast<uint8_t>(cls), &b));
  }
  return b;
}

absl::StatusOr<SummaryAsOf> SummarizeAsOf(const ReadView& view, int64_t as_of_us) {
  ASSIGN_OR_RETURN(std::unique_ptr<Cursor> cursor, NewScanCursor(&view.store(), as_of_us));
  SummaryAsOf out;
  absl::flat_hash_set<std::string> actors, types;
  while (cursor->Next()) {
    const Event& e = cursor->event();
    ++out.events;
    for (const Actor& a : e.actors) {
      ASSIGN_OR_RETURN(std::string key, ActorLookupKey(a.name));
      actors.insert(std::move(key));
    }
    if (!e.type.empty()) types.insert(e.type);
    const int64_t start = e.time.start_us(), end = e.time.end_us();
    if (!out.bounds.min_start_us || start < *out.bounds.min_start_us)
      out.bounds.min_start_us = start;
    if (!out.bounds.max_end_us || end > *out.bounds.max_end_us) out.bounds.max_end_us = end;
  }
  RETURN_IF_ERROR(cursor->status());
  out.actors = actors.size();
  out.types = types.size();
  return out;
}

}  // namespace annals::internal
