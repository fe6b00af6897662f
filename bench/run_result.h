// Copyright: the Annals authors.
//
// What one engine did in the macro harness: load figures and, per query draw, the result count, an
// order-sensitive hash of the result ids and the latency. Each engine runs in its own child
// process (so its peak RSS is its own) and hands its EngineResult to the parent as a text file.
//
//   EngineResult r;
//   RETURN_IF_ERROR(RunMix(mix, run_one, options, &r));  // fills r.kinds
//   RETURN_IF_ERROR(WriteResult(r, path));                // in the child
//   absl::StatusOr<EngineResult> back = ReadResult(path);  // in the parent
//
// Thread safety: plain data and free functions.
#ifndef ANNALS_BENCH_RUN_RESULT_H_
#define ANNALS_BENCH_RUN_RESULT_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "bench/query_mix.h"

namespace annals_bench {

struct DrawResult {
  uint64_t count = 0;
  uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a over the ids in result order
  int64_t latency_ns = 0;                 // wall clock
  int64_t cpu_ns = 0;            // CPU time of the querying thread (robust to a busy machine)
  std::vector<std::string> ids;  // kept only for the first kSampledDraws draws of each kind

  // Adds the next result id (in result order).
  void Add(std::string_view id, bool keep);
};

struct KindResult {
  std::vector<DrawResult> draws;
  // Engine work counters summed over the draws (Annals only; 0 elsewhere).
  uint64_t index_entries_scanned = 0;
  uint64_t events_returned = 0;
};

struct EngineResult {
  std::string engine;
  uint64_t loaded = 0;            // records read from the input
  uint64_t stored = 0;            // events held after the load
  double load_seconds = 0;        // read + parse + store, end to end
  double parse_seconds = 0;       // of which reading and parsing records
  double load_cpu_seconds = 0;    // CPU time of the load, all threads (RocksDB's background too)
  double after_seconds = 0;       // work after the load not in load_seconds (SQLite: ANALYZE)
  uint64_t disk_bytes = 0;        // database files after a clean close
  int64_t peak_rss_kb = 0;        // of the child process, load and queries
  std::vector<KindResult> kinds;  // parallel to the query mix
  std::vector<std::string> notes;
};

inline constexpr int kSampledDraws = 5;

struct MixOptions {
  // A kind stops after this many seconds once it has run `min_draws` draws.
  double budget_seconds = 60;
  int min_draws = 20;
  // Skip the load when the database already exists (to profile queries alone).
  bool reuse_databases = false;
  // Cache of each engine: Annals' block cache, SQLite's page cache (cache_size).
  uint64_t cache_bytes = 64 << 20;
};

// Runs one draw: fills count, hash and ids (keep_ids: keep them in `ids`). Timed by RunMix.
using RunOne = std::function<absl::Status(const QueryKind& kind, const QueryParams& params,
                                          bool keep_ids, DrawResult* out, KindResult* totals)>;

// Runs every draw of every kind, in order. Stops at the first error.
absl::Status RunMix(const std::vector<QueryKind>& mix, const RunOne& run, const MixOptions& options,
                    EngineResult* result);

absl::Status WriteResult(const EngineResult& result, const std::string& path);
absl::StatusOr<EngineResult> ReadResult(const std::string& path);

// Total bytes of the regular files under `path` (a file or a directory).
uint64_t DiskBytes(const std::string& path);
// The peak resident set of this process, in KiB.
int64_t PeakRssKb();
double NowSeconds();
// CPU time of the calling thread, in nanoseconds.
int64_t ThreadCpuNs();
// CPU time (user + system) of this process, all threads, in seconds.
double ProcessCpuSeconds();

}  // namespace annals_bench

#endif  // ANNALS_BENCH_RUN_RESULT_H_
