// Copyright: the Annals authors.
#include "internal/query/alias_plan.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "internal/storage/alias_table.h"
#include "internal/storage/dictionary.h"
#include "internal/storage/key_codec.h"
#include "internal/storage/rocks_status.h"
#include "internal/storage/span_class.h"
#include "internal/text/actor_name.h"
#include "internal/util/status_macros.h"

namespace annals::internal {
namespace {

// One name of an actor spec and the period in which it stands for the spec.
struct Term {
  uint32_t actor = 0;
  ClassMask classes = 0;
  uint64_t events = 0;
  int64_t from_us = kMinusInfinity;
  int64_t to_us = kPlusInfinity;
};
using Group = std::vector<Term>;

// Adds the term of `lookup_key` for [from, to) when the actor is known.
absl::Status AddTerm(const ScanContext& ctx, std::string_view lookup_key, int64_t from_us,
                     int64_t to_us, Group* group) {
  ASSIGN_OR_RETURN(std::optional<uint32_t> number,
                   Dictionary::Lookup(*ctx.store, DictKind::kActor, lookup_key, ctx.snapshot));
  if (!number) return absl::OkStatus();
  ASSIGN_OR_RETURN(DictEntry entry,
                   Dictionary::Get(*ctx.store, DictKind::kActor, *number, ctx.snapshot));
  group->push_back(Term{*number, entry.classes, entry.event_count, from_us, to_us});
  return absl::OkStatus();
}

// The terms of one actor spec: the name at any time, then its aliases. Empty when no name of
// it is known.
absl::StatusOr<Group> ResolveSpec(const ScanContext& ctx, const std::string& name) {
  Group group;
  absl::StatusOr<std::string> key = ActorLookupKey(name);
  if (!key.ok()) return group;  // not valid UTF-8: names nothing stored
  RETURN_IF_ERROR(AddTerm(ctx, *key, kMinusInfinity, kPlusInfinity, &group));
  ASSIGN_OR_RETURN(std::vector<AliasRecord> aliases,
                   ReadAliases(*ctx.store, AliasPrefix(*key), ctx.snapshot));
  for (const AliasRecord& a : aliases) {
    RETURN_IF_ERROR(AddTerm(ctx, a.alias_key, a.from_us, a.to_us, &group));
  }
  return group;
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
    inner_ = NewIndexScan(*ctx_, kByActorCf, t.actor, t.classes);
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
class GroupFilter : public Stream {
 public:
  GroupFilter(const ScanContext& ctx, std::unique_ptr<Stream> driver, std::vector<Group> all,
              Group any)
      : ctx_(ctx), driver_(std::move(driver)), all_(std::move(all)), any_(std::move(any)) {
    Settle();
  }
  void Seek(const Hit& target) override {
    driver_->Seek(target);
    Settle();
  }
  void Next() override {
    driver_->Next();
    Settle();
  }
  bool Valid() const override { return status_.ok() && driver_->Valid(); }
  const Hit& hit() const override { return driver_->hit(); }
  absl::Status status() const override { return status_.ok() ? driver_->status() : status_; }

 private:
  bool Involves(uint32_t actor, const Hit& h) {
    const uint8_t cls = SpanClass(h.start, h.end);
    const std::string key =
        EncodeIndexKey(true, IndexKey{actor, cls, OrderTime(cls, h.start, h.end), h.event});
    rocksdb::ReadOptions ro;
    ro.snapshot = ctx_.snapshot;
    rocksdb::PinnableSlice value;
    ++ctx_.counters->index_entries_scanned;
    rocksdb::Status s = ctx_.store->db()->Get(ro, ctx_.store->cf(kByActorCf), key, &value);
    if (s.IsNotFound()) return false;
    if (!s.ok()) status_ = FromRocksDb(s, ctx_.store->path());
    return s.ok();
  }
  bool Matches(const Group& g, const Hit& h) {
    for (const Term& t : g) {
      if (Overlaps(h.start, h.end, t.from_us, t.to_us) && Involves(t.actor, h)) return true;
    }
    return false;
  }
  bool Passes(const Hit& h) {
    for (const Group& g : all_) {
      if (!Matches(g, h)) return false;
    }
    return any_.empty() || Matches(any_, h);
  }
  void Settle() {
    while (status_.ok() && driver_->Valid() && !Passes(driver_->hit())) driver_->Next();
  }

  const ScanContext& ctx_;
  std::unique_ptr<Stream> driver_;
  const std::vector<Group> all_;
  const Group any_;
  absl::Status status_;
};

}  // namespace

absl::StatusOr<bool> QueryHasAliases(const Query& query, const ScanContext& ctx) {
  if (!query.resolve_aliases) return false;
  for (const auto* names : {&query.all_actors, &query.any_actors}) {
    for (const std::string& name : *names) {
      absl::StatusOr<std::string> key = ActorLookupKey(name);
      if (!key.ok()) continue;
      rocksdb::ReadOptions ro;
      ro.snapshot = ctx.snapshot;
      std::unique_ptr<rocksdb::Iterator> it(
          ctx.store->db()->NewIterator(ro, ctx.store->cf(kDictCf)));
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
  for (const std::string& name : query.all_actors) {
    ASSIGN_OR_RETURN(Group g, ResolveSpec(*ctx, name));
    if (g.empty()) return nullptr;
    all.push_back(std::move(g));
  }
  Group any;
  for (const std::string& name : query.any_actors) {
    ASSIGN_OR_RETURN(Group g, ResolveSpec(*ctx, name));
    any.insert(any.end(), g.begin(), g.end());
  }
  if (!query.any_actors.empty() && any.empty()) return nullptr;
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
