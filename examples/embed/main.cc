// Copyright: the Annals authors.
//
// Embedding Annals: open a database, ingest records, run timeline queries, read the statistics,
// verify the database and handle errors by their status codes.
//
// Usage: embed_example [DB_DIR]
// Without DB_DIR the database lives in a fresh temporary directory, removed at exit.
// Exit status: 0 on success, 1 on any unexpected error (printed to stderr).
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "annals/annals.h"

namespace {

// Five events of a news article of October 2024: NATO's Secretary General, in Berlin, on the
// coming US election, and the wider context the article refers to. One NDJSON record each.
constexpr const char* kRecords[] = {
    R"({"id":"rutte-berlin-unity","time":"2024-10","type":"statement",)"
    R"("title":"Rutte: NATO will work with whoever wins the US election",)"
    R"("actors":[{"name":"Mark Rutte","role":"speaker"},"Olaf Scholz","NATO",)"
    R"("Kamala Harris","Donald Trump"],"location":"Berlin, Germany"})",

    R"({"id":"us-election-2024","time":"2024-11-05","type":"election",)"
    R"("title":"US presidential election","actors":[{"name":"Kamala Harris","role":"candidate"},)"
    R"({"name":"Donald Trump","role":"candidate"},"United States"]})",

    R"({"id":"trump-first-term","time":"2017-01-20/2021-01-20","type":"term",)"
    R"("title":"Donald Trump's first term as US president",)"
    R"("actors":[{"name":"Donald Trump","role":"president"},"United States"]})",

    R"({"id":"russia-ukraine-war","time":"2022-02-24/..","type":"war",)"
    R"("title":"Russia's war against Ukraine",)"
    R"("actors":[{"name":"Russia","role":"source"},{"name":"Ukraine","role":"target"}]})",

    R"({"id":"north-korean-troops","time":"2024-10","type":"troop-report",)"
    R"("title":"North Korean troops reported in Russia","actors":["North Korea","Russia",)"
    R"({"name":"Mark Rutte","role":"speaker"},"NATO"],"location":"Russia"})",
};

void PrintPut(const char* label, const annals::PutResult& r) {
  std::printf("%s: %llu added, %llu replaced, %llu unchanged\n", label,
              static_cast<unsigned long long>(r.added), static_cast<unsigned long long>(r.replaced),
              static_cast<unsigned long long>(r.unchanged));
}

// Parses the records and stores them in one atomic batch, twice: the second time changes nothing.
absl::Status Ingest(annals::Database& db) {
  std::vector<annals::Event> events;
  for (const char* line : kRecords) {
    absl::StatusOr<annals::Event> event = annals::ParseJsonRecord(line);
    if (!event.ok()) return event.status();
    events.push_back(*std::move(event));
  }
  absl::StatusOr<annals::PutResult> put = db.Put(events);
  if (!put.ok()) return put.status();
  PrintPut("put", *put);
  put = db.Put(events);
  if (!put.ok()) return put.status();
  PrintPut("put again", *put);
  return absl::OkStatus();
}

// Passes `status` on as an error unless it has the expected code; prints it if it has.
absl::Status ExpectCode(const char* what, const absl::Status& status, absl::StatusCode code) {
  if (status.code() != code) {
    return absl::InternalError(std::string(what) + ": expected " + absl::StatusCodeToString(code) +
                               ", got " + status.ToString());
  }
  std::printf("%s: %s\n", what, status.ToString().c_str());
  return absl::OkStatus();
}

// Errors are values: each says what went wrong with the most specific code.
absl::Status ShowErrors(annals::Database& db) {
  absl::Status s =
      ExpectCode("bad record rejected", annals::ParseJsonRecord(R"({"time":"2024-13"})").status(),
                 absl::StatusCode::kInvalidArgument);
  if (!s.ok()) return s;
  return ExpectCode("get \"no-such-event\"", db.Get("no-such-event").status(),
                    absl::StatusCode::kNotFound);
}

// The query range of the CLI's `--from FROM --to TO`: from the start of FROM's period to the end
// of TO's period.
absl::StatusOr<annals::Query> Period(std::string_view from, std::string_view to) {
  absl::StatusOr<annals::EventTime> start = annals::ParseTime(from);
  if (!start.ok()) return start.status();
  absl::StatusOr<annals::EventTime> end = annals::ParseTime(to);
  if (!end.ok()) return end.status();
  annals::Query query;
  query.from_us = start->start_us();
  query.to_us = end->end_us();
  return query;
}

// Runs `query` and prints every result with its time, then the cursor's counters.
absl::Status PrintQuery(annals::Database& db, const char* heading, const annals::Query& query) {
  std::printf("\n%s\n", heading);
  absl::StatusOr<std::unique_ptr<annals::Cursor>> cursor = db.Query(query);
  if (!cursor.ok()) return cursor.status();
  uint64_t n = 0;
  while ((*cursor)->Next()) {
    const annals::Event& e = (*cursor)->event();
    std::printf("  %-22s %s\n", annals::FormatTime(e.time).c_str(), e.title.c_str());
    ++n;
  }
  // Next() returning false means the end *or* an error.
  if (!(*cursor)->status().ok()) return (*cursor)->status();
  const annals::QueryCounters c = (*cursor)->counters();
  std::printf("  (%llu results; %llu index entries scanned, %llu records fetched)\n",
              static_cast<unsigned long long>(n),
              static_cast<unsigned long long>(c.index_entries_scanned),
              static_cast<unsigned long long>(c.records_fetched));
  return absl::OkStatus();
}

absl::Status RunQueries(annals::Database& db) {
  absl::StatusOr<annals::Query> q = Period("2024-10", "2024-11");
  if (!q.ok()) return q.status();
  q->all_actors = {"NATO"};
  absl::Status s = PrintQuery(db, "NATO, 2024-10 to 2024-11:", *q);
  if (!s.ok()) return s;

  annals::Query both;  // all of these actors, any time; names match case-insensitively
  both.all_actors = {"kamala harris", "Donald Trump"};
  s = PrintQuery(db, "Kamala Harris and Donald Trump:", both);
  if (!s.ok()) return s;

  q = Period("2024-10-15", "2024-10-15");  // everything under way that day
  if (!q.ok()) return q.status();
  s = PrintQuery(db, "Under way on 2024-10-15:", *q);
  if (!s.ok()) return s;

  annals::Query trump;
  trump.all_actors = {"Donald Trump"};
  absl::StatusOr<uint64_t> count = db.Count(trump);
  if (!count.ok()) return count.status();
  std::printf("\nevents involving Donald Trump: %llu\n", static_cast<unsigned long long>(*count));
  return absl::OkStatus();
}

absl::Status ShowStatsAndCheck(annals::Database& db) {
  absl::StatusOr<annals::DatabaseStats> stats = db.Stats();
  if (!stats.ok()) return stats.status();
  std::printf("stats: %llu events, %llu actors, %llu types, from %s to %s\n",
              static_cast<unsigned long long>(stats->events),
              static_cast<unsigned long long>(stats->actors),
              static_cast<unsigned long long>(stats->types),
              annals::FormatInstant(stats->min_start_us.value_or(annals::kMinusInfinity)).c_str(),
              annals::FormatInstant(stats->max_end_us.value_or(annals::kPlusInfinity)).c_str());
  absl::StatusOr<annals::CheckReport> report = db.Check();
  if (!report.ok()) return report.status();
  if (!report->problems.empty()) {
    return absl::DataLossError("check: " + report->problems.front());
  }
  std::printf("check: %llu events verified, no problems\n",
              static_cast<unsigned long long>(report->events));
  return absl::OkStatus();
}

// A second, read-only Database on the same directory: it sees what was committed when it opened
// and refuses writes.
absl::Status ShowReadOnly(const std::string& path) {
  annals::Options options;
  options.read_only = true;
  absl::StatusOr<std::unique_ptr<annals::Database>> reader = annals::Database::Open(path, options);
  if (!reader.ok()) return reader.status();
  absl::StatusOr<uint64_t> count = (*reader)->Count(annals::Query());
  if (!count.ok()) return count.status();
  std::printf("read-only reader sees %llu events\n", static_cast<unsigned long long>(*count));
  return ExpectCode("read-only put", (*reader)->Put({}).status(),
                    absl::StatusCode::kFailedPrecondition);
}

absl::Status Run(const std::string& path) {
  annals::Options options;  // create_if_missing; no fsync per write
  absl::StatusOr<std::unique_ptr<annals::Database>> db = annals::Database::Open(path, options);
  if (!db.ok()) return db.status();
  std::printf("opened %s\n", path.c_str());
  absl::Status s = Ingest(**db);
  if (s.ok()) s = ShowErrors(**db);
  if (s.ok()) s = RunQueries(**db);
  if (s.ok()) s = ShowStatsAndCheck(**db);
  if (s.ok()) s = ShowReadOnly(path);
  if (s.ok()) s = (*db)->Sync();  // everything on stable storage before we report success
  return s;
}

// A fresh directory under $TMPDIR (or /tmp).
absl::StatusOr<std::string> MakeTempDir() {
  const char* base = getenv("TMPDIR");
  std::string pattern = std::string(base != nullptr ? base : "/tmp") + "/annals-embed-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) {
    return absl::UnavailableError("cannot create a directory like " + pattern);
  }
  return pattern;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 2) {
    std::fprintf(stderr, "usage: %s [DB_DIR]\n", argv[0]);
    return 2;
  }
  std::string temp;
  if (argc < 2) {
    absl::StatusOr<std::string> dir = MakeTempDir();
    if (!dir.ok()) {
      std::fprintf(stderr, "embed_example: %s\n", dir.status().ToString().c_str());
      return 1;
    }
    temp = *dir;
  }
  const std::string path = argc == 2 ? std::string(argv[1]) : temp + "/timeline.db";
  const absl::Status status = Run(path);
  if (!temp.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(temp, ec);
  }
  if (!status.ok()) {
    std::fprintf(stderr, "embed_example: error: %s\n", status.ToString().c_str());
    return 1;
  }
  return 0;
}
