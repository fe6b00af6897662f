// Copyright: the Annals authors.
//
// Query limits: `limit` keeps the first N results of the query's order, forward and reverse,
// at and around the cursor's record batch sizes (16, then doubling to 256), for the time index,
// a union of actors and an all-of (membership filter) plan; Count applies the same limit.
#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "annals/database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace annals {
namespace {

constexpr int kEvents = 300;

// The ids `query` returns, in order.
std::vector<std::string> Ids(Database& db, const Query& query) {
  std::vector<std::string> out;
  absl::StatusOr<std::unique_ptr<Cursor>> c = db.Query(query);
  EXPECT_OK(c.status());
  if (!c.ok()) return out;
  while ((*c)->Next()) out.push_back((*c)->event().id);
  EXPECT_OK((*c)->status());
  return out;
}

class QueryLimitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(db_, Database::Open(dir_.Sub("db"), Options{}));
    std::vector<Event> batch;
    for (int i = 0; i < kEvents; ++i) {
      Event e;
      e.id = "e" + std::to_string(i);
      // Days of 2023 with many ties in start, and every 7th a month: two span classes.
      const int day = 1 + (i * 37) % 28;
      const std::string date =
          "2023-" + std::string(i % 12 < 9 ? "0" : "") + std::to_string(1 + i % 12) +
          (i % 7 == 0 ? "" : "-" + std::string(day < 10 ? "0" : "") + std::to_string(day));
      ASSERT_OK_AND_ASSIGN(e.time, ParseTime(date));
      e.actors = {{i % 2 == 0 ? "Even" : "Odd", ""}};
      if (i % 3 == 0) e.actors.push_back({"Three", "target"});
      batch.push_back(std::move(e));
    }
    ASSERT_OK(db_->Put(std::move(batch)).status());
  }

  testing::TempDir dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(QueryLimitTest, LimitKeepsThePrefixOfTheOrder) {
  Query time;
  Query any;
  any.any_actors = {"Even", "Three"};
  Query all;
  all.all_actors = {"Odd", "Three"};
  for (Query* q : {&time, &any, &all}) {
    for (bool reverse : {false, true}) {
      q->reverse = reverse;
      q->limit.reset();
      const std::vector<std::string> full = Ids(*db_, *q);
      ASSERT_FALSE(full.empty());
      ASSERT_OK_AND_ASSIGN(uint64_t count, db_->Count(*q));
      EXPECT_EQ(count, full.size());
      for (uint64_t limit : {0, 1, 2, 15, 16, 17, 47, 48, 49, 111, 112, 113, 299, 300, 301}) {
        SCOPED_TRACE(::testing::Message() << "limit " << limit << " reverse " << reverse);
        q->limit = limit;
        const size_t n = std::min<size_t>(limit, full.size());
        EXPECT_EQ(Ids(*db_, *q), std::vector<std::string>(full.begin(), full.begin() + n));
        ASSERT_OK_AND_ASSIGN(uint64_t limited, db_->Count(*q));
        EXPECT_EQ(limited, n);
      }
    }
  }
}

TEST_F(QueryLimitTest, ReverseIsTheExactOppositeOrder) {
  Query q;
  q.any_actors = {"Odd", "Three"};
  std::vector<std::string> forward = Ids(*db_, q);
  q.reverse = true;
  std::vector<std::string> backward = Ids(*db_, q);
  std::reverse(backward.begin(), backward.end());
  EXPECT_EQ(forward, backward);
  EXPECT_EQ(forward.size(), static_cast<size_t>(kEvents / 2 + kEvents / 6));
}

}  // namespace
}  // namespace annals
