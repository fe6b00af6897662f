// Copyright: the Annals authors.
//
// The on-disk format: every key and value of every column family is encoded and decoded here and
// nowhere else. Field encodings (u8, u32, u64, i64, string, varint) are key_codec.h's; the record
// (value of `events`) is record_codec.h's Cap'n Proto message, and the copy of it that by_actor
// values carry is covering_record.h's. On-disk format: do not change without bumping
// kFormatVersion.
//
// Grammar (| separates alternatives, {x} is zero or more x, sizes in bytes):
//   default   key   meta name (ASCII, kMeta* below)
//             value u64                                                   8
//   events    key   u64 event number                                      8
//             value record (record_codec.h)
//   ids       key   id bytes as given (1..256)
//             value u64 event number, 16-byte content hash               24
//   by_actor  key   u32 actor, u8 class, i64 order time, u64 event number  21
//             value i64 other time, u32 type, varint n, n × u32 role,
//                   covering record (covering_record.h)                  18+
//   by_type   key   u32 type, u8 class, i64 order time, u64 event number   21
//             value i64 other time, u32 type                             12
//   by_time   key   u8 class, i64 order time, u64 event number             17
//             value i64 other time, u32 type                             12
//   dict      key   'a' string(actor lookup key) | 't' string(type) | 'r' string(role lookup key)
//             value u32 number (never 0)                                  4
//             key   'A' u32 actor | 'T' u32 type | 'R' u32 role          5
//             value u64 count, u16 span classes, display name bytes     10+
//             key   'L' string(canonical lookup key), string(alias lookup key), i64 from, i64 to
//             value string canonical, string alias, string from text, string to text
//   members   key   u64 event number (a current version)                  8
//             value {varint actor, varint role} per actor entry, in record order
//             (varint: LEB128, 7 bits a byte, low first)
//   day_counts key  'A' u32 actor (0: every event), u8 class, i64 start day, u16 days      16
//             | 'P' u32 actor, u32 greater actor, u8 class, i64 start day, u16 days     20
//             | 'T' u8 class, i64 start day, u32 type (0: none), u16 days               16
//             ("days": last day - start day)
//             value zigzag varint count (merge operands: deltas that add, day_counts.h)  1+
//   history   key   u64 event number, i64 system_from (a closed version)  16
//             value i64 system_to, record (record_codec.h)                8+
//   old_by_actor, old_by_type, old_by_time: the key of by_actor, by_type, by_time followed by
//             i64 system_from, i64 system_to (16 more bytes); the same values, except that
//             old_by_actor values end after their roles (no covering record). Closed versions.
//   system    key   'C' i64 system time                                    9
//             value u64 first event number of that commit                 8
//             key   'E' u64 first event number                             9
//             value i64 system time of the commit that allocated it       8
//             key   'O' u64 event number                                   9
//             value i64 system_from of its current version, when a replacement opened it
//             key   'X' i64 system time, u64 event number                 17
//             value u8 1 replaced | 0 deleted, i64 system_from closed, string(id)
//             key   'V' string(id), u64 event number, i64 system_from    19+
//             value empty (a closed version of that id)
//
// Index entries: one by_time entry per event, one by_type entry per typed event, and one by_actor
// entry per (actor, event) however often the event names the actor. "class" is the event's span
// class and "order time" / "other time" its two ends as span_class.h orders them; "type" is the
// type number (0: none). A by_actor value lists, ascending and without repeats, the role numbers
// of the event's entries for that actor; role 0 stands for an entry without a role. It then
// carries the event itself (covering_record.h): a query by actor reads its results from the
// entries it scans and fetches no record. Closed versions are read from history instead.
// Dictionary counts: events per actor or type; for a role, by_actor entries that list it.
// Aliases ('L', alias.h): the entries of one canonical are one key range, ordered by alias and
// then by period, and those of one (canonical, alias) pair a range within it. from/to are the
// period's bounds [start of from, end of to) in µs, INT64_MIN / INT64_MAX for an open side; the
// value keeps the display names and time texts as added.
//
// History (HISTORY.md): a version is (event number, system_from). An id keeps its event number
// across replacements (so ties keep their first-stored order); numbers are allocated in commit
// order ('C' and 'E' map commits and numbers both ways), and 'O' holds the opening time of a
// current version that replaced another. The current version lives in events/ids/by_*; a closed
// one (replaced or deleted) moves, in the batch that closes it, to history/old_by_*, with 'X'
// (by closing time) and 'V' (by id) entries. System times are µs, strictly increasing, > 0.
#ifndef ANNALS_INTERNAL_STORAGE_FORMAT_H_
#define ANNALS_INTERNAL_STORAGE_FORMAT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "annals/alias.h"
#include "internal/storage/span_class.h"

namespace annals::internal {

// Version 2: by_actor values carry role numbers; dictionary names are escaped strings.
// Version 3: versions in system time (history, old_by_*, system); members.
// Version 4: day_counts.
// Version 5: by_actor values carry the event (covering records); role lists are counted.
inline constexpr uint32_t kFormatVersion = 5;

enum ColumnFamily : int {
  kDefaultCf = 0,
  kEventsCf,
  kIdsCf,
  kByActorCf,
  kByTimeCf,
  kByTypeCf,
  kDictCf,
  kHistoryCf,
  kOldByActorCf,
  kOldByTimeCf,
  kOldByTypeCf,
  kSystemCf,
  kMembersCf,
  kDayCountsCf,
  kNumColumnFamilies,
};
// Names, indexed by ColumnFamily.
extern const char* const kColumnFamilyNames[kNumColumnFamilies];

inline bool IsIndex(ColumnFamily f) { return f == kByActorCf || f == kByTimeCf || f == kByTypeCf; }
inline bool IsOldIndex(ColumnFamily f) {
  return f == kOldByActorCf || f == kOldByTimeCf || f == kOldByTypeCf;
}
// The index family of closed versions that mirrors index family `f`, and back.
ColumnFamily OldIndexOf(ColumnFamily f);
ColumnFamily CurrentIndexOf(ColumnFamily f);

// ---- default: meta values ----
inline constexpr std::string_view kMetaFormatVersion = "format_version";
inline constexpr std::string_view kMetaNextEvent = "next_event";
inline constexpr std::string_view kMetaNextActor = "next_actor";
inline constexpr std::string_view kMetaNextType = "next_type";
inline constexpr std::string_view kMetaNextRole = "next_role";
inline constexpr std::string_view kMetaEventCount = "event_count";
inline constexpr std::string_view kMetaTimeClasses = "time_classes";         // ClassMask
inline constexpr std::string_view kMetaLastSystemTime = "last_system_time";  // µs, 0: none yet
inline constexpr std::string_view kMetaPrunedBefore = "pruned_before";       // µs, 0: never pruned
// Current events with more distinct actors than day counts pair (day_counts.h).
inline constexpr std::string_view kMetaCrowdedEvents = "crowded_events";

std::string EncodeMeta(uint64_t v);
// False unless `value` is exactly one u64.
bool DecodeMeta(std::string_view value, uint64_t* v);

// ---- events ----
std::string EncodeEventKey(uint64_t event_number);
// False unless `key` is exactly 8 bytes.
bool DecodeEventKey(std::string_view key, uint64_t* event_number);

// ---- ids ----
struct IdEntry {
  uint64_t event_number = 0;
  std::string hash;  // 16 bytes
};
std::string EncodeIdEntry(const IdEntry& e);
bool DecodeIdEntry(std::string_view in, IdEntry* e);

// ---- by_actor, by_type, by_time ----
// `prefix` is the actor (by_actor) or type (by_type) number; by_time has none (ignored).
std::string EncodeIndexKey(ColumnFamily f, uint32_t prefix, int64_t start_us, int64_t end_us,
                           uint64_t event_number);
// The key of position (order time, event number) in one class: a seek target.
std::string IndexPositionKey(ColumnFamily f, uint32_t prefix, uint8_t span_class,
                             int64_t order_time, uint64_t event_number);
// The smallest key of (prefix, class, order time): an inclusive lower / exclusive upper bound.
std::string IndexBoundKey(ColumnFamily f, uint32_t prefix, uint8_t span_class, int64_t order_time);
// Bounds of a whole class under `prefix`: [ClassBegin, ClassEnd).
std::string IndexClassBegin(ColumnFamily f, uint32_t prefix, uint8_t span_class);
std::string IndexClassEnd(ColumnFamily f, uint32_t prefix, uint8_t span_class);

// `roles`: actor families only, ascending, unique, not empty (0: an entry without a role).
// `covering`: by_actor only, the event's covering record (covering_record.h); empty elsewhere.
std::string EncodeIndexValue(ColumnFamily f, int64_t start_us, int64_t end_us, uint32_t type,
                             const std::vector<uint32_t>& roles, std::string_view covering = {});

// One decoded index entry. `roles` views the value's role list and `covering` its covering record
// (by_actor; empty otherwise).
struct IndexEntry {
  uint32_t prefix = 0;
  uint8_t span_class = 0;
  int64_t start_us = 0;
  int64_t end_us = 0;
  uint64_t event_number = 0;
  uint32_t type = 0;
  std::string_view roles;
  std::string_view covering;
  // Old families only: the closed version's system time [system_from, system_to); 0 otherwise.
  int64_t system_from = 0;
  int64_t system_to = 0;
};
// False unless `key` and `value` are exactly one well-formed entry of family `f` with start < end.
bool DecodeIndexEntry(ColumnFamily f, std::string_view key, std::string_view value,
                      IndexEntry* out);
// True iff the role list `roles` (IndexEntry::roles) holds `role`.
bool RolesContain(std::string_view roles, uint32_t role);

// ---- members ----
// The actor and role numbers of a record's entries, in order: what counting by actor reads
// (`related`, `count --by actor`), a few bytes per event instead of a whole record.
std::string EncodeMembers(const std::vector<uint32_t>& actors, const std::vector<uint32_t>& roles);
// False unless `value` is whole pairs of well-formed varints.
bool DecodeMembers(std::string_view value, std::vector<uint32_t>* actors,
                   std::vector<uint32_t>* roles);

// ---- day_counts ----
// One day count (day_counts.h): events of span class `span_class` starting on `start_day` whose
// last day is `span_days` later, under an actor ('A'; 0: every event), a pair of actors ('P';
// number < other) or a type ('T'; 0: no type). Days are UTC days since 1970-01-01.
inline constexpr char kActorDayTag = 'A';
inline constexpr char kPairDayTag = 'P';
inline constexpr char kTypeDayTag = 'T';
struct DayCountId {
  char tag = kActorDayTag;
  uint32_t number = 0;  // the actor or the type
  uint32_t other = 0;   // pairs: the second actor
  uint8_t span_class = 0;
  int64_t start_day = 0;
  uint16_t span_days = 0;
  bool operator==(const DayCountId&) const = default;
  template <typename H>
  friend H AbslHashValue(H h, const DayCountId& d) {
    return H::combine(std::move(h), d.tag, d.number, d.other, d.span_class, d.start_day,
                      d.span_days);
  }
};
std::string DayCountKey(const DayCountId& d);
bool DecodeDayCountKey(std::string_view key, DayCountId* d);
// Seek targets in one span class: the first key of `actor`, of the pair, or of any type from
// `start_day` on.
std::string ActorDayCountSeekKey(uint32_t actor, uint8_t span_class, int64_t start_day);
std::string PairDayCountSeekKey(uint32_t actor, uint32_t other, uint8_t span_class,
                                int64_t start_day);
std::string TypeDayCountSeekKey(uint8_t span_class, int64_t start_day);
std::string EncodeDayCount(int64_t count);
// False unless `value` is exactly one zigzag varint (-1 -> 1, 1 -> 2, -2 -> 3, ...).
bool DecodeDayCount(std::string_view value, int64_t* count);

// ---- history ----
std::string VersionKey(uint64_t event_number, int64_t system_from);
bool DecodeVersionKey(std::string_view key, uint64_t* event_number, int64_t* system_from);
std::string EncodeHistoryValue(int64_t system_to, std::string_view record);
// False unless `value` holds a system time and a record (not decoded: `record` views it).
bool DecodeHistoryValue(std::string_view value, int64_t* system_to, std::string_view* record);

// ---- old_by_* ----
// The key in old family OldIndexOf(f) of a closed version whose current key was `current_key`.
std::string OldIndexKey(std::string_view current_key, int64_t system_from, int64_t system_to);

// ---- system ----
std::string CommitKey(int64_t system_time);  // 'C'
bool DecodeCommitKey(std::string_view key, int64_t* system_time);
std::string CommitByEventKey(uint64_t first_event_number);          // 'E'
std::string ReopenedKey(uint64_t event_number);                     // 'O'
std::string ClosedKey(int64_t system_time, uint64_t event_number);  // 'X'
bool DecodeClosedKey(std::string_view key, int64_t* system_time, uint64_t* event_number);
struct Closing {
  bool replaced = false;    // false: deleted
  int64_t system_from = 0;  // of the version closed
  std::string id;
};
std::string EncodeClosing(const Closing& c);
bool DecodeClosing(std::string_view value, Closing* c);
std::string IdVersionKey(std::string_view id, uint64_t event_number, int64_t system_from);  // 'V'
// Every 'V' key of `id` starts with this.
std::string IdVersionPrefix(std::string_view id);
bool DecodeIdVersionKey(std::string_view key, std::string* id, uint64_t* event_number,
                        int64_t* system_from);
inline constexpr char kCommitTag = 'C';
inline constexpr char kCommitByEventTag = 'E';
inline constexpr char kReopenedTag = 'O';
inline constexpr char kClosedTag = 'X';
inline constexpr char kIdVersionTag = 'V';

// ---- dict ----
enum class DictKind : char { kActor = 'a', kType = 't', kRole = 'r' };

// Name key: tag + string(lookup key). Its value is EncodeDictNumber.
std::string DictNameKey(DictKind kind, std::string_view lookup_key);
// Every name key whose lookup key starts with `lookup_prefix` starts with this.
std::string DictNamePrefix(DictKind kind, std::string_view lookup_prefix);
std::string EncodeDictNumber(uint32_t number);
// False unless `value` is exactly one u32 other than 0.
bool DecodeDictNumber(std::string_view value, uint32_t* number);

// Number key: upper-case tag + u32. Every number key of `kind` starts with DictNumberPrefix.
std::string DictNumberKey(DictKind kind, uint32_t number);
std::string DictNumberPrefix(DictKind kind);
bool DecodeDictNumberKey(DictKind kind, std::string_view key, uint32_t* number);

// What the dictionary keeps per actor, type or role.
struct DictEntry {
  std::string name;  // display name as first stored
  uint64_t event_count = 0;
  ClassMask classes = 0;  // span classes ever present in its index (a superset of today's)
};
std::string EncodeDictEntry(const DictEntry& e);
bool DecodeDictEntry(std::string_view in, DictEntry* e);

// ---- dict: aliases ----
inline constexpr char kAliasTag = 'L';

// One alias entry: the key fields and the value.
struct AliasRecord {
  std::string canonical_key;
  std::string alias_key;
  int64_t from_us = 0;
  int64_t to_us = 0;
  Alias shown;  // display names and time texts as added
};

// Prefixes of the keys of every alias, of one canonical, and of one pair.
std::string AliasPrefix();
std::string AliasPrefix(std::string_view canonical_key);
std::string AliasPrefix(std::string_view canonical_key, std::string_view alias_key);
std::string EncodeAliasKey(const AliasRecord& r);
std::string EncodeAliasValue(const AliasRecord& r);
// False unless `key` and `value` are exactly one alias entry with from < to.
bool DecodeAliasEntry(std::string_view key, std::string_view value, AliasRecord* r);

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_STORAGE_FORMAT_H_
