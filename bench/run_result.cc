// Copyright: the Annals authors.
#include "bench/run_result.h"

#include <sys/resource.h>
#include <time.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"

namespace annals_bench {
namespace {

std::string Escape(std::string_view s) {
  return absl::StrReplaceAll(absl::CEscape(absl::string_view(s.data(), s.size())),
                             {{" ", "\\040"}});
}

absl::Status Malformed(const std::string& path, const std::string& line) {
  return absl::DataLossError("malformed result file " + path + ": " + line);
}

template <typename T>
bool ParseNumber(absl::string_view text, T* out) {
  if constexpr (std::is_floating_point_v<T>) {
    return absl::SimpleAtod(text, out);
  } else {
    return absl::SimpleAtoi(text, out);
  }
}

// Parses "draw K COUNT HASH LATENCY_NS CPU_NS [IDS...]" into result->kinds.
bool ParseDraw(const std::vector<absl::string_view>& f, EngineResult* result) {
  size_t k;
  DrawResult d;
  if (f.size() < 6 || !ParseNumber(f[1], &k) || !ParseNumber(f[2], &d.count) ||
      !ParseNumber(f[3], &d.hash) || !ParseNumber(f[4], &d.latency_ns) ||
      !ParseNumber(f[5], &d.cpu_ns)) {
    return false;
  }
  for (size_t i = 6; i < f.size(); ++i) {
    std::string id;
    if (!absl::CUnescape(f[i], &id)) return false;
    d.ids.push_back(std::move(id));
  }
  if (result->kinds.size() <= k) result->kinds.resize(k + 1);
  result->kinds[k].draws.push_back(std::move(d));
  return true;
}

bool ParseLine(absl::string_view line, EngineResult* r) {
  std::vector<absl::string_view> f = absl::StrSplit(line, ' ', absl::SkipEmpty());
  if (f.empty()) return true;
  if (f[0] == "engine" && f.size() == 2) {
    r->engine = std::string(f[1]);
    return true;
  }
  if (f[0] == "note") {
    std::string note;
    if (f.size() != 2 || !absl::CUnescape(f[1], &note)) return false;
    r->notes.push_back(std::move(note));
    return true;
  }
  if (f[0] == "sizes" && f.size() == 5) {
    return ParseNumber(f[1], &r->loaded) && ParseNumber(f[2], &r->stored) &&
           ParseNumber(f[3], &r->disk_bytes) && ParseNumber(f[4], &r->peak_rss_kb);
  }
  if (f[0] == "times" && f.size() == 5) {
    return ParseNumber(f[1], &r->load_seconds) && ParseNumber(f[2], &r->parse_seconds) &&
           ParseNumber(f[3], &r->after_seconds) && ParseNumber(f[4], &r->load_cpu_seconds);
  }
  if (f[0] == "kind" && f.size() == 4) {
    size_t k;
    if (!ParseNumber(f[1], &k)) return false;
    if (r->kinds.size() <= k) r->kinds.resize(k + 1);
    return ParseNumber(f[2], &r->kinds[k].index_entries_scanned) &&
           ParseNumber(f[3], &r->kinds[k].events_returned);
  }
  if (f[0] == "draw") return ParseDraw(f, r);
  return false;
}

}  // namespace

void DrawResult::Add(std::string_view id, bool keep) {
  ++count;
  for (unsigned char c : id) hash = (hash ^ c) * 0x100000001b3ULL;
  hash = (hash ^ 0xff) * 0x100000001b3ULL;  // separator: ids "ab","c" differ from "a","bc"
  if (keep) ids.emplace_back(id);
}

absl::Status RunMix(const std::vector<QueryKind>& mix, const RunOne& run, const MixOptions& options,
                    EngineResult* result) {
  result->kinds.assign(mix.size(), KindResult{});
  for (size_t k = 0; k < mix.size(); ++k) {
    const double start = NowSeconds();
    for (size_t i = 0; i < mix[k].draws.size(); ++i) {
      if (static_cast<int>(i) >= options.min_draws &&
          NowSeconds() - start > options.budget_seconds) {
        break;
      }
      DrawResult d;
      const auto t0 = std::chrono::steady_clock::now();
      const int64_t cpu0 = ThreadCpuNs();
      absl::Status s = run(mix[k], mix[k].draws[i], i < kSampledDraws, &d, &result->kinds[k]);
      d.latency_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                         std::chrono::steady_clock::now() - t0)
                         .count();
      d.cpu_ns = ThreadCpuNs() - cpu0;
      if (!s.ok()) {
        return absl::Status(s.code(), absl::StrCat(mix[k].name, " draw ", i, ": ", s.message()));
      }
      result->kinds[k].draws.push_back(std::move(d));
    }
  }
  return absl::OkStatus();
}

absl::Status WriteResult(const EngineResult& r, const std::string& path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << "engine " << r.engine << "\n";
  out << "sizes " << r.loaded << " " << r.stored << " " << r.disk_bytes << " " << r.peak_rss_kb
      << "\n";
  out << "times " << absl::StrCat(r.load_seconds) << " " << absl::StrCat(r.parse_seconds) << " "
      << absl::StrCat(r.after_seconds) << " " << absl::StrCat(r.load_cpu_seconds) << "\n";
  for (const std::string& note : r.notes) out << "note " << Escape(note) << "\n";
  for (size_t k = 0; k < r.kinds.size(); ++k) {
    out << "kind " << k << " " << r.kinds[k].index_entries_scanned << " "
        << r.kinds[k].events_returned << "\n";
    for (const DrawResult& d : r.kinds[k].draws) {
      out << "draw " << k << " " << d.count << " " << d.hash << " " << d.latency_ns << " "
          << d.cpu_ns;
      for (const std::string& id : d.ids) out << " " << Escape(id);
      out << "\n";
    }
  }
  out.close();
  if (!out) return absl::DataLossError("cannot write " + path);
  return absl::OkStatus();
}

absl::StatusOr<EngineResult> ReadResult(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError("no result file " + path);
  EngineResult r;
  std::string line;
  while (std::getline(in, line)) {
    if (!ParseLine(line, &r)) return Malformed(path, line);
  }
  return r;
}

uint64_t DiskBytes(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(path, ec)) return std::filesystem::file_size(path, ec);
  uint64_t total = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(path, ec)) {
    if (e.is_regular_file(ec)) total += e.file_size(ec);
  }
  return total;
}

int64_t PeakRssKb() {
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

double ProcessCpuSeconds() {
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

int64_t ThreadCpuNs() {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
}

double NowSeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace annals_bench
