// Copyright: the Annals authors.
//
// The index entries of one stored event: what the writer puts and deletes, and what the checker
// expects to find. Keys and values: format.h.
#ifndef ANNALS_INTERNAL_STORAGE_INDEX_ENTRIES_H_
#define ANNALS_INTERNAL_STORAGE_INDEX_ENTRIES_H_

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "internal/storage/covering_record.h"
#include "internal/storage/format.h"
#include "internal/storage/record_codec.h"
#include "internal/storage/span_class.h"

namespace annals::internal {

// The span class of a stored event.
inline uint8_t ClassOf(const Event& e) { return SpanClass(e.time.start_us(), e.time.end_us()); }

// One by_actor entry: an actor of the event and the roles of its entries (ascending, unique;
// 0 for an entry without a role).
struct ActorRoles {
  uint32_t actor = 0;
  std::vector<uint32_t> roles;
};

// One per distinct actor of `s`, by ascending actor number. An entry whose role number is
// missing (a damaged record) counts as one without a role.
inline std::vector<ActorRoles> GroupActorRoles(const StoredEvent& s) {
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  pairs.reserve(s.actor_numbers.size());
  for (size_t i = 0; i < s.actor_numbers.size(); ++i) {
    pairs.emplace_back(s.actor_numbers[i], i < s.role_numbers.size() ? s.role_numbers[i] : 0);
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  std::vector<ActorRoles> out;
  for (const auto& [actor, role] : pairs) {
    if (out.empty() || out.back().actor != actor) out.push_back(ActorRoles{actor, {}});
    out.back().roles.push_back(role);
  }
  return out;
}

// Whether by_actor values carry the event's covering record (covering_record.h): a current
// version's entries do; a closed version's (old_by_actor) do not, and callers that only need the
// keys (deletes) skip the encoding.
enum class Covering : bool { kWithout, kWith };

// Calls fn(ColumnFamily, key, value) for every index entry of event `event_number`: one per
// distinct actor in by_actor, one in by_time, one in by_type when it has a type.
// `actors` is GroupActorRoles(s), for callers that need it too.
template <typename Fn>
void ForEachIndexEntry(const StoredEvent& s, const std::vector<ActorRoles>& actors,
                       uint64_t event_number, Covering covering, Fn&& fn) {
  const int64_t start = s.event.time.start_us(), end = s.event.time.end_us();
  std::string record;
  if (covering == Covering::kWith && !actors.empty()) AppendCoveringRecord(s.event, &record);
  for (const ActorRoles& a : actors) {
    fn(kByActorCf, EncodeIndexKey(kByActorCf, a.actor, start, end, event_number),
       EncodeIndexValue(kByActorCf, start, end, s.type_number, a.roles, record));
  }
  const std::string value = EncodeIndexValue(kByTimeCf, start, end, s.type_number, {});
  fn(kByTimeCf, EncodeIndexKey(kByTimeCf, 0, start, end, event_number), value);
  if (s.type_number != 0) {
    fn(kByTypeCf, EncodeIndexKey(kByTypeCf, s.type_number, start, end, event_number), value);
  }
}

template <typename Fn>
void ForEachIndexEntry(const StoredEvent& s, uint64_t event_number, Covering covering, Fn&& fn) {
  ForEachIndexEntry(s, GroupActorRoles(s), event_number, covering, std::forward<Fn>(fn));
}

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_STORAGE_INDEX_ENTRIES_H_
