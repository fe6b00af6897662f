// Copyright: the Annals authors.
//
// Micro benchmarks of record text I/O (annals/record_io.h) on generated records: parsing one
// NDJSON line, formatting one back, and the streaming reader that `annals ingest` uses.
#include <benchmark/benchmark.h>

#include <sstream>

#include "annals/record_io.h"
#include "bench/bench_db.h"

namespace annals_bench {
namespace {

constexpr size_t kCorpus = 4096;

void BM_ParseJsonRecord(benchmark::State& state) {
  const std::vector<std::string> lines = RecordCorpus(kCorpus);
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const std::string& line = lines[i++ % lines.size()];
    absl::StatusOr<annals::Event> e = annals::ParseJsonRecord(line);
    if (!e.ok()) {
      state.SkipWithError(e.status().ToString().c_str());
      return;
    }
    bytes += line.size();
    benchmark::DoNotOptimize(e->id.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_ParseJsonRecord);

void BM_FormatJsonRecord(benchmark::State& state) {
  std::vector<annals::Event> events;
  for (const std::string& line : RecordCorpus(kCorpus)) {
    absl::StatusOr<annals::Event> e = annals::ParseJsonRecord(line);
    if (!e.ok()) {
      state.SkipWithError(e.status().ToString().c_str());
      return;
    }
    events.push_back(*std::move(e));
  }
  size_t i = 0;
  for (auto _ : state) {
    std::string s = annals::FormatJsonRecord(events[i++ % events.size()]);
    benchmark::DoNotOptimize(s.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FormatJsonRecord);

// RecordReader::Json over kCorpus lines per iteration.
void BM_RecordReaderJson(benchmark::State& state) {
  std::string text;
  for (const std::string& line : RecordCorpus(kCorpus)) text += line + "\n";
  for (auto _ : state) {
    std::istringstream in(text);
    std::unique_ptr<annals::RecordReader> reader = annals::RecordReader::Json(in);
    annals::Event e;
    while (true) {
      absl::StatusOr<bool> more = reader->Next(&e);
      if (!more.ok()) {
        state.SkipWithError(more.status().ToString().c_str());
        return;
      }
      if (!*more) break;
      benchmark::DoNotOptimize(e.id.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(kCorpus));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_RecordReaderJson);

}  // namespace
}  // namespace annals_bench
