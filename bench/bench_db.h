// Copyright: the Annals authors.
//
// Databases for the query micro benchmarks, built once per process in a temporary directory that
// is removed at exit, and corpora of generated records.
//
//   absl::StatusOr<annals::Database*> db = annals_bench::TimelineDb();
//   if (!db.ok()) { state.SkipWithError(...); return; }
//
// TimelineDb: kBackgroundEvents generated events (timeline_generator.h, seed 1) plus two actors
// with an exactly known history: kBenchActor has one minute-precision event every hour from
// kBenchStartUs on (kBenchEvents of them), and kBenchPartner joins every 10th of those. So a
// window of N hours starting on the hour at or after kBenchStartUs returns exactly N events of
// kBenchActor, N/10 of both.
// IntervalRichDb: kIntervalRichEvents events over 500 actors of which 40% are closed intervals
// (a day to 8 years), 10% open-ended and 1% open-start: the case span classes exist for.
// Thread safety: the builders are not thread-safe; benchmarks run single-threaded.
#ifndef ANNALS_BENCH_BENCH_DB_H_
#define ANNALS_BENCH_BENCH_DB_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "annals/annals.h"

namespace annals_bench {

inline constexpr uint64_t kBackgroundEvents = 100'000;
inline constexpr uint64_t kBenchEvents = 20'000;
inline constexpr uint64_t kIntervalRichEvents = 50'000;
inline constexpr char kBenchActor[] = "Bench Actor";
inline constexpr char kBenchPartner[] = "Bench Partner";
inline constexpr int64_t kBenchStartUs = 1'577'836'800'000'000;  // 2020-01-01T00:00Z
inline constexpr int64_t kHourUs = 3'600'000'000;
inline constexpr int64_t kDayUs = 24 * kHourUs;

absl::StatusOr<annals::Database*> TimelineDb();
absl::StatusOr<annals::Database*> IntervalRichDb();

// `n` generated NDJSON records (without newlines) of the default timeline, seed 1.
std::vector<std::string> RecordCorpus(size_t n);

}  // namespace annals_bench

#endif  // ANNALS_BENCH_BENCH_DB_H_
