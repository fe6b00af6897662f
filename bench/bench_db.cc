// Copyright: the Annals authors.
#include "bench/bench_db.h"

#include <stdlib.h>

#include <filesystem>
#include <memory>

#include "absl/strings/str_cat.h"
#include "bench/timeline_generator.h"

namespace annals_bench {
namespace {

// A database in its own temporary directory; closed, then removed, at destruction.
class TempDatabase {
 public:
  ~TempDatabase() {
    db_.reset();
    if (!dir_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
    }
  }

  absl::Status Open() {
    const char* base = getenv("TMPDIR");
    std::string pattern = std::string(base != nullptr ? base : "/tmp") + "/annals-bench-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) return absl::InternalError("mkdtemp failed");
    dir_ = pattern;
    absl::StatusOr<std::unique_ptr<annals::Database>> db =
        annals::Database::Open(dir_ + "/db", annals::Options());
    if (!db.ok()) return db.status();
    db_ = *std::move(db);
    return absl::OkStatus();
  }

  // Parses and stores `options.events` generated records in batches.
  absl::Status AddGenerated(const TimelineOptions& options) {
    TimelineGenerator gen(options);
    std::vector<annals::Event> batch;
    std::string line;
    while (!gen.done()) {
      line.clear();
      gen.Next(&line);
      line.pop_back();  // '\n'
      absl::StatusOr<annals::Event> e = annals::ParseJsonRecord(line);
      if (!e.ok()) return e.status();
      batch.push_back(*std::move(e));
      if (batch.size() == 5000 || gen.done()) {
        if (absl::Status s = Put(std::move(batch)); !s.ok()) return s;
        batch.clear();
      }
    }
    return absl::OkStatus();
  }

  absl::Status Put(std::vector<annals::Event> events) {
    absl::StatusOr<annals::PutResult> r = db_->Put(std::move(events));
    return r.status();
  }

  annals::Database* db() const { return db_.get(); }

 private:
  std::string dir_;
  std::unique_ptr<annals::Database> db_;
};

annals::Event HourlyEvent(uint64_t i) {
  annals::Event e;
  e.id = absl::StrCat("bench-", i);
  e.time.first = annals::Date{kBenchStartUs + static_cast<int64_t>(i) * kHourUs,
                              annals::Precision::kMinute, 0};
  e.type = "bench";
  e.title = absl::StrCat("Bench event ", i);
  e.actors.push_back({kBenchActor, "source"});
  if (i % 10 == 0) e.actors.push_back({kBenchPartner, "target"});
  e.source = "https://bench.example.org/" + e.id;
  return e;
}

absl::StatusOr<annals::Database*> BuildTimelineDb(TempDatabase* t) {
  if (absl::Status s = t->Open(); !s.ok()) return s;
  TimelineOptions options;
  options.events = kBackgroundEvents;
  if (absl::Status s = t->AddGenerated(options); !s.ok()) return s;
  std::vector<annals::Event> batch;
  for (uint64_t i = 0; i < kBenchEvents; ++i) {
    batch.push_back(HourlyEvent(i));
    if (batch.size() == 5000 || i + 1 == kBenchEvents) {
      if (absl::Status s = t->Put(std::move(batch)); !s.ok()) return s;
      batch.clear();
    }
  }
  return t->db();
}

absl::StatusOr<annals::Database*> BuildIntervalRichDb(TempDatabase* t) {
  if (absl::Status s = t->Open(); !s.ok()) return s;
  TimelineOptions options;
  options.seed = 2;
  options.events = kIntervalRichEvents;
  options.actors = 500;
  options.interval_fraction = 0.4;
  options.open_end_fraction = 0.1;
  options.open_start_fraction = 0.01;
  if (absl::Status s = t->AddGenerated(options); !s.ok()) return s;
  return t->db();
}

}  // namespace

absl::StatusOr<annals::Database*> TimelineDb() {
  static TempDatabase* holder = new TempDatabase();
  static absl::StatusOr<annals::Database*> db = BuildTimelineDb(holder);
  static const int cleanup = atexit([] { delete holder; });
  (void)cleanup;
  return db;
}

absl::StatusOr<annals::Database*> IntervalRichDb() {
  static TempDatabase* holder = new TempDatabase();
  static absl::StatusOr<annals::Database*> db = BuildIntervalRichDb(holder);
  static const int cleanup = atexit([] { delete holder; });
  (void)cleanup;
  return db;
}

std::vector<std::string> RecordCorpus(size_t n) {
  TimelineOptions options;
  options.events = n;
  TimelineGenerator gen(options);
  std::vector<std::string> out;
  while (!gen.done()) {
    std::string line;
    gen.Next(&line);
    line.pop_back();
    out.push_back(std::move(line));
  }
  return out;
}

}  // namespace annals_bench
