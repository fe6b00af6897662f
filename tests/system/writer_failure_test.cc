// Copyright: the Annals authors.
//
// The writer's failure invariant (writer.h): damage found while writing fails the call with
// DataLoss and is never hidden (no clamped counts); a call that fails before its batch is written
// leaves the database and later writes as they were.
#include <memory>
#include <string>

#include "annals/database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "internal/storage/format.h"
#include "testing/crash/raw_db.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace annals {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using testing::StatusIs;

Event Ev(std::string id, std::string actor) {
  Event e;
  e.id = std::move(id);
  e.time = *ParseTime("2024");
  e.actors = {{std::move(actor), "source"}};
  return e;
}

// Regression: Remove clamped a dictionary count at 0, so a delete on a damaged count went
// through and `check` could no longer see the damage it would have reported.
TEST(WriterFailureTest, CountBelowZeroIsDataLossAndNothingIsWritten) {
  testing::TempDir dir;
  const std::string path = dir.Sub("db");
  {
    ASSERT_OK_AND_ASSIGN(auto db, Database::Open(path, Options{}));
    ASSERT_OK(db->Put({Ev("a", "A")}).status());
  }
  {
    testing::RawDb raw(path);
    const std::string key = internal::DictNumberKey(internal::DictKind::kActor, 1);
    internal::DictEntry entry;
    ASSERT_TRUE(internal::DecodeDictEntry(raw.Get(testing::RawDb::kDict, key), &entry));
    ASSERT_EQ(entry.name, "A");
    entry.event_count = 0;
    raw.Put(testing::RawDb::kDict, key, internal::EncodeDictEntry(entry));
  }
  ASSERT_OK_AND_ASSIGN(auto db, Database::Open(path, Options{}));
  EXPECT_THAT(db->Delete({"a"}), StatusIs(absl::StatusCode::kDataLoss, HasSubstr("already 0")));
  EXPECT_OK(db->Get("a").status()) << "the failed delete wrote nothing";
  ASSERT_OK_AND_ASSIGN(CheckReport report, db->Check());
  EXPECT_THAT(report.problems, Not(IsEmpty())) << "the damage is still visible to check";
  // Nothing was written, so nothing is latched: other writes go on.
  EXPECT_OK(db->Put({Ev("b", "B")}).status());
  EXPECT_OK(db->Get("b").status());
}

// A rejected batch leaves no trace: numbers allocated for its new actors and roles are
// forgotten, and the next batch is stored as if the first had never been tried.
TEST(WriterFailureTest, RejectedBatchLeavesNoTrace) {
  testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto db, Database::Open(dir.Sub("db"), Options{}));
  Event bad = Ev("bad", "New Actor");
  bad.actors.push_back({"", "target"});  // empty name: InvalidArgument
  EXPECT_THAT(db->Put({Ev("ok", "Other"), bad}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("event 1")));
  EXPECT_THAT(db->Get("ok").status(), StatusIs(absl::StatusCode::kNotFound, HasSubstr("ok")));
  EXPECT_OK(db->Put({Ev("ok", "Other")}).status());
  ASSERT_OK_AND_ASSIGN(CheckReport report, db->Check());
  EXPECT_THAT(report.problems, IsEmpty());
  EXPECT_EQ(report.actors, 1u);
}

}  // namespace
}  // namespace annals
