// Copyright: the Annals authors.
//
// Alias entries in the dict column family. On-disk format: do not change.
//
//   key    'L', string canonical lookup key, string alias lookup key, i64 from_us, i64 to_us
//   value  string canonical display name, string alias display name, string from text,
//          string to text
// Strings, i64: key_codec.h (escaped and terminated; sign-flipped big-endian), so the entries of
// one canonical are one key range, ordered by alias and then by period, and the entries of one
// (canonical, alias) pair are a range within it. from_us/to_us are the period's bounds
// [start of from, end of to), kMinusInfinity / kPlusInfinity for an open side.
// 'L' is distinct from the dictionary's 'a', 'A', 't', 'T' tags (layout.h).
//
// Thread safety: pure functions.
#ifndef ANNALS_INTERNAL_STORAGE_ALIAS_FORMAT_H_
#define ANNALS_INTERNAL_STORAGE_ALIAS_FORMAT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "annals/alias.h"

namespace annals::internal {

inline constexpr char kAliasTag = 'L';  // On-disk format: do not change.

// One stored alias entry: the key fields and the value.
struct AliasRecord {
  std::string canonical_key;
  std::string alias_key;
  int64_t from_us = 0;
  int64_t to_us = 0;
  Alias shown;  // display names and time texts as added
};

// Keys of every alias (no arguments), of one canonical, and of one pair: key range prefixes.
std::string AliasPrefix();
std::string AliasPrefix(std::string_view canonical_key);
std::string AliasPrefix(std::string_view canonical_key, std::string_view alias_key);

std::string EncodeAliasKey(const AliasRecord& r);
std::string EncodeAliasValue(const AliasRecord& r);
// Returns false unless `key` and `value` are exactly one alias entry.
bool DecodeAliasEntry(std::string_view key, std::string_view value, AliasRecord* r);

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_STORAGE_ALIAS_FORMAT_H_
