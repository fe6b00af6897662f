// Copyright: the Annals authors.
//
// An order-independent digest of a set of (key, value) entries: the sum of their 64-bit hashes.
// `check` sums what the records need in one pass and what a family holds in another, each in its
// own order, and compares: equal sums (and counts) mean the same entries, without a lookup each.
#ifndef ANNALS_INTERNAL_MAINTENANCE_ENTRY_DIGEST_H_
#define ANNALS_INTERNAL_MAINTENANCE_ENTRY_DIGEST_H_

#include <xxhash.h>

#include <cstdint>
#include <string_view>

namespace annals::internal {

struct EntryDigest {
  uint64_t sum = 0;
  void Add(std::string_view key, std::string_view value) {
    sum += XXH3_64bits_withSeed(value.data(), value.size(), XXH3_64bits(key.data(), key.size()));
  }
  // As `count` entries of `key` (counted entries: day_counts).
  void AddCounted(std::string_view key, int64_t count) {
    sum += static_cast<uint64_t>(count) * XXH3_64bits(key.data(), key.size());
  }
  bool operator==(const EntryDigest&) const = default;
};

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_MAINTENANCE_ENTRY_DIGEST_H_
