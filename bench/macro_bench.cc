// Copyright: the Annals authors.
//
// annals-macro-bench: generates one timeline, loads it into Annals and into SQLite (two variants,
// see runners.h), runs the same query mix on each, checks that they agree, prints the tables.
// Each engine runs in its own child process, one after the other, so peak RSS and timings are its
// own. With --rounds N the engines' query phases run N times, in alternating order, and each
// kind's percentiles pool the draws of every round: this machine's speed drifts by tens of percent
// over minutes, and alternation spreads the drift over both engines. Before its queries, each
// engine's files are read once, so that both start from a warm page cache.
// Exit status: 0 all engines agree, 1 a disagreement or an engine failed, 2 usage.
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "absl/algorithm/container.h"
#include "absl/strings/str_split.h"
#include "bench/bench_flags.h"
#include "bench/bench_report.h"
#include "bench/query_mix.h"
#include "bench/runners.h"

namespace annals_bench {
namespace {

constexpr char kUsage[] =
    "usage: annals-macro-bench [--events N] [--seed S] [--draws D] [--budget SECONDS]\n"
    "                          [--engines annals,annals-bulk,sqlite,sqlite-cls] [--workdir DIR]\n"
    "                          [--keep]\n"
    "                          [--cache-mb N] [--notes] [--reuse] [--shape news|short]\n"
    "                          [--kinds actor_small,...] [--rounds N]\n"
    "  --events N      records to generate and load (default 100000)\n"
    "  --seed S        seed of the timeline and of the query draws (default 1)\n"
    "  --shape S       timeline shape: news (default) or short (annals-gen --help)\n"
    "  --draws D       random parameter draws per query kind (default 200)\n"
    "  --budget S      stop a query kind after S seconds once 20 draws ran (default 60)\n"
    "  --kinds LIST    query kinds to run (default: all; names as in the report)\n"
    "  --rounds N      run the engines' queries N times, alternating their order, and pool the\n"
    "                  draws (default 1; rounds after the first reuse the loaded databases)\n"
    "  --engines LIST  engines to run; the first is the one the others are compared with\n"
    "                  (annals-bulk: Annals loaded by one bulk load, as `ingest --bulk`)\n"
    "  --workdir DIR   where the timeline and databases go (default: a new temp dir)\n"
    "  --keep          keep the work directory\n"
    "  --cache-mb N    cache of each engine: Annals' block cache, SQLite's page cache (default "
    "64)\n"
    "  --notes         print each engine's notes (SQLite query plans, put summaries)\n"
    "  --reuse         with --workdir: query databases left there by an earlier run (--keep)\n"
    "                  instead of loading them again (for profiling queries)";

// Reads every file of an engine's database once (into the page cache), if it exists.
void WarmFiles(const std::string& path) {
  std::error_code ec;
  std::vector<std::string> files;
  if (std::filesystem::is_regular_file(path, ec)) files.push_back(path);
  for (const auto& e : std::filesystem::recursive_directory_iterator(path, ec)) {
    if (e.is_regular_file(ec)) files.push_back(e.path().string());
  }
  std::vector<char> buffer(1 << 20);
  for (const std::string& f : files) {
    FILE* in = std::fopen(f.c_str(), "rb");
    if (in == nullptr) continue;
    while (std::fread(buffer.data(), 1, buffer.size(), in) == buffer.size()) {
    }
    std::fclose(in);
  }
}

std::string DatabasePath(const std::string& engine, const std::string& dir) {
  return dir + "/" + engine + ".db";
}

absl::StatusOr<EngineResult> RunEngine(const std::string& engine, const std::string& dir,
                                       const std::vector<QueryKind>& mix,
                                       const MixOptions& options) {
  const std::string input = dir + "/timeline.jsonl";
  const std::string db = DatabasePath(engine, dir);
  if (engine == "annals") return RunAnnals(input, db, mix, options, /*bulk=*/false);
  if (engine == "annals-bulk") return RunAnnals(input, db, mix, options, /*bulk=*/true);
  if (engine == "sqlite") return RunSqlite(input, db, mix, options, false);
  if (engine == "sqlite-cls") return RunSqlite(input, db, mix, options, true);
  return absl::InvalidArgumentError("unknown engine " + engine);
}

// Runs `engine` in a child process; its result comes back through a file.
absl::StatusOr<EngineResult> RunInChild(const std::string& engine, const std::string& dir,
                                        const std::vector<QueryKind>& mix,
                                        const MixOptions& options) {
  const std::string result_path = dir + "/" + engine + ".result";
  WarmFiles(DatabasePath(engine, dir));
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid < 0) return absl::InternalError("fork failed");
  if (pid == 0) {
    absl::StatusOr<EngineResult> r = RunEngine(engine, dir, mix, options);
    absl::Status s = r.ok() ? WriteResult(*r, result_path) : r.status();
    if (!s.ok()) std::fprintf(stderr, "%s: error: %s\n", engine.c_str(), s.ToString().c_str());
    std::fflush(nullptr);
    _exit(s.ok() ? 0 : 1);
  }
  int status = 0;
  if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return absl::InternalError(engine + " failed");
  }
  return ReadResult(result_path);
}

std::string MakeWorkdir(const std::string& requested) {
  if (!requested.empty()) {
    std::filesystem::create_directories(requested);
    return requested;
  }
  const char* base = getenv("TMPDIR");
  std::string pattern = std::string(base != nullptr ? base : "/tmp") + "/annals-macro-XXXXXX";
  return mkdtemp(pattern.data()) != nullptr ? pattern : "";
}

int Run(int argc, char** argv) {
  Flags flags(argc, argv, kUsage);
  TimelineOptions timeline;
  timeline.events = flags.Uint("events", 100'000);
  timeline.seed = flags.Uint("seed", 1);
  if (!ApplyShape(flags.String("shape", "news"), &timeline)) {
    flags.Fail("--shape must be news or short");
  }
  const int draws = static_cast<int>(flags.Uint("draws", 200));
  MixOptions mix_options;
  mix_options.budget_seconds = static_cast<double>(flags.Uint("budget", 60));
  const std::vector<std::string> engines =
      absl::StrSplit(flags.String("engines", "annals,sqlite,sqlite-cls"), ',', absl::SkipEmpty());
  const std::string requested_dir = flags.String("workdir", "");
  const bool keep = flags.Bool("keep");
  const bool notes = flags.Bool("notes");
  mix_options.reuse_databases = flags.Bool("reuse");
  mix_options.cache_bytes = flags.Uint("cache-mb", 64) << 20;
  const std::vector<std::string> kinds =
      absl::StrSplit(flags.String("kinds", ""), ',', absl::SkipEmpty());
  const uint64_t rounds = flags.Uint("rounds", 1);
  flags.Finish();
  if (rounds < 1) flags.Fail("--rounds must be at least 1");
  if (engines.empty()) flags.Fail("--engines needs at least one engine");

  const std::string dir = MakeWorkdir(requested_dir);
  if (dir.empty()) {
    std::fprintf(stderr, "annals-macro-bench: error: cannot create a work directory\n");
    return 1;
  }
  std::fprintf(stderr, "generating %llu records (seed %llu) in %s\n",
               static_cast<unsigned long long>(timeline.events),
               static_cast<unsigned long long>(timeline.seed), dir.c_str());
  const double t0 = NowSeconds();
  absl::StatusOr<TimelineStats> stats = WriteTimeline(timeline, dir + "/timeline.jsonl");
  if (!stats.ok()) {
    std::fprintf(stderr, "annals-macro-bench: error: %s\n", stats.status().ToString().c_str());
    return 1;
  }
  std::fprintf(stderr, "generated in %.1f s\n", NowSeconds() - t0);
  std::vector<QueryKind> mix = BuildQueryMix(*stats, timeline.seed, draws);
  if (!kinds.empty()) {
    std::erase_if(mix, [&](const QueryKind& k) { return !absl::c_linear_search(kinds, k.name); });
    if (mix.size() != kinds.size()) flags.Fail("--kinds names an unknown or repeated query kind");
  }

  std::vector<EngineResult> results(engines.size());
  int exit_code = 0;
  bool agree = true;
  for (uint64_t round = 0; round < rounds && exit_code == 0; ++round) {
    std::vector<EngineResult> round_results(engines.size());
    for (size_t j = 0; j < engines.size(); ++j) {
      const size_t e = round % 2 == 0 ? j : engines.size() - 1 - j;  // alternate the order
      const std::string& engine = engines[e];
      std::fprintf(stderr, "running %s (round %llu of %llu)\n", engine.c_str(),
                   static_cast<unsigned long long>(round + 1),
                   static_cast<unsigned long long>(rounds));
      MixOptions round_options = mix_options;
      if (round > 0) round_options.reuse_databases = true;  // loaded in the first round
      const double start = NowSeconds();
      absl::StatusOr<EngineResult> r = RunInChild(engine, dir, mix, round_options);
      if (!r.ok()) {
        std::fprintf(stderr, "annals-macro-bench: error: %s\n", r.status().ToString().c_str());
        exit_code = 1;
        break;
      }
      std::fprintf(stderr, "%s done in %.1f s\n", engine.c_str(), NowSeconds() - start);
      round_results[e] = *std::move(r);
    }
    if (exit_code != 0) break;
    agree = CheckAgreement(mix, round_results, stderr) && agree;
    for (size_t e = 0; e < engines.size(); ++e) {
      EngineResult& r = round_results[e];
      if (round == 0) {
        results[e] = std::move(r);
        continue;
      }
      for (size_t k = 0; k < mix.size(); ++k) {  // pool this round's draws
        KindResult& pooled = results[e].kinds[k];
        for (DrawResult& d : r.kinds[k].draws) pooled.draws.push_back(std::move(d));
        pooled.index_entries_scanned += r.kinds[k].index_entries_scanned;
        pooled.events_returned += r.kinds[k].events_returned;
      }
      results[e].peak_rss_kb = std::max(results[e].peak_rss_kb, r.peak_rss_kb);
    }
  }
  if (exit_code == 0) {
    if (!agree) exit_code = 1;
    PrintReport(*stats, mix, results, stdout);
    if (notes) {
      for (const EngineResult& r : results) {
        for (const std::string& n : r.notes) std::printf("%s: %s\n", r.engine.c_str(), n.c_str());
      }
    }
    std::printf(exit_code == 0 ? "all engines agree on every draw\n"
                               : "ENGINES DISAGREE (see stderr)\n");
  }
  if (!keep && requested_dir.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  return exit_code;
}

}  // namespace
}  // namespace annals_bench

int main(int argc, char** argv) { return annals_bench::Run(argc, argv); }
