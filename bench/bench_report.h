// Copyright: the Annals authors.
//
// The macro harness's verdict and table: checks that every engine returned the same results for
// every draw, then prints the load figures and per-kind latencies as Markdown tables.
// Latency ratios are Annals ÷ the SQLite variant: at most 1.00 means Annals is as fast or faster.
// Thread safety: free functions over plain data.
#ifndef ANNALS_BENCH_BENCH_REPORT_H_
#define ANNALS_BENCH_BENCH_REPORT_H_

#include <cstdint>
#include <cstdio>
#include <vector>

#include "bench/query_mix.h"
#include "bench/run_result.h"

namespace annals_bench {

// Compares every engine with the first: stored events, and for each draw both ran the count and
// the id hash (the sampled id lists on a mismatch). Prints each disagreement to `err`.
// Returns true iff all agree.
bool CheckAgreement(const std::vector<QueryKind>& mix, const std::vector<EngineResult>& engines,
                    FILE* err);

// Nearest-rank percentile (p in (0, 1]) of the draws' latencies (cpu: of their thread CPU
// times), in milliseconds.
double PercentileMs(const KindResult& kind, double p, bool cpu = false);

void PrintReport(const TimelineStats& stats, const std::vector<QueryKind>& mix,
                 const std::vector<EngineResult>& engines, FILE* out);

}  // namespace annals_bench

#endif  // ANNALS_BENCH_BENCH_REPORT_H_
