// Copyright: the Annals authors.
//
// MembershipFilter: keeps the hits of a driving stream whose event also involves other actors
// (with roles), tested by exact lookups of their by_actor entries.
#include "internal/query/index_stream.h"
#include "internal/query/pair_days.h"
#include "internal/storage/format.h"
#include "internal/util/status_macros.h"

namespace annals::internal {
namespace {

class MembershipFilter : public ActorFilterStream {
 public:
  MembershipFilter(const ScanContext& ctx, std::unique_ptr<Stream> driver,
                   std::vector<ActorFilter> all, std::vector<ActorFilter> any,
                   std::shared_ptr<const PairDays> pair_days)
      : ActorFilterStream(ctx, std::move(driver)),
        all_(std::move(all)),
        any_(std::move(any)),
        pair_days_(std::move(pair_days)) {
    Settle();
  }

 private:
  bool Passes(const ActorFilter& f, const Hit& h) { return Involves(f.actor, f.roles, h); }

  bool Passes(const Hit& h) override {
    if (pair_days_ != nullptr && !pair_days_->MayInvolveBoth(h)) return false;
    for (const ActorFilter& f : all_) {
      if (!Passes(f, h)) return false;
    }
    if (any_.empty()) return true;
    for (const ActorFilter& f : any_) {
      if (Passes(f, h)) return true;
    }
    return false;
  }

  const std::vector<ActorFilter> all_;
  const std::vector<ActorFilter> any_;
  const std::shared_ptr<const PairDays> pair_days_;
};

}  // namespace

void ActorFilterStream::Seek(const Hit& target) {
  driver_->Seek(target);
  Settle();
}

void ActorFilterStream::Next() {
  driver_->Next();
  Settle();
}

void ActorFilterStream::Settle() {
  while (status_.ok() && driver_->Valid() && !Passes(driver_->hit())) driver_->Next();
}

bool ActorFilterStream::Involves(uint32_t actor, const std::vector<uint32_t>& roles, const Hit& h) {
  absl::StatusOr<bool> involved = InvolvesActor(ctx_, actor, roles, h);
  if (!involved.ok()) status_ = involved.status();
  return involved.ok() && *involved;
}

absl::StatusOr<bool> InvolvesActor(const ScanContext& ctx, uint32_t actor,
                                   const std::vector<uint32_t>& roles, const Hit& h) {
  ++ctx.counters->index_entries_scanned;
  // A closed version's entries (as-of queries) are in old_by_actor, under a longer key.
  const ColumnFamily family = h.version_from != 0 ? kOldByActorCf : kByActorCf;
  std::string key = EncodeIndexKey(kByActorCf, actor, h.start, h.end, h.event_number);
  if (h.version_from != 0) key = OldIndexKey(key, h.version_from, h.version_to);
  ASSIGN_OR_RETURN(std::optional<std::string> value, ctx.view->Get(family, key));
  if (!value.has_value()) return false;
  if (roles.empty()) return true;
  IndexEntry e;
  if (!DecodeIndexEntry(family, key, *value, &e)) {
    return absl::DataLossError(ctx.store->path() + ": damaged index entry in by_actor");
  }
  for (uint32_t role : roles) {
    if (!RolesContain(e.roles, role)) return false;
  }
  return true;
}

std::unique_ptr<Stream> NewMembershipFilter(const ScanContext& ctx, std::unique_ptr<Stream> driver,
                                            std::vector<ActorFilter> all,
                                            std::vector<ActorFilter> any,
                                            std::shared_ptr<const PairDays> pair_days) {
  return std::make_unique<MembershipFilter>(ctx, std::move(driver), std::move(all), std::move(any),
                                            std::move(pair_days));
}

}  // namespace annals::internal
