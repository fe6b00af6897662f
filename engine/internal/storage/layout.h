// Copyright: the Annals authors.
//
// The database layout: column families, meta keys, dictionary and id entries.
// On-disk format: do not change without bumping kFormatVersion.
//
// column family | key                                        | value
// default       | meta key (kMeta*)                          | u64 big-endian
// events        | u64 event number                           | record (record_codec.h)
// ids           | external id bytes                          | u64 event number, 16-byte content
// hash by_actor      | u32 actor, u8 class, i64 order time, u64 event | i64 other time, u32 type
// by_time       | u8 class, i64 order time, u64 event            | i64 other time, u32 type
// by_type       | u32 type, u8 class, i64 order time, u64 event  | i64 other time, u32 type
// dict          | 'a' lookup key  -> u32 actor number; 'A' u32 actor -> DictEntry
//               | 't' type        -> u32 type number;  'T' u32 type  -> DictEntry
// Span classes and order times: span_class.h. Integer encodings: key_codec.h.
#ifndef ANNALS_INTERNAL_STORAGE_LAYOUT_H_
#define ANNALS_INTERNAL_STORAGE_LAYOUT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "internal/storage/span_class.h"

namespace annals::internal {

inline constexpr uint32_t kFormatVersion = 1;

enum ColumnFamily : int {
  kDefaultCf = 0,
  kEventsCf,
  kIdsCf,
  kByActorCf,
  kByTimeCf,
  kByTypeCf,
  kDictCf,
  kNumColumnFamilies,
};
// Names, indexed by ColumnFamily.
extern const char* const kColumnFamilyNames[kNumColumnFamilies];

// Every meta value is a u64, big-endian.
inline constexpr std::string_view kMetaFormatVersion = "format_version";
inline constexpr std::string_view kMetaNextEvent = "next_event";
inline constexpr std::string_view kMetaNextActor = "next_actor";
inline constexpr std::string_view kMetaNextType = "next_type";
inline constexpr std::string_view kMetaEventCount = "event_count";
inline constexpr std::string_view kMetaTimeClasses = "time_classes";  // ClassMask

enum class DictKind : char { kActor = 'a', kType = 't' };

// 'a'/'t' + lookup key.
std::string DictNameKey(DictKind kind, std::string_view lookup_key);
// 'A'/'T' + u32 number.
std::string DictNumberKey(DictKind kind, uint32_t number);

// What the dictionary keeps per actor or type.
struct DictEntry {
  std::string name;  // display name as first stored
  uint64_t event_count = 0;
  ClassMask classes = 0;  // span classes ever present in its index (a superset of today's)
};
std::string EncodeDictEntry(const DictEntry& e);  // u64 count, u16 classes, name bytes
bool DecodeDictEntry(std::string_view in, DictEntry* e);

struct IdEntry {
  uint64_t event = 0;
  std::string hash;  // 16 bytes
};
std::string EncodeIdEntry(const IdEntry& e);
bool DecodeIdEntry(std::string_view in, IdEntry* e);

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_STORAGE_LAYOUT_H_
