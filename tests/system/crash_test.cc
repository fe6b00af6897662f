// Copyright: the Annals authors.
//
// Crash safety: processes writing a database are killed with SIGKILL at random moments (fixed
// seeds). After every kill the database opens, Check() finds no damage, the events present are
// exactly a prefix of what was being written (whole batches), each equal to its source record,
// and writing again completes the set. With Options::sync, every acknowledged batch is present.
//
// The CLI part runs `annals --db D ingest FILE`, found beside this binary's directory
// (../tools/annals) or at $ANNALS_CLI; without it the test fails.
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "annals/database.h"
#include "annals/record_io.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rocksdb/db.h"
#include "testing/crash/child_process.h"
#include "testing/crash/event_generator.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace annals {
namespace {

using ::annals::testing::ChildProcess;
using ::annals::testing::EventGenerator;
using ::testing::IsEmpty;

constexpr uint64_t kSeed = 1989;
constexpr int kSourceEvents = 8000;
constexpr int kCliRounds = 20;
// Under sanitizers the CLI is several times slower: no new round starts after this long (but at
// least kMinCliRounds run).
constexpr auto kCliBudget = std::chrono::seconds(90);
constexpr int kMinCliRounds = 5;
constexpr int kApiRounds = 10;
constexpr int kApiBatch = 100;

Options ReadOnly() {
  Options o;
  o.read_only = true;
  return o;
}

// Events compare as stored: without ingested_us, and without a `recorded` the source lacked.
std::string Comparable(Event stored, const Event& source) {
  stored.ingested_us = 0;
  if (!source.recorded) stored.recorded.reset();
  return FormatJsonRecord(stored);
}

// The source of an ingest, record by record, and the key each one is stored under.
struct Source {
  std::vector<Event> events;
  // Record index by key: the id, or for a record without id, the record as formatted.
  std::map<std::string, int> index_of_key;

  // The key of a stored event and the index of its source record (-1: none).
  std::string KeyOf(const Event& stored, int* index) const {
    std::string key = stored.id;
    if (stored.id.size() == 32) {  // derived from the content: look the content up
      Event e = stored;
      e.id.clear();
      e.ingested_us = 0;
      key = FormatJsonRecord(e);
      if (auto it = index_of_key.find(key); it == index_of_key.end()) {
        e.recorded.reset();  // recorded was the ingest time
        key = FormatJsonRecord(e);
      }
    }
    auto it = index_of_key.find(key);
    *index = it == index_of_key.end() ? -1 : it->second;
    return key;
  }
};

// Writes kSourceEvents generated records to `file`; one in ten has no id.
Source WriteSource(const std::string& file) {
  Source source;
  EventGenerator gen(kSeed);
  std::ofstream out(file);
  for (int i = 0; i < kSourceEvents; ++i) {
    Event e = gen.Next();
    if (i % 10 == 3) e.id.clear();
    const std::string line = FormatJsonRecord(e);
    out << line << "\n";
    absl::StatusOr<Event> parsed = ParseJsonRecord(line);
    EXPECT_OK(parsed.status()) << line;
    source.events.push_back(*parsed);
    source.index_of_key[parsed->id.empty() ? FormatJsonRecord(*parsed) : parsed->id] = i;
  }
  return source;
}

// Verifies the database after a kill: opens, checks clean, and holds exactly records
// [0, n) of `source`, each equal to its record. Returns n.
int VerifyPrefix(const std::string& path, const Source& source) {
  auto db = Database::Open(path, ReadOnly());
  if (absl::IsNotFound(db.status())) return 0;  // killed before the database was created
  EXPECT_OK(db.status()) << "after a kill the database must open";
  if (!db.ok()) return -1;
  absl::StatusOr<CheckReport> report = (*db)->Check();
  EXPECT_OK(report.status());
  if (report.ok()) {
    EXPECT_THAT(report->problems, IsEmpty());
  }
  absl::StatusOr<std::unique_ptr<Cursor>> scan = (*db)->Scan();
  EXPECT_OK(scan.status());
  if (!scan.ok()) return -1;
  std::set<int> present;
  while ((*scan)->Next()) {
    int index;
    const std::string key = source.KeyOf((*scan)->event(), &index);
    EXPECT_GE(index, 0) << "an event that is in no source record: " << key;
    if (index < 0) continue;
    const Event& want = source.events[index];
    Event stored = (*scan)->event();
    if (want.id.empty()) stored.id.clear();
    EXPECT_EQ(Comparable(stored, want), FormatJsonRecord(want));
    present.insert(index);
  }
  EXPECT_OK((*scan)->status());
  const int n = static_cast<int>(present.size());
  EXPECT_TRUE(present.empty() || *present.rbegin() == n - 1)
      << n << " events present but not records 0.." << n - 1 << ": a later batch without an "
      << "earlier one";
  return n;
}

std::string CliPath() {
  if (const char* env = getenv("ANNALS_CLI")) return env;
  return std::filesystem::path(ChildProcess::SelfExe()).parent_path().parent_path() / "tools" /
         "annals";
}

// Runs `annals --db path ingest file` to completion; its wait status.
int IngestToEnd(const std::string& cli, const std::string& path, const std::string& file,
                const std::string& log) {
  ChildProcess p({cli, "--db", path, "ingest", file}, log);
  return p.Wait();
}

TEST(CrashTest, KilledCliIngestLeavesAPrefixAndResumes) {
  const std::string cli = CliPath();
  struct stat st;
  ASSERT_TRUE(stat(cli.c_str(), &st) == 0 && (st.st_mode & S_IXUSR))
      << "the annals CLI is not at " << cli << " (build the annals_cli target or set ANNALS_CLI)";
  ::annals::testing::TempDir dir;
  const std::string file = dir.Sub("events.jsonl"), log = dir.Sub("cli.log");
  const Source source = WriteSource(file);

  // How long a whole ingest takes, to spread the kills over it.
  const auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(IngestToEnd(cli, dir.Sub("timing"), file, log), 0) << "see " << log;
  const auto full = std::chrono::steady_clock::now() - start;
  ASSERT_EQ(VerifyPrefix(dir.Sub("timing"), source), kSourceEvents);

  std::mt19937_64 rng(kSeed);
  int kills = 0, verified = 0;
  const auto rounds_start = std::chrono::steady_clock::now();
  int round = 0;
  for (; round < kCliRounds; ++round) {
    if (round >= kMinCliRounds && std::chrono::steady_clock::now() - rounds_start > kCliBudget)
      break;
    SCOPED_TRACE(absl::StrCat("seed ", kSeed, ", round ", round));
    const std::string path = dir.Sub("db" + std::to_string(round));
    // Odd rounds kill twice: the second time while the ingest resumes over the first's remains.
    for (int k = 0; k <= round % 2; ++k) {
      const auto delay = std::chrono::duration_cast<std::chrono::microseconds>(full) *
                         std::uniform_real_distribution<double>(0.05, 1.1)(rng);
      std::vector<std::string> argv = {cli, "--db", path, "ingest", file};
      if (round % 4 == 2) argv.push_back("--sync");
      ChildProcess p(argv, log);
      std::this_thread::sleep_for(delay);
      p.Kill();
      ++kills;
      const int n = VerifyPrefix(path, source);
      verified += std::max(n, 0);
      if (::testing::Test::HasFailure()) return;
    }
    ASSERT_EQ(IngestToEnd(cli, path, file, log), 0) << "see " << log;
    ASSERT_EQ(VerifyPrefix(path, source), kSourceEvents);
    std::filesystem::remove_all(path);
  }
  std::cout << "[crash] CLI: " << kills << " kills over " << round << " rounds, " << verified
            << " events verified after kills (full ingest "
            << std::chrono::duration_cast<std::chrono::milliseconds>(full).count() << " ms)\n";
}

// `ingest --bulk` is one commit: a kill at any point leaves none of the load or all of it (the
// tables are added by one atomic IngestExternalFiles), and the next writer removes what it staged.
TEST(CrashTest, KilledBulkIngestStoresAllOrNothing) {
  const std::string cli = CliPath();
  ::annals::testing::TempDir dir;
  const std::string file = dir.Sub("events.jsonl"), log = dir.Sub("cli.log");
  const Source source = WriteSource(file);
  auto bulk = [&](const std::string& path) {
    return std::vector<std::string>{cli, "--db", path, "ingest", "--bulk", file};
  };
  const auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(ChildProcess(bulk(dir.Sub("timing")), log).Wait(), 0) << "see " << log;
  const auto full = std::chrono::steady_clock::now() - start;
  ASSERT_EQ(VerifyPrefix(dir.Sub("timing"), source), kSourceEvents);

  std::mt19937_64 rng(kSeed);
  int none = 0, all = 0;
  for (int round = 0; round < 8; ++round) {
    SCOPED_TRACE(absl::StrCat("seed ", kSeed, ", round ", round));
    const std::string path = dir.Sub("bulk" + std::to_string(round));
    ChildProcess p(bulk(path), log);
    std::this_thread::sleep_for(std::chrono::duration_cast<std::chrono::microseconds>(full) *
                                std::uniform_real_distribution<double>(0.05, 1.1)(rng));
    p.Kill();
    const int n = VerifyPrefix(path, source);
    ASSERT_TRUE(n == 0 || n == kSourceEvents) << n << " events after a killed bulk ingest";
    (n == 0 ? none : all) += 1;
    ASSERT_EQ(ChildProcess(bulk(path), log).Wait(), 0) << "see " << log;
    ASSERT_EQ(VerifyPrefix(path, source), kSourceEvents);
    EXPECT_FALSE(std::filesystem::exists(path + "/load.tmp"));
    std::filesystem::remove_all(path);
  }
  std::cout << "[crash] bulk: killed 8 times, " << none << " left nothing, " << all
            << " left everything (full bulk ingest "
            << std::chrono::duration_cast<std::chrono::milliseconds>(full).count() << " ms)\n";
}

// A process killed while creating a database leaves RocksDB files with only some of the column
// families (RocksDB creates them one by one). Such a database holds no events yet: it must open
// as an empty (or not yet existing) database, for reading and for writing, not as a damaged one.
TEST(CrashTest, DatabaseKilledWhileBeingCreatedOpens) {
  ::annals::testing::TempDir dir;
  const std::string path = dir.Sub("db");
  {
    rocksdb::DBOptions options;
    options.create_if_missing = true;
    options.create_missing_column_families = true;
    std::vector<rocksdb::ColumnFamilyDescriptor> cfs = {{rocksdb::kDefaultColumnFamilyName, {}},
                                                        {"events", {}}};
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(options, path, cfs, &handles, &raw).ok());
    for (auto* h : handles) raw->DestroyColumnFamilyHandle(h);
    delete raw;
  }
  absl::StatusOr<std::unique_ptr<Database>> reader = Database::Open(path, ReadOnly());
  EXPECT_TRUE(reader.ok() || absl::IsNotFound(reader.status())) << reader.status();
  reader = absl::NotFoundError("");
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Database> db, Database::Open(path, Options{}));
  ASSERT_OK(db->Put({EventGenerator(kSeed).Next()}).status());
  ASSERT_OK_AND_ASSIGN(CheckReport report, db->Check());
  EXPECT_THAT(report.problems, IsEmpty());
  EXPECT_EQ(report.events, 1u);
}

// ---------------------------------------------------------------- the API with sync

// Child: continues after the events present, putting batches of kApiBatch with Options::sync,
// and writes the index of the last event of each batch once Put has returned OK.
int SyncPutRole(const std::vector<std::string>& args, int out) {
  Options options;
  options.sync = true;
  auto db = Database::Open(args.at(0), options);
  if (!db.ok()) return 2;
  absl::StatusOr<uint64_t> present = (*db)->Count(Query{});
  if (!present.ok()) return 3;
  EventGenerator gen(kSeed);
  for (uint64_t i = 0; i < *present; ++i) gen.Next();
  for (uint64_t next = *present; next < 1'000'000; next += kApiBatch) {
    std::vector<Event> batch;
    for (int i = 0; i < kApiBatch; ++i) batch.push_back(gen.Next());
    if (!(*db)->Put(std::move(batch)).ok()) return 4;
    ::annals::testing::WriteAll(out, absl::StrCat(next + kApiBatch - 1, "\n"));
  }
  return 0;
}

// ---------------------------------------------------------------- revisions (HISTORY.md)

constexpr int kRevisedIds = 200;
constexpr int kRevisionRounds = 8;

// Child: revises a pool of ids for ever (seeded by args[1]): batches that upsert some ids (new
// content each time) and deletes of a few; writes a line after each acknowledged write.
int ReviseRole(const std::vector<std::string>& args, int out) {
  Options options;
  options.sync = true;
  auto db = Database::Open(args.at(0), options);
  if (!db.ok()) return 2;
  std::mt19937_64 rng(std::stoull(args.at(1)));
  EventGenerator gen(std::stoull(args.at(1)));
  auto pick = [&] { return std::uniform_int_distribution<int>(0, kRevisedIds - 1)(rng); };
  for (int n = 0; n < 1'000'000; ++n) {
    if (rng() % 4 == 0) {
      std::vector<std::string> ids;
      for (int i = 0; i < 3; ++i) ids.push_back(absl::StrCat("r", pick()));
      if (!(*db)->Delete(ids).ok()) return 3;
    } else {
      std::vector<Event> batch;
      for (int i = 0; i < 20; ++i) {
        Event e = gen.Next();
        e.id = absl::StrCat("r", pick());
        batch.push_back(std::move(e));
      }
      if (!(*db)->Put(std::move(batch)).ok()) return 4;
    }
    ::annals::testing::WriteAll(out, absl::StrCat(n, "\n"));
  }
  return 0;
}

// Kills during upserts and deletes never leave a version closed without its successor or two
// current versions of one id: Check() verifies the versions, and each id's history is a chain
// of non-overlapping versions whose last is current exactly when the id is.
TEST(CrashTest, KillsDuringRevisionsKeepEveryVersionChainWhole) {
  ::annals::testing::TempDir dir;
  const std::string path = dir.Sub("db");
  std::mt19937_64 rng(kSeed);
  ASSERT_OK(Database::Open(path, Options{}).status());
  uint64_t versions = 0;
  for (int round = 0; round < kRevisionRounds; ++round) {
    SCOPED_TRACE(absl::StrCat("seed ", kSeed, ", round ", round));
    {
      ChildProcess child("revise", {path, std::to_string(kSeed + round)});
      const auto deadline =
          std::chrono::steady_clock::now() +
          std::chrono::milliseconds(std::uniform_int_distribution<int>(50, 400)(rng));
      while (std::chrono::steady_clock::now() < deadline) child.ReadLine(10);
      child.Kill();
    }
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Database> db, Database::Open(path, ReadOnly()));
    ASSERT_OK_AND_ASSIGN(CheckReport report, db->Check());
    EXPECT_THAT(report.problems, IsEmpty());
    versions = report.versions;
    for (int i = 0; i < kRevisedIds; ++i) {
      const std::string id = absl::StrCat("r", i);
      absl::StatusOr<std::vector<Version>> history = db->History(id);
      absl::StatusOr<Event> current = db->Get(id);
      if (absl::IsNotFound(history.status())) {
        EXPECT_TRUE(absl::IsNotFound(current.status())) << id;
        continue;
      }
      ASSERT_OK(history.status());
      for (size_t v = 0; v + 1 < history->size(); ++v) {
        ASSERT_TRUE((*history)[v].system_to_us.has_value()) << id << ": two current versions";
        EXPECT_LE(*(*history)[v].system_to_us, (*history)[v + 1].system_from_us) << id;
      }
      EXPECT_EQ(!history->back().system_to_us.has_value(), current.ok()) << id;
      if (current.ok()) {
        EXPECT_EQ(FormatJsonRecord(*current), FormatJsonRecord(history->back().event)) << id;
      }
    }
  }
  EXPECT_GT(versions, 0u) << "the children never replaced anything";
  std::cout << "[crash] revisions: " << kRevisionRounds << " kills; " << versions
            << " closed versions, every chain whole\n";
}

ANNALS_CHILD_ROLES({{"sync-put", &SyncPutRole}, {"revise", &ReviseRole}});

TEST(CrashTest, AcknowledgedSyncedBatchesSurviveKills) {
  ::annals::testing::TempDir dir;
  const std::string path = dir.Sub("db");
  std::mt19937_64 rng(kSeed);
  // Created first: a kill during creation is DatabaseKilledWhileBeingCreatedOpens's subject.
  ASSERT_OK(Database::Open(path, Options{}).status());
  int64_t last_acked = -1;
  for (int round = 0; round < kApiRounds; ++round) {
    SCOPED_TRACE(absl::StrCat("seed ", kSeed, ", round ", round));
    int64_t acked = last_acked;  // earlier rounds' acknowledgements stand
    {
      ChildProcess child("sync-put", {path});
      const auto deadline =
          std::chrono::steady_clock::now() +
          std::chrono::milliseconds(std::uniform_int_distribution<int>(30, 300)(rng));
      while (std::chrono::steady_clock::now() < deadline) {
        std::optional<std::string> line = child.ReadLine(10);
        if (line) acked = std::stoll(*line);
      }
      child.Kill();
      // Acknowledgements written before the kill and not yet read count too.
      while (std::optional<std::string> line = child.ReadLine(100)) acked = std::stoll(*line);
    }
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Database> db, Database::Open(path, ReadOnly()));
    ASSERT_OK_AND_ASSIGN(CheckReport report, db->Check());
    EXPECT_THAT(report.problems, IsEmpty());
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Cursor> scan, db->Scan());
    EventGenerator gen(kSeed);
    int64_t n = 0;
    for (; scan->Next(); ++n) {
      Event want = gen.Next();
      ASSERT_EQ(Comparable(scan->event(), want), FormatJsonRecord(want)) << "event " << n;
    }
    ASSERT_OK(scan->status());
    EXPECT_EQ(n % kApiBatch, 0) << "a batch is present whole or not at all";
    EXPECT_GT(n, acked) << "acknowledged event " << acked << " is missing";
    last_acked = std::max(last_acked, acked);
  }
  std::cout << "[crash] API with sync: " << kApiRounds << " kills; " << last_acked + 1
            << " events acknowledged, all present after every kill\n";
}

}  // namespace
}  // namespace annals
