// Copyright: the Annals authors.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>

#include "absl/strings/str_cat.h"
#include "annals/annals.h"
#include "bench/runners.h"

namespace annals_bench {
namespace {

double Since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

absl::Status Load(const std::string& input, const std::string& db_path, uint64_t cache_bytes,
                  bool bulk, EngineResult* r) {
  std::ifstream in(input, std::ios::binary);
  if (!in) return absl::NotFoundError("cannot read " + input);
  annals::Options options;
  options.block_cache_bytes = cache_bytes;
  options.bulk_ingest = true;  // as `annals ingest` does
  absl::StatusOr<std::unique_ptr<annals::Database>> db = annals::Database::Open(db_path, options);
  if (!db.ok()) return db.status();
  const auto start = std::chrono::steady_clock::now();
  const double cpu_start = ProcessCpuSeconds();
  std::unique_ptr<annals::RecordReader> reader = annals::RecordReader::Json(in);
  std::vector<annals::NormalizedEvent> batch;  // normalized once, by the reader, as in ingest
  annals::PutResult totals;
  std::unique_ptr<annals::Load> load;
  if (bulk) {
    absl::StatusOr<std::unique_ptr<annals::Load>> started = (*db)->StartLoad();
    if (!started.ok()) return started.status();
    load = *std::move(started);
  }
  auto flush = [&]() -> absl::Status {
    absl::StatusOr<annals::PutResult> put = load != nullptr
                                                ? load->PutNormalized(std::move(batch))
                                                : (*db)->PutNormalized(std::move(batch));
    batch.clear();
    if (!put.ok()) return put.status();
    totals.added += put->added;
    totals.replaced += put->replaced;
    totals.unchanged += put->unchanged;
    return absl::OkStatus();
  };
  while (true) {
    const auto t0 = std::chrono::steady_clock::now();
    absl::StatusOr<std::optional<annals::NormalizedEvent>> more = reader->NextNormalized();
    r->parse_seconds += Since(t0);
    if (!more.ok()) {
      return absl::Status(more.status().code(),
                          absl::StrCat(input, ":", reader->line(), ": ", more.status().message()));
    }
    if (!more->has_value()) break;
    ++r->loaded;
    batch.push_back(**std::move(more));
    if (batch.size() == kBatch) {
      if (absl::Status s = flush(); !s.ok()) return s;
    }
  }
  if (!batch.empty()) {
    if (absl::Status s = flush(); !s.ok()) return s;
  }
  if (load != nullptr) {
    if (absl::Status s = load->Commit().status(); !s.ok()) return s;
    load.reset();
  }
  db->reset();  // a clean close, as at the end of `annals ingest`
  r->load_seconds = Since(start);
  r->load_cpu_seconds = ProcessCpuSeconds() - cpu_start;
  r->notes.push_back(absl::StrCat("annals put: ", totals.added, " added, ", totals.replaced,
                                  " replaced, ", totals.unchanged, " unchanged"));
  return absl::OkStatus();
}

absl::Status RunQuery(annals::Database& db, const QueryKind& kind, const QueryParams& p,
                      bool keep_ids, DrawResult* out, KindResult* totals) {
  annals::Query q;
  switch (kind.shape) {
    case QueryShape::kActor:
    case QueryShape::kAllOf:
      q.all_actors = p.actors;
      break;
    case QueryShape::kActorRole:
      q.all_actor_specs = {annals::ActorSpec{p.actors[0], p.role}};
      break;
    case QueryShape::kAnyOf:
      q.any_actors = p.actors;
      break;
    case QueryShape::kType:
      q.types = {p.type};
      break;
    case QueryShape::kGlobal:
      break;
  }
  q.from_us = p.from_us;
  q.to_us = p.to_us;
  absl::StatusOr<std::unique_ptr<annals::Cursor>> cursor = db.Query(q);
  if (!cursor.ok()) return cursor.status();
  while ((*cursor)->Next()) out->Add((*cursor)->event().id, keep_ids);
  if (!(*cursor)->status().ok()) return (*cursor)->status();
  const annals::QueryCounters c = (*cursor)->counters();
  totals->index_entries_scanned += c.index_entries_scanned;
  totals->events_returned += c.events_returned;
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<EngineResult> RunAnnals(const std::string& input, const std::string& db_path,
                                       const std::vector<QueryKind>& mix, const MixOptions& options,
                                       bool bulk) {
  EngineResult r;
  r.engine = bulk ? "annals-bulk" : "annals";
  if (!options.reuse_databases || !std::filesystem::exists(db_path)) {
    if (absl::Status s = Load(input, db_path, options.cache_bytes, bulk, &r); !s.ok()) return s;
  }
  r.disk_bytes = DiskBytes(db_path);
  annals::Options read_options;
  read_options.read_only = true;
  read_options.block_cache_bytes = options.cache_bytes;
  absl::StatusOr<std::unique_ptr<annals::Database>> db =
      annals::Database::Open(db_path, read_options);
  if (!db.ok()) return db.status();
  absl::StatusOr<annals::DatabaseStats> stats = (*db)->Stats();
  if (!stats.ok()) return stats.status();
  r.stored = stats->events;
  absl::Status s = RunMix(
      mix,
      [&](const QueryKind& kind, const QueryParams& p, bool keep, DrawResult* out,
          KindResult* totals) { return RunQuery(**db, kind, p, keep, out, totals); },
      options, &r);
  if (!s.ok()) return s;
  db->reset();
  r.peak_rss_kb = PeakRssKb();
  return r;
}

}  // namespace annals_bench
