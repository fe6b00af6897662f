// Copyright: the Annals authors.
#include "internal/query/canonical_names.h"

#include "internal/storage/alias_table.h"
#include "internal/storage/dictionary.h"
#include "internal/storage/format.h"
#include "internal/storage/span_class.h"
#include "internal/util/status_macros.h"

namespace annals::internal {

absl::StatusOr<CanonicalNames> CanonicalNames::Load(const ScanContext& ctx) {
  ASSIGN_OR_RETURN(std::vector<AliasRecord> records, ReadAliases(*ctx.view, AliasPrefix()));
  CanonicalNames out;
  absl::flat_hash_map<std::string, uint32_t> values;  // by canonical lookup key
  uint32_t unstored = 0;
  for (const AliasRecord& r : records) {
    ASSIGN_OR_RETURN(std::optional<uint32_t> alias,
                     Dictionary::Lookup(*ctx.view, DictKind::kActor, r.alias_key));
    auto it = values.find(r.canonical_key);
    if (it == values.end()) {
      ASSIGN_OR_RETURN(std::optional<uint32_t> stored,
                       Dictionary::Lookup(*ctx.view, DictKind::kActor, r.canonical_key));
      const uint32_t value = stored ? *stored : (kCanonicalBit | unstored++);
      it = values.emplace(r.canonical_key, value).first;
      out.shown_.emplace(value, r.shown.canonical);  // records come in table order
    }
    if (alias) out.targets_[*alias].push_back(Target{it->second, r.from_us, r.to_us});
  }
  return out;
}

void CanonicalNames::Map(uint32_t actor, int64_t start_us, int64_t end_us,
                         std::vector<uint32_t>* out) const {
  bool mapped = false;
  if (auto it = targets_.find(actor); it != targets_.end()) {
    for (const Target& t : it->second) {
      if (!Overlaps(start_us, end_us, t.from_us, t.to_us)) continue;
      out->push_back(t.value);
      mapped = true;
    }
  }
  if (!mapped) out->push_back(actor);
}

std::optional<std::string> CanonicalNames::Name(uint32_t value) const {
  auto it = shown_.find(value);
  if (it == shown_.end()) return std::nullopt;
  return it->second;
}

}  // namespace annals::internal
