// Copyright: the Annals authors.
//
// Micro benchmarks of the storage encodings: index keys and values (key_codec.h) and event records
// (record_codec.h).
#include <benchmark/benchmark.h>

#include "bench/bench_db.h"
#include "internal/storage/format.h"
#include "internal/storage/key_codec.h"
#include "internal/storage/record_codec.h"

namespace annals_bench {
namespace {

using annals::internal::IndexKey;

constexpr int kKeys = 1024;

std::vector<IndexKey> Keys() {
  std::vector<IndexKey> keys;
  for (int i = 0; i < kKeys; ++i) {
    keys.push_back(IndexKey{static_cast<uint32_t>(i * 7919 % 50000), static_cast<uint8_t>(i % 14),
                            1'500'000'000'000'000 + int64_t{i} * 987'654'321,
                            static_cast<uint64_t>(i) * 104729});
  }
  return keys;
}

void BM_EncodeIndexKey(benchmark::State& state) {
  const std::vector<IndexKey> keys = Keys();
  size_t i = 0;
  for (auto _ : state) {
    std::string k = annals::internal::EncodeIndexKey(true, keys[i++ % kKeys]);
    benchmark::DoNotOptimize(k.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EncodeIndexKey);

void BM_DecodeIndexKey(benchmark::State& state) {
  std::vector<std::string> encoded;
  for (const IndexKey& k : Keys()) encoded.push_back(annals::internal::EncodeIndexKey(true, k));
  size_t i = 0;
  IndexKey out;
  for (auto _ : state) {
    const bool ok = annals::internal::DecodeIndexKey(encoded[i++ % kKeys], true, &out);
    benchmark::DoNotOptimize(ok);
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecodeIndexKey);

void BM_IndexValueRoundTrip(benchmark::State& state) {
  namespace ai = annals::internal;
  int64_t t = 1'700'000'000'000'000;
  ai::IndexEntry e;
  const std::vector<uint32_t> roles = {0, 3};
  for (auto _ : state) {
    const int64_t end = t + 1'000'000;
    std::string k = ai::EncodeIndexKey(ai::kByActorCf, 5, t, end, 42);
    std::string v = ai::EncodeIndexValue(ai::kByActorCf, t++, end, 17, roles);
    const bool ok = ai::DecodeIndexEntry(ai::kByActorCf, k, v, &e);
    benchmark::DoNotOptimize(ok);
    benchmark::DoNotOptimize(e.end_us);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_IndexValueRoundTrip);

// Generated records as the engine stores them (dictionary numbers made up).
std::vector<annals::internal::StoredEvent> StoredCorpus(benchmark::State& state) {
  std::vector<annals::internal::StoredEvent> out;
  for (const std::string& line : RecordCorpus(kKeys)) {
    absl::StatusOr<annals::Event> e = annals::ParseJsonRecord(line);
    if (!e.ok()) {
      state.SkipWithError(e.status().ToString().c_str());
      return {};
    }
    annals::internal::StoredEvent s;
    s.event = *std::move(e);
    s.event.recorded = annals::Date{1'700'000'000'000'000, annals::Precision::kSecond, 0};
    s.event.ingested_us = 1'700'000'000'000'000;
    s.type_number = 3;
    for (size_t a = 0; a < s.event.actors.size(); ++a) s.actor_numbers.push_back(a + 1);
    s.content_hash = annals::internal::HashContent(s.event);
    out.push_back(std::move(s));
  }
  return out;
}

void BM_EncodeRecord(benchmark::State& state) {
  const std::vector<annals::internal::StoredEvent> corpus = StoredCorpus(state);
  if (corpus.empty()) return;
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    std::string r = annals::internal::EncodeRecord(corpus[i++ % corpus.size()]);
    bytes += r.size();
    benchmark::DoNotOptimize(r.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_EncodeRecord);

void BM_DecodeRecord(benchmark::State& state) {
  std::vector<std::string> encoded;
  for (const auto& s : StoredCorpus(state)) encoded.push_back(annals::internal::EncodeRecord(s));
  if (encoded.empty()) return;
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const std::string& r = encoded[i++ % encoded.size()];
    absl::StatusOr<annals::internal::StoredEvent> s = annals::internal::DecodeRecord(r);
    if (!s.ok()) {
      state.SkipWithError(s.status().ToString().c_str());
      return;
    }
    bytes += r.size();
    benchmark::DoNotOptimize(s->event.id.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_DecodeRecord);

void BM_HashContent(benchmark::State& state) {
  const std::vector<annals::internal::StoredEvent> corpus = StoredCorpus(state);
  if (corpus.empty()) return;
  size_t i = 0;
  for (auto _ : state) {
    std::string h = annals::internal::HashContent(corpus[i++ % corpus.size()].event);
    benchmark::DoNotOptimize(h.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_HashContent);

}  // namespace
}  // namespace annals_bench
