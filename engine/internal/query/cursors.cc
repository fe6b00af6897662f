// Copyright: the Annals authors.
#include "internal/query/cursors.h"

#include <algorithm>
#include <vector>

#include "internal/query/day_count_scan.h"
#include "internal/query/index_stream.h"
#include "internal/query/planned_query.h"
#include "internal/storage/covering_record.h"
#include "internal/storage/day_counts.h"
#include "internal/storage/format.h"
#include "internal/storage/record_codec.h"
#include "internal/storage/rocks_status.h"
#include "internal/util/status_macros.h"

namespace annals::internal {
namespace {

constexpr size_t kFirstBatch = 16;
constexpr size_t kMaxBatch = 256;

class QueryCursor : public Cursor {
 public:
  QueryCursor(const Store* store, SharedCounters* totals) : p_(store), totals_(totals) {}
  ~QueryCursor() override { totals_->Add(p_.counters); }

  absl::Status Init(const Query& query) {
    p_.ctx.records = true;
    return p_.Plan(query);
  }

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

  // Decodes each hit's event: from the hit's covering record when it has one (by_actor), else from
  // the record fetched from events (one MultiGet for the batch) or, for a closed version, history.
  absl::Status Fetch() {
    const size_t n = hits_.size();
    if (keys_.size() < n) {
      keys_.resize(n);
      slices_.resize(n);
      values_.resize(n);
      statuses_.resize(n);
      events_.resize(n);
    }
    size_t fetches = 0;  // records read from events (closed versions' are counted below)
    for (size_t i = 0; i < n; ++i) {
      // A closed version (as-of queries) is read from history below; its number may name a
      // newer current version in events.
      if (!hits_[i].record.empty() || hits_[i].version_from != 0) continue;
      keys_[fetches] = EncodeEventKey(hits_[i].event_number);
      slices_[fetches] = rocksdb::Slice(keys_[fetches]);
      ++fetches;
    }
    const Store* store = p_.ctx.store;
    if (fetches > 0) {
      store->db()->MultiGet(p_.view.record_options(), store->cf(kEventsCf), fetches, slices_.data(),
                            values_.data(), statuses_.data());
    }
    size_t fetched = 0;
    for (size_t i = 0; i < n; ++i) {
      const Hit& hit = hits_[i];
      Event& e = events_[i];
      uint32_t type = hit.type;
      if (!hit.record.empty()) {
        RETURN_IF_ERROR(DecodeCoveringRecord(hit.record, &e));
      } else {
        rocksdb::PinnableSlice* value = &values_[0];
        if (hit.version_from != 0) {
          RETURN_IF_ERROR(FetchClosedRecord(p_.view, hit.event_number, hit.version_from, &closed_));
          ++p_.counters.records_fetched;
          value = &closed_;
        } else {
          const size_t j = fetched++;
          if (statuses_[j].IsNotFound()) {
            return absl::DataLossError(store->path() + ": an index entry names a missing record");
          }
          RETURN_IF_ERROR(FromRocksDb(statuses_[j], store->path()));
          value = &values_[j];
        }
        absl::Status decoded = DecodeRecordInto({value->data(), value->size()}, &e, &type);
        value->Reset();  // unpins the block
        RETURN_IF_ERROR(decoded);
      }
      // A damaged record or index entry must not turn into a wrong answer.
      if (e.time.start_us() != hit.start || e.time.end_us() != hit.end || type != hit.type) {
        return absl::DataLossError(store->path() + ": event " + std::to_string(hit.event_number) +
                                   " disagrees with its index entry (run annals check)");
      }
    }
    filled_ = n;
    p_.counters.records_fetched += fetches;
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
  rocksdb::PinnableSlice closed_;  // a closed version's record, read from history
  std::vector<Event> events_;
  size_t filled_ = 0;
  size_t pos_ = 0;
  size_t batch_ = kFirstBatch;
  absl::Status status_;
};

// Every record in event-number order; as of a system time, the current versions opened before
// it merged (by event number) with the closed versions current then (at most one per number).
class ScanCursor : public Cursor {
 public:
  explicit ScanCursor(const Store* store)
      : store_(store),
        view_(ReadView::AtSnapshot(*store)),
        it_(view_.NewIterator(kEventsCf, /*fill_cache=*/false)) {
    it_->SeekToFirst();
  }

  absl::Status Init(std::optional<int64_t> as_of_us) {
    if (!as_of_us) return absl::OkStatus();
    ASSIGN_OR_RETURN(as_of_, ResolveAsOf(view_, AsOfEnd(*as_of_us)));
    closed_ = view_.NewIterator(kHistoryCf, /*fill_cache=*/false);
    closed_->SeekToFirst();
    return absl::OkStatus();
  }

  bool Next() override {
    while (status_.ok()) {
      if (!Step()) return false;
      if (visible_) {
        ++counters_.records_fetched;
        ++counters_.events_returned;
        return true;
      }
    }
    return false;
  }
  const Event& event() const override { return event_; }
  absl::Status status() const override { return status_; }
  QueryCounters counters() const override { return counters_; }

 private:
  // Decodes the next record in event-number order into event_; false at the end or on error.
  // Sets visible_ to whether it is a version current as of the cursor's time.
  bool Step() {
    if (started_) (from_closed_ ? closed_ : it_)->Next();
    started_ = true;
    const bool current_valid = it_->Valid();
    const bool closed_valid = closed_ && closed_->Valid();
    if (!current_valid && !closed_valid) {
      status_ = FromRocksDb(it_->status(), store_->path());
      if (status_.ok() && closed_) status_ = FromRocksDb(closed_->status(), store_->path());
      return false;
    }
    from_closed_ = !current_valid || (closed_valid && closed_->key().compare(it_->key()) < 0);
    std::string_view record;
    visible_ = true;
    if (!from_closed_) {
      record = std::string_view(it_->value().data(), it_->value().size());
      if (as_of_) {
        uint64_t number;
        if (!DecodeEventKey({it_->key().data(), it_->key().size()}, &number)) {
          status_ = absl::DataLossError(store_->path() + ": damaged event key");
          return false;
        }
        absl::StatusOr<bool> visible = CurrentVisible(view_, *as_of_, number);
        if (!visible.ok()) {
          status_ = visible.status();
          return false;
        }
        visible_ = *visible;
        if (!visible_) return true;
      }
    } else {
      int64_t system_from, system_to;
      uint64_t number;
      const std::string_view value(closed_->value().data(), closed_->value().size());
      if (!DecodeVersionKey({closed_->key().data(), closed_->key().size()}, &number,
                            &system_from) ||
          !DecodeHistoryValue(value, &system_to, &record)) {
        status_ = absl::DataLossError(store_->path() + ": damaged history record");
        return false;
      }
      visible_ = as_of_->Covers(system_from, system_to);
      if (!visible_) return true;
    }
    uint32_t type = 0;
    status_ = DecodeRecordInto(record, &event_, &type);
    return status_.ok();
  }

  const Store* store_;
  const ReadView view_;
  std::unique_ptr<rocksdb::Iterator> it_;
  std::unique_ptr<rocksdb::Iterator> closed_;  // as of a system time only
  std::optional<AsOf> as_of_;
  bool started_ = false;
  bool from_closed_ = false;
  bool visible_ = false;
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
  // A range of whole days and at most two actors: the day-counted span classes from day counts
  // (day_count_scan.h), the rest from the index.
  Grouping by_day;
  by_day.time = TimeUnit::kDay;
  ASSIGN_OR_RETURN(std::optional<DayCountPlan> days, PlanDayCounts(p.ctx, query, by_day));
  if (days) p.ctx.skip_classes = kDayCountedClasses;
  RETURN_IF_ERROR(p.Plan(query));
  uint64_t n = 0;
  if (days && p.root != nullptr) {
    RETURN_IF_ERROR(ReadDayCounts(p.ctx, *days,
                                  [&](uint32_t, int64_t, int64_t, uint64_t count) { n += count; }));
    n = std::min(n, p.remaining);
  }
  for (Stream* root = p.root.get(); root != nullptr && root->Valid() && n < p.remaining;
       root->Next()) {
    ++n;
  }
  if (p.root != nullptr) RETURN_IF_ERROR(p.root->status());
  p.counters.events_returned = n;
  totals->Add(p.counters);
  return n;
}

absl::StatusOr<std::unique_ptr<Cursor>> NewScanCursor(const Store* store,
                                                      std::optional<int64_t> as_of_us) {
  auto cursor = std::make_unique<ScanCursor>(store);
  RETURN_IF_ERROR(cursor->Init(as_of_us));
  return cursor;
}

}  // namespace annals::internal
