// Copyright: the Annals authors.
//
// A deterministic generator of realistic event timelines as NDJSON records, shared by `annals-gen`,
// the micro benchmarks and the macro harness.
//
//   annals_bench::TimelineOptions options;
//   options.seed = 7;
//   options.events = 1'000'000;
//   annals_bench::TimelineGenerator gen(options);
//   std::string line;
//   while (!gen.done()) {
//     line.clear();
//     gen.Next(&line);  // one JSON object and '\n'
//     out << line;
//   }
//
// What the timelines look like:
//   - actors: `actors` of them, popularity Zipf-distributed by rank (rank 0 is the most involved);
//     the top ranks carry real-looking names ("NATO", "Recep Tayyip Erdoğan"), the rest "Actor N".
//     Each actor has a few preferred partners, so some pairs recur (dyads), as in coded news data.
//   - 1-4 actors per event, roles "source" and "target" (some plain names without a role); a few
//     mentions are lower-cased, which lookup must treat as the same actor.
//   - a few hundred CAMEO-like types ("0311", "190", ...), Zipf-distributed; a few events untyped.
//   - times: mostly 2000-2024 with news volume growing over the years, a few historical ones;
//     precisions year, month, day, minute, second; rare qualifiers (~ ? %);
//     `interval_fraction` closed intervals from a day to ~8 years, `open_end_fraction` open-ended
//     (`2022-02-24/..`), `open_start_fraction` open-start (`../1999-12`).
//   - titles, sources (URLs), locations and attrs (numbers, strings, booleans) on most events.
//   - corrections: ~0.3% of records repeat an earlier id with new content (an upsert), ~0.1% repeat
//     an earlier record verbatim (a no-op).
// The same options give byte-identical output on every platform (no std:: distributions).
//
// Thread safety: a generator is used by one thread at a time; const methods are pure.
#ifndef ANNALS_BENCH_TIMELINE_GENERATOR_H_
#define ANNALS_BENCH_TIMELINE_GENERATOR_H_

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace annals_bench {

// kNews: the records described above. kShort: a differently shaped timeline for the same
// queries: short records (an id, a time, a type, one or two actors with roles, a one-word title,
// attrs on 20% with one number, no location or source), many small actors (set `actors` high,
// e.g. 500,000: popularity Zipf with exponent 0.8, so the most popular actor is in ~1% of events).
enum class Shape { kNews, kShort };

// "news" or "short"; false for anything else. Sets `actors` to the shape's default (50,000 or
// 500,000), which a later --actors flag may override.
struct TimelineOptions;
bool ApplyShape(const std::string& name, TimelineOptions* options);

struct TimelineOptions {
  Shape shape = Shape::kNews;
  uint64_t seed = 1;
  uint64_t events = 100'000;
  uint32_t actors = 50'000;
  double interval_fraction = 0.05;
  double open_end_fraction = 0.005;
  double open_start_fraction = 0.0005;
  // Fractions of records that re-use an earlier id with new content, or repeat a record verbatim.
  double upsert_fraction = 0.003;
  double repeat_fraction = 0.001;
};

// The main period of generated times: [2000-01-01, 2025-01-01) UTC, in microseconds.
inline constexpr int64_t kMainPeriodStartUs = 946'684'800'000'000;
inline constexpr int64_t kMainPeriodEndUs = 1'735'689'600'000'000;

// A small, fast, deterministic random source (splitmix64).
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next64();
  // Uniform in [0, 1).
  double Uniform();
  // Uniform in [0, n). REQUIRES: n > 0.
  uint64_t Below(uint64_t n) { return Next64() % n; }
  bool Chance(double p) { return Uniform() < p; }

 private:
  uint64_t state_;
};

// Draws ranks 0..n-1 with probability proportional to 1 / (rank + 1)^exponent.
class ZipfSampler {
 public:
  ZipfSampler(uint32_t n, double exponent);
  uint32_t Draw(Random& random) const;
  // The probability of `rank`.
  double Probability(uint32_t rank) const;

 private:
  std::vector<double> cdf_;
};

// What the last record generated holds, for harnesses that size their queries by popularity.
struct RecordInfo {
  uint64_t number = 0;           // index of the id used (repeats: the earlier record's)
  std::vector<uint32_t> actors;  // actor ranks, as written (may repeat a rank)
  int32_t type = -1;             // type index; -1: untyped
  bool upsert = false;           // re-used an earlier id with new content
  bool repeat = false;           // repeated an earlier record verbatim
};

class TimelineGenerator {
 public:
  explicit TimelineGenerator(const TimelineOptions& options);

  bool done() const { return emitted_ >= options_.events; }
  uint64_t emitted() const { return emitted_; }

  // Appends the next record (a JSON object and '\n') to `*out`. REQUIRES: !done().
  void Next(std::string* out);
  const RecordInfo& last() const { return last_; }

  // The display name of the actor of this rank, as first written.
  std::string ActorName(uint32_t rank) const;
  // The external id of record `number`.
  static std::string EventId(uint64_t number);
  uint32_t num_types() const { return static_cast<uint32_t>(types_.size()); }
  const std::string& TypeName(uint32_t index) const { return types_[index]; }
  // The j-th preferred partner of actor `rank` (j < kPartners); never `rank` itself.
  uint32_t Partner(uint32_t rank, uint32_t j) const;
  static constexpr uint32_t kPartners = 6;

 private:
  void AppendFresh(uint64_t number, std::string* out);
  void AppendActors(std::string* out);
  void AppendTime(std::string* out);
  void AppendExtras(std::string* out);
  void AppendShortExtras(std::string* out);
  uint32_t DrawActor();

  const TimelineOptions options_;
  Random random_;
  ZipfSampler actor_sampler_;
  ZipfSampler type_sampler_;
  std::vector<std::string> types_;
  uint64_t emitted_ = 0;
  uint64_t next_number_ = 0;
  RecordInfo last_;
  std::deque<std::pair<RecordInfo, std::string>> recent_;  // for verbatim repeats
};

}  // namespace annals_bench

#endif  // ANNALS_BENCH_TIMELINE_GENERATOR_H_
