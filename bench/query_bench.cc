// Copyright: the Annals authors.
//
// Query micro benchmarks over the databases of bench_db.h. Each iteration runs one query and
// reads every result. Counters per query: results, index_entries_scanned, and their ratio
// scanned_per_result (1.0 means no wasted index reads).
#include <benchmark/benchmark.h>

#include "absl/strings/str_cat.h"
#include "bench/bench_db.h"
#include "bench/timeline_generator.h"

namespace annals_bench {
namespace {

constexpr int kWindowPositions = 64;

// Runs `q` and reads every result; adds the cursor's counters to the totals.
bool RunQuery(benchmark::State& state, annals::Database* db, const annals::Query& q,
              annals::QueryCounters* totals) {
  absl::StatusOr<std::unique_ptr<annals::Cursor>> c = db->Query(q);
  if (!c.ok()) {
    state.SkipWithError(c.status().ToString().c_str());
    return false;
  }
  while ((*c)->Next()) benchmark::DoNotOptimize((*c)->event().id.data());
  if (!(*c)->status().ok()) {
    state.SkipWithError((*c)->status().ToString().c_str());
    return false;
  }
  const annals::QueryCounters counters = (*c)->counters();
  totals->index_entries_scanned += counters.index_entries_scanned;
  totals->events_returned += counters.events_returned;
  return true;
}

void ReportCounters(benchmark::State& state, const annals::QueryCounters& totals) {
  using benchmark::Counter;
  const double scanned = static_cast<double>(totals.index_entries_scanned);
  const double returned = static_cast<double>(totals.events_returned);
  state.counters["results"] = Counter(returned, Counter::kAvgIterations);
  state.counters["index_entries_scanned"] = Counter(scanned, Counter::kAvgIterations);
  state.counters["scanned_per_result"] = returned > 0 ? scanned / returned : 0;
  state.SetItemsProcessed(static_cast<int64_t>(returned));
}

// Runs queries built by `make(i)` for i = 0, 1, ... (cycling over kWindowPositions).
template <typename Make>
void RunQueries(benchmark::State& state, absl::StatusOr<annals::Database*> db, Make make) {
  if (!db.ok()) {
    state.SkipWithError(db.status().ToString().c_str());
    return;
  }
  annals::QueryCounters totals;
  int i = 0;
  for (auto _ : state) {
    if (!RunQuery(state, *db, make(i++ % kWindowPositions), &totals)) return;
  }
  ReportCounters(state, totals);
}

// One actor, a window of range(0) hours: exactly that many results.
void BM_QueryActorRange(benchmark::State& state) {
  const int64_t hours = state.range(0);
  RunQueries(state, TimelineDb(), [&](int i) {
    annals::Query q;
    q.all_actors = {kBenchActor};
    q.from_us = kBenchStartUs + (i * 211 % 15'000) * kHourUs;
    q.to_us = q.from_us + hours * kHourUs;
    return q;
  });
}
BENCHMARK(BM_QueryActorRange)->Arg(10)->Arg(100)->Arg(1000);

// All of two actors over 1,000 hours: 100 results, from streams of 1,000 and 100 entries.
void BM_QueryAllOfTwoActors(benchmark::State& state) {
  RunQueries(state, TimelineDb(), [](int i) {
    annals::Query q;
    q.all_actors = {kBenchActor, kBenchPartner};
    q.from_us = kBenchStartUs + (i * 211 % 15'000) * kHourUs;
    q.to_us = q.from_us + 1000 * kHourUs;
    return q;
  });
}
BENCHMARK(BM_QueryAllOfTwoActors);

// No actor or type: every event overlapping a window of range(0) days in 2000-2024.
void BM_QueryGlobalWindow(benchmark::State& state) {
  const int64_t days = state.range(0);
  RunQueries(state, TimelineDb(), [&](int i) {
    annals::Query q;
    q.from_us = kMainPeriodStartUs + (i * 131 % 9000) * kDayUs;
    q.to_us = q.from_us + days * kDayUs;
    return q;
  });
}
BENCHMARK(BM_QueryGlobalWindow)->Arg(1)->Arg(30);

// The interval-rich database: one popular actor, and everything, over one-day windows. Most hits
// are long or open-ended intervals running across the window.
void BM_QueryIntervalRichActorDay(benchmark::State& state) {
  RunQueries(state, IntervalRichDb(), [](int i) {
    annals::Query q;
    q.all_actors = {"United States"};
    q.from_us = kMainPeriodStartUs + (i * 131 % 9000) * kDayUs;
    q.to_us = q.from_us + kDayUs;
    return q;
  });
}
BENCHMARK(BM_QueryIntervalRichActorDay);

void BM_QueryIntervalRichGlobalDay(benchmark::State& state) {
  RunQueries(state, IntervalRichDb(), [](int i) {
    annals::Query q;
    q.from_us = kMainPeriodStartUs + (i * 131 % 9000) * kDayUs;
    q.to_us = q.from_us + kDayUs;
    return q;
  });
}
BENCHMARK(BM_QueryIntervalRichGlobalDay);

// Count only (no record fetch) of the same actor windows: the index side alone.
void BM_CountActorRange(benchmark::State& state) {
  absl::StatusOr<annals::Database*> db = TimelineDb();
  if (!db.ok()) {
    state.SkipWithError(db.status().ToString().c_str());
    return;
  }
  const int64_t hours = state.range(0);
  int i = 0;
  for (auto _ : state) {
    annals::Query q;
    q.all_actors = {kBenchActor};
    q.from_us = kBenchStartUs + (i++ * 211 % 15'000) * kHourUs;
    q.to_us = q.from_us + hours * kHourUs;
    absl::StatusOr<uint64_t> n = (*db)->Count(q);
    if (!n.ok()) {
      state.SkipWithError(n.status().ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize(*n);
  }
}
BENCHMARK(BM_CountActorRange)->Arg(100)->Arg(1000);

}  // namespace
}  // namespace annals_bench
