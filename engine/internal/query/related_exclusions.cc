// Copyright: the Annals authors.
#include "internal/query/related_exclusions.h"

#include "internal/storage/alias_table.h"
#include "internal/storage/dictionary.h"
#include "internal/storage/format.h"
#include "internal/storage/span_class.h"
#include "internal/text/actor_name.h"
#include "internal/util/status_macros.h"

namespace annals::internal {
namespace {

// The number of `text` by lookup key in `kind`; nullopt when nothing stored has it.
absl::StatusOr<std::optional<uint32_t>> Number(const ScanContext& ctx, DictKind kind,
                                               const std::string& text) {
  absl::StatusOr<std::string> key = ActorLookupKey(text);
  if (!key.ok()) return std::nullopt;
  return Dictionary::Lookup(*ctx.view, kind, *key);
}

// The spec's role as an exclusion with no actor yet; nullopt when no entry can have the role.
absl::StatusOr<std::optional<Exclusion>> RoleOf(const ScanContext& ctx, const ActorSpec& spec) {
  Exclusion out;
  if (!spec.role) return out;
  absl::StatusOr<std::string> role_key = ActorLookupKey(*spec.role);
  if (!role_key.ok()) return std::nullopt;
  if (role_key->empty()) {
    out.role = 0;
    return out;
  }
  ASSIGN_OR_RETURN(std::optional<uint32_t> role, Number(ctx, DictKind::kRole, *spec.role));
  if (!role) return std::nullopt;
  out.role = *role;
  return out;
}

// Appends the exclusions of `spec`: its name at any time, then (when `aliases`) each alias of the
// name for its period.
absl::Status Resolve(const ScanContext& ctx, const ActorSpec& spec, bool aliases,
                     std::vector<Exclusion>* out) {
  ASSIGN_OR_RETURN(std::optional<Exclusion> role, RoleOf(ctx, spec));
  if (!role) return absl::OkStatus();
  ASSIGN_OR_RETURN(std::optional<uint32_t> actor, Number(ctx, DictKind::kActor, spec.name));
  if (actor) {
    out->push_back(*role);
    out->back().actor = *actor;
  }
  absl::StatusOr<std::string> key = ActorLookupKey(spec.name);
  if (!aliases || !key.ok()) return absl::OkStatus();
  ASSIGN_OR_RETURN(std::vector<AliasRecord> records, ReadAliases(*ctx.view, AliasPrefix(*key)));
  for (const AliasRecord& a : records) {
    ASSIGN_OR_RETURN(std::optional<uint32_t> alias,
                     Dictionary::Lookup(*ctx.view, DictKind::kActor, a.alias_key));
    if (!alias) continue;
    out->push_back(*role);
    out->back().actor = *alias;
    out->back().from_us = a.from_us;
    out->back().to_us = a.to_us;
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<Exclusion>> RelatedExclusions(const ScanContext& ctx,
                                                         const Query& query) {
  std::vector<ActorSpec> specs = query.all_actor_specs;
  for (const std::string& name : query.all_actors) specs.push_back(ActorSpec{name, std::nullopt});
  std::vector<Exclusion> out;
  for (const ActorSpec& spec : specs) {
    RETURN_IF_ERROR(Resolve(ctx, spec, query.resolve_aliases, &out));
  }
  return out;
}

bool Excluded(const std::vector<Exclusion>& exclusions, uint32_t actor, uint32_t role,
              int64_t start_us, int64_t end_us) {
  for (const Exclusion& e : exclusions) {
    if (e.actor == actor && (!e.role || *e.role == role) &&
        Overlaps(start_us, end_us, e.from_us, e.to_us)) {
      return true;
    }
  }
  return false;
}

}  // namespace annals::internal
