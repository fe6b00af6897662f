// Copyright: the Annals authors.
#include "bench/query_mix.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace annals_bench {
namespace {

constexpr int64_t kPeriodUs = kMainPeriodEndUs - kMainPeriodStartUs;
constexpr int64_t kMinuteUs = 60'000'000;

// A window of `length` µs (clamped to the main period) placed uniformly inside the main period.
void PlaceWindow(Random& random, double length, QueryParams* p) {
  const int64_t len = std::clamp<int64_t>(static_cast<int64_t>(length), kMinuteUs, kPeriodUs);
  p->from_us = kMainPeriodStartUs + static_cast<int64_t>(random.Uniform() * (kPeriodUs - len));
  p->to_us = p->from_us + len;
}

double WindowFor(double target, uint64_t count) {
  return count == 0 ? kPeriodUs : kPeriodUs * target / static_cast<double>(count);
}

// Indices i with counts[i] >= at_least; never empty: falls back to the most frequent one.
std::vector<uint32_t> Eligible(const std::vector<uint64_t>& counts, uint64_t at_least) {
  std::vector<uint32_t> out;
  for (uint32_t i = 0; i < counts.size(); ++i) {
    if (counts[i] >= at_least) out.push_back(i);
  }
  if (out.empty()) {
    out.push_back(
        static_cast<uint32_t>(std::max_element(counts.begin(), counts.end()) - counts.begin()));
  }
  return out;
}

QueryKind ActorKind(const TimelineStats& s, const char* name, double target, uint64_t seed,
                    int draws) {
  QueryKind kind{name, QueryShape::kActor, {}};
  Random random(seed);
  const std::vector<uint32_t> ranks = Eligible(s.actor_counts, static_cast<uint64_t>(2 * target));
  for (int i = 0; i < draws; ++i) {
    const uint32_t rank = ranks[random.Below(ranks.size())];
    QueryParams p;
    p.actors = {s.actor_names[rank]};
    PlaceWindow(random, WindowFor(target, s.actor_counts[rank]), &p);
    kind.draws.push_back(std::move(p));
  }
  return kind;
}

// The first actor named is the source, the second the target (timeline_generator.cc): about
// half of an actor's involvements are as source.
QueryKind ActorRoleKind(const TimelineStats& s, uint64_t seed, int draws) {
  constexpr double kTarget = 100;
  constexpr double kSourceShare = 0.45;
  QueryKind kind{"actor_role", QueryShape::kActorRole, {}};
  Random random(seed);
  const std::vector<uint32_t> ranks =
      Eligible(s.actor_counts, static_cast<uint64_t>(2 * kTarget / kSourceShare));
  for (int i = 0; i < draws; ++i) {
    const uint32_t rank = ranks[random.Below(ranks.size())];
    QueryParams p;
    p.actors = {s.actor_names[rank]};
    p.role = "source";
    PlaceWindow(random, WindowFor(kTarget, s.actor_counts[rank] * kSourceShare), &p);
    kind.draws.push_back(std::move(p));
  }
  return kind;
}

QueryKind AllOfKind(const TimelineStats& s, uint64_t seed, int draws) {
  constexpr double kTarget = 50;
  constexpr uint32_t kTop = TimelineStats::kTopPairRanks;
  QueryKind kind{"all_of_2", QueryShape::kAllOf, {}};
  Random random(seed);
  const std::vector<uint32_t> pairs = Eligible(s.pair_counts, static_cast<uint64_t>(2 * kTarget));
  for (int i = 0; i < draws; ++i) {
    const uint32_t pair = pairs[random.Below(pairs.size())];
    uint32_t a = pair / kTop, b = pair % kTop;
    if (a == b) b = (a + 1) % kTop;  // only when no pair co-occurs at all
    if (s.actor_counts[a] > s.actor_counts[b]) std::swap(a, b);
    QueryParams p;
    p.actors = {s.actor_names[a], s.actor_names[b]};
    PlaceWindow(random, WindowFor(kTarget, s.pair_counts[pair]), &p);
    kind.draws.push_back(std::move(p));
  }
  return kind;
}

QueryKind AnyOfKind(const TimelineStats& s, uint64_t seed, int draws) {
  QueryKind kind{"any_of_3", QueryShape::kAnyOf, {}};
  Random random(seed);
  const uint32_t lo = std::min<uint32_t>(5, s.actor_names.size() - 3);
  const uint32_t hi = std::min<uint32_t>(500, s.actor_names.size());
  for (int i = 0; i < draws; ++i) {
    QueryParams p;
    uint64_t total = 0;
    std::vector<uint32_t> ranks;
    while (ranks.size() < 3) {
      const uint32_t r = lo + random.Below(hi - lo);
      if (std::find(ranks.begin(), ranks.end(), r) != ranks.end()) continue;
      ranks.push_back(r);
      p.actors.push_back(s.actor_names[r]);
      total += s.actor_counts[r];
    }
    PlaceWindow(random, WindowFor(300, total), &p);
    kind.draws.push_back(std::move(p));
  }
  return kind;
}

QueryKind TypeKind(const TimelineStats& s, uint64_t seed, int draws) {
  QueryKind kind{"type_range", QueryShape::kType, {}};
  Random random(seed);
  const std::vector<uint32_t> types = Eligible(s.type_counts, 200);
  for (int i = 0; i < draws; ++i) {
    const uint32_t t = types[random.Below(types.size())];
    QueryParams p;
    p.type = s.type_names[t];
    PlaceWindow(random, WindowFor(100, s.type_counts[t]), &p);
    kind.draws.push_back(std::move(p));
  }
  return kind;
}

QueryKind GlobalKind(const char* name, double length, uint64_t seed, int draws) {
  QueryKind kind{name, QueryShape::kGlobal, {}};
  Random random(seed);
  for (int i = 0; i < draws; ++i) {
    QueryParams p;
    PlaceWindow(random, length, &p);
    kind.draws.push_back(std::move(p));
  }
  return kind;
}

void Count(const TimelineGenerator& gen, TimelineStats* s) {
  const RecordInfo& info = gen.last();
  if (info.repeat) return;
  if (!info.upsert) ++s->distinct_ids;
  for (uint32_t a : info.actors) ++s->actor_counts[a];
  if (info.type >= 0) ++s->type_counts[info.type];
  constexpr uint32_t kTop = TimelineStats::kTopPairRanks;
  for (uint32_t a : info.actors) {
    for (uint32_t b : info.actors) {
      if (a < b && b < kTop) ++s->pair_counts[a * kTop + b];
    }
  }
}

}  // namespace

absl::StatusOr<TimelineStats> WriteTimeline(const TimelineOptions& options,
                                            const std::string& path) {
  TimelineGenerator gen(options);
  TimelineStats s;
  for (uint32_t r = 0; r < options.actors; ++r) s.actor_names.push_back(gen.ActorName(r));
  for (uint32_t t = 0; t < gen.num_types(); ++t) s.type_names.push_back(gen.TypeName(t));
  s.actor_counts.assign(options.actors, 0);
  s.type_counts.assign(gen.num_types(), 0);
  s.pair_counts.assign(TimelineStats::kTopPairRanks * TimelineStats::kTopPairRanks, 0);
  FILE* out = std::fopen(path.c_str(), "wb");
  if (out == nullptr) {
    return absl::PermissionDeniedError("cannot write " + path + ": " + std::strerror(errno));
  }
  std::string buffer;
  bool ok = true;
  while (!gen.done() && ok) {
    gen.Next(&buffer);
    Count(gen, &s);
    if (buffer.size() >= (1 << 20) || gen.done()) {
      ok = std::fwrite(buffer.data(), 1, buffer.size(), out) == buffer.size();
      buffer.clear();
    }
  }
  ok = std::fclose(out) == 0 && ok;
  if (!ok) return absl::DataLossError("writing " + path + " failed: " + std::strerror(errno));
  s.records = gen.emitted();
  return s;
}

std::vector<QueryKind> BuildQueryMix(const TimelineStats& s, uint64_t seed, int draws) {
  const double global_length =
      WindowFor(1000, std::max<uint64_t>(s.records, 1));  // ~1,000 event starts
  std::vector<QueryKind> mix;
  mix.push_back(ActorKind(s, "actor_small", 10, seed * 16 + 1, draws));
  mix.push_back(ActorKind(s, "actor_medium", 100, seed * 16 + 2, draws));
  mix.push_back(ActorKind(s, "actor_large", 1000, seed * 16 + 3, draws));
  mix.push_back(ActorRoleKind(s, seed * 16 + 9, draws));
  mix.push_back(AllOfKind(s, seed * 16 + 4, draws));
  mix.push_back(AnyOfKind(s, seed * 16 + 5, draws));
  mix.push_back(TypeKind(s, seed * 16 + 6, draws));
  mix.push_back(GlobalKind("global_window", global_length, seed * 16 + 7, draws));
  mix.push_back(GlobalKind("interval_heavy", kMinuteUs, seed * 16 + 8, draws));
  return mix;
}

}  // namespace annals_bench
