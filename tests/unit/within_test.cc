// Copyright: the Annals authors.
//
// --within (FORMAT.md section 3): the whole span in the range, open ends only when the range is
// open on that side, and no reads of span classes that cannot hold a match.
#include <memory>

#include "annals/database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace annals {
namespace {

Event Ev(std::string id, const char* time) {
  Event e;
  e.id = std::move(id);
  e.time = *ParseTime(time);
  e.actors.push_back(Actor{"NATO", ""});
  return e;
}

Query Range(const char* from, const char* to, bool within) {
  Query q;
  if (from != nullptr) q.from_us = ParseTime(from)->start_us();
  if (to != nullptr) q.to_us = ParseTime(to)->end_us();
  q.within = within;
  return q;
}

class WithinTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(db_, Database::Open(dir_.Sub("db"), Options()));
    ASSERT_OK(db_->Put({Ev("year", "2024"), Ev("war", "2022-02-24/.."), Ev("month", "2024-10~"),
                        Ev("day", "2024-10-15"), Ev("old", "../2024-10-20")})
                  .status());
  }
  std::vector<std::string> Ids(const Query& q) {
    std::vector<std::string> ids;
    auto cursor = db_->Query(q);
    EXPECT_OK(cursor.status());
    while ((*cursor)->Next()) ids.push_back((*cursor)->event().id);
    return ids;
  }
  testing::TempDir dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(WithinTest, SpecExample) {
  EXPECT_THAT(Ids(Range("2024-10", "2024-10", true)), ::testing::ElementsAre("month", "day"));
  EXPECT_THAT(Ids(Range("2024-10", "2024-10", false)),
              ::testing::ElementsAre("old", "war", "year", "month", "day"));
}

TEST_F(WithinTest, OpenEndsOnlyWhenTheRangeIsOpenOnThatSide) {
  EXPECT_THAT(Ids(Range("2022", nullptr, true)),
              ::testing::ElementsAre("war", "year", "month", "day"));
  EXPECT_THAT(Ids(Range(nullptr, "2024-10", true)), ::testing::ElementsAre("old", "month", "day"));
  EXPECT_THAT(Ids(Range(nullptr, nullptr, true)).size(), 5);
}

TEST_F(WithinTest, DoesNotReadClassesThatCannotMatch) {
  std::vector<Event> many;
  for (int i = 0; i < 200; ++i) many.push_back(Ev("y" + std::to_string(i), "2024"));
  for (int i = 0; i < 200; ++i) many.push_back(Ev("o" + std::to_string(i), "2020/.."));
  ASSERT_OK(db_->Put(many).status());
  ASSERT_OK_AND_ASSIGN(DatabaseStats before, db_->Stats());
  Query q = Range("2024-10-15", "2024-10-15", true);
  ASSERT_OK_AND_ASSIGN(uint64_t n, db_->Count(q));
  EXPECT_EQ(n, 1u);
  q.all_actors = {"NATO"};
  ASSERT_OK_AND_ASSIGN(n, db_->Count(q));
  EXPECT_EQ(n, 1u);
  ASSERT_OK_AND_ASSIGN(DatabaseStats after, db_->Stats());
  // Year-long and open-ended events are in classes a one-day range cannot hold: not read.
  EXPECT_LE(after.counters.index_entries_scanned - before.counters.index_entries_scanned, 4u);
}

}  // namespace
}  // namespace annals
