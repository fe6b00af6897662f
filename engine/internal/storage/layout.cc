// Copyright: the Annals authors.
#include "internal/storage/layout.h"

#include "internal/storage/key_codec.h"

namespace annals::internal {

const char* const kColumnFamilyNames[kNumColumnFamilies] = {"default", "events",  "ids", "by_actor",
                                                            "by_time", "by_type", "dict"};

std::string DictNameKey(DictKind kind, std::string_view lookup_key) {
  std::string key(1, static_cast<char>(kind));
  key.append(lookup_key);
  return key;
}

std::string DictNumberKey(DictKind kind, uint32_t number) {
  std::string key(1, kind == DictKind::kActor ? 'A' : 'T');
  PutU32(&key, number);
  return key;
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

std::string EncodeIdEntry(const IdEntry& e) {
  std::string out;
  PutU64(&out, e.event);
  out.append(e.hash);
  return out;
}

bool DecodeIdEntry(std::string_view in, IdEntry* e) {
  if (!GetU64(&in, &e->event) || in.size() != 16) return false;
  e->hash.assign(in);
  return true;
}

}  // namespace annals::internal
