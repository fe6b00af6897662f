// Copyright: the Annals authors.
//
// Micro benchmarks of the time model (annals/time.h): parsing and canonical formatting of each
// accepted form.
#include <benchmark/benchmark.h>

#include "annals/time.h"

namespace annals_bench {
namespace {

void BM_ParseTime(benchmark::State& state, const char* text) {
  for (auto _ : state) {
    absl::StatusOr<annals::EventTime> t = annals::ParseTime(text);
    if (!t.ok()) {
      state.SkipWithError(t.status().ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize(*t);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_FormatTime(benchmark::State& state, const char* text) {
  absl::StatusOr<annals::EventTime> t = annals::ParseTime(text);
  if (!t.ok()) {
    state.SkipWithError(t.status().ToString().c_str());
    return;
  }
  for (auto _ : state) {
    std::string s = annals::FormatTime(*t);
    benchmark::DoNotOptimize(s.data());
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_FormatInstant(benchmark::State& state) {
  int64_t us = 1'730'815'207'250'000;
  for (auto _ : state) {
    std::string s = annals::FormatInstant(us++);
    benchmark::DoNotOptimize(s.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FormatInstant);

#define TIME_FORMS(BM)                                                    \
  BENCHMARK_CAPTURE(BM, year, "2024");                                    \
  BENCHMARK_CAPTURE(BM, month, "2024-10");                                \
  BENCHMARK_CAPTURE(BM, day, "2024-11-05");                               \
  BENCHMARK_CAPTURE(BM, minute, "2024-11-05T14:00Z");                     \
  BENCHMARK_CAPTURE(BM, fraction_offset, "2024-11-05T14:00:07.25+01:00"); \
  BENCHMARK_CAPTURE(BM, qualified, "2024-10~");                           \
  BENCHMARK_CAPTURE(BM, interval, "2017-01-20/2021-01-20");               \
  BENCHMARK_CAPTURE(BM, open_end, "2022-02-24/..")

TIME_FORMS(BM_ParseTime);
TIME_FORMS(BM_FormatTime);

}  // namespace
}  // namespace annals_bench
