// Copyright: the Annals authors.
//
// Queries over the EDTF level-1 times (spec/FORMAT.md section 2, "Revised 2026-11-29"): BCE and
// extended years order and overlap like any time, X digits overlap over every value they can take,
// and an unknown end overlaps like an open one while the stored time keeps showing it as written.
#include <memory>
#include <string>
#include <vector>

#include "annals/database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace annals {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

class DatabaseTimeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<Database>> db = Database::Open(dir_.Sub("db"), Options{});
    ASSERT_OK(db.status());
    db_ = *std::move(db);
    std::vector<Event> events;
    for (const auto& [id, time] : std::vector<std::pair<std::string, std::string>>{
             {"troy", "-1183"},
             {"ides", "-0043-03-15"},
             {"augustus", "-0062-09-23/0014-08-19"},
             {"ice-age", "Y-20000"},
             {"nineties", "199X"},
             {"late-2024", "2024-1X"},
             {"since-2024-10", "2024-10/"},
             {"until-1960", "/1960"},
             {"open-2024-10", "2024-10/.."},
         }) {
      Event e;
      e.id = id;
      e.time = *ParseTime(time);
      events.push_back(e);
    }
    ASSERT_OK(db_->Put(std::move(events)).status());
  }

  std::vector<std::string> Overlapping(const std::string& from, const std::string& to) {
    Query q;
    if (!from.empty()) q.from_us = ParseTime(from)->start_us();
    if (!to.empty()) q.to_us = ParseTime(to)->end_us();
    std::vector<std::string> ids;
    absl::StatusOr<std::unique_ptr<Cursor>> c = db_->Query(q);
    EXPECT_OK(c.status());
    if (!c.ok()) return ids;
    while ((*c)->Next()) ids.push_back((*c)->event().id);
    EXPECT_OK((*c)->status());
    return ids;
  }

  ::annals::testing::TempDir dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(DatabaseTimeTest, BceRangesFindBceEventsInOrder) {
  EXPECT_THAT(Overlapping("-0044", "-0043"), ElementsAre("until-1960", "augustus", "ides"));
  EXPECT_THAT(Overlapping("-1200", "-1100"), UnorderedElementsAre("troy", "until-1960"));
  EXPECT_THAT(Overlapping("Y-21000", "Y-19000"), ElementsAre("until-1960", "ice-age"));
}

TEST_F(DatabaseTimeTest, UnspecifiedDigitsOverlapEveryValue) {
  EXPECT_THAT(Overlapping("1999-12-31", "1999-12-31"), ElementsAre("nineties"));
  EXPECT_THAT(Overlapping("2000", "2000"), IsEmpty());
  EXPECT_THAT(Overlapping("2024-09", "2024-09"), IsEmpty());
  EXPECT_THAT(Overlapping("2024-12-31", "2024-12-31"),
              UnorderedElementsAre("late-2024", "since-2024-10", "open-2024-10"));
}

TEST_F(DatabaseTimeTest, UnknownEndsOverlapLikeOpenEnds) {
  EXPECT_THAT(Overlapping("3000", "3000"), UnorderedElementsAre("since-2024-10", "open-2024-10"));
  EXPECT_THAT(Overlapping("1000", "1000"), ElementsAre("until-1960"));
  EXPECT_THAT(Overlapping("1961", "1989"), IsEmpty());
}

TEST_F(DatabaseTimeTest, StoredTimesKeepTheirWrittenForm) {
  for (const auto& [id, shown] :
       std::vector<std::pair<std::string, std::string>>{{"troy", "-1183"},
                                                        {"ice-age", "Y-20000"},
                                                        {"nineties", "199X"},
                                                        {"since-2024-10", "2024-10/"},
                                                        {"until-1960", "/1960"},
                                                        {"open-2024-10", "2024-10/.."}}) {
    absl::StatusOr<Event> e = db_->Get(id);
    ASSERT_OK(e.status());
    EXPECT_EQ(FormatTime(e->time), shown) << id;
  }
  EXPECT_TRUE(db_->Get("since-2024-10")->time.end_unknown);
  EXPECT_FALSE(db_->Get("open-2024-10")->time.end_unknown);
}

}  // namespace
}  // namespace annals
