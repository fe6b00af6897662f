// Copyright: the Annals authors.
//
// The index entries of one stored event: what the writer puts and deletes, and what the checker
// expects to find.
#ifndef ANNALS_INTERNAL_STORAGE_INDEX_ENTRIES_H_
#define ANNALS_INTERNAL_STORAGE_INDEX_ENTRIES_H_

#include <string>

#include "internal/storage/key_codec.h"
#include "internal/storage/layout.h"
#include "internal/storage/record_codec.h"
#include "internal/storage/span_class.h"

namespace annals::internal {

// The span class of a stored event.
inline uint8_t ClassOf(const Event& e) { return SpanClass(e.time.start_us(), e.time.end_us()); }

// Calls fn(ColumnFamily, key, value) for every index entry of event number `event`:
// one per actor in by_actor, one in by_time, one in by_type when it has a type.
template <typename Fn>
void ForEachIndexEntry(const StoredEvent& s, uint64_t event, Fn&& fn) {
  const int64_t start = s.event.time.start_us(), end = s.event.time.end_us();
  const uint8_t cls = SpanClass(start, end);
  const IndexKey base{0, cls, OrderTime(cls, start, end), event};
  const std::string value = EncodeIndexValue(OtherTime(cls, start, end), s.type_number);
  for (uint32_t actor : s.actor_numbers) {
    IndexKey k = base;
    k.prefix = actor;
    fn(kByActorCf, EncodeIndexKey(true, k), value);
  }
  fn(kByTimeCf, EncodeIndexKey(false, base), value);
  if (s.type_number != 0) {
    IndexKey k = base;
    k.prefix = s.type_number;
    fn(kByTypeCf, EncodeIndexKey(true, k), value);
  }
}

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_STORAGE_INDEX_ENTRIES_H_
