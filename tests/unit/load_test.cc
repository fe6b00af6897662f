// Copyright: the Annals authors.
//
// Bulk loads (Database::StartLoad): what the contract in database.h promises beyond the results,
// which tests/system/differential_test.cc checks against its model: a load that is not committed
// leaves nothing, not even files; the database's own writes wait for the load; a load into an
// empty database lands at the bottom level (nothing for compactions to rewrite); and the sorted
// runs it stages merge in order and report damage.
#include <filesystem>
#include <fstream>
#include <set>

#include "annals/database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "internal/storage/format.h"
#include "internal/storage/load_stage.h"
#include "internal/storage/sorted_run.h"
#include "rocksdb/db.h"
#include "testing/event_builders.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace annals {
namespace {

using ::annals::testing::TempDir;
using ::testing::ElementsAre;

Event Ev(const std::string& id, const std::string& time, std::vector<std::string> actors = {}) {
  Event e = ::annals::testing::WithTime(time);
  e.id = id;
  for (std::string& a : actors) e.actors.push_back(Actor{std::move(a), ""});
  return e;
}

std::vector<std::string> Ids(Database& db, const Query& q) {
  std::vector<std::string> ids;
  absl::StatusOr<std::unique_ptr<Cursor>> c = db.Query(q);
  EXPECT_OK(c.status());
  if (!c.ok()) return ids;
  while ((*c)->Next()) ids.push_back((*c)->event().id);
  EXPECT_OK((*c)->status());
  return ids;
}

bool StageExists(const std::string& db) {
  return std::filesystem::exists(internal::LoadDirectory(db));
}

class LoadTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(); }
  void Open(bool read_only = false) {
    db_.reset();
    Options options;
    options.read_only = read_only;
    ASSERT_OK_AND_ASSIGN(db_, Database::Open(path(), options));
  }
  std::string path() const { return dir_.Sub("db"); }

  TempDir dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(LoadTest, NothingIsVisibleBeforeCommitAndEverythingAfter) {
  ASSERT_OK(db_->Put({Ev("old", "2024-01", {"NATO"})}).status());
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Load> load, db_->StartLoad());
  ASSERT_OK_AND_ASSIGN(PutResult r, load->Put({Ev("a", "2024-02", {"NATO"}),
                                               Ev("old", "2024-03", {"NATO", "Ukraine"})}));
  EXPECT_EQ(r.added, 1u);
  EXPECT_EQ(r.replaced, 1u);
  EXPECT_EQ(r.system_time_us, 0);
  EXPECT_TRUE(StageExists(path()));
  Query nato;
  nato.all_actors = {"NATO"};
  EXPECT_THAT(Ids(*db_, nato), ElementsAre("old"));
  ASSERT_OK_AND_ASSIGN(int64_t committed, load->Commit());
  EXPECT_GT(committed, 0);
  EXPECT_FALSE(StageExists(path()));
  EXPECT_THAT(Ids(*db_, nato), ElementsAre("a", "old"));  // by time: "old" moved to March
  ASSERT_OK_AND_ASSIGN(std::vector<Version> versions, db_->History("old"));
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[1].system_from_us, committed);
  ASSERT_OK_AND_ASSIGN(CheckReport report, db_->Check());
  EXPECT_THAT(report.problems, ::testing::IsEmpty());
  // The load is over: its object refuses more, the database takes puts again.
  EXPECT_TRUE(absl::IsFailedPrecondition(load->Put({Ev("b", "2024")}).status()));
  EXPECT_OK(db_->Put({Ev("b", "2024")}).status());
}

TEST_F(LoadTest, AnAbandonedLoadLeavesNothing) {
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Load> load, db_->StartLoad());
    ASSERT_OK(load->Put({Ev("a", "2024-02", {"NATO"})}).status());
  }
  EXPECT_FALSE(StageExists(path()));
  EXPECT_THAT(Ids(*db_, Query{}), ::testing::IsEmpty());
  ASSERT_OK_AND_ASSIGN(DatabaseStats stats, db_->Stats());
  EXPECT_EQ(stats.events, 0u);
  EXPECT_EQ(stats.actors, 0u);  // the load's new actor is forgotten too
  ASSERT_OK(db_->Put({Ev("b", "2024", {"Ukraine"})}).status());
  ASSERT_OK_AND_ASSIGN(CheckReport report, db_->Check());
  EXPECT_THAT(report.problems, ::testing::IsEmpty());
}

TEST_F(LoadTest, AnErrorEndsTheLoadAndCommitsNothing) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Load> load, db_->StartLoad());
  ASSERT_OK(load->Put({Ev("a", "2024-02")}).status());
  EXPECT_TRUE(absl::IsInvalidArgument(load->Put({Ev("bad", "2024", {""})}).status()));  // no name
  EXPECT_TRUE(absl::IsFailedPrecondition(load->Commit().status()));
  EXPECT_FALSE(StageExists(path()));
  EXPECT_THAT(Ids(*db_, Query{}), ::testing::IsEmpty());
  EXPECT_OK(db_->Put({Ev("c", "2024")}).status());
}

TEST_F(LoadTest, TheDatabasesOwnWritesWaitForTheLoad) {
  ASSERT_OK(db_->Put({Ev("x", "2024")}).status());
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Load> load, db_->StartLoad());
  EXPECT_TRUE(absl::IsFailedPrecondition(db_->StartLoad().status()));
  EXPECT_TRUE(absl::IsFailedPrecondition(db_->Put({Ev("y", "2024")}).status()));
  EXPECT_TRUE(absl::IsFailedPrecondition(db_->Delete({"x"}).status()));
  EXPECT_TRUE(absl::IsFailedPrecondition(db_->Prune(1).status()));
  EXPECT_TRUE(
      absl::IsFailedPrecondition(db_->AddAliases({Alias{"NATO", "OTAN", "", ""}}).status()));
  EXPECT_TRUE(absl::IsFailedPrecondition(db_->RemoveAlias("NATO", "OTAN", "", "").status()));
  EXPECT_OK(db_->Sync());  // refused writes are not failed writes
  ASSERT_OK(load->Commit().status());
  EXPECT_OK(db_->Put({Ev("y", "2024")}).status());
}

TEST_F(LoadTest, AReadOnlyDatabaseStartsNoLoad) {
  Open(/*read_only=*/true);
  EXPECT_TRUE(absl::IsFailedPrecondition(db_->StartLoad().status()));
}

TEST_F(LoadTest, TheNextWriterRemovesWhatACrashedLoadLeft) {
  db_.reset();
  const std::string stage = internal::LoadDirectory(path());
  std::filesystem::create_directory(stage);
  std::ofstream(stage + "/records") << "half a load";
  Open(/*read_only=*/true);  // a reader accepts the directory and leaves it
  EXPECT_TRUE(StageExists(path()));
  Open();
  EXPECT_FALSE(StageExists(path()));
}

// Spills (a budget of one byte: a run per batch) and merges, into an empty database: every table
// lands at the bottom level, where no compaction rewrites it.
TEST_F(LoadTest, ALoadIntoAnEmptyDatabaseLandsAtTheBottomLevel) {
  LoadOptions options;
  options.memory_bytes = 1;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Load> load, db_->StartLoad(options));
  std::set<int> ids;  // some put more than once, in other batches
  for (int batch = 0; batch < 5; ++batch) {
    std::vector<Event> events;
    for (int i = 0; i < 100; ++i) {
      ids.insert((batch * 37 + i) % 300);
      events.push_back(Ev("e" + std::to_string((batch * 37 + i) % 300),
                          "2024-0" + std::to_string(1 + i % 9),
                          {"A" + std::to_string(i % 7), "B" + std::to_string(batch)}));
    }
    ASSERT_OK(load->Put(events).status());
  }
  ASSERT_OK(load->Commit().status());
  ASSERT_OK_AND_ASSIGN(CheckReport report, db_->Check());
  EXPECT_THAT(report.problems, ::testing::IsEmpty());
  EXPECT_EQ(report.events, ids.size());
  load.reset();  // before its database
  db_.reset();

  std::vector<std::string> names;
  ASSERT_TRUE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), path(), &names).ok());
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const std::string& name : names) families.emplace_back(name, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  ASSERT_TRUE(
      rocksdb::DB::OpenForReadOnly(rocksdb::DBOptions(), path(), families, &handles, &raw).ok());
  std::unique_ptr<rocksdb::DB> rocks(raw);
  int tables = 0;
  for (rocksdb::ColumnFamilyHandle* h : handles) {
    rocksdb::ColumnFamilyMetaData meta;
    rocks->GetColumnFamilyMetaData(h, &meta);
    for (const rocksdb::LevelMetaData& level : meta.levels) {
      if (level.files.empty()) continue;
      tables += static_cast<int>(level.files.size());
      EXPECT_EQ(level.level, static_cast<int>(meta.levels.size()) - 1) << meta.name;
    }
    rocks->DestroyColumnFamilyHandle(h);
  }
  EXPECT_GE(tables, 5);  // events, ids, members, by_actor, by_time at least
}

TEST(SortedRunTest, MergesRunsByKeyWithEachKeysOperationsOldestFirst) {
  TempDir dir;
  internal::RunBuffer first, second;
  first.Add(internal::StagedOp::kPut, "b", "1");
  first.Add(internal::StagedOp::kPut, "a", "2");
  first.Add(internal::StagedOp::kDelete, "b", "");
  first.Sort();
  ASSERT_OK(first.WriteTo(dir.Sub("0.run")));
  second.Add(internal::StagedOp::kMerge, "c", "3");
  second.Add(internal::StagedOp::kPut, "b", "4");
  second.Add(internal::StagedOp::kMerge, "c", "5");
  second.Sort();
  std::vector<std::unique_ptr<internal::RunSource>> runs;
  ASSERT_OK_AND_ASSIGN(runs.emplace_back(), internal::FileSource(dir.Sub("0.run")));
  runs.push_back(internal::BufferSource(&second));
  std::vector<std::string> seen;
  ASSERT_OK(internal::MergeRuns(std::move(runs), [&](std::string_view key, const auto& ops) {
    std::string s(key);
    for (const internal::StagedEntry& e : ops) {
      s += " " + std::to_string(static_cast<int>(e.op)) + std::string(e.value);
    }
    seen.push_back(s);
    return absl::OkStatus();
  }));
  EXPECT_THAT(seen, ElementsAre("a 12", "b 11 2 14", "c 33 35"));
}

TEST(SortedRunTest, ATruncatedRunFileIsDataLoss) {
  TempDir dir;
  internal::RunBuffer buffer;
  buffer.Add(internal::StagedOp::kPut, "key", "value");
  ASSERT_OK(buffer.WriteTo(dir.Sub("0.run")));
  std::filesystem::resize_file(dir.Sub("0.run"), 12);
  std::vector<std::unique_ptr<internal::RunSource>> runs;
  ASSERT_OK_AND_ASSIGN(runs.emplace_back(), internal::FileSource(dir.Sub("0.run")));
  absl::Status s = internal::MergeRuns(
      std::move(runs), [](std::string_view, const auto&) { return absl::OkStatus(); });
  EXPECT_TRUE(absl::IsDataLoss(s)) << s;
  EXPECT_THAT(std::string(s.message()), ::testing::HasSubstr("0.run"));
}

}  // namespace
}  // namespace annals
