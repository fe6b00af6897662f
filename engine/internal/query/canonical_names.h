// Copyright: the Annals authors.
//
// `--canonical` counting (Grouping::canonical, spec AGGREGATE.md and ALIASES.md): the values under
// which an event's actor entry counts. An entry whose name is an alias with a period overlapping
// the event's span counts under each such alias's canonical; any other entry under its own actor.
#ifndef ANNALS_INTERNAL_QUERY_CANONICAL_NAMES_H_
#define ANNALS_INTERNAL_QUERY_CANONICAL_NAMES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "internal/query/index_stream.h"

namespace annals::internal {

// Values share the space of actor numbers: a canonical that is a stored actor is that actor's
// number; one that is not gets kCanonicalBit | its index (actor numbers stay below 2^31).
class CanonicalNames {
 public:
  static constexpr uint32_t kCanonicalBit = 0x80000000u;

  // The whole alias table at ctx's view. DataLoss for a damaged alias entry.
  static absl::StatusOr<CanonicalNames> Load(const ScanContext& ctx);

  // Appends the values of an entry naming actor `actor` in an event spanning [start, end).
  void Map(uint32_t actor, int64_t start_us, int64_t end_us, std::vector<uint32_t>* out) const;

  // The canonical as first written in the alias table (table order: canonical key, alias key,
  // period); nullopt when `value` is no canonical (then it is an actor shown by display name).
  std::optional<std::string> Name(uint32_t value) const;

 private:
  struct Target {
    uint32_t value;
    int64_t from_us;
    int64_t to_us;
  };
  absl::flat_hash_map<uint32_t, std::vector<Target>> targets_;  // by alias actor number
  absl::flat_hash_map<uint32_t, std::string> shown_;            // canonical value -> display
};

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_QUERY_CANONICAL_NAMES_H_
