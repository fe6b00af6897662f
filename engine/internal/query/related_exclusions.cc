// Copyright: the Annals authors.
#include "internal/query/related_exclusions.h"

#include "internal/storage/dictionary.h"
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

absl::StatusOr<std::optional<Exclusion>> Resolve(const ScanContext& ctx, const ActorSpec& spec) {
  ASSIGN_OR_RETURN(std::optional<uint32_t> actor, Number(ctx, DictKind::kActor, spec.name));
  if (!actor) return std::nullopt;
  Exclusion out{*actor, std::nullopt};
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

}  // namespace

absl::StatusOr<std::vector<Exclusion>> RelatedExclusions(const ScanContext& ctx,
                                                         const Query& query) {
  std::vector<ActorSpec> specs = query.all_actor_specs;
  for (const std::string& name : query.all_actors) specs.push_back(ActorSpec{name, std::nullopt});
  std::vector<Exclusion> out;
  for (const ActorSpec& spec : specs) {
    ASSIGN_OR_RETURN(std::optional<Exclusion> e, Resolve(ctx, spec));
    if (e) out.push_back(*e);
  }
  return out;
}

bool Excluded(const std::vector<Exclusion>& exclusions, uint32_t actor, uint32_t role) {
  for (const Exclusion& e : exclusions) {
    if (e.actor == actor && (!e.role || *e.role == role)) return true;
  }
  return false;
}

}  // namespace annals::internal
