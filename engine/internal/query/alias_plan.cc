// Copyright: the Annals authors.
#include "internal/query/alias_plan.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "internal/storage/alias_table.h"
#include "internal/storage/dictionary.h"
#include "internal/storage/format.h"
#include "internal/storage/rocks_status.h"
#include "internal/text/actor_name.h"
#include "internal/util/status_macros.h"

namespace annals::internal {
namespace {

// One name of an actor spec and the period in which it stands for the spec.
struct Term {
  uint32_t actor = 0;
  std::vector<uint32_t> roles;  // ActorFilter::roles: the spec's role, applied to every name
  ClassMask classes = 0;
  uint64_t events = 0;
  int64_t from_us = kMinusInfinity;
  int64_t to_us = kPlusInfinity;
};
using Group = std::vector<Term>;

// The role numbers a spec requires (ActorFilter::roles); nullopt when no entry can have its role.
absl::StatusOr<std::optional<std::vector<uint32_t>>> SpecRoles(const ScanContext& ctx,
                                                               const ActorSpec& spec) {
  if (!spec.role) return std::vector<uint32_t>{};
  absl::StatusOr<std::string> key = ActorLookupKey(*spec.role);
  if (!key.ok()) return std::nullopt;
  if (key->empty()) return std::vector<uint32_t>{0};  // entries without a role
  ASSIGN_OR_RETURN(std::optional<uint32_t> role,
                   Dictionary::Lookup(*ctx.view, DictKind::kRole, *key));
  if (!role) return std::nullopt;
  return std::vector<uint32_t>{*role};
}

// Adds the term of `lookup_key` for [from, to) when the actor is known.
absl::Status AddTerm(const ScanContext& ctx, std::string_view lookup_key,
                     const std::vector<uint32_t>& roles, int64_t from_us, int64_t to_us,
                     Group* group) {
  ASSIGN_OR_RETURN(std::optional<uint32_t> number,
                   Dictionary::Lookup(*ctx.view, DictKind::kActor, lookup_key));
  if (!number) return absl::OkStatus();
  ASSIGN_OR_RETURN(DictEntry entry, Dictionary::Get(*ctx.view, DictKind::kActor, *number));
  group->push_back(Term{*number, roles, entry.classes, entry.event_count, from_us, to_us});
  return absl::OkStatus();
}

// The terms of one actor spec: its name at any time, then the aliases of the name, each with the
// spec's role. Empty when no entry can satisfy the spec.
absl::StatusOr<Group> ResolveSpec(const ScanContext& ctx, const ActorSpec& spec) {
  Group group;
  absl::StatusOr<std::string> key = ActorLookupKey(spec.name);
  if (!key.ok()) return group;  // not valid UTF-8: names nothing stored
  ASSIGN_OR_RETURN(std::optional<std::vector<uint32_t>> roles, SpecRoles(ctx, spec));
  if (!roles) return group;
  RETURN_IF_ERROR(AddTerm(ctx, *key, *roles, kMinusInfinity, kPlusInfinity, &group));
  ASSIGN_OR_RETURN(std::vector<AliasRecord> aliases, ReadAliases(*ctx.view, AliasPrefix(*key)));
  for (const AliasRecord& a : aliases) {
    RETURN_IF_ERROR(AddTerm(ctx, a.alias_key, *roles, a.from_us, a.to_us, &group));
  }
  return group;
}

// Plain names (any role) and specs, as one list.
std::vector<ActorSpec> Specs(const std::vector<std::string>& names,
                             const std::vector<ActorSpec>& specs) {
  std::vector<ActorSpec> out;
  for (const std::string& name : names) out.push_back(ActorSpec{name, std::nullopt});
  out.insert(out.end(), specs.begin(), specs.end());
  return out;
}

uint64_t Cost(const Group& g) {
  uint64_t n = 0;
  for (const Term& t : g) n += t.events;
  return n;
}

// An actor scan restricted to the events overlapping both the query range and the term's
// period: the range it scans is their intersection (overlapping both ranges is the overlap
// formula applied to max(from), min(to)).
class BoundedScan : public Stream {
 public:
  BoundedScan(const ScanContext& ctx, const Term& t) : ctx_(std::make_unique<ScanContext>(ctx)) {
    ctx_->from_us = std::max(ctx.from_us, t.from_us);
    ctx_->to_us = std::min(ctx.to_us, t.to_us);
    inner_ = NewIndexScan(*ctx_, kByActorCf, t.actor, t.classes, t.roles);
  }
  void Seek(const Hit& target) override { inner_->Seek(target); }
  void Next() override { inner_->Next(); }
  bool Valid() const override { return inner_->Valid(); }
  const Hit& hit() const override { return inner_->hit(); }
  absl::Status status() const override { return inner_->status(); }

 private:
  std::unique_ptr<ScanContext> ctx_;  // inner_ refers to it
  std::unique_ptr<Stream> inner_;
};

std::unique_ptr<Stream> ScanGroup(const ScanContext& ctx, const Group& group) {
  std::vector<std::unique_ptr<Stream>> scans;
  for (const Term& t : group) scans.push_back(std::make_unique<BoundedScan>(ctx, t));
  if (scans.size() == 1) return std::move(scans[0]);
  return NewUnion(std::move(scans), ctx.reverse);
}

// The hits of `driver` whose event matches a term of every group in `all` and, when `any` is
// not empty, a term of `any`. A term matches when the event overlaps its period and names its
// actor (one exact by_actor lookup).
class GroupFilter : public ActorFilterStream {
 public:
  GroupFilter(const ScanContext& ctx, std::unique_ptr<Stream> driver, std::vector<Group> all,
              Group any)
      : ActorFilterStream(ctx, std::move(driver)), all_(std::move(all)), any_(std::move(any)) {
    Settle();
  }

 private:
  bool Matches(const Group& g, const Hit& h) {
    for (const Term& t : g) {
      if (Overlaps(h.start, h.end, t.from_us, t.to_us) && Involves(t.actor, t.roles, h)) {
        return true;
      }
    }
    return false;
  }
  bool Passes(const Hit& h) override {
    for (const Group& g : all_) {
      if (!Matches(g, h)) return false;
    }
    return any_.empty() || Matches(any_, h);
  }

  const std::vector<Group> all_;
  const Group any_;
};

}  // namespace

absl::StatusOr<bool> QueryHasAliases(const Query& query, const ScanContext& ctx) {
  if (!query.resolve_aliases) return false;
  for (const std::vector<ActorSpec>& specs : {Specs(query.all_actors, query.all_actor_specs),
                                              Specs(query.any_actors, query.any_actor_specs)}) {
    for (const ActorSpec& spec : specs) {
      absl::StatusOr<std::string> key = ActorLookupKey(spec.name);
      if (!key.ok()) continue;
      std::unique_ptr<rocksdb::Iterator> it = ctx.view->NewIterator(kDictCf);
      const std::string prefix = AliasPrefix(*key);
      it->Seek(prefix);
      if (it->Valid() && it->key().starts_with(prefix)) return true;
      RETURN_IF_ERROR(FromRocksDb(it->status(), ctx.store->path()));
    }
  }
  return false;
}

absl::StatusOr<std::unique_ptr<Stream>> PlanAliasedQuery(const Query& query, ScanContext* ctx) {
  std::vector<Group> all;
  for (const ActorSpec& spec : Specs(query.all_actors, query.all_actor_specs)) {
    ASSIGN_OR_RETURN(Group g, ResolveSpec(*ctx, spec));
    if (g.empty()) return nullptr;
    all.push_back(std::move(g));
  }
  Group any;
  const std::vector<ActorSpec> any_specs = Specs(query.any_actors, query.any_actor_specs);
  for (const ActorSpec& spec : any_specs) {
    ASSIGN_OR_RETURN(Group g, ResolveSpec(*ctx, spec));
    any.insert(any.end(), g.begin(), g.end());
  }
  if (!any_specs.empty() && any.empty()) return nullptr;
  if (all.empty()) return ScanGroup(*ctx, any);
  // The group with the fewest events drives; the others are exact lookups per candidate.
  auto cheapest = std::min_element(
      all.begin(), all.end(), [](const Group& a, const Group& b) { return Cost(a) < Cost(b); });
  std::iter_swap(all.begin(), cheapest);
  std::unique_ptr<Stream> driver = ScanGroup(*ctx, all[0]);
  all.erase(all.begin());
  if (all.empty() && any.empty()) return driver;
  return std::make_unique<GroupFilter>(*ctx, std::move(driver), std::move(all), std::move(any));
}

}  // namespace annals::internal
