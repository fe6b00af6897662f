// Copyright: the Annals authors.
#include "internal/query/cursors.h"

#include <algorithm>
#include <vector>

#include "internal/query/index_stream.h"
#include "internal/query/planner.h"
#include "internal/storage/format.h"
#include "internal/storage/record_codec.h"
#include "internal/storage/rocks_status.h"
#include "internal/util/status_macros.h"

namespace annals::internal {
namespace {

constexpr size_t kFirstBatch = 16;
constexpr size_t kMaxBatch = 256;

// Owns a snapshot and the plan built on it.
struct PlannedQuery {
  explicit PlannedQuery(const Store* store) : view(ReadView::AtSnapshot(*store)) {
    ctx.view = &view;
    ctx.store = store;
    ctx.snapshot = view.snapshot();
    ctx.counters = &counters;
  }
  const ReadView view;
  QueryCounters counters;
  ScanContext ctx;
  std::unique_ptr<Stream> root;  // nullptr: empty result
  uint64_t remaining = UINT64_MAX;
};

absl::Status Plan(const Query& query, PlannedQuery* p) {
  p->ctx.from_us = query.from_us;
  p->ctx.to_us = query.to_us;
  p->ctx.reverse = query.reverse;
  p->ctx.within = query.within;
  if (query.limit) p->remaining = *query.limit;
  ASSIGN_OR_RETURN(p->root, PlanQuery(query, &p->ctx));
  return absl::OkStatus();
}

class QueryCursor : public Cursor {
 public:
  QueryCursor(const Store* store, SharedCounters* totals) : p_(store), totals_(totals) {}
  ~QueryCursor() override { totals_->Add(p_.counters); }

  absl::Status Init(const Query& query) { return Plan(query, &p_); }

  bool Next() override {
    if (++pos_ < filled_) return true;
    if (!status_.ok() || !Fill()) return false;
    pos_ = 0;
    return true;
  }
  const Event& event() const override { return events_[pos_]; }
  absl::Status status() const override { return status_; }
  QueryCounters counters() const override { return p_.counters; }

 private:
  // Reads the next batch of hits and their records. False at the end or on error. The batch's
  // buffers (keys, values, events) are kept and reused by the next batch.
  bool Fill() {
    filled_ = 0;
    hits_.clear();
    Stream* root = p_.root.get();
    while (root != nullptr && root->Valid() && p_.remaining > 0 && hits_.size() < batch_) {
      hits_.push_back(root->hit());
      --p_.remaining;
      root->Next();
    }
    if (root != nullptr && !root->status().ok()) status_ = root->status();
    batch_ = std::min(batch_ * 2, kMaxBatch);
    if (!status_.ok() || hits_.empty()) return false;
    status_ = Fetch();
    return status_.ok();
  }

  absl::Status Fetch() {
    const size_t n = hits_.size();
    if (keys_.size() < n) {
      keys_.resize(n);
      slices_.resize(n);
      values_.resize(n);
      statuses_.resize(n);
      events_.resize(n);
    }
    for (size_t i = 0; i < n; ++i) {
      keys_[i] = EncodeEventKey(hits_[i].event_number);
      slices_[i] = rocksdb::Slice(keys_[i]);
    }
    const Store* store = p_.ctx.store;
    store->db()->MultiGet(p_.view.options(), store->cf(kEventsCf), n, slices_.data(),
                          values_.data(), statuses_.data());
    for (size_t i = 0; i < n; ++i) {
      if (statuses_[i].IsNotFound()) {
        return absl::DataLossError(store->path() + ": an index entry names a missing record");
      }
      RETURN_IF_ERROR(FromRocksDb(statuses_[i], store->path()));
      Event& e = events_[i];
      uint32_t type = 0;
      absl::Status decoded = DecodeRecordInto({values_[i].data(), values_[i].size()}, &e, &type);
      values_[i].Reset();  // unpins the block
      RETURN_IF_ERROR(decoded);
      // A damaged record or index entry must not turn into a wrong answer.
      if (e.time.start_us() != hits_[i].start || e.time.end_us() != hits_[i].end ||
          type != hits_[i].type) {
        return absl::DataLossError(store->path() + ": event " +
                                   std::to_string(hits_[i].event_number) +
                                   " disagrees with its index entry (run annals check)");
      }
    }
    filled_ = n;
    p_.counters.records_fetched += n;
    p_.counters.events_returned += n;
    return absl::OkStatus();
  }

  PlannedQuery p_;
  SharedCounters* totals_;
  // One batch; every vector keeps its largest size, events_[0, filled_) are the results.
  std::vector<Hit> hits_;
  std::vector<std::string> keys_;
  std::vector<rocksdb::Slice> slices_;
  std::vector<rocksdb::PinnableSlice> values_;
  std::vector<rocksdb::Status> statuses_;
  std::vector<Event> events_;
  size_t filled_ = 0;
  size_t pos_ = 0;
  size_t batch_ = kFirstBatch;
  absl::Status status_;
};

class ScanCursor : public Cursor {
 public:
  explicit ScanCursor(const Store* store)
      : store_(store),
        view_(ReadView::AtSnapshot(*store)),
        it_(view_.NewIterator(kEventsCf, /*fill_cache=*/false)) {
    it_->SeekToFirst();
  }

  bool Next() override {
    if (!status_.ok()) return false;
    if (started_) it_->Next();
    started_ = true;
    if (!it_->Valid()) {
      status_ = FromRocksDb(it_->status(), store_->path());
      return false;
    }
    uint32_t type = 0;
    status_ = DecodeRecordInto({it_->value().data(), it_->value().size()}, &event_, &type);
    if (!status_.ok()) return false;
    ++counters_.records_fetched;
    ++counters_.events_returned;
    return true;
  }
  const Event& event() const override { return event_; }
  absl::Status status() const override { return status_; }
  QueryCounters counters() const override { return counters_; }

 private:
  const Store* store_;
  const ReadView view_;
  std::unique_ptr<rocksdb::Iterator> it_;
  bool started_ = false;
  Event event_;
  QueryCounters counters_;
  absl::Status status_;
};

}  // namespace

void SharedCounters::Add(const QueryCounters& c) {
  index_entries_scanned += c.index_entries_scanned;
  events_returned += c.events_returned;
  records_fetched += c.records_fetched;
}

QueryCounters SharedCounters::Get() const {
  return QueryCounters{index_entries_scanned.load(), events_returned.load(),
                       records_fetched.load()};
}

absl::StatusOr<std::unique_ptr<Cursor>> NewQueryCursor(const Store* store, const Query& query,
                                                       SharedCounters* totals) {
  auto cursor = std::make_unique<QueryCursor>(store, totals);
  RETURN_IF_ERROR(cursor->Init(query));
  return cursor;
}

absl::StatusOr<uint64_t> CountMatches(const Store* store, const Query& query,
                                      SharedCounters* totals) {
  PlannedQuery p(store);
  RETURN_IF_ERROR(Plan(query, &p));
  uint64_t n = 0;
  for (Stream* root = p.root.get(); root != nullptr && root->Valid() && n < p.remaining;
       root->Next()) {
    ++n;
  }
  if (p.root != nullptr) RETURN_IF_ERROR(p.root->status());
  p.counters.events_returned = n;
  totals->Add(p.counters);
  return n;
}

std::unique_ptr<Cursor> NewScanCursor(const Store* store) {
  return std::make_unique<ScanCursor>(store);
}

}  // namespace annals::internal
