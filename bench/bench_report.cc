// Copyright: the Annals authors.
#include "bench/bench_report.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace annals_bench {
namespace {

void ReportIdDifference(const DrawResult& a, const DrawResult& b, FILE* err) {
  const size_t n = std::min(a.ids.size(), b.ids.size());
  for (size_t i = 0; i < n; ++i) {
    if (a.ids[i] != b.ids[i]) {
      std::fprintf(err, "    first difference at result %zu: %s vs %s\n", i, a.ids[i].c_str(),
                   b.ids[i].c_str());
      return;
    }
  }
  if (a.ids.size() != b.ids.size()) {
    std::fprintf(err, "    one result list is a prefix of the other (%zu vs %zu ids)\n",
                 a.ids.size(), b.ids.size());
  }
}

std::string Params(const QueryParams& p) {
  std::string s;
  for (const std::string& a : p.actors) absl::StrAppend(&s, "actor=\"", a, "\" ");
  if (!p.type.empty()) absl::StrAppend(&s, "type=", p.type, " ");
  absl::StrAppend(&s, "from_us=", p.from_us, " to_us=", p.to_us);
  return s;
}

double MeanCount(const KindResult& k) {
  if (k.draws.empty()) return 0;
  double total = 0;
  for (const DrawResult& d : k.draws) total += static_cast<double>(d.count);
  return total / static_cast<double>(k.draws.size());
}

std::string Ratio(double a, double b) {
  return b > 0 ? absl::StrFormat("%.2f", a / b) : std::string("-");
}

std::string Ms(double ms) {
  return ms >= 100  ? absl::StrFormat("%.0f", ms)
         : ms >= 10 ? absl::StrFormat("%.1f", ms)
                    : absl::StrFormat("%.3f", ms);
}

double Rate(const EngineResult& e, bool storage_only) {
  const double s = storage_only ? e.load_seconds - e.parse_seconds : e.load_seconds;
  return s > 0 ? static_cast<double>(e.loaded) / s : 0;
}

void PrintLoadTable(const std::vector<EngineResult>& engines, FILE* out) {
  std::fprintf(out, "| load | ");
  for (const EngineResult& e : engines) std::fprintf(out, "%s | ", e.engine.c_str());
  for (size_t i = 1; i < engines.size(); ++i) {
    std::fprintf(out, "annals / %s | ", engines[i].engine.c_str());
  }
  std::fprintf(out, "\n|---|");
  for (size_t i = 0; i < 2 * engines.size() - 1; ++i) std::fprintf(out, "---:|");
  std::fprintf(out, "\n");
  struct Row {
    const char* name;
    std::function<double(const EngineResult&)> value;
    int decimals;
  };
  const Row rows[] = {
      {"ingest events/s (read+parse+store)", [](const EngineResult& e) { return Rate(e, false); },
       0},
      {"ingest events/s (store only)", [](const EngineResult& e) { return Rate(e, true); }, 0},
      {"ingest events per CPU second (all threads)",
       [](const EngineResult& e) {
         return e.load_cpu_seconds > 0 ? static_cast<double>(e.loaded) / e.load_cpu_seconds : 0;
       },
       0},
      {"load seconds", [](const EngineResult& e) { return e.load_seconds; }, 1},
      {"load CPU seconds (all threads)", [](const EngineResult& e) { return e.load_cpu_seconds; },
       1},
      {"after-load seconds (SQLite ANALYZE)", [](const EngineResult& e) { return e.after_seconds; },
       1},
      {"disk bytes/event",
       [](const EngineResult& e) {
         return e.stored > 0 ? static_cast<double>(e.disk_bytes) / static_cast<double>(e.stored)
                             : 0.0;
       },
       1},
      {"peak RSS MiB (load+queries)",
       [](const EngineResult& e) { return static_cast<double>(e.peak_rss_kb) / 1024; }, 1},
      {"events stored", [](const EngineResult& e) { return static_cast<double>(e.stored); }, 0},
  };
  for (const Row& row : rows) {
    std::fprintf(out, "| %s | ", row.name);
    for (const EngineResult& e : engines) {
      std::fprintf(out, "%s | ", absl::StrFormat("%.*f", row.decimals, row.value(e)).c_str());
    }
    for (size_t i = 1; i < engines.size(); ++i) {
      std::fprintf(out, "%s | ", Ratio(row.value(engines[0]), row.value(engines[i])).c_str());
    }
    std::fprintf(out, "\n");
  }
}

// cpu: thread CPU time instead of wall-clock latency.
void PrintQueryTable(const std::vector<QueryKind>& mix, const std::vector<EngineResult>& engines,
                     bool cpu, FILE* out) {
  const char* unit = cpu ? "cpu ms" : "ms";
  std::fprintf(out, "| query | results (mean) | draws | ");
  for (const EngineResult& e : engines) {
    std::fprintf(out, "%s p50 %s | %s p99 %s | ", e.engine.c_str(), unit, e.engine.c_str(), unit);
  }
  for (size_t i = 1; i < engines.size(); ++i) {
    std::fprintf(out, "p50 annals / %s | p99 annals / %s | ", engines[i].engine.c_str(),
                 engines[i].engine.c_str());
  }
  const bool annals = engines[0].engine == "annals";
  if (annals) std::fprintf(out, "annals entries scanned / returned |");
  std::fprintf(out, "\n|---|---:|---:|");
  for (size_t i = 0; i < 4 * engines.size() - 2 + (annals ? 1 : 0); ++i) std::fprintf(out, "---:|");
  std::fprintf(out, "\n");
  for (size_t k = 0; k < mix.size(); ++k) {
    // Timed draws per engine (pooled over --rounds), the fewest of any engine.
    size_t draws = engines[0].kinds[k].draws.size();
    for (const EngineResult& e : engines) draws = std::min(draws, e.kinds[k].draws.size());
    std::fprintf(out, "| %s | %.0f | %zu | ", mix[k].name.c_str(), MeanCount(engines[0].kinds[k]),
                 draws);
    for (const EngineResult& e : engines) {
      std::fprintf(out, "%s | %s | ", Ms(PercentileMs(e.kinds[k], 0.5, cpu)).c_str(),
                   Ms(PercentileMs(e.kinds[k], 0.99, cpu)).c_str());
    }
    for (size_t i = 1; i < engines.size(); ++i) {
      for (double p : {0.5, 0.99}) {
        std::fprintf(out, "%s | ",
                     Ratio(PercentileMs(engines[0].kinds[k], p, cpu),
                           PercentileMs(engines[i].kinds[k], p, cpu))
                         .c_str());
      }
    }
    if (annals) {
      const KindResult& a = engines[0].kinds[k];
      std::fprintf(out, "%s |",
                   Ratio(static_cast<double>(a.index_entries_scanned),
                         static_cast<double>(a.events_returned))
                       .c_str());
    }
    std::fprintf(out, "\n");
  }
}

}  // namespace

bool CheckAgreement(const std::vector<QueryKind>& mix, const std::vector<EngineResult>& engines,
                    FILE* err) {
  bool ok = true;
  const EngineResult& base = engines[0];
  for (size_t e = 1; e < engines.size(); ++e) {
    const EngineResult& other = engines[e];
    if (other.stored != base.stored) {
      std::fprintf(err, "DISAGREEMENT: %s stores %llu events, %s %llu\n", base.engine.c_str(),
                   static_cast<unsigned long long>(base.stored), other.engine.c_str(),
                   static_cast<unsigned long long>(other.stored));
      ok = false;
    }
    for (size_t k = 0; k < mix.size(); ++k) {
      const auto& a = base.kinds[k].draws;
      const auto& b = other.kinds[k].draws;
      for (size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
        if (a[i].count == b[i].count && a[i].hash == b[i].hash) continue;
        ok = false;
        std::fprintf(err, "DISAGREEMENT: %s draw %zu (%s): %s returns %llu events, %s %llu%s\n",
                     mix[k].name.c_str(), i, Params(mix[k].draws[i]).c_str(), base.engine.c_str(),
                     static_cast<unsigned long long>(a[i].count), other.engine.c_str(),
                     static_cast<unsigned long long>(b[i].count),
                     a[i].count == b[i].count ? " (same count, different ids or order)" : "");
        ReportIdDifference(a[i], b[i], err);
      }
    }
  }
  return ok;
}

double PercentileMs(const KindResult& kind, double p, bool cpu) {
  if (kind.draws.empty()) return 0;
  std::vector<int64_t> v;
  for (const DrawResult& d : kind.draws) v.push_back(cpu ? d.cpu_ns : d.latency_ns);
  std::sort(v.begin(), v.end());
  const size_t rank = static_cast<size_t>(std::ceil(p * static_cast<double>(v.size())));
  return static_cast<double>(v[std::max<size_t>(rank, 1) - 1]) / 1e6;
}

void PrintReport(const TimelineStats& stats, const std::vector<QueryKind>& mix,
                 const std::vector<EngineResult>& engines, FILE* out) {
  std::fprintf(out, "\n%llu records (%llu distinct events)\n\n",
               static_cast<unsigned long long>(stats.records),
               static_cast<unsigned long long>(stats.distinct_ids));
  PrintLoadTable(engines, out);
  std::fprintf(out, "\n");
  std::fprintf(out, "Query latency, wall clock:\n\n");
  PrintQueryTable(mix, engines, false, out);
  std::fprintf(out, "\nQuery CPU time of the querying thread:\n\n");
  PrintQueryTable(mix, engines, true, out);
  std::fprintf(out, "\n");
}

}  // namespace annals_bench
