// Copyright: the Annals authors.
#include "internal/query/day_count_scan.h"

#include <algorithm>
#include <string>
#include <vector>

#include "internal/query/alias_plan.h"
#include "internal/query/match_range.h"
#include "internal/storage/day_counts.h"
#include "internal/storage/dictionary.h"
#include "internal/storage/rocks_status.h"
#include "internal/text/actor_name.h"
#include "internal/util/status_macros.h"

namespace annals::internal {
namespace {

// A side of the range day counts can answer: a day bound, or not given.
bool OnDayBound(int64_t us) {
  return us % kDayUs == 0 || us == kMinusInfinity || us == kPlusInfinity;
}

// The first day (inclusive) or the last day (exclusive) of a range side; not given: unbounded.
int64_t DayBound(int64_t us) {
  if (us == kMinusInfinity) return INT64_MIN;
  if (us == kPlusInfinity) return INT64_MAX;
  return us / kDayUs;
}

}  // namespace

absl::StatusOr<std::optional<DayCountPlan>> PlanDayCounts(const ScanContext& ctx,
                                                          const Query& query,
                                                          const Grouping& grouping) {
  if (query.as_of_us || !query.any_actors.empty() || !query.any_actor_specs.empty() ||
      !query.types.empty() || !query.text.empty()) {
    return std::nullopt;
  }
  if (!OnDayBound(query.from_us) || !OnDayBound(query.to_us)) return std::nullopt;
  DayCountPlan plan;
  plan.from_day = DayBound(query.from_us);
  plan.to_day = DayBound(query.to_us);
  plan.within = query.within;
  const size_t actors = query.all_actors.size() + query.all_actor_specs.size();
  ASSIGN_OR_RETURN(uint64_t time_classes, ctx.view->Meta(kMetaTimeClasses));
  plan.classes = static_cast<ClassMask>(time_classes & kDayCountedClasses);
  if (grouping.group == GroupKey::kType && !grouping.time && actors == 0) {
    plan.by_type = true;
    return plan;
  }
  if (!grouping.time || *grouping.time == TimeUnit::kHour || grouping.group) return std::nullopt;
  if (actors == 0) return plan;
  if (actors > 2) return std::nullopt;
  std::vector<std::string> names = query.all_actors;
  for (const ActorSpec& spec : query.all_actor_specs) {
    if (spec.role) return std::nullopt;
    names.push_back(spec.name);
  }
  ASSIGN_OR_RETURN(bool aliased, QueryHasAliases(query, ctx));
  if (aliased) return std::nullopt;
  std::vector<uint32_t> numbers;
  for (const std::string& name : names) {
    absl::StatusOr<std::string> key = ActorLookupKey(name);
    if (!key.ok()) return std::nullopt;
    ASSIGN_OR_RETURN(std::optional<uint32_t> number,
                     Dictionary::Lookup(*ctx.view, DictKind::kActor, *key));
    if (!number) return std::nullopt;
    numbers.push_back(*number);
    ASSIGN_OR_RETURN(DictEntry entry, Dictionary::Get(*ctx.view, DictKind::kActor, *number));
    plan.classes &= entry.classes;  // a pair's events are in both actors' classes
  }
  plan.actor = numbers[0];
  if (numbers.size() == 2 && numbers[1] != numbers[0]) {
    ASSIGN_OR_RETURN(uint64_t crowded, ctx.view->Meta(kMetaCrowdedEvents));
    if (crowded != 0) return std::nullopt;
    plan.actor = std::min(numbers[0], numbers[1]);
    plan.other = std::max(numbers[0], numbers[1]);
  }
  return plan;
}

absl::Status ScanDayCounts(const ScanContext& ctx, rocksdb::Iterator* it, uint8_t cls,
                           const std::string& from_key, const std::string& end_key,
                           const std::function<void(const DayCountId&, int64_t)>& fn) {
  for (it->Seek(from_key); it->Valid() && it->key().compare(end_key) < 0; it->Next()) {
    ++ctx.counters->index_entries_scanned;
    DayCountId d;
    int64_t count;
    if (!DecodeDayCountKey({it->key().data(), it->key().size()}, &d) ||
        !DecodeDayCount({it->value().data(), it->value().size()}, &count) || count < 0 ||
        d.span_class != cls || d.span_days > MaxSpanDays(cls)) {
      return absl::DataLossError(ctx.store->path() +
                                 ": damaged day_counts entry (run annals check)");
    }
    if (count > 0) fn(d, count);
  }
  return FromRocksDb(it->status(), ctx.store->path());
}

absl::Status ReadDayCounts(const ScanContext& ctx, const DayCountPlan& plan,
                           const std::function<void(uint32_t, int64_t, int64_t, uint64_t)>& fn) {
  std::unique_ptr<rocksdb::Iterator> it = ctx.view->NewIterator(kDayCountsCf);
  for (uint8_t cls = 0; cls <= kMaxDayCountedClass; ++cls) {
    if ((plan.classes & (1u << cls)) == 0) continue;
    auto seek = [&](int64_t day) {
      return plan.by_type ? TypeDayCountSeekKey(cls, day)
             : plan.other ? PairDayCountSeekKey(plan.actor, plan.other, cls, day)
                          : ActorDayCountSeekKey(plan.actor, cls, day);
    };
    // The starts the index would read for this class (none: --within a range shorter than the
    // class's spans); at most MaxSpanDays(cls) days before the range's first day.
    const OrderRange starts = MatchRange(cls, ctx);
    if (starts.empty()) continue;
    int64_t first_day = INT64_MIN;  // no --from: every day
    if (plan.from_day != INT64_MIN) {
      first_day = plan.from_day - MaxSpanDays(cls);
      if (starts.lo != kMinusInfinity) first_day = std::max(first_day, DayOf(starts.lo));
    }
    // Starts before the range's end (the seek bound); overlaps: ends after its start; within:
    // starts and ends inside.
    auto matched = [&](const DayCountId& d, int64_t count) {
      const int64_t first = d.start_day, last = d.start_day + d.span_days;
      const bool matches =
          plan.within ? first >= plan.from_day && last < plan.to_day : last >= plan.from_day;
      if (matches) {
        fn(plan.by_type ? d.number : 0, first * kDayUs, (last + 1) * kDayUs,
           static_cast<uint64_t>(count));
      }
    };
    RETURN_IF_ERROR(ScanDayCounts(ctx, it.get(), cls, seek(first_day), seek(plan.to_day), matched));
  }
  return absl::OkStatus();
}

}  // namespace annals::internal
