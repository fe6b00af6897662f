// Copyright: the Annals authors.
//
// A file system that fills while events are stored (issue 14): Put fails with ResourceExhausted
// ("no space left on device") instead of aborting the process, Sync after it returns the same error
// (RocksDB must not touch its failed log again), every batch committed before is intact, and the
// database works again once there is space. Needs root to mount a 4 MiB tmpfs; skipped otherwise.
#include <sys/mount.h>
#include <unistd.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "annals/database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/event_builders.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace annals {
namespace {

using ::annals::testing::IsOk;
using ::annals::testing::StatusIs;
using ::testing::HasSubstr;

constexpr int kBatch = 1000;
constexpr uint32_t kSeed = 14;

std::vector<Event> Batch(int first, std::mt19937& rng) {
  std::vector<Event> batch;
  for (int i = first; i < first + kBatch; ++i) {
    Event e = testing::WithTime("2024-10");
    e.id = absl::StrCat("e", i);
    e.title.resize(300);
    for (char& c : e.title) c = static_cast<char>('a' + rng() % 26);  // incompressible enough
    e.actors = {{absl::StrCat("actor", rng() % 2000), ""}};
    batch.push_back(std::move(e));
  }
  return batch;
}

std::unique_ptr<Database> OpenDb(const std::string& path) {
  Options options;
  options.create_if_missing = true;
  absl::StatusOr<std::unique_ptr<Database>> db = Database::Open(path, options);
  EXPECT_THAT(db.status(), IsOk());
  return db.ok() ? *std::move(db) : nullptr;
}

TEST(DiskFullTest, FailsCleanlyKeepsCommittedBatchesAndRecovers) {
  if (geteuid() != 0) GTEST_SKIP() << "mounting a small tmpfs needs root (CI runs as root)";
  testing::TempDir dir;
  const std::string mnt = dir.Sub("mnt");
  ASSERT_EQ(mkdir(mnt.c_str(), 0755), 0);
  if (mount("tmpfs", mnt.c_str(), "tmpfs", 0, "size=4m") != 0) {
    GTEST_SKIP() << "cannot mount a tmpfs here";
  }
  std::mt19937 rng(kSeed);
  SCOPED_TRACE(absl::StrCat("seed ", kSeed));
  const std::string path = mnt + "/db";
  int committed = 0;
  {
    std::unique_ptr<Database> db = OpenDb(path);
    ASSERT_NE(db, nullptr);
    absl::Status failure;
    for (int round = 0; round < 100 && failure.ok(); ++round) {
      absl::StatusOr<PutResult> put = db->Put(Batch(committed, rng));
      if (put.ok()) committed += kBatch;
      failure = put.status();
    }
    EXPECT_THAT(failure, StatusIs(absl::StatusCode::kResourceExhausted,
                                  HasSubstr(path + ": no space left on device")));
    EXPECT_THAT(db->Sync(), StatusIs(absl::StatusCode::kResourceExhausted, HasSubstr("no space")));
    EXPECT_THAT(db->Put(Batch(committed, rng)).status(),
                StatusIs(absl::StatusCode::kResourceExhausted, HasSubstr("no space")));
  }
  ASSERT_GT(committed, 0);
  ASSERT_EQ(mount("tmpfs", mnt.c_str(), "tmpfs", MS_REMOUNT, "size=256m"), 0);
  {
    std::unique_ptr<Database> db = OpenDb(path);
    ASSERT_NE(db, nullptr);
    absl::StatusOr<CheckReport> report = db->Check();
    ASSERT_THAT(report.status(), IsOk());
    EXPECT_THAT(report->problems, ::testing::IsEmpty());
    absl::StatusOr<uint64_t> count = db->Count(Query());
    ASSERT_THAT(count.status(), IsOk());
    EXPECT_GE(*count, static_cast<uint64_t>(committed));
    EXPECT_THAT(db->Put(Batch(committed + kBatch, rng)).status(), IsOk());
    EXPECT_THAT(db->Sync(), IsOk());
  }
  umount(mnt.c_str());
}

}  // namespace
}  // namespace annals
