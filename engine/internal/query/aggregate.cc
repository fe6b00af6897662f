// Copyright: the Annals authors.
//
// Counting in one pass over the matching index hits. When a side of the bucket range is not given,
// or when values come from records, the hits are kept (24 bytes each); otherwise they are counted
// as they stream. Records are read in event-number order (records sharing a block are read
// together), 256 per MultiGet.
#include "internal/query/aggregate.h"

#include <algorithm>
#include <memory>
#include <optional>

#include "absl/strings/str_cat.h"
#include "internal/query/aggregate_rows.h"
#include "internal/query/bucket_counts.h"
#include "internal/query/canonical_names.h"
#include "internal/query/day_count_scan.h"
#include "internal/query/group_values.h"
#include "internal/query/planned_query.h"
#include "internal/query/planner.h"
#include "internal/query/related_exclusions.h"
#include "internal/storage/day_counts.h"
#include "internal/storage/read_view.h"
#include "internal/util/status_macros.h"

namespace annals::internal {
namespace {

constexpr size_t kBatch = 256;

absl::Status Validate(const Query& query, const Grouping& g) {
  if (!g.time && !g.group) return absl::InvalidArgumentError("count needs a --by key");
  if (g.exclude_query_actors && g.group != GroupKey::kActor) {
    return absl::InvalidArgumentError("related counts by actor only");
  }
  if (g.canonical && g.group != GroupKey::kActor) {
    return absl::InvalidArgumentError("--canonical counts by actor only");
  }
  if (query.from_us >= query.to_us) {
    return absl::InvalidArgumentError(
        absl::StrCat("empty time range: --from ", FormatInstant(query.from_us),
                     " is not before --to ", FormatInstant(query.to_us)));
  }
  return absl::OkStatus();
}

// Events counted from day counts (day_count_scan.h): `n` of type `type` placed as [start, end).
struct DaySpan {
  uint32_t type;
  int64_t start, end;
  uint64_t n;
};

// The bucket range: the query's sides, the missing ones from the hits and day spans
// (aggregate.h). A day span stands for events starting and ending on its first and last days:
// in the buckets (whole days) the earliest start and the latest end fall in, it is the same.
std::optional<std::pair<int64_t, int64_t>> BucketRange(const Query& q, const std::vector<Hit>& hits,
                                                       const std::vector<DaySpan>& days) {
  int64_t from = q.from_us, to = q.to_us;
  if (from == kMinusInfinity || to == kPlusInfinity) {
    if (hits.empty() && days.empty()) return std::nullopt;
    int64_t lo = kPlusInfinity, hi = kMinusInfinity;
    for (const Hit& h : hits) {
      lo = std::min(lo, h.start == kMinusInfinity ? h.end - 1 : h.start);
      hi = std::max(hi, h.end == kPlusInfinity ? h.start + 1 : h.end);
    }
    for (const DaySpan& d : days) {
      lo = std::min(lo, d.start);
      hi = std::max(hi, d.end);
    }
    if (from == kMinusInfinity) from = to == kPlusInfinity ? lo : std::min(lo, to - 1);
    if (to == kPlusInfinity) to = std::max(hi, from + 1);
  }
  return std::make_pair(from, to);
}

// Counting state for one grouping.
class Counter {
 public:
  Counter(const Grouping& g, std::optional<BucketList> buckets)
      : grouping_(g), buckets_(std::move(buckets)) {
    if (buckets_ && !g.group) time_.emplace(buckets_->size());
  }

  bool grouped() const { return grouping_.group.has_value(); }

  // `n` events of span [start, end) and type `type`, from day counts: a time key and no group
  // key, or the type key alone.
  void AddDayCount(uint32_t type, int64_t start, int64_t end, uint64_t n) {
    if (time_) {
      time_->Add(Place(*buckets_, start, end), n);
    } else {
      events_[type] += n;
    }
  }

  void Add(const Hit& h, const uint32_t* values, size_t n) {
    if (time_) return time_->Add(Place(*buckets_, h.start, h.end));
    for (size_t i = 0; i < n; ++i) ++events_[values[i]];
    if (!buckets_ || n == 0) return;
    const Placement p = Place(*buckets_, h.start, h.end);
    for (size_t i = 0; i < n; ++i) cells_.Add(values[i], p);
  }

  absl::StatusOr<std::vector<CountRow>> Rows(GroupValues* names) const {
    if (time_) return TimeRows(*buckets_, *time_);
    ASSIGN_OR_RETURN(std::vector<NamedGroup> groups, RankGroups(events_, grouping_.limit, names));
    if (!buckets_) return GroupRows(groups);
    return GroupTimeRows(*buckets_, cells_, groups);
  }

 private:
  const Grouping& grouping_;
  const std::optional<BucketList> buckets_;
  std::optional<TimeCounts> time_;
  absl::flat_hash_map<uint32_t, uint64_t> events_;
  GroupTimeCounts cells_;
};

// Feeds `hits` to `counter` in batches, with their group values. `places`: each hit's place in
// result order (nullptr: the hits are in result order).
absl::Status CountBatches(const std::vector<Hit>& hits, const uint32_t* places, GroupValues* values,
                          Counter* counter) {
  GroupBatch batch;
  for (size_t i = 0; i < hits.size(); i += kBatch) {
    const size_t n = std::min(hits.size() - i, kBatch);
    RETURN_IF_ERROR(
        values->Extract(hits.data() + i, places == nullptr ? nullptr : places + i, n, &batch));
    for (size_t j = 0; j < n; ++j) {
      counter->Add(hits[i + j], batch.values.data() + batch.offsets[j],
                   batch.offsets[j + 1] - batch.offsets[j]);
    }
  }
  return absl::OkStatus();
}

// Feeds `hits` (in result order) to `counter`.
absl::Status CountHits(const std::vector<Hit>& hits, GroupValues* values, Counter* counter) {
  if (!counter->grouped()) {
    for (const Hit& h : hits) counter->Add(h, nullptr, 0);
    return absl::OkStatus();
  }
  if (!values->needs_records()) return CountBatches(hits, nullptr, values, counter);
  // Records are read in event-number order, so that records sharing a block are read together;
  // `order` keeps each hit's place in result order (roles are shown as first seen).
  std::vector<uint32_t> order(hits.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](uint32_t a, uint32_t b) { return hits[a].event_number < hits[b].event_number; });
  std::vector<Hit> by_event;
  by_event.reserve(hits.size());
  for (uint32_t i : order) by_event.push_back(hits[i]);
  return CountBatches(by_event, order.data(), values, counter);
}

}  // namespace

absl::StatusOr<std::vector<CountRow>> Aggregate(const Store* store, const Query& query,
                                                const Grouping& grouping, SharedCounters* totals) {
  RETURN_IF_ERROR(Validate(query, grouping));
  Query q = query;
  q.limit.reset();
  q.reverse = false;
  PlannedQuery p(store);
  // Day counts answer the short span classes of a plain calendar histogram or count by type; the
  // index the rest.
  ASSIGN_OR_RETURN(std::optional<DayCountPlan> days, PlanDayCounts(p.ctx, q, grouping));
  if (days) p.ctx.skip_classes = kDayCountedClasses;
  RETURN_IF_ERROR(p.Plan(q));
  std::vector<Exclusion> exclude;
  if (grouping.exclude_query_actors) {
    ASSIGN_OR_RETURN(exclude, RelatedExclusions(p.ctx, q));
  }
  std::optional<CanonicalNames> canonical;
  if (grouping.canonical) {
    ASSIGN_OR_RETURN(canonical, CanonicalNames::Load(p.ctx));
  }
  GroupValues values(p.ctx, grouping.group.value_or(GroupKey::kType), std::move(exclude),
                     std::move(canonical));

  // The hits, streamed in batches when the bucket range is known up front.
  // Hits whose records are read are all kept, to read the records in event-number order.
  const bool range_known =
      !values.needs_records() &&
      (!grouping.time || (q.from_us != kMinusInfinity && q.to_us != kPlusInfinity));
  std::optional<Counter> counter;
  std::vector<Hit> hits;
  std::vector<DaySpan> day_spans;  // kept until the counter is made
  auto make_counter = [&]() -> absl::Status {
    std::optional<BucketList> buckets;
    if (grouping.time) {
      std::optional<std::pair<int64_t, int64_t>> range = BucketRange(q, hits, day_spans);
      if (!range) return absl::OkStatus();
      ASSIGN_OR_RETURN(buckets, BucketList::Make(*grouping.time, range->first, range->second));
    }
    counter.emplace(grouping, std::move(buckets));
    return absl::OkStatus();
  };
  if (range_known) RETURN_IF_ERROR(make_counter());
  for (Stream* root = p.root.get(); root != nullptr && root->Valid(); root->Next()) {
    hits.push_back(root->hit());
    ++p.counters.events_returned;
    if (range_known && hits.size() == kBatch) {
      RETURN_IF_ERROR(CountHits(hits, &values, &*counter));
      hits.clear();
    }
  }
  if (p.root != nullptr) RETURN_IF_ERROR(p.root->status());
  if (days) {
    RETURN_IF_ERROR(
        ReadDayCounts(p.ctx, *days, [&](uint32_t type, int64_t start, int64_t end, uint64_t n) {
          p.counters.events_returned += n;
          if (range_known) return counter->AddDayCount(type, start, end, n);
          day_spans.push_back(DaySpan{type, start, end, n});
        }));
  }
  if (!range_known) RETURN_IF_ERROR(make_counter());
  if (counter) RETURN_IF_ERROR(CountHits(hits, &values, &*counter));
  if (counter && !range_known) {
    for (const DaySpan& d : day_spans) counter->AddDayCount(d.type, d.start, d.end, d.n);
  }
  totals->Add(p.counters);
  if (!counter) return std::vector<CountRow>();
  return counter->Rows(&values);
}

}  // namespace annals::internal
