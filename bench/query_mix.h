// Copyright: the Annals authors.
//
// The macro harness's workload: a generated timeline written to a file, what it holds (actor, type
// and pair popularity), and the query mix drawn from that, identical for every engine.
//
//   absl::StatusOr<TimelineStats> stats = WriteTimeline(options, "/tmp/x/timeline.jsonl");
//   std::vector<QueryKind> mix = BuildQueryMix(*stats, /*seed=*/1, /*draws=*/200);
//
// Query kinds (target result sizes are expected values: long and open-ended intervals that
// overlap the window come on top, so popular actors get more):
//   actor_small / actor_medium / actor_large  one actor, a window sized for ~10 / ~100 / ~1,000
//   actor_role   one actor in one role (`--actor NAME=source`), a window for ~100
//   all_of_2     two actors that often act together (rarer one first), a window for ~50
//   any_of_3     any of three mid-popularity actors, a window for ~300
//   type_range   one type, a window for ~100
//   global_window  no actor or type, a window holding ~1,000 event starts
//   interval_heavy no actor or type, a one-minute window: almost every result is a long or
//                  open-ended interval running across it
// Thread safety: plain data and pure functions.
#ifndef ANNALS_BENCH_QUERY_MIX_H_
#define ANNALS_BENCH_QUERY_MIX_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "bench/timeline_generator.h"

namespace annals_bench {

enum class QueryShape { kActor, kActorRole, kAllOf, kAnyOf, kType, kGlobal };

struct QueryParams {
  std::vector<std::string> actors;  // kActor, kActorRole: 1, kAllOf: 2 (all of), kAnyOf: 3 (any of)
  std::string role;                 // kActorRole
  std::string type;                 // kType
  int64_t from_us = 0;
  int64_t to_us = 0;
};

struct QueryKind {
  std::string name;
  QueryShape shape;
  std::vector<QueryParams> draws;
};

struct TimelineStats {
  uint64_t records = 0;                  // lines written
  uint64_t distinct_ids = 0;             // events a correct engine ends up holding
  std::vector<std::string> actor_names;  // by rank
  std::vector<uint64_t> actor_counts;    // involvements by rank (last version of each id aside)
  std::vector<std::string> type_names;   // by type index
  std::vector<uint64_t> type_counts;
  // Co-occurrence counts of pairs (a < b) among the most popular actors: a * kTopPairRanks + b.
  std::vector<uint64_t> pair_counts;
  static constexpr uint32_t kTopPairRanks = 200;
};

// Writes the timeline of `options` to `path` (NDJSON) and returns what it holds.
absl::StatusOr<TimelineStats> WriteTimeline(const TimelineOptions& options,
                                            const std::string& path);

std::vector<QueryKind> BuildQueryMix(const TimelineStats& stats, uint64_t seed, int draws);

}  // namespace annals_bench

#endif  // ANNALS_BENCH_QUERY_MIX_H_
