// Copyright: the Annals authors.
#include "internal/storage/alias_format.h"

#include "internal/storage/key_codec.h"

namespace annals::internal {

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
