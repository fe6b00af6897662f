// Copyright: the Annals authors.
//
// MembershipFilter: keeps the hits of a driving stream whose event also involves other actors,
// tested by exact lookups of their index keys.
#include "internal/query/index_stream.h"
#include "internal/storage/key_codec.h"
#include "internal/storage/rocks_status.h"
#include "internal/storage/span_class.h"

namespace annals::internal {
namespace {

class MembershipFilter : public Stream {
 public:
  MembershipFilter(const ScanContext& ctx, std::unique_ptr<Stream> driver,
                   std::vector<uint32_t> all, std::vector<uint32_t> any)
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
  // True if `actor` has the index entry of the event of `h`: the key is fully determined by the
  // event (class and order time belong to the event, not to the actor).
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

  bool Passes(const Hit& h) {
    for (uint32_t a : all_) {
      if (!Involves(a, h)) return false;
    }
    if (any_.empty()) return true;
    for (uint32_t a : any_) {
      if (Involves(a, h)) return true;
    }
    return false;
  }

  void Settle() {
    while (status_.ok() && driver_->Valid() && !Passes(driver_->hit())) driver_->Next();
  }

  const ScanContext& ctx_;
  std::unique_ptr<Stream> driver_;
  const std::vector<uint32_t> all_;
  const std::vector<uint32_t> any_;
  absl::Status status_;
};

}  // namespace

std::unique_ptr<Stream> NewMembershipFilter(const ScanContext& ctx, std::unique_ptr<Stream> driver,
                                            std::vector<uint32_t> all, std::vector<uint32_t> any) {
  return std::make_unique<MembershipFilter>(ctx, std::move(driver), std::move(all), std::move(any));
}

}  // namespace annals::internal
