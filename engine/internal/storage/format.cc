// Copyright: the Annals authors.
#include "internal/storage/format.h"

#include "annals/time.h"
#include "internal/storage/key_codec.h"

namespace annals::internal {
namespace {

constexpr size_t kIndexValueSize = 12;  // i64 other time, u32 type
constexpr size_t kContentHashSize = 16;

bool HasPrefix(ColumnFamily f) { return f != kByTimeCf && f != kOldByTimeCf; }
bool IsActorIndex(ColumnFamily f) { return f == kByActorCf || f == kOldByActorCf; }

std::string TaggedU64(char tag, uint64_t v) {
  std::string key(1, tag);
  PutU64(&key, v);
  return key;
}

char NumberTag(DictKind kind) {
  switch (kind) {
    case DictKind::kActor:
      return 'A';
    case DictKind::kType:
      return 'T';
    case DictKind::kRole:
      return 'R';
  }
  return '?';
}

}  // namespace

const char* const kColumnFamilyNames[kNumColumnFamilies] = {
    "default", "events",       "ids",         "by_actor",    "by_time", "by_type", "dict",
    "history", "old_by_actor", "old_by_time", "old_by_type", "system",  "members", "day_counts"};

ColumnFamily OldIndexOf(ColumnFamily f) {
  switch (f) {
    case kByActorCf:
      return kOldByActorCf;
    case kByTimeCf:
      return kOldByTimeCf;
    case kByTypeCf:
      return kOldByTypeCf;
    default:
      return f;
  }
}

ColumnFamily CurrentIndexOf(ColumnFamily f) {
  switch (f) {
    case kOldByActorCf:
      return kByActorCf;
    case kOldByTimeCf:
      return kByTimeCf;
    case kOldByTypeCf:
      return kByTypeCf;
    default:
      return f;
  }
}

std::string EncodeMeta(uint64_t v) {
  std::string out;
  PutU64(&out, v);
  return out;
}

bool DecodeMeta(std::string_view value, uint64_t* v) { return GetU64(&value, v) && value.empty(); }

std::string EncodeEventKey(uint64_t event_number) { return EncodeMeta(event_number); }

bool DecodeEventKey(std::string_view key, uint64_t* event_number) {
  return DecodeMeta(key, event_number);
}

std::string EncodeIdEntry(const IdEntry& e) {
  std::string out;
  PutU64(&out, e.event_number);
  out.append(e.hash);
  return out;
}

bool DecodeIdEntry(std::string_view in, IdEntry* e) {
  if (!GetU64(&in, &e->event_number) || in.size() != kContentHashSize) return false;
  e->hash.assign(in);
  return true;
}

std::string EncodeIndexKey(ColumnFamily f, uint32_t prefix, int64_t start_us, int64_t end_us,
                           uint64_t event_number) {
  const uint8_t cls = SpanClass(start_us, end_us);
  return IndexPositionKey(f, prefix, cls, OrderTime(cls, start_us, end_us), event_number);
}

std::string IndexPositionKey(ColumnFamily f, uint32_t prefix, uint8_t span_class,
                             int64_t order_time, uint64_t event_number) {
  return EncodeIndexKey(HasPrefix(f), IndexKey{prefix, span_class, order_time, event_number});
}

std::string IndexBoundKey(ColumnFamily f, uint32_t prefix, uint8_t span_class, int64_t order_time) {
  return IndexPositionKey(f, prefix, span_class, order_time, 0);
}

std::string IndexClassBegin(ColumnFamily f, uint32_t prefix, uint8_t span_class) {
  return IndexBoundKey(f, prefix, span_class, kMinusInfinity);
}

// Class numbers are below 255, so class + 1 encodes as one byte and bounds the class from above.
std::string IndexClassEnd(ColumnFamily f, uint32_t prefix, uint8_t span_class) {
  return IndexBoundKey(f, prefix, static_cast<uint8_t>(span_class + 1), kMinusInfinity);
}

std::string EncodeIndexValue(ColumnFamily f, int64_t start_us, int64_t end_us, uint32_t type,
                             const std::vector<uint32_t>& roles, std::string_view covering) {
  const uint8_t cls = SpanClass(start_us, end_us);
  std::string value;
  value.reserve(kIndexValueSize + 2 + 4 * roles.size() + covering.size());
  PutI64(&value, OtherTime(cls, start_us, end_us));
  PutU32(&value, type);
  if (IsActorIndex(f)) {
    PutVarint<uint32_t>(&value, static_cast<uint32_t>(roles.size()));
    for (uint32_t role : roles) PutU32(&value, role);
    if (f == kByActorCf) value.append(covering);
  }
  return value;
}

bool DecodeIndexEntry(ColumnFamily f, std::string_view key, std::string_view value,
                      IndexEntry* out) {
  out->system_from = out->system_to = 0;
  if (IsOldIndex(f)) {
    if (key.size() < 16) return false;
    std::string_view suffix = key.substr(key.size() - 16);
    key.remove_suffix(16);
    if (!GetI64(&suffix, &out->system_from) || !GetI64(&suffix, &out->system_to) ||
        out->system_from >= out->system_to) {
      return false;
    }
  }
  IndexKey k;
  int64_t other;
  if (!DecodeIndexKey(key, HasPrefix(f), &k) || !GetI64(&value, &other) ||
      !GetU32(&value, &out->type)) {
    return false;
  }
  out->roles = out->covering = {};
  if (IsActorIndex(f)) {
    // A current entry carries its event; a closed version's entry ends after its roles.
    uint32_t n = 0;
    if (!GetVarint<uint32_t>(&value, &n) || n == 0 || value.size() / 4 < n) return false;
    out->roles = value.substr(0, 4 * size_t{n});
    out->covering = value.substr(4 * size_t{n});
    if (out->covering.empty() != (f == kOldByActorCf)) return false;
  } else if (!value.empty()) {
    return false;
  }
  out->prefix = k.prefix;
  out->span_class = k.span_class;
  out->event_number = k.event_number;
  if (k.span_class == kOpenStartClass) {
    out->start_us = other;
    out->end_us = k.time;
  } else {
    out->start_us = k.time;
    out->end_us = other;
  }
  return out->start_us < out->end_us;
}

bool RolesContain(std::string_view roles, uint32_t role) {
  uint32_t r;
  while (GetU32(&roles, &r)) {
    if (r == role) return true;
  }
  return false;
}

std::string EncodeMembers(const std::vector<uint32_t>& actors, const std::vector<uint32_t>& roles) {
  std::string out;
  out.reserve(4 * actors.size());
  for (size_t i = 0; i < actors.size(); ++i) {
    PutVarint<uint32_t>(&out, actors[i]);
    PutVarint<uint32_t>(&out, i < roles.size() ? roles[i] : 0);
  }
  return out;
}

bool DecodeMembers(std::string_view value, std::vector<uint32_t>* actors,
                   std::vector<uint32_t>* roles) {
  actors->clear();
  roles->clear();
  while (!value.empty()) {
    uint32_t actor, role;
    if (!GetVarint<uint32_t>(&value, &actor) || !GetVarint<uint32_t>(&value, &role)) return false;
    actors->push_back(actor);
    roles->push_back(role);
  }
  return true;
}

std::string ActorDayCountSeekKey(uint32_t actor, uint8_t span_class, int64_t start_day) {
  std::string out(1, kActorDayTag);
  PutU32(&out, actor);
  PutU8(&out, span_class);
  PutI64(&out, start_day);
  return out;
}

std::string PairDayCountSeekKey(uint32_t actor, uint32_t other, uint8_t span_class,
                                int64_t start_day) {
  std::string out(1, kPairDayTag);
  PutU32(&out, actor);
  PutU32(&out, other);
  PutU8(&out, span_class);
  PutI64(&out, start_day);
  return out;
}

std::string TypeDayCountSeekKey(uint8_t span_class, int64_t start_day) {
  std::string out(1, kTypeDayTag);
  PutU8(&out, span_class);
  PutI64(&out, start_day);
  return out;
}

std::string DayCountKey(const DayCountId& d) {
  std::string out;
  if (d.tag == kActorDayTag) {
    out = ActorDayCountSeekKey(d.number, d.span_class, d.start_day);
  } else if (d.tag == kPairDayTag) {
    out = PairDayCountSeekKey(d.number, d.other, d.span_class, d.start_day);
  } else {
    out = TypeDayCountSeekKey(d.span_class, d.start_day);
    PutU32(&out, d.number);
  }
  out.push_back(static_cast<char>(d.span_days >> 8));
  out.push_back(static_cast<char>(d.span_days & 0xff));
  return out;
}

bool DecodeDayCountKey(std::string_view key, DayCountId* d) {
  if (key.empty()) return false;
  d->tag = key[0];
  key.remove_prefix(1);
  bool ok = false;
  d->other = 0;
  if (d->tag == kActorDayTag) {
    ok = GetU32(&key, &d->number) && GetU8(&key, &d->span_class) && GetI64(&key, &d->start_day);
  } else if (d->tag == kPairDayTag) {
    ok = GetU32(&key, &d->number) && GetU32(&key, &d->other) && GetU8(&key, &d->span_class) &&
         GetI64(&key, &d->start_day) && d->number < d->other;
  } else if (d->tag == kTypeDayTag) {
    ok = GetU8(&key, &d->span_class) && GetI64(&key, &d->start_day) && GetU32(&key, &d->number);
  }
  if (!ok || key.size() != 2) return false;
  d->span_days =
      static_cast<uint16_t>(static_cast<uint8_t>(key[0]) << 8 | static_cast<uint8_t>(key[1]));
  return true;
}

// Zigzag varint: small counts and deltas of either sign take a byte or two.
std::string EncodeDayCount(int64_t count) {
  std::string out;
  const uint64_t u = static_cast<uint64_t>(count);
  PutVarint<uint64_t>(&out, (u << 1) ^ (count < 0 ? ~uint64_t{0} : 0));
  return out;
}

bool DecodeDayCount(std::string_view value, int64_t* count) {
  uint64_t z;
  if (!GetVarint<uint64_t>(&value, &z) || !value.empty()) return false;
  *count = static_cast<int64_t>((z >> 1) ^ (~(z & 1) + 1));
  return true;
}

std::string VersionKey(uint64_t event_number, int64_t system_from) {
  std::string key;
  PutU64(&key, event_number);
  PutI64(&key, system_from);
  return key;
}

bool DecodeVersionKey(std::string_view key, uint64_t* event_number, int64_t* system_from) {
  return GetU64(&key, event_number) && GetI64(&key, system_from) && key.empty();
}

std::string EncodeHistoryValue(int64_t system_to, std::string_view record) {
  std::string out;
  out.reserve(8 + record.size());
  PutI64(&out, system_to);
  out.append(record);
  return out;
}

bool DecodeHistoryValue(std::string_view value, int64_t* system_to, std::string_view* record) {
  if (!GetI64(&value, system_to) || value.empty()) return false;
  *record = value;
  return true;
}

std::string OldIndexKey(std::string_view current_key, int64_t system_from, int64_t system_to) {
  std::string key(current_key);
  PutI64(&key, system_from);
  PutI64(&key, system_to);
  return key;
}

std::string CommitKey(int64_t system_time) {
  std::string key(1, kCommitTag);
  PutI64(&key, system_time);
  return key;
}

bool DecodeCommitKey(std::string_view key, int64_t* system_time) {
  if (key.empty() || key[0] != kCommitTag) return false;
  key.remove_prefix(1);
  return GetI64(&key, system_time) && key.empty();
}

std::string CommitByEventKey(uint64_t first_event_number) {
  return TaggedU64(kCommitByEventTag, first_event_number);
}

std::string ReopenedKey(uint64_t event_number) { return TaggedU64(kReopenedTag, event_number); }

std::string ClosedKey(int64_t system_time, uint64_t event_number) {
  std::string key(1, kClosedTag);
  PutI64(&key, system_time);
  PutU64(&key, event_number);
  return key;
}

bool DecodeClosedKey(std::string_view key, int64_t* system_time, uint64_t* event_number) {
  if (key.empty() || key[0] != kClosedTag) return false;
  key.remove_prefix(1);
  return GetI64(&key, system_time) && GetU64(&key, event_number) && key.empty();
}

std::string EncodeClosing(const Closing& c) {
  std::string out;
  PutU8(&out, c.replaced ? 1 : 0);
  PutI64(&out, c.system_from);
  PutString(&out, c.id);
  return out;
}

bool DecodeClosing(std::string_view value, Closing* c) {
  uint8_t replaced;
  if (!GetU8(&value, &replaced) || replaced > 1 || !GetI64(&value, &c->system_from) ||
      !GetString(&value, &c->id) || !value.empty()) {
    return false;
  }
  c->replaced = replaced == 1;
  return true;
}

std::string IdVersionPrefix(std::string_view id) {
  std::string key(1, kIdVersionTag);
  PutString(&key, id);
  return key;
}

std::string IdVersionKey(std::string_view id, uint64_t event_number, int64_t system_from) {
  std::string key = IdVersionPrefix(id);
  PutU64(&key, event_number);
  PutI64(&key, system_from);
  return key;
}

bool DecodeIdVersionKey(std::string_view key, std::string* id, uint64_t* event_number,
                        int64_t* system_from) {
  if (key.empty() || key[0] != kIdVersionTag) return false;
  key.remove_prefix(1);
  return GetString(&key, id) && GetU64(&key, event_number) && GetI64(&key, system_from) &&
         key.empty();
}

std::string DictNameKey(DictKind kind, std::string_view lookup_key) {
  std::string key(1, static_cast<char>(kind));
  PutString(&key, lookup_key);
  return key;
}

// The escaping works byte by byte, so the escaped prefix minus its terminator (00 01) is a byte
// prefix of every escaped string that starts with `lookup_prefix`.
std::string DictNamePrefix(DictKind kind, std::string_view lookup_prefix) {
  std::string key = DictNameKey(kind, lookup_prefix);
  key.resize(key.size() - 2);
  return key;
}

std::string EncodeDictNumber(uint32_t number) {
  std::string out;
  PutU32(&out, number);
  return out;
}

bool DecodeDictNumber(std::string_view value, uint32_t* number) {
  return GetU32(&value, number) && value.empty() && *number != 0;
}

std::string DictNumberKey(DictKind kind, uint32_t number) {
  std::string key = DictNumberPrefix(kind);
  PutU32(&key, number);
  return key;
}

std::string DictNumberPrefix(DictKind kind) { return std::string(1, NumberTag(kind)); }

bool DecodeDictNumberKey(DictKind kind, std::string_view key, uint32_t* number) {
  if (key.empty() || key[0] != NumberTag(kind)) return false;
  key.remove_prefix(1);
  return GetU32(&key, number) && key.empty();
}

std::string EncodeDictEntry(const DictEntry& e) {
  std::string out;
  PutU64(&out, e.event_count);
  out.push_back(static_cast<char>(e.classes >> 8));
  out.push_back(static_cast<char>(e.classes & 0xff));
  out.append(e.name);
  return out;
}

bool DecodeDictEntry(std::string_view in, DictEntry* e) {
  uint8_t hi, lo;
  if (!GetU64(&in, &e->event_count) || !GetU8(&in, &hi) || !GetU8(&in, &lo)) return false;
  e->classes = static_cast<ClassMask>((hi << 8) | lo);
  e->name.assign(in);
  return true;
}

// ---- dict: aliases ----
std::string AliasPrefix() { return std::string(1, kAliasTag); }

std::string AliasPrefix(std::string_view canonical_key) {
  std::string key = AliasPrefix();
  PutString(&key, canonical_key);
  return key;
}

std::string AliasPrefix(std::string_view canonical_key, std::string_view alias_key) {
  std::string key = AliasPrefix(canonical_key);
  PutString(&key, alias_key);
  return key;
}

std::string EncodeAliasKey(const AliasRecord& r) {
  std::string key = AliasPrefix(r.canonical_key, r.alias_key);
  PutI64(&key, r.from_us);
  PutI64(&key, r.to_us);
  return key;
}

std::string EncodeAliasValue(const AliasRecord& r) {
  std::string value;
  PutString(&value, r.shown.canonical);
  PutString(&value, r.shown.alias);
  PutString(&value, r.shown.from);
  PutString(&value, r.shown.to);
  return value;
}

bool DecodeAliasEntry(std::string_view key, std::string_view value, AliasRecord* r) {
  uint8_t tag;
  if (!GetU8(&key, &tag) || tag != static_cast<uint8_t>(kAliasTag) ||
      !GetString(&key, &r->canonical_key) || !GetString(&key, &r->alias_key) ||
      !GetI64(&key, &r->from_us) || !GetI64(&key, &r->to_us) || !key.empty()) {
    return false;
  }
  return GetString(&value, &r->shown.canonical) && GetString(&value, &r->shown.alias) &&
         GetString(&value, &r->shown.from) && GetString(&value, &r->shown.to) && value.empty() &&
         r->from_us < r->to_us;
}

}  // namespace annals::internal
