// Copyright: the Annals authors.
#include "internal/query/planner.h"

#include <algorithm>

#include "internal/query/alias_plan.h"
#include "internal/query/pair_days.h"
#include "internal/storage/dictionary.h"
#include "internal/text/actor_name.h"
#include "internal/util/status_macros.h"

namespace annals::internal {
namespace {

// A dictionary number with what the planner needs of its entry.
struct Resolved {
  uint32_t number = 0;
  ClassMask classes = 0;
  uint64_t events = 0;
  std::vector<uint32_t> roles;  // actors: the roles the query requires (ActorFilter::roles)
};

// The number of `text` in `kind` (by lookup key for actors and roles); nullopt when no stored
// name has that key.
absl::StatusOr<std::optional<uint32_t>> Lookup(const ScanContext& ctx, DictKind kind,
                                               const std::string& text) {
  std::string key = text;
  if (kind != DictKind::kType) {
    absl::StatusOr<std::string> k = ActorLookupKey(text);
    if (!k.ok()) return std::nullopt;  // not valid UTF-8: nothing stored has that name
    key = *std::move(k);
  }
  return Dictionary::Lookup(*ctx.view, kind, key);
}

absl::StatusOr<std::optional<Resolved>> Resolve(const ScanContext& ctx, DictKind kind,
                                                const std::string& name) {
  ASSIGN_OR_RETURN(std::optional<uint32_t> number, Lookup(ctx, kind, name));
  if (!number) return std::nullopt;
  ASSIGN_OR_RETURN(DictEntry entry, Dictionary::Get(*ctx.view, kind, *number));
  return Resolved{*number, entry.classes, entry.event_count, {}};
}

// The actor and role numbers of `spec`; nullopt when no entry can satisfy it.
absl::StatusOr<std::optional<Resolved>> ResolveSpec(const ScanContext& ctx, const ActorSpec& spec) {
  ASSIGN_OR_RETURN(std::optional<Resolved> r, Resolve(ctx, DictKind::kActor, spec.name));
  if (!r || !spec.role) return r;
  absl::StatusOr<std::string> role_key = ActorLookupKey(*spec.role);
  if (!role_key.ok()) return std::nullopt;
  uint32_t role = 0;  // an empty role key: entries without a role
  if (!role_key->empty()) {
    ASSIGN_OR_RETURN(std::optional<uint32_t> number,
                     Dictionary::Lookup(*ctx.view, DictKind::kRole, *role_key));
    if (!number) return std::nullopt;
    role = *number;
  }
  r->roles.push_back(role);
  return r;
}

std::vector<ActorSpec> Specs(const std::vector<std::string>& names,
                             const std::vector<ActorSpec>& specs) {
  std::vector<ActorSpec> out;
  for (const std::string& name : names) out.push_back(ActorSpec{name, std::nullopt});
  out.insert(out.end(), specs.begin(), specs.end());
  return out;
}

// All-of actors, one per actor number with the union of its specs' roles. Sets *empty when a
// spec cannot be satisfied.
absl::StatusOr<std::vector<Resolved>> ResolveAllOf(const ScanContext& ctx,
                                                   const std::vector<ActorSpec>& specs,
                                                   bool* empty) {
  std::vector<Resolved> out;
  for (const ActorSpec& spec : specs) {
    ASSIGN_OR_RETURN(std::optional<Resolved> r, ResolveSpec(ctx, spec));
    if (!r) {
      *empty = true;
      return out;
    }
    auto same = std::find_if(out.begin(), out.end(),
                             [&](const Resolved& o) { return o.number == r->number; });
    if (same == out.end()) {
      out.push_back(*std::move(r));
    } else {
      same->roles.insert(same->roles.end(), r->roles.begin(), r->roles.end());
    }
  }
  for (Resolved& r : out) {
    std::sort(r.roles.begin(), r.roles.end());
    r.roles.erase(std::unique(r.roles.begin(), r.roles.end()), r.roles.end());
  }
  return out;
}

// Any-of actors, one per satisfiable spec.
absl::StatusOr<std::vector<Resolved>> ResolveAnyOf(const ScanContext& ctx,
                                                   const std::vector<ActorSpec>& specs) {
  std::vector<Resolved> out;
  for (const ActorSpec& spec : specs) {
    ASSIGN_OR_RETURN(std::optional<Resolved> r, ResolveSpec(ctx, spec));
    if (r) out.push_back(*std::move(r));
  }
  return out;
}

std::vector<std::unique_ptr<Stream>> Scans(const ScanContext& ctx, ColumnFamily family,
                                           const std::vector<Resolved>& prefixes) {
  std::vector<std::unique_ptr<Stream>> out;
  for (const Resolved& r : prefixes) {
    out.push_back(NewIndexScan(ctx, family, r.number, r.classes, r.roles));
  }
  return out;
}

std::vector<ActorFilter> Filters(const std::vector<Resolved>& actors, size_t from) {
  std::vector<ActorFilter> out;
  for (size_t i = from; i < actors.size(); ++i) {
    out.push_back(ActorFilter{actors[i].number, actors[i].roles});
  }
  return out;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Stream>> PlanQuery(const Query& query, ScanContext* ctx) {
  if (query.limit && *query.limit == 0) return nullptr;
  std::vector<Resolved> types;
  for (const std::string& type : query.types) {
    ASSIGN_OR_RETURN(std::optional<Resolved> r, Resolve(*ctx, DictKind::kType, type));
    if (r) types.push_back(*std::move(r));
  }
  if (!query.types.empty() && types.empty()) return nullptr;
  ASSIGN_OR_RETURN(bool aliased, QueryHasAliases(query, *ctx));
  if (aliased) {
    for (const Resolved& t : types) ctx->types.push_back(t.number);
    std::sort(ctx->types.begin(), ctx->types.end());
    return PlanAliasedQuery(query, ctx);
  }
  bool empty = false;
  ASSIGN_OR_RETURN(std::vector<Resolved> all,
                   ResolveAllOf(*ctx, Specs(query.all_actors, query.all_actor_specs), &empty));
  if (empty) return nullptr;
  const std::vector<ActorSpec> any_specs = Specs(query.any_actors, query.any_actor_specs);
  ASSIGN_OR_RETURN(std::vector<Resolved> any, ResolveAnyOf(*ctx, any_specs));
  if (!any_specs.empty() && any.empty()) return nullptr;

  if (all.empty() && any.empty()) {
    if (!types.empty()) return NewUnion(Scans(*ctx, kByTypeCf, types), ctx->reverse);
    ASSIGN_OR_RETURN(uint64_t mask, ctx->view->Meta(kMetaTimeClasses));
    return NewIndexScan(*ctx, kByTimeCf, 0, static_cast<ClassMask>(mask));
  }
  for (const Resolved& t : types) ctx->types.push_back(t.number);
  std::sort(ctx->types.begin(), ctx->types.end());
  if (all.empty()) return NewUnion(Scans(*ctx, kByActorCf, any), ctx->reverse);
  // The rarest all-of actor drives; every other actor is an exact lookup per candidate, so the
  // cost follows the driver's events in the range, not the others'. Roles are tested on the
  // entries read anyway.
  std::sort(all.begin(), all.end(),
            [](const Resolved& a, const Resolved& b) { return a.events < b.events; });
  if (all.size() == 1 && any.empty()) {
    return NewIndexScan(*ctx, kByActorCf, all[0].number, all[0].classes, all[0].roles);
  }
  // Of the driver's candidates, only those on a day the two rarest actors share can pass: the
  // driver seeks past the other days, and the filter drops what is left on a day of another span.
  std::shared_ptr<const PairDays> pair_days;
  if (all.size() >= 2) {
    ASSIGN_OR_RETURN(std::optional<PairDays> days,
                     PairDays::Read(*ctx, all[0].number, all[1].number,
                                    static_cast<ClassMask>(all[0].classes & all[1].classes)));
    if (days) pair_days = std::make_shared<const PairDays>(*std::move(days));
  }
  std::unique_ptr<Stream> driver =
      NewIndexScan(*ctx, kByActorCf, all[0].number, all[0].classes, all[0].roles, pair_days.get());
  return NewMembershipFilter(*ctx, std::move(driver), Filters(all, 1), Filters(any, 0),
                             std::move(pair_days));
}

}  // namespace annals::internal
