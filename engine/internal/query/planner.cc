// Copyright: the Annals authors.
#include "internal/query/planner.h"

#include <algorithm>

#include "internal/query/alias_plan.h"
#include "internal/storage/dictionary.h"
#include "internal/text/actor_name.h"
#include "internal/util/status_macros.h"

namespace annals::internal {
namespace {

struct Resolved {
  uint32_t number;
  ClassMask classes;
  uint64_t events;
};

// The dictionary numbers of `names`; unknown names are left out.
absl::StatusOr<std::vector<Resolved>> ResolveAll(const ScanContext& ctx, DictKind kind,
                                                 const std::vector<std::string>& names,
                                                 bool* any_unknown) {
  std::vector<Resolved> out;
  for (const std::string& name : names) {
    std::string key = name;
    if (kind == DictKind::kActor) {
      absl::StatusOr<std::string> k = ActorLookupKey(name);
      if (!k.ok()) {  // not valid UTF-8: no stored actor has that name
        *any_unknown = true;
        continue;
      }
      key = *std::move(k);
    }
    ASSIGN_OR_RETURN(std::optional<uint32_t> number,
                     Dictionary::Lookup(*ctx.store, kind, key, ctx.snapshot));
    if (!number) {
      *any_unknown = true;
      continue;
    }
    ASSIGN_OR_RETURN(DictEntry entry, Dictionary::Get(*ctx.store, kind, *number, ctx.snapshot));
    out.push_back(Resolved{*number, entry.classes, entry.event_count});
  }
  return out;
}

std::vector<std::unique_ptr<Stream>> Scans(const ScanContext& ctx, ColumnFamily family,
                                           const std::vector<Resolved>& prefixes) {
  std::vector<std::unique_ptr<Stream>> out;
  for (const Resolved& r : prefixes) out.push_back(NewIndexScan(ctx, family, r.number, r.classes));
  return out;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Stream>> PlanQuery(const Query& query, ScanContext* ctx) {
  if (query.limit && *query.limit == 0) return nullptr;
  bool unknown = false;
  ASSIGN_OR_RETURN(std::vector<Resolved> types,
                   ResolveAll(*ctx, DictKind::kType, query.types, &unknown));
  if (!query.types.empty() && types.empty()) return nullptr;
  ASSIGN_OR_RETURN(bool aliased, QueryHasAliases(query, *ctx));
  if (aliased) {
    for (const Resolved& t : types) ctx->types.push_back(t.number);
    std::sort(ctx->types.begin(), ctx->types.end());
    return PlanAliasedQuery(query, ctx);
  }
  ASSIGN_OR_RETURN(std::vector<Resolved> all,
                   ResolveAll(*ctx, DictKind::kActor, query.all_actors, &unknown));
  if (unknown && all.size() != query.all_actors.size()) {
    // Recount: only an unknown all-of actor makes the result empty.
    return nullptr;
  }
  bool any_unknown = false;
  ASSIGN_OR_RETURN(std::vector<Resolved> any,
                   ResolveAll(*ctx, DictKind::kActor, query.any_actors, &any_unknown));
  if (!query.any_actors.empty() && any.empty()) return nullptr;

  if (all.empty() && any.empty()) {
    if (!types.empty()) return NewUnion(Scans(*ctx, kByTypeCf, types), ctx->reverse);
    uint64_t mask = 0;
    ASSIGN_OR_RETURN(mask, ctx->store->GetMeta(kMetaTimeClasses, ctx->snapshot));
    return NewIndexScan(*ctx, kByTimeCf, 0, static_cast<ClassMask>(mask));
  }
  for (const Resolved& t : types) ctx->types.push_back(t.number);
  std::sort(ctx->types.begin(), ctx->types.end());
  if (all.empty()) return NewUnion(Scans(*ctx, kByActorCf, any), ctx->reverse);
  // The rarest all-of actor drives; every other actor is an exact lookup per candidate, so the
  // cost follows the driver's events in the range, not the others'.
  std::sort(all.begin(), all.end(),
            [](const Resolved& a, const Resolved& b) { return a.events < b.events; });
  std::unique_ptr<Stream> driver = NewIndexScan(*ctx, kByActorCf, all[0].number, all[0].classes);
  std::vector<uint32_t> others, any_numbers;
  for (size_t i = 1; i < all.size(); ++i) others.push_back(all[i].number);
  for (const Resolved& r : any) any_numbers.push_back(r.number);
  if (others.empty() && any_numbers.empty()) return driver;
  return NewMembershipFilter(*ctx, std::move(driver), std::move(others), std::move(any_numbers));
}

}  // namespace annals::internal
