// Copyright: the Annals authors.
//
// Query::text (a post-filter on titles, text_filter.h) and Database::Types, through the public API.
#include "internal/query/text_filter.h"

#include <memory>
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

using ::annals::testing::IsOk;
using ::annals::testing::TempDir;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

Event Titled(std::string id, std::string time, std::string type, std::string title) {
  Event e = testing::WithTime(time);
  e.id = std::move(id);
  e.type = std::move(type);
  e.title = std::move(title);
  return e;
}

class TextFilterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Options options;
    options.create_if_missing = true;
    absl::StatusOr<std::unique_ptr<Database>> db = Database::Open(dir_.Sub("db"), options);
    ASSERT_THAT(db.status(), IsOk());
    db_ = *std::move(db);
    ASSERT_THAT(db_->Put({Titled("a", "2024-01", "statement", "NATO summit in Berlin"),
                          Titled("b", "2024-02", "statement", "A summit of the nato allies"),
                          Titled("c", "2024-03", "meeting", "Summit in ZÜRICH"),
                          Titled("d", "2024-04", "statement", "Nothing to see"),
                          Titled("e", "2024-05", "meeting", "")})
                    .status(),
                IsOk());
  }

  std::vector<std::string> Ids(const Query& query) {
    std::vector<std::string> ids;
    absl::StatusOr<std::unique_ptr<Cursor>> cursor = db_->Query(query);
    EXPECT_THAT(cursor.status(), IsOk());
    while ((*cursor)->Next()) ids.push_back((*cursor)->event().id);
    EXPECT_THAT((*cursor)->status(), IsOk());
    absl::StatusOr<uint64_t> count = db_->Count(query);
    EXPECT_THAT(count.status(), IsOk());
    EXPECT_EQ(*count, ids.size());
    return ids;
  }

  TempDir dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(TextFilterTest, EveryWordAnyCase) {
  Query q;
  q.text = "summit";
  EXPECT_THAT(Ids(q), ElementsAre("a", "b", "c"));
  q.text = "NATO  summit";
  EXPECT_THAT(Ids(q), ElementsAre("a", "b"));
  q.text = "zürich";  // case-folded beyond ASCII
  EXPECT_THAT(Ids(q), ElementsAre("c"));
  q.text = "summit berlin nothing";
  EXPECT_THAT(Ids(q), IsEmpty());
}

TEST_F(TextFilterTest, CombinesWithFiltersOrderAndLimit) {
  Query q;
  q.text = "summit";
  q.types = {"statement"};
  EXPECT_THAT(Ids(q), ElementsAre("a", "b"));
  q.types.clear();
  q.limit = 2;  // the first two matches, not two candidates filtered
  EXPECT_THAT(Ids(q), ElementsAre("a", "b"));
  q.reverse = true;
  EXPECT_THAT(Ids(q), ElementsAre("c", "b"));
  q.from_us = testing::T("2024-02").start_us();
  q.to_us = testing::T("2024-02").end_us();
  EXPECT_THAT(Ids(q), ElementsAre("b"));
}

TEST_F(TextFilterTest, TypesWithCounts) {
  absl::StatusOr<std::vector<TypeInfo>> types = db_->Types();
  ASSERT_THAT(types.status(), IsOk());
  ASSERT_EQ(types->size(), 2u);
  EXPECT_EQ((*types)[0].name, "meeting");
  EXPECT_EQ((*types)[0].event_count, 2u);
  EXPECT_EQ((*types)[1].name, "statement");
  EXPECT_EQ((*types)[1].event_count, 3u);
  ASSERT_THAT(db_->Delete({"c", "e"}).status(), IsOk());
  types = db_->Types();
  ASSERT_THAT(types.status(), IsOk());
  ASSERT_EQ(types->size(), 1u);  // a type without events is not listed
  EXPECT_EQ((*types)[0].name, "statement");
}

}  // namespace
}  // namespace annals
