// Copyright: the Annals authors.
//
// annals-aggregate-bench: the counting workloads of spec AGGREGATE.md against SQLite's GROUP BY on
// the same data. It generates the macro harness's timeline, loads it into Annals and into SQLite
// with the macro harness's loaders (schema and indexes: runners.h), then runs four kinds:
//   month_actor   monthly counts for one popular actor over five years
//                   Annals: count --by month --actor A --from Y --to Y+4  (rows with starting > 0)
//                   SQLite: GROUP BY strftime('%Y-%m') over event_actors(actor, start_us, ...)
//   week_dyad     weekly counts for a pair that often acts together, five years
//                   SQLite: event_actors joined with itself on event_id, GROUP BY week
//   top_types     events per type overlapping one year
//                   SQLite: GROUP BY type over events(start_us, end_us) with the overlap test
//   co_actors     related --actor A --limit 10 (whole time line), A one of the top ten actors
//                   SQLite: event_actors joined with itself, GROUP BY the other actor
// Time histograms compare `starting` (the count SQL's GROUP BY on the start gives). Each draw's
// rows are put in one canonical text form and compared between the engines. Reported: CPU time of
// the querying thread (robust on a busy machine) and wall time, per kind, and the ratio.
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "annals/annals.h"
#include "bench/bench_flags.h"
#include "bench/query_mix.h"
#include "bench/run_result.h"
#include "bench/runners.h"

namespace annals_bench {
namespace {

constexpr int64_t kDayUs = 86'400'000'000;
constexpr int64_t kWeekUs = 7 * kDayUs;
constexpr int64_t kFirstMondayUs = 4 * kDayUs;  // 1970-01-05

constexpr uint64_t kTopCoActors = 10;  // also in the SQL

enum class Kind { kMonthActor, kWeekDyad, kTopTypes, kCoActors };
const char* const kKindNames[] = {"month_actor", "week_dyad", "top_types", "co_actors"};

struct Draw {
  Kind kind;
  std::vector<std::string> actors;
  int64_t from_us = annals::kMinusInfinity, to_us = annals::kPlusInfinity;
};

int64_t YearStart(int year) { return annals::ParseTime(std::to_string(year))->start_us(); }

std::vector<Draw> MakeDraws(const TimelineStats& s, uint64_t seed, int per_kind) {
  Random random(seed);
  std::vector<Draw> draws;
  std::vector<uint32_t> pairs;  // most frequent pairs first
  for (uint32_t i = 0; i < s.pair_counts.size(); ++i) {
    if (s.pair_counts[i] > 0) pairs.push_back(i);
  }
  std::sort(pairs.begin(), pairs.end(),
            [&](uint32_t a, uint32_t b) { return s.pair_counts[a] > s.pair_counts[b]; });
  pairs.resize(std::min<size_t>(pairs.size(), 20));
  for (int i = 0; i < per_kind; ++i) {
    const int year = 2005 + static_cast<int>(random.Below(15));
    draws.push_back({Kind::kMonthActor,
                     {s.actor_names[random.Below(10)]},
                     YearStart(year),
                     YearStart(year + 5)});
    const uint32_t pair = pairs.empty() ? 1 : pairs[random.Below(pairs.size())];
    const uint32_t kTop = TimelineStats::kTopPairRanks;
    draws.push_back({Kind::kWeekDyad,
                     {s.actor_names[pair / kTop], s.actor_names[pair % kTop]},
                     YearStart(year),
                     YearStart(year + 5)});
    draws.push_back({Kind::kTopTypes, {}, YearStart(year + 5), YearStart(year + 6)});
    draws.push_back({Kind::kCoActors, {s.actor_names[random.Below(10)]}});
  }
  return draws;
}

// Canonical text of one draw's answer: "key|count" lines, sorted.
std::string Canonical(std::vector<std::string> lines) {
  std::sort(lines.begin(), lines.end());
  return absl::StrJoin(lines, "\n");
}

std::string WeekKey(int64_t start_us) {
  return std::to_string((start_us - kFirstMondayUs) / kWeekUs);
}

absl::StatusOr<std::string> AnnalsDraw(annals::Database& db, const Draw& d) {
  annals::Query q;
  annals::Grouping g;
  q.from_us = d.from_us;
  q.to_us = d.to_us;
  q.all_actors = d.actors;
  switch (d.kind) {
    case Kind::kMonthActor:
      g.time = annals::TimeUnit::kMonth;
      break;
    case Kind::kWeekDyad:
      g.time = annals::TimeUnit::kWeek;
      break;
    case Kind::kTopTypes:
      g.group = annals::GroupKey::kType;
      break;
    case Kind::kCoActors:
      g.group = annals::GroupKey::kActor;
      g.exclude_query_actors = true;
      g.limit = kTopCoActors;
      break;
  }
  absl::StatusOr<std::vector<annals::CountRow>> rows = db.Aggregate(q, g);
  if (!rows.ok()) return rows.status();
  std::vector<std::string> lines;
  for (const annals::CountRow& r : *rows) {
    if (g.time && r.starting == 0) continue;
    const std::string key = d.kind == Kind::kWeekDyad ? WeekKey(r.bucket_start_us)
                            : g.time                  ? r.bucket
                                                      : absl::AsciiStrToLower(r.group);
    lines.push_back(absl::StrCat(key, "|", g.time ? r.starting : r.events));
  }
  return Canonical(std::move(lines));
}

const char* SqliteSql(Kind kind) {
  switch (kind) {
    case Kind::kMonthActor:
      return "SELECT strftime('%Y-%m', start_us / 1000000, 'unixepoch'), count(*) "
             "FROM event_actors WHERE actor = ?3 AND start_us >= ?1 AND start_us < ?2 GROUP BY 1";
    case Kind::kWeekDyad:
      return "SELECT (a.start_us - 345600000000) / 604800000000, count(*) FROM event_actors a "
             "JOIN event_actors b ON b.event_id = a.event_id AND b.actor = ?4 "
             "WHERE a.actor = ?3 AND a.start_us >= ?5 AND a.start_us < ?2 AND a.end_us > ?1 "
             "GROUP BY 1";
    case Kind::kTopTypes:
      return "SELECT coalesce(type, ''), count(*) FROM events "
             "WHERE start_us < ?2 AND end_us > ?1 GROUP BY type";
    case Kind::kCoActors:
      return "SELECT lower(b.actor), count(*) FROM event_actors a JOIN event_actors b "
             "ON b.event_id = a.event_id AND b.actor <> a.actor WHERE a.actor = ?3 "
             "GROUP BY b.actor ORDER BY 2 DESC, 1 LIMIT 10";
  }
  return "";
}

absl::StatusOr<std::string> SqliteDraw(sqlite3* db, sqlite3_stmt* stmt, const Draw& d) {
  sqlite3_bind_int64(stmt, 1, d.from_us);
  // ?5: the Monday the first week bucket begins on; events starting from there that overlap the
  // range count in it.
  sqlite3_bind_int64(stmt, 5, d.from_us - (d.from_us - kFirstMondayUs) % kWeekUs);
  sqlite3_bind_int64(stmt, 2, d.to_us);
  for (size_t i = 0; i < d.actors.size(); ++i) {
    sqlite3_bind_text(stmt, 3 + i, d.actors[i].data(), d.actors[i].size(), SQLITE_TRANSIENT);
  }
  std::vector<std::string> lines;
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    const char* key = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    lines.push_back(absl::StrCat(key != nullptr ? key : "", "|", sqlite3_column_int64(stmt, 1)));
  }
  sqlite3_reset(stmt);
  if (rc != SQLITE_DONE) return absl::InternalError(sqlite3_errmsg(db));
  return Canonical(std::move(lines));
}

struct Timing {
  double cpu_ms = 0, wall_ms = 0;
  int draws = 0;
};

template <typename Fn>
absl::StatusOr<std::string> Timed(Timing* t, Fn&& fn) {
  const int64_t cpu0 = ThreadCpuNs();
  const double wall0 = NowSeconds();
  absl::StatusOr<std::string> out = fn();
  t->cpu_ms += (ThreadCpuNs() - cpu0) / 1e6;
  t->wall_ms += (NowSeconds() - wall0) * 1e3;
  ++t->draws;
  return out;
}

int Run(int argc, char** argv) {
  Flags flags(argc, argv,
              "usage: annals-aggregate-bench [--events N] [--seed S] [--draws D] [--workdir DIR]\n"
              "                             [--kinds month_actor,week_dyad,top_types,co_actors]\n"
              "  --draws D  draws per kind (default 10); --workdir: reuse databases left there");
  TimelineOptions timeline;
  timeline.events = flags.Uint("events", 100'000);
  timeline.seed = flags.Uint("seed", 1);
  const int per_kind = static_cast<int>(flags.Uint("draws", 10));
  std::string dir = flags.String("workdir", "");
  const std::string kinds = flags.String("kinds", "month_actor,week_dyad,top_types,co_actors");
  flags.Finish();
  if (dir.empty()) dir = "/tmp/annals-aggregate-bench-" + std::to_string(timeline.events);
  std::filesystem::create_directories(dir);
  absl::StatusOr<TimelineStats> stats = WriteTimeline(timeline, dir + "/timeline.jsonl");
  if (!stats.ok()) return std::fprintf(stderr, "%s\n", stats.status().ToString().c_str()), 1;
  MixOptions mix;
  mix.reuse_databases = true;  // load once per work directory
  for (auto* run :
       {+[](const std::string&d, const MixOptions&m) {
          return RunAnnals(d + "/timeline.jsonl", d + "/annals.db", {}, m, /*bulk=*/false).status();
        },
        +[](const std::string&d, const MixOptions&m) {
          return RunSqlite(d + "/timeline.jsonl", d + "/sqlite.db", {}, m, false).status();
        }}) {
    if (absl::Status s = run(dir, mix); !s.ok()) {
      return std::fprintf(stderr, "load: %s\n", s.ToString().c_str()), 1;
    }
  }
  annals::Options ro;
  ro.read_only = true;
  auto db = annals::Database::Open(dir + "/annals.db", ro);
  sqlite3* lite = nullptr;
  if (!db.ok() || sqlite3_open_v2((dir + "/sqlite.db").c_str(), &lite, SQLITE_OPEN_READONLY,
                                  nullptr) != SQLITE_OK) {
    return std::fprintf(stderr, "cannot open the databases in %s\n", dir.c_str()), 1;
  }
  sqlite3_exec(lite, "PRAGMA cache_size=-65536", nullptr, nullptr, nullptr);
  std::vector<sqlite3_stmt*> stmts(4);
  for (int k = 0; k < 4; ++k) {
    if (sqlite3_prepare_v2(lite, SqliteSql(static_cast<Kind>(k)), -1, &stmts[k], nullptr) !=
        SQLITE_OK) {
      return std::fprintf(stderr, "sqlite: %s\n", sqlite3_errmsg(lite)), 1;
    }
  }
  Timing annals_t[4], sqlite_t[4];
  int disagree = 0;
  for (const Draw& d : MakeDraws(*stats, timeline.seed, per_kind)) {
    const int k = static_cast<int>(d.kind);
    if (kinds.find(kKindNames[k]) == std::string::npos) continue;
    absl::StatusOr<std::string> a = Timed(&annals_t[k], [&] { return AnnalsDraw(**db, d); });
    absl::StatusOr<std::string> b =
        Timed(&sqlite_t[k], [&] { return SqliteDraw(lite, stmts[k], d); });
    if (!a.ok() || !b.ok() || *a != *b) {
      ++disagree;
      std::fprintf(stderr, "%s: engines disagree (%s)\n", kKindNames[k],
                   !a.ok() ? a.status().ToString().c_str()
                           : (!b.ok() ? b.status().ToString().c_str() : "rows differ"));
    }
  }
  std::printf("%llu events; %d draws per kind; times per draw (ms)\n",
              static_cast<unsigned long long>(stats->records), per_kind);
  std::printf("%-12s %12s %12s %12s %12s %10s\n", "kind", "annals cpu", "sqlite cpu", "annals wall",
              "sqlite wall", "cpu ratio");
  for (int k = 0; k < 4; ++k) {
    const double n = std::max(1, annals_t[k].draws);
    std::printf("%-12s %12.2f %12.2f %12.2f %12.2f %9.1fx\n", kKindNames[k], annals_t[k].cpu_ms / n,
                sqlite_t[k].cpu_ms / n, annals_t[k].wall_ms / n, sqlite_t[k].wall_ms / n,
                sqlite_t[k].cpu_ms / std::max(1e-9, annals_t[k].cpu_ms));
  }
  std::printf(disagree == 0 ? "engines agree on every draw\n" : "ENGINES DISAGREE\n");
  for (sqlite3_stmt* s : stmts) sqlite3_finalize(s);
  sqlite3_close(lite);
  return disagree == 0 ? 0 : 1;
}

}  // namespace
}  // namespace annals_bench

int main(int argc, char** argv) { return annals_bench::Run(argc, argv); }
