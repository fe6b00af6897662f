// Copyright: the Annals authors.
//
// IndexScan: one index prefix, one stream per span class present, merged.
#include <algorithm>

#include "internal/query/index_stream.h"
#include "internal/query/match_range.h"
#include "internal/query/pair_days.h"
#include "internal/storage/day_counts.h"
#include "internal/storage/format.h"
#include "internal/storage/rocks_status.h"
#include "internal/storage/span_class.h"

namespace annals::internal {
namespace {

// Decodes an index entry into a hit (all but its record); false if it is damaged.
bool DecodeHit(ColumnFamily family, std::string_view key, std::string_view value, Hit* hit,
               std::string_view* roles, std::string_view* record) {
  IndexEntry e;
  if (!DecodeIndexEntry(family, key, value, &e)) return false;
  hit->start = e.start_us;
  hit->event_number = e.event_number;
  hit->end = e.end_us;
  hit->type = e.type;
  hit->version_from = e.system_from;
  hit->version_to = e.system_to;
  *roles = e.roles;
  *record = e.covering;
  return true;
}

bool RolesAllowed(const std::vector<uint32_t>& required, std::string_view roles) {
  for (uint32_t role : required) {
    if (!RolesContain(roles, role)) return false;
  }
  return true;
}

bool TypeAllowed(const ScanContext& ctx, uint32_t type) {
  return ctx.types.empty() || std::binary_search(ctx.types.begin(), ctx.types.end(), type);
}

// One span class ordered by start (finite classes and open-end): a bounded RocksDB range scan.
class RangeScan : public Stream {
 public:
  // `days`, when given, are the only start days whose entries can be wanted (ascending): the
  // scan seeks past the others.
  RangeScan(const ScanContext& ctx, ColumnFamily family, uint32_t prefix, uint8_t cls,
            std::vector<uint32_t> roles, const std::vector<int64_t>* days = nullptr)
      : ctx_(ctx),
        family_(family),
        prefix_(prefix),
        cls_(cls),
        roles_(std::move(roles)),
        range_(MatchRange(cls, ctx)),
        days_(days) {
    if (range_.empty()) return;
    lower_ = IndexBoundKey(family_, prefix_, cls_, range_.lo);
    upper_ = IndexBoundKey(family_, prefix_, cls_, range_.hi);
    lower_slice_ = rocksdb::Slice(lower_);
    upper_slice_ = rocksdb::Slice(upper_);
    rocksdb::ReadOptions ro = ctx.view->options();
    ro.iterate_lower_bound = &lower_slice_;
    ro.iterate_upper_bound = &upper_slice_;
    it_.reset(ctx.store->db()->NewIterator(ro, ctx.store->cf(family)));
  }

  void Seek(const Hit& target) override {
    if (!it_) return;
    if (!ctx_.reverse) {
      if (target.start < range_.lo) {
        it_->SeekToFirst();
      } else {
        it_->Seek(Key(target));
      }
    } else if (target.start >= range_.hi) {
      it_->SeekToLast();
    } else if (target.start < range_.lo) {
      valid_ = false;
      return;
    } else {
      it_->SeekForPrev(Key(target));
    }
    Settle();
  }

  void Next() override {
    ctx_.reverse ? it_->Prev() : it_->Next();
    Settle();
  }
  bool Valid() const override { return valid_; }
  const Hit& hit() const override { return hit_; }
  absl::Status status() const override { return status_; }

 private:
  // Whether the hit's version is current as of the query's system time (always, without one).
  absl::StatusOr<bool> Visible() const {
    if (ctx_.as_of == nullptr) return true;
    if (IsOldIndex(family_)) return ctx_.as_of->Covers(hit_.version_from, hit_.version_to);
    return CurrentVisible(*ctx_.view, *ctx_.as_of, hit_.event_number);
  }

  std::string Key(const Hit& target) const {
    return IndexPositionKey(family_, prefix_, cls_, target.start, target.event_number);
  }

  // Entries read one by one on a day outside days_ before the scan seeks to the next day in it:
  // a seek costs several steps, and a day often holds only a few entries.
  static constexpr int kStepsBeforeSeek = 8;

  enum class DaySeek { kSought, kNoneLeft, kCannot };

  // Positions the iterator at the first entry (in stream order) of the next day in days_ after
  // the current hit's day. kCannot when that day's key cannot be formed (the caller steps on).
  DaySeek SeekSharedDay() {
    const int64_t day = DayOf(hit_.start);
    int64_t at;
    if (!ctx_.reverse) {
      auto next = std::upper_bound(days_->begin(), days_->end(), day);
      if (next == days_->end()) return DaySeek::kNoneLeft;
      if (__builtin_mul_overflow(*next, kDayUs, &at)) return DaySeek::kCannot;
      it_->Seek(IndexPositionKey(family_, prefix_, cls_, at, 0));
    } else {
      auto next = std::lower_bound(days_->begin(), days_->end(), day);
      if (next == days_->begin()) return DaySeek::kNoneLeft;
      if (__builtin_mul_overflow(*--next + 1, kDayUs, &at)) return DaySeek::kCannot;
      it_->SeekForPrev(IndexPositionKey(family_, prefix_, cls_, at - 1, UINT64_MAX));
    }
    return DaySeek::kSought;
  }

  bool OnSharedDay() const {
    return std::binary_search(days_->begin(), days_->end(), DayOf(hit_.start));
  }

  void Step() { ctx_.reverse ? it_->Prev() : it_->Next(); }

  // Moves forward (in stream order) to the first entry that overlaps the range, passes the type
  // and role filters and, with days_, starts on one of those days.
  void Settle() {
    int off_days = 0;  // entries read in a row on days outside days_
    while (it_->Valid()) {
      ++ctx_.counters->index_entries_scanned;
      rocksdb::Slice k = it_->key(), v = it_->value();
      std::string_view roles, record;
      if (!DecodeHit(family_, {k.data(), k.size()}, {v.data(), v.size()}, &hit_, &roles, &record)) {
        status_ = absl::DataLossError(ctx_.store->path() + ": damaged index entry in " +
                                      kColumnFamilyNames[family_]);
        valid_ = false;
        return;
      }
      if (days_ != nullptr && !OnSharedDay()) {
        if (++off_days >= kStepsBeforeSeek) {
          off_days = 0;
          const DaySeek sought = SeekSharedDay();
          if (sought == DaySeek::kSought) continue;
          if (sought == DaySeek::kNoneLeft) break;
        }
        Step();
        continue;
      }
      off_days = 0;
      if (InRange(ctx_, hit_.start, hit_.end) && TypeAllowed(ctx_, hit_.type) &&
          RolesAllowed(roles_, roles)) {
        absl::StatusOr<bool> visible = Visible();
        if (!visible.ok()) {
          status_ = visible.status();
          valid_ = false;
          return;
        }
        if (*visible) {
          // Copied only for a hit that passed every filter, and only for a cursor.
          if (ctx_.records) {
            hit_.record.assign(record);
          } else {
            hit_.record.clear();
          }
          valid_ = true;
          return;
        }
      }
      Step();
    }
    status_ = FromRocksDb(it_->status(), ctx_.store->path());
    valid_ = false;
  }

  const ScanContext& ctx_;
  const ColumnFamily family_;
  const uint32_t prefix_;
  const uint8_t cls_;
  const std::vector<uint32_t> roles_;
  const OrderRange range_;
  const std::vector<int64_t>* const days_;
  std::string lower_, upper_;
  rocksdb::Slice lower_slice_, upper_slice_;
  std::unique_ptr<rocksdb::Iterator> it_;
  bool valid_ = false;
  Hit hit_;
  absl::Status status_;
};

// The open-start class, ordered by end in the index but all tied at start = -inf in result
// order: its matches (every entry scanned is one) are read once and sorted by event number.
class OpenStartScan : public Stream {
 public:
  OpenStartScan(const ScanContext& ctx, ColumnFamily family, uint32_t prefix,
                std::vector<uint32_t> roles)
      : reverse_(ctx.reverse) {
    const OrderRange range = MatchRange(kOpenStartClass, ctx);
    if (range.empty()) return;
    ScanContext forward = ctx;
    forward.reverse = false;
    RangeScan scan(forward, family, prefix, kOpenStartClass, std::move(roles));
    for (scan.Seek(FirstTarget(false)); scan.Valid(); scan.Next()) hits_.push_back(scan.hit());
    status_ = scan.status();
    std::sort(hits_.begin(), hits_.end(),
              [this](const Hit& a, const Hit& b) { return Precedes(a, b, reverse_); });
  }

  void Seek(const Hit& target) override {
    pos_ = std::partition_point(hits_.begin(), hits_.end(),
                                [&](const Hit& h) { return Precedes(h, target, reverse_); }) -
           hits_.begin();
  }
  void Next() override { ++pos_; }
  bool Valid() const override { return pos_ < hits_.size(); }
  const Hit& hit() const override { return hits_[pos_]; }
  absl::Status status() const override { return status_; }

 private:
  const bool reverse_;
  std::vector<Hit> hits_;
  size_t pos_ = 0;
  absl::Status status_;
};

}  // namespace

std::unique_ptr<Stream> NewIndexScan(const ScanContext& ctx, ColumnFamily family, uint32_t prefix,
                                     ClassMask classes, std::vector<uint32_t> roles,
                                     const PairDays* days) {
  std::vector<std::unique_ptr<Stream>> children;
  // As of a system time, the closed versions' index too: the same keys, another family.
  std::vector<ColumnFamily> families = {family};
  if (ctx.as_of != nullptr) families.push_back(OldIndexOf(family));
  classes &= static_cast<ClassMask>(~ctx.skip_classes);
  for (ColumnFamily f : families) {
    for (int cls = 0; cls < kNumClasses; ++cls) {
      if ((classes & (1u << cls)) == 0) continue;
      if (cls == kOpenStartClass) {
        children.push_back(std::make_unique<OpenStartScan>(ctx, f, prefix, roles));
      } else {
        const std::vector<int64_t>* start_days =
            days != nullptr ? days->StartDays(static_cast<uint8_t>(cls)) : nullptr;
        children.push_back(std::make_unique<RangeScan>(ctx, f, prefix, cls, roles, start_days));
      }
    }
  }
  return NewUnion(std::move(children), ctx.reverse);
}

}  // namespace annals::internal
