// Copyright: the Annals authors.
//
// All-of queries skip the driving actor's candidates on days the pair does not share
// (query/pair_days.h): fewer index entries read, the same results; and where day counts cannot
// say (an event with more actors than day counts pair, an as-of query), every candidate is looked
// up as before. Results in general are checked against a model in differential_test.cc.
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "annals/database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace annals {
namespace {

Event Ev(std::string id, std::string time, std::vector<std::string> actors) {
  Event e;
  e.id = std::move(id);
  e.time = *ParseTime(time);
  for (std::string& a : actors) e.actors.push_back(Actor{std::move(a), ""});
  return e;
}

class PairDaysTest : public ::testing::Test {
 protected:
  // Alpha alone: 300 events, 15 a day on 2024-03-01..20. Beta alone: 400 events on the same days.
  // Both: five events on 2024-03-05 and one over 2010/2030 (not counted by day).
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(db_, Database::Open(dir_.Sub("db"), Options{}));
    std::vector<Event> events;
    for (int i = 0; i < 300; ++i) {
      events.push_back(
          Ev("a" + std::to_string(i), absl::StrFormat("2024-03-%02d", 1 + i % 20), {"Alpha"}));
    }
    for (int i = 0; i < 400; ++i) {
      events.push_back(
          Ev("b" + std::to_string(i), absl::StrFormat("2024-03-%02d", 1 + i % 20), {"Beta"}));
    }
    for (int i = 0; i < 5; ++i) {
      events.push_back(Ev("ab" + std::to_string(i), "2024-03-05", {"Beta", "Alpha"}));
    }
    events.push_back(Ev("long", "2010/2030", {"Alpha", "Beta"}));
    ASSERT_OK(db_->Put(events).status());
  }

  // The ids of the results and the index entries the query read.
  std::pair<std::vector<std::string>, uint64_t> Run(const Query& q) {
    std::vector<std::string> ids;
    auto c = db_->Query(q);
    EXPECT_OK(c.status());
    if (!c.ok()) return {ids, 0};
    while ((*c)->Next()) ids.push_back((*c)->event().id);
    EXPECT_OK((*c)->status());
    return {ids, (*c)->counters().index_entries_scanned};
  }

  static Query March() {
    Query q;
    q.all_actors = {"alpha", "BETA"};
    q.from_us = ParseTime("2024-03")->start_us();
    q.to_us = ParseTime("2024-03")->end_us();
    return q;
  }

  testing::TempDir dir_;
  std::unique_ptr<Database> db_;
};

using ::testing::ElementsAre;

constexpr uint64_t kReadWithPairDays = 36 + 1 + 1 + 21;

TEST_F(PairDaysTest, CandidatesOffTheSharedDaysAreNotLookedUp) {
  auto [ids, read] = Run(March());
  EXPECT_THAT(ids, ElementsAre("long", "ab0", "ab1", "ab2", "ab3", "ab4"));
  // Alpha drives (306 events). Its day class: 8 entries of 03-01 read one by one, a seek to
  // 03-05, its 20 entries (15 alone, 5 shared), 8 of 03-06, and no shared day is left: 36. The
  // long event's class: 1. The pair's day counts: 1 (03-05). Lookups of Beta: the 20 of 03-05 and
  // the long event. Reading and looking up every candidate would read 2 * 306.
  EXPECT_EQ(read, kReadWithPairDays);
  Query reverse = March();
  reverse.reverse = true;
  auto [reversed, read_reversed] = Run(reverse);
  EXPECT_THAT(reversed, ElementsAre("ab4", "ab3", "ab2", "ab1", "ab0", "long"));
  EXPECT_EQ(read_reversed, kReadWithPairDays);  // 03-20 back to 03-05, the same counts
  Query with_limit = March();
  with_limit.limit = 2;
  EXPECT_THAT(Run(with_limit).first, ElementsAre("long", "ab0"));
}

TEST_F(PairDaysTest, AnEventWithMoreActorsThanDayCountsPairTurnsItOff) {
  std::vector<std::string> crowd = {"Alpha", "Beta"};
  for (int i = 0; i < 7; ++i) crowd.push_back("c" + std::to_string(i));
  ASSERT_OK(db_->Put({Ev("crowd", "2024-03-07", crowd)}).status());
  auto [ids, read] = Run(March());
  EXPECT_THAT(ids, ElementsAre("long", "ab0", "ab1", "ab2", "ab3", "ab4", "crowd"));
  EXPECT_EQ(read, 2 * 307u);
  ASSERT_OK(db_->Delete({"crowd"}).status());  // gone: the pair's counts are complete again
  auto [after, read_after] = Run(March());
  EXPECT_THAT(after, ElementsAre("long", "ab0", "ab1", "ab2", "ab3", "ab4"));
  EXPECT_EQ(read_after, kReadWithPairDays);
}

TEST_F(PairDaysTest, DeletedAndMovedEventsLeaveTheirDay) {
  // ab0..ab4 leave 2024-03-05 (deleted, or moved to a day where Alpha has 15 other events).
  ASSERT_OK(db_->Delete({"ab0", "ab1", "ab2", "ab3"}).status());
  ASSERT_OK(db_->Put({Ev("ab4", "2024-03-06", {"Alpha", "Beta"})}).status());
  auto [ids, read] = Run(March());
  EXPECT_THAT(ids, ElementsAre("long", "ab4"));
  // Day class: 8 entries of 03-01, a seek to 03-06, its 16, 8 of 03-07: 32; the long event: 1;
  // day counts: 03-05 now 0 (read, not shared) and 03-06: 2; lookups: 16 + 1.
  EXPECT_EQ(read, 32u + 1 + 2 + 17);
}

TEST_F(PairDaysTest, AsOfQueriesLookEveryCandidateUp) {
  ASSERT_OK_AND_ASSIGN(DatabaseStats stats, db_->Stats());
  Query q = March();
  q.as_of_us = *stats.last_commit_us;
  auto [ids, read] = Run(q);
  EXPECT_THAT(ids, ElementsAre("long", "ab0", "ab1", "ab2", "ab3", "ab4"));
  EXPECT_GE(read, 2 * 306u);
}

TEST_F(PairDaysTest, ThreeActorsUseTheRarestPairAndRolesStillFilter) {
  ASSERT_OK(db_->Put({Ev("abg", "2024-03-05", {"Alpha", "Beta", "Gamma"})}).status());
  Query q = March();
  q.all_actors.push_back("Gamma");  // Gamma (1 event) drives, Alpha is the pair's other actor
  auto [ids, read] = Run(q);
  EXPECT_THAT(ids, ElementsAre("abg"));
  EXPECT_LE(read, 4u);
  Query roles = March();
  roles.all_actors.clear();
  roles.all_actor_specs = {*ParseActorSpec("Alpha=source"), *ParseActorSpec("Beta")};
  EXPECT_THAT(Run(roles).first, ::testing::IsEmpty());
}

}  // namespace
}  // namespace annals
