// Copyright: the Annals authors.
//
// The writer's failure latch (writer.h) under a real failed write: with the process's file size
// limit (RLIMIT_FSIZE) lowered, RocksDB's write of the batch to its log fails with EFBIG, as on a
// full disk. That batch is not stored, and every later Put and Delete fails with the latched
// error, even once writing could succeed again, until the database is reopened. No root, no
// mount, no injected file system: the failure comes from the kernel.
#include <signal.h>
#include <sys/resource.h>

#include <string>
#include <vector>

#include "annals/database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/event_builders.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace annals {
namespace {

using ::testing::HasSubstr;
using testing::StatusIs;

Event Ev(std::string id, std::string title = "") {
  Event e = testing::WithTime("2024-03-01");
  e.id = std::move(id);
  e.title = std::move(title);
  e.actors = {{"A", "source"}};
  return e;
}

// Lowers the file size limit for its lifetime; writes past it fail with EFBIG (SIGXFSZ, which
// would end the process, is ignored meanwhile).
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    old_handler_ = signal(SIGXFSZ, SIG_IGN);
    ok_ = getrlimit(RLIMIT_FSIZE, &old_) == 0;
    rlimit lowered = old_;
    lowered.rlim_cur = bytes;
    ok_ = ok_ && setrlimit(RLIMIT_FSIZE, &lowered) == 0;
  }
  ~FileSizeLimit() {
    setrlimit(RLIMIT_FSIZE, &old_);
    signal(SIGXFSZ, old_handler_);
  }
  bool ok() const { return ok_; }

 private:
  rlimit old_;
  sighandler_t old_handler_;
  bool ok_ = false;
};

// ~4 MiB of records in one batch: far past the limit below, so the log write must fail.
std::vector<Event> LargeBatch() {
  std::vector<Event> batch;
  for (int i = 0; i < 64; ++i)
    batch.push_back(Ev("big" + std::to_string(i), std::string(65536, 'x')));
  return batch;
}

TEST(WriteFailureLatchTest, FailedLogWriteLatchesUntilReopen) {
  testing::TempDir dir;
  const std::string path = dir.Sub("db");
  {
    ASSERT_OK_AND_ASSIGN(auto db, Database::Open(path, Options{}));
    ASSERT_OK(db->Put({Ev("before")}).status());
    absl::Status failed;
    {
      FileSizeLimit limit(1 << 20);
      ASSERT_TRUE(limit.ok()) << "setrlimit(RLIMIT_FSIZE) failed";
      failed = db->Put(LargeBatch()).status();
    }
    ASSERT_FALSE(failed.ok()) << "the write past RLIMIT_FSIZE succeeded";
    RecordProperty("failed_write", failed.ToString());
    EXPECT_NE(failed.code(), absl::StatusCode::kInvalidArgument) << failed;
    EXPECT_THAT(failed.message(), HasSubstr(path));

    // The limit is gone, so this write would succeed: the latch refuses it with the first error.
    absl::StatusOr<PutResult> later = db->Put({Ev("after")});
    EXPECT_THAT(later, StatusIs(failed.code(), HasSubstr("writes stopped after a failed write")));
    EXPECT_THAT(later.status().message(), HasSubstr(failed.message()));
    EXPECT_THAT(db->Delete({"before"}),
                StatusIs(failed.code(), HasSubstr("writes stopped after a failed write")));
    EXPECT_OK(db->Get("before").status()) << "reads go on";
    EXPECT_THAT(db->Get("after"), StatusIs(absl::StatusCode::kNotFound, ::testing::_));
  }
  // Reopened, the database holds what was committed before the failure and takes writes again.
  ASSERT_OK_AND_ASSIGN(auto db, Database::Open(path, Options{}));
  EXPECT_OK(db->Get("before").status());
  EXPECT_THAT(db->Get("big0"), StatusIs(absl::StatusCode::kNotFound, ::testing::_));
  ASSERT_OK(db->Put({Ev("after")}).status());
  ASSERT_OK_AND_ASSIGN(CheckReport report, db->Check());
  EXPECT_THAT(report.problems, ::testing::IsEmpty());
  ASSERT_OK_AND_ASSIGN(DatabaseStats stats, db->Stats());
  EXPECT_EQ(stats.events, 2u);
}

}  // namespace
}  // namespace annals
