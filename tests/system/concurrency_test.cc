// Copyright: the Annals authors.
//
// Concurrency: reader threads query while a writer thread puts, upserts and deletes; several
// threads put at once; another process reads while one ingests; a second writing process is
// refused quickly. Randomized parts use fixed seeds, printed on failure.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "annals/database.h"
#include "annals/record_io.h"
#include "testing/crash/child_process.h"
#include "testing/crash/event_generator.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace annals {
namespace {

using ::annals::testing::ChildProcess;
using ::annals::testing::EventGenerator;
using ::annals::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr uint64_t kSeed = 8128;
constexpr int kInitialEvents = 2000;
constexpr int kReaders = 4;
constexpr auto kRunFor = std::chrono::seconds(2);
constexpr int kMaxIds = 1 << 20;

// What the writer thread has done, as far as readers may rely on it.
struct Published {
  std::atomic<int> stored{0};  // IdOf(0 .. stored-1) have been put (and maybe deleted since)
  std::vector<std::atomic<bool>> maybe_deleted = std::vector<std::atomic<bool>>(kMaxIds);
  std::atomic<bool> stop{false};
};

int IndexOf(const std::string& id) { return std::stoi(id.substr(3)); }

// Events compare as stored: without ingested_us, and without a `recorded` the source lacked.
std::string Comparable(Event stored, const Event& source) {
  stored.ingested_us = 0;
  if (!source.recorded) stored.recorded.reset();
  return FormatJsonRecord(stored);
}

bool Involves(const Event& e, const std::string& name) {
  for (const Actor& a : e.actors) {
    if (absl::AsciiStrToLower(a.name) == absl::AsciiStrToLower(name)) return true;
  }
  return false;
}

// Why `e` does not match `q`; empty when it does.
std::string Mismatch(const Event& e, const Query& q) {
  if (!(e.time.start_us() < q.to_us && e.time.end_us() > q.from_us)) return "outside the range";
  for (const std::string& a : q.all_actors) {
    if (!Involves(e, a)) return "lacks actor " + a;
  }
  if (!q.any_actors.empty() && std::none_of(q.any_actors.begin(), q.any_actors.end(),
                                            [&](const std::string& a) { return Involves(e, a); })) {
    return "has none of the any-actors";
  }
  if (!q.types.empty() && std::find(q.types.begin(), q.types.end(), e.type) == q.types.end()) {
    return "has another type";
  }
  return "";
}

Query RandomQuery(std::mt19937_64& rng) {
  auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
  Query q;
  for (int i = pick(3); i > 0; --i) q.all_actors.push_back(EventGenerator::ActorName(pick(12)));
  if (!q.all_actors.empty() && pick(2)) q.all_actors[0] = absl::AsciiStrToLower(q.all_actors[0]);
  for (int i = pick(3); i > 0; --i) q.any_actors.push_back(EventGenerator::ActorName(pick(60)));
  if (pick(3) == 0) q.types = {EventGenerator::TypeName(pick(6))};
  if (pick(2)) {
    const int from = 1950 + pick(80);
    q.from_us = ParseTime(std::to_string(from))->start_us();
    q.to_us = ParseTime(std::to_string(std::min(9999, from + pick(20))))->end_us();
  }
  q.reverse = pick(2);
  if (pick(3) == 0) q.limit = pick(100);
  return q;
}

class Reader {
 public:
  Reader(Database* db, const Published* pub, uint64_t seed) : db_(db), pub_(pub), rng_(seed) {}

  // Runs random reads until told to stop. Returns the first inconsistency seen, or "".
  std::string Run() {
    while (!pub_->stop.load()) {
      std::string error;
      switch (std::uniform_int_distribution<int>(0, 5)(rng_)) {
        case 0:
          error = CheckScan();
          break;
        case 1:
          error = CheckGet();
          break;
        case 2:
          error = CheckCount();
          break;
        default:
          error = CheckQuery(RandomQuery(rng_));
      }
      ++reads_;
      if (!error.empty()) return error;
    }
    return "";
  }
  uint64_t reads() const { return reads_; }

 private:
  // A Get of an id the writer has put: found, unless the writer has begun to delete it.
  std::string GetAfter(int index) {
    absl::StatusOr<Event> e = db_->Get(EventGenerator::IdOf(index));
    if (e.ok()) return e->id == EventGenerator::IdOf(index) ? "" : "Get returned another id";
    if (absl::IsNotFound(e.status()) && pub_->maybe_deleted[index].load()) return "";
    return "Get " + EventGenerator::IdOf(index) + ": " + e.status().ToString();
  }

  std::string CheckGet() {
    const int stored = pub_->stored.load();
    return GetAfter(std::uniform_int_distribution<int>(0, stored - 1)(rng_));
  }

  std::string CheckCount() {
    absl::StatusOr<uint64_t> n = db_->Count(RandomQuery(rng_));
    return n.ok() ? "" : "Count: " + n.status().ToString();
  }

  std::string CheckScan() {
    absl::StatusOr<std::unique_ptr<Cursor>> c = db_->Scan();
    if (!c.ok()) return "Scan: " + c.status().ToString();
    std::set<std::string> seen;
    while ((*c)->Next()) {
      if (!seen.insert((*c)->event().id).second) return "Scan repeated " + (*c)->event().id;
    }
    return (*c)->status().ok() ? "" : "Scan: " + (*c)->status().ToString();
  }

  std::string CheckQuery(const Query& q) {
    absl::StatusOr<std::unique_ptr<Cursor>> c = db_->Query(q);
    if (!c.ok()) return "Query: " + c.status().ToString();
    std::vector<Event> got;
    while ((*c)->Next()) got.push_back((*c)->event());
    if (!(*c)->status().ok()) return "Query: " + (*c)->status().ToString();
    if (q.limit && got.size() > *q.limit) return "more results than the limit";
    for (size_t i = 0; i < got.size(); ++i) {
      if (std::string why = Mismatch(got[i], q); !why.empty()) return got[i].id + " " + why;
      if (i == 0) continue;
      // Ties are in the order first stored, which is the order of the generator's ids.
      const Event& a = q.reverse ? got[i] : got[i - 1];
      const Event& b = q.reverse ? got[i - 1] : got[i];
      const auto ka = std::make_pair(a.time.start_us(), IndexOf(a.id));
      const auto kb = std::make_pair(b.time.start_us(), IndexOf(b.id));
      if (!(ka < kb)) return "out of order: " + a.id + " and " + b.id;
    }
    for (size_t i = 0; i < got.size() && i < 3; ++i) {
      if (std::string error = GetAfter(IndexOf(got[i].id)); !error.empty()) return error;
    }
    return "";
  }

  Database* db_;
  const Published* pub_;
  std::mt19937_64 rng_;
  uint64_t reads_ = 0;
};

class Writer {
 public:
  Writer(Database* db, Published* pub, uint64_t seed) : db_(db), pub_(pub), gen_(seed) {}

  absl::Status PutNew(int n) {
    std::vector<Event> batch;
    for (int i = 0; i < n; ++i) batch.push_back(gen_.Next());
    for (const Event& e : batch) model_[e.id] = e;
    absl::Status s = db_->Put(std::move(batch)).status();
    pub_->stored.fetch_add(n);
    return s;
  }

  // Upserts, deletes and new events at random until `pub->stop`.
  absl::Status Run() {
    while (!pub_->stop.load()) {
      const int op = gen_.Uniform(0, 9), stored = pub_->stored.load();
      absl::Status s;
      if (op < 4) {
        s = PutNew(gen_.Uniform(1, 50));
      } else if (op < 8) {
        std::vector<Event> batch;
        for (int i = gen_.Uniform(1, 20); i > 0; --i) {
          // A deleted id put again gets a new place in the order of ties: leave those alone.
          const int index = gen_.Uniform(0, stored - 1);
          if (pub_->maybe_deleted[index].load()) continue;
          batch.push_back(gen_.Revise(EventGenerator::IdOf(index)));
          model_[batch.back().id] = batch.back();
        }
        s = db_->Put(std::move(batch)).status();
      } else {
        std::vector<std::string> ids;
        for (int i = gen_.Uniform(1, 10); i > 0; --i) {
          const int index = gen_.Uniform(0, stored - 1);
          pub_->maybe_deleted[index].store(true);  // before the delete can be seen
          ids.push_back(EventGenerator::IdOf(index));
          model_.erase(ids.back());
        }
        s = db_->Delete(ids).status();
      }
      if (!s.ok()) return s;
      ++writes_;
    }
    return absl::OkStatus();
  }

  const std::map<std::string, Event>& model() const { return model_; }
  uint64_t writes() const { return writes_; }

 private:
  Database* db_;
  Published* pub_;
  EventGenerator gen_;
  std::map<std::string, Event> model_;
  uint64_t writes_ = 0;
};

TEST(ConcurrencyTest, ReadersSeeConsistentStatesWhileOneThreadWrites) {
  SCOPED_TRACE(absl::StrCat("seed ", kSeed));
  ::annals::testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Database> db, Database::Open(dir.Sub("db"), Options{}));
  Published pub;
  Writer writer(db.get(), &pub, kSeed);
  ASSERT_OK(writer.PutNew(kInitialEvents));
  std::vector<std::unique_ptr<Reader>> readers;
  std::vector<std::string> errors(kReaders);
  std::vector<std::thread> threads;
  for (int i = 0; i < kReaders; ++i) {
    readers.push_back(std::make_unique<Reader>(db.get(), &pub, kSeed + 1 + i));
  }
  for (int i = 0; i < kReaders; ++i) {
    threads.emplace_back([&, i] { errors[i] = readers[i]->Run(); });
  }
  absl::Status written;
  std::thread write_thread([&] { written = writer.Run(); });
  std::this_thread::sleep_for(kRunFor);
  pub.stop.store(true);
  write_thread.join();
  for (std::thread& t : threads) t.join();
  ASSERT_OK(written);
  uint64_t reads = 0;
  for (int i = 0; i < kReaders; ++i) {
    EXPECT_EQ(errors[i], "") << "reader " << i << " (seed " << kSeed + 1 + i << ")";
    reads += readers[i]->reads();
  }
  std::cout << "[concurrency] " << writer.writes() << " writes, " << reads << " reads\n";
  EXPECT_GT(writer.writes(), 10u);
  EXPECT_GT(reads, 10u);

  ASSERT_OK_AND_ASSIGN(CheckReport report, db->Check());
  EXPECT_THAT(report.problems, IsEmpty());
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Cursor> scan, db->Scan());
  std::map<std::string, std::string> stored;
  while (scan->Next()) {
    auto it = writer.model().find(scan->event().id);
    ASSERT_NE(it, writer.model().end()) << scan->event().id << " should have been deleted";
    stored[it->first] = Comparable(scan->event(), it->second);
  }
  ASSERT_OK(scan->status());
  ASSERT_EQ(stored.size(), writer.model().size());
  for (const auto& [id, e] : writer.model()) EXPECT_EQ(stored[id], FormatJsonRecord(e));
}

TEST(ConcurrencyTest, PutsFromManyThreadsAreSerialized) {
  ::annals::testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Database> db, Database::Open(dir.Sub("db"), Options{}));
  constexpr int kThreads = 4, kBatches = 50, kBatchSize = 20;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      EventGenerator gen(kSeed + t);
      for (int b = 0; b < kBatches; ++b) {
        std::vector<Event> batch;
        for (int i = 0; i < kBatchSize; ++i) {
          batch.push_back(gen.Next());
          batch.back().id = absl::StrCat("t", t, "-", batch.back().id);
        }
        if (!db->Put(std::move(batch)).ok()) ++failures;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  ASSERT_OK_AND_ASSIGN(uint64_t n, db->Count(Query{}));
  EXPECT_EQ(n, uint64_t{kThreads * kBatches * kBatchSize});
  ASSERT_OK_AND_ASSIGN(CheckReport report, db->Check());
  EXPECT_THAT(report.problems, IsEmpty());
}

// ---------------------------------------------------------------- other processes

constexpr int kIngestBatches = 30;
constexpr int kIngestBatchSize = 1000;

// Child: puts kIngestBatches batches of new events, reporting each, then exits. With args[1]
// "reopen" it closes and reopens the database after each batch: closing flushes the batch into
// new table files, and compactions then merge them and delete the old ones.
int IngestRole(const std::vector<std::string>& args, int out) {
  const bool reopen = args.at(1) == "reopen";
  auto db = Database::Open(args.at(0), Options{});
  if (!db.ok()) return 2;
  EventGenerator gen(kSeed);
  for (int b = 0; b < kIngestBatches; ++b) {
    std::vector<Event> batch;
    for (int i = 0; i < kIngestBatchSize; ++i) batch.push_back(gen.Next());
    if (!(*db)->Put(std::move(batch)).ok()) return 3;
    if (reopen) {
      db->reset();
      db = Database::Open(args.at(0), Options{});
      if (!db.ok()) return 4;
    }
    ::annals::testing::WriteAll(out, absl::StrCat(b, "\n"));
  }
  return 0;
}

// Child: opens the database for writing, puts one event, says "ready" and waits to be killed.
int HoldRole(const std::vector<std::string>& args, int out) {
  auto db = Database::Open(args.at(0), Options{});
  if (!db.ok() || !(*db)->Put({EventGenerator(kSeed).Next()}).ok()) return 2;
  ::annals::testing::WriteAll(out, "ready\n");
  while (true) pause();
}

ANNALS_CHILD_ROLES({{"ingest", &IngestRole}, {"hold", &HoldRole}});

Options ReadOnly() {
  Options o;
  o.read_only = true;
  return o;
}

// Opens the database read-only again and again while a child process ingests into it: every
// open must succeed and show whole batches, in order, passing Check().
void ReadWhileAnotherProcessIngests(bool reopen) {
  ::annals::testing::TempDir dir;
  const std::string path = dir.Sub("db");
  ChildProcess child("ingest", {path, reopen ? "reopen" : "keep"});
  ASSERT_EQ(child.ReadLine(), "0");  // the database exists
  int reads = 0, partial = 0;
  for (bool done = false; !done;) {
    done = !child.Running();
    absl::StatusOr<std::unique_ptr<Database>> opened = Database::Open(path, ReadOnly());
    ASSERT_OK(opened.status()) << "read-only open " << reads + 1 << " while another process writes";
    std::unique_ptr<Database> db = *std::move(opened);
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Cursor> scan, db->Scan());
    int n = 0;
    for (; scan->Next(); ++n) ASSERT_EQ(scan->event().id, EventGenerator::IdOf(n));
    ASSERT_OK(scan->status());
    EXPECT_EQ(n % kIngestBatchSize, 0) << "a batch is seen whole or not at all";
    if (n < kIngestBatches * kIngestBatchSize) ++partial;
    if (++reads % 4 == 0) {
      ASSERT_OK_AND_ASSIGN(CheckReport report, db->Check());
      EXPECT_THAT(report.problems, IsEmpty()) << "after " << n << " events";
    }
  }
  std::cout << "[multi-process] " << (reopen ? "writer reopening: " : "") << reads
            << " read-only opens, " << partial << " during the ingest\n";
  const int status = child.Wait();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child status " << status;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Database> db, Database::Open(path, ReadOnly()));
  ASSERT_OK_AND_ASSIGN(uint64_t n, db->Count(Query{}));
  EXPECT_EQ(n, uint64_t{kIngestBatches * kIngestBatchSize});
}

TEST(MultiProcessTest, ReadersSeeWholeBatchesWhileAnotherProcessIngests) {
  ReadWhileAnotherProcessIngests(/*reopen=*/false);
}

// Table files come and go under the readers (as in a long `annals ingest`, where memtables are
// flushed and compacted): opening and reading must not trip over a file deleted meanwhile.
TEST(MultiProcessTest, ReadersOpenWhileTheWriterFlushesAndCompacts) {
  ReadWhileAnotherProcessIngests(/*reopen=*/true);
}

TEST(MultiProcessTest, SecondWriterIsRefusedQuicklyNamingTheDatabase) {
  ::annals::testing::TempDir dir;
  const std::string path = dir.Sub("db");
  ChildProcess child("hold", {path});
  ASSERT_EQ(child.ReadLine(), "ready");
  const auto start = std::chrono::steady_clock::now();
  EXPECT_THAT(Database::Open(path, Options{}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr(path)));
  // Refused, not waited for: a generous bound that only a hang (waiting for the lock) exceeds,
  // also on a loaded machine.
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(30));
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Database> reader, Database::Open(path, ReadOnly()));
    EXPECT_OK(reader->Get(EventGenerator::IdOf(0)).status()) << "readers see the writer's data";
  }
  child.Kill();  // the lock dies with its process
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Database> db, Database::Open(path, Options{}));
  ASSERT_OK_AND_ASSIGN(CheckReport report, db->Check());
  EXPECT_THAT(report.problems, IsEmpty());
  EXPECT_EQ(report.events, 1u);
}

}  // namespace
}  // namespace annals
