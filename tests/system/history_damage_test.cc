// Copyright: the Annals authors.
//
// `check` finds damage to the versions in system time (format.h, HISTORY.md): each test builds a
// database with replaced and deleted events, damages one entry behind the engine's back, and
// expects Check() to report a problem (the linear pass sees the digests differ, the precise pass
// names the damage).
#include <functional>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "annals/database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "internal/storage/format.h"
#include "testing/crash/raw_db.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace annals {
namespace {

using ::annals::testing::RawDb;
using ::testing::IsEmpty;
using ::testing::Not;

Event Ev(const std::string& id, const std::string& time, const std::string& actor) {
  Event e;
  e.id = id;
  e.time = *ParseTime(time);
  e.type = "statement";
  e.title = absl::StrCat(id, " at ", time);
  e.actors.push_back(Actor{actor, "source"});
  return e;
}

class HistoryDamageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.Sub("db");
    int64_t clock = 1000;
    Options options;
    options.clock = [&clock] { return clock; };
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Database> db, Database::Open(path_, options));
    for (int round = 0; round < 3; ++round) {
      clock = 1000 * (round + 1);
      std::vector<Event> batch;
      for (int i = 0; i < 20; ++i) {
        batch.push_back(Ev(absl::StrCat("e", i), absl::StrCat(2000 + round + i, "-05"),
                           absl::StrCat("actor ", i % 3)));
      }
      ASSERT_OK(db->Put(batch).status());
    }
    clock = 5000;
    ASSERT_OK(db->Delete({"e3", "e4"}).status());
    ASSERT_OK_AND_ASSIGN(CheckReport report, db->Check());
    ASSERT_THAT(report.problems, IsEmpty());
    ASSERT_EQ(report.versions, 2u * 20 + 2);
  }

  // The first key of `f` (after Put, in some family).
  std::string FirstKey(RawDb::Family f) { return RawDb(path_, true).FirstKey(f); }

  std::vector<std::string> Problems() {
    Options read_only;
    read_only.read_only = true;
    absl::StatusOr<std::unique_ptr<Database>> db = Database::Open(path_, read_only);
    EXPECT_OK(db.status());
    if (!db.ok()) return {"cannot open"};
    absl::StatusOr<CheckReport> report = (*db)->Check();
    EXPECT_OK(report.status());
    return report.ok() ? report->problems : std::vector<std::string>{"cannot check"};
  }

  ::annals::testing::TempDir dir_;
  std::string path_;
};

TEST_F(HistoryDamageTest, MissingOldIndexEntryIsReported) {
  RawDb(path_).Delete(RawDb::kOldByTime, FirstKey(RawDb::kOldByTime));
  EXPECT_THAT(Problems(), Not(IsEmpty()));
}

TEST_F(HistoryDamageTest, StrayOldIndexEntryIsReported) {
  const std::string key = FirstKey(RawDb::kOldByActor);
  RawDb raw(path_);
  std::string value = raw.Get(RawDb::kOldByActor, key);
  std::string stray = key;
  stray[stray.size() - 1] ^= 1;  // another system_to
  raw.Put(RawDb::kOldByActor, stray, value);
  EXPECT_THAT(Problems(), Not(IsEmpty()));
}

TEST_F(HistoryDamageTest, MissingVersionRecordIsReported) {
  RawDb(path_).Delete(RawDb::kHistory, FirstKey(RawDb::kHistory));
  EXPECT_THAT(Problems(), Not(IsEmpty()));
}

TEST_F(HistoryDamageTest, ClosingThatClaimsAReplacementOfADeleteIsReported) {
  // e3 was deleted at 5000: its closing says "deleted"; make it say "replaced" (no successor).
  RawDb raw(path_);
  std::unique_ptr<rocksdb::Iterator> it(raw.db()->NewIterator({}, raw.cf(RawDb::kSystem)));
  const std::string at = internal::ClosedKey(5000, 0);
  it->Seek(at);
  ASSERT_TRUE(it->Valid());
  internal::Closing closing;
  ASSERT_TRUE(internal::DecodeClosing({it->value().data(), it->value().size()}, &closing));
  ASSERT_FALSE(closing.replaced);
  closing.replaced = true;
  const std::string key = it->key().ToString();
  it.reset();
  raw.Put(RawDb::kSystem, key, internal::EncodeClosing(closing));
  std::vector<std::string> problems = Problems();
  EXPECT_THAT(problems, Not(IsEmpty()));
  EXPECT_THAT(problems, ::testing::Contains(::testing::HasSubstr("successor is missing")));
}

TEST_F(HistoryDamageTest, MissingVersionByIdIsReported) {
  RawDb raw(path_);
  std::unique_ptr<rocksdb::Iterator> it(raw.db()->NewIterator({}, raw.cf(RawDb::kSystem)));
  it->Seek(std::string(1, internal::kIdVersionTag));
  ASSERT_TRUE(it->Valid());
  const std::string key = it->key().ToString();
  it.reset();
  raw.Delete(RawDb::kSystem, key);
  EXPECT_THAT(Problems(), Not(IsEmpty()));
}

}  // namespace
}  // namespace annals
