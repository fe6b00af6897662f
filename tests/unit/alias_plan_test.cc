// Copyright: the Annals authors.
//
// Queries that resolve aliases (alias_plan.h): results against the union of plain queries, the
// one-level rule, role of the period, and the cost rule (an alias's index entries outside its
// period are never read).
#include "internal/query/alias_plan.h"

#include <memory>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "annals/database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace annals {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAreArray;

constexpr char kPotus[] = "PRESIDENT OF THE UNITED STATES";

Event Ev(std::string id, std::string time, std::vector<std::string> actors) {
  Event e;
  e.id = std::move(id);
  e.time = *ParseTime(time);
  for (auto& a : actors) e.actors.push_back(Actor{std::move(a), ""});
  return e;
}

Query Q(std::vector<std::string> all, std::string from = "", std::string to = "") {
  Query q;
  q.all_actors = std::move(all);
  if (!from.empty()) q.from_us = ParseTime(from)->start_us();
  if (!to.empty()) q.to_us = ParseTime(to)->end_us();
  return q;
}

class AliasPlanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(db_, Database::Open(dir_.Sub("db"), Options{}));
    std::vector<Event> events = {
        Ev("own", "2020-05", {"Joe Biden"}),
        Ev("short-name", "2022-03", {"BIDEN"}),
        Ev("potus-trump", "2018-03", {kPotus}),
        Ev("potus-both", "2022-07", {kPotus, "biden"}),
        Ev("icews", "2019-01", {"Joseph Robinette Biden"}),
        Ev("potus-later", "2026-02", {kPotus}),
    };
    // Many events of the bounded alias outside its period.
    for (int i = 0; i < 200; ++i) {
      events.push_back(
          Ev(absl::StrCat("potus-", i), absl::StrFormat("2010-01-%02d", 1 + i % 28), {kPotus}));
    }
    ASSERT_OK(db_->Put(events).status());
    ASSERT_OK(db_->AddAliases({{"Joe Biden", "BIDEN", "", ""},
                               {"Joe Biden", "Joseph Robinette Biden", "", ""},
                               {"Joe Biden", kPotus, "2021-01-20", "2025-01-19"},
                               {"Donald Trump", kPotus, "2017-01-20", "2021-01-19"}})
                  .status());
  }

  std::vector<std::string> Ids(const Query& q, QueryCounters* counters = nullptr) {
    std::vector<std::string> ids;
    absl::StatusOr<std::unique_ptr<Cursor>> c = db_->Query(q);
    EXPECT_OK(c.status());
    if (!c.ok()) return ids;
    while ((*c)->Next()) ids.push_back((*c)->event().id);
    EXPECT_OK((*c)->status());
    if (counters != nullptr) *counters = (*c)->counters();
    absl::StatusOr<uint64_t> count = db_->Count(q);
    EXPECT_OK(count.status());
    EXPECT_EQ(count.value_or(0), ids.size());
    return ids;
  }

  ::annals::testing::TempDir dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(AliasPlanTest, CanonicalEqualsTheUnionOfBoundedPlainQueries) {
  QueryCounters counters;
  const std::vector<std::string> got = Ids(Q({"Joe Biden"}), &counters);
  EXPECT_THAT(got, ElementsAre("icews", "own", "short-name", "potus-both"));
  std::set<std::string> by_hand;
  for (const Query& q : {Q({"Joe Biden"}), Q({"BIDEN"}), Q({"Joseph Robinette Biden"}),
                         Q({kPotus}, "2021-01-20", "2025-01-19")}) {
    Query plain = q;
    plain.resolve_aliases = false;
    for (const std::string& id : Ids(plain)) by_hand.insert(id);
  }
  EXPECT_THAT(got, UnorderedElementsAreArray(by_hand));
  // One entry each for "own", "icews", "potus-both" via the office, and two for BIDEN
  // ("short-name", "potus-both"): none of the 202 entries of the office outside the period.
  // The results come from the by_actor entries (covering records): no record is fetched.
  EXPECT_EQ(counters.index_entries_scanned, 5u);
  EXPECT_EQ(counters.records_fetched, 0u);
  EXPECT_EQ(counters.events_returned, 4u);
}

TEST_F(AliasPlanTest, TheQueryRangeAndThePeriodBothApply) {
  EXPECT_THAT(Ids(Q({"joe biden"}, "2022", "2022")), ElementsAre("short-name", "potus-both"));
  EXPECT_THAT(Ids(Q({"Donald Trump"})), ElementsAre("potus-trump"));
  EXPECT_THAT(Ids(Q({"Donald Trump"}, "2019", "")), IsEmpty());
  Query reversed = Q({"Joe Biden"});
  reversed.reverse = true;
  reversed.limit = 2;
  EXPECT_THAT(Ids(reversed), ElementsAre("potus-both", "short-name"));
}

TEST_F(AliasPlanTest, AnEventSpanningBothRangesMatchesThoughTheyAreDisjoint) {
  ASSERT_OK(db_->Put({Ev("long", "2009/2014", {"ENVOY"})}).status());
  ASSERT_OK(db_->AddAliases({{"Joe Biden", "ENVOY", "2012", "2013"}}).status());
  EXPECT_THAT(Ids(Q({"Joe Biden"}, "2010", "2010")), ElementsAre("long"));
  EXPECT_THAT(Ids(Q({"Joe Biden"}, "2015", "2016")), IsEmpty());
}

TEST_F(AliasPlanTest, OneLevelDeepAndAliasNamesFindOnlyThemselves) {
  ASSERT_OK(db_->Put({Ev("grandchild", "2022", {"Uncle Joe"})}).status());
  ASSERT_OK(db_->AddAliases({{"BIDEN", "Uncle Joe", "", ""}}).status());
  EXPECT_THAT(Ids(Q({"Joe Biden"})), ElementsAre("icews", "own", "short-name", "potus-both"));
  EXPECT_THAT(Ids(Q({"BIDEN"})), ElementsAre("grandchild", "short-name", "potus-both"));
  EXPECT_THAT(Ids(Q({kPotus}, "2017", "2019")), ElementsAre("potus-trump"));
}

TEST_F(AliasPlanTest, AllOfAndAnyOfResolveEachSpec) {
  EXPECT_THAT(Ids(Q({"Joe Biden", "BIDEN"})), ElementsAre("short-name", "potus-both"));
  EXPECT_THAT(Ids(Q({"Joe Biden", "Donald Trump"})), IsEmpty());
  Query any;
  any.any_actors = {"Donald Trump", "Joe Biden"};
  any.from_us = ParseTime("2018")->start_us();
  any.to_us = ParseTime("2022")->end_us();
  EXPECT_THAT(Ids(any), ElementsAre("potus-trump", "icews", "own", "short-name", "potus-both"));
  Query both = Q({"BIDEN"});
  both.any_actors = {"Donald Trump", "Joe Biden"};
  EXPECT_THAT(Ids(both), ElementsAre("short-name", "potus-both"));
  EXPECT_THAT(Ids(Q({"Joe Biden", "Nobody"})), IsEmpty());
}

TEST_F(AliasPlanTest, WithoutResolutionAndInActorsOnlyStoredNamesCount) {
  Query plain = Q({"Joe Biden"});
  plain.resolve_aliases = false;
  EXPECT_THAT(Ids(plain), ElementsAre("own"));
  ASSERT_OK_AND_ASSIGN(std::vector<ActorInfo> actors, db_->Actors("joe", std::nullopt));
  ASSERT_EQ(actors.size(), 1u);
  EXPECT_EQ(actors[0].event_count, 1u);
  EXPECT_EQ(FormatTime(actors[0].first), "2020-05");
  EXPECT_EQ(FormatTime(actors[0].last), "2020-05");
}

TEST_F(AliasPlanTest, ARemovedAliasNoLongerResolves) {
  ASSERT_OK(db_->RemoveAlias("Joe Biden", kPotus, "", "").status());
  EXPECT_THAT(Ids(Q({"Joe Biden"})), ElementsAre("icews", "own", "short-name", "potus-both"));
  ASSERT_OK(db_->RemoveAlias("Joe Biden", "biden", "", "").status());
  EXPECT_THAT(Ids(Q({"Joe Biden"})), ElementsAre("icews", "own"));
}

TEST_F(AliasPlanTest, TheSpecsRoleAppliesToEachAliasEntry) {
  Event source = Ev("source", "2022-05", {});
  source.actors = {Actor{"BIDEN", "source"}, Actor{"Putin", "target"}};
  Event target = Ev("target", "2022-06", {});
  target.actors = {Actor{"Putin", "source"}, Actor{kPotus, "Target"}};
  ASSERT_OK(db_->Put({source, target}).status());
  auto specs = [](std::string text) {
    Query q;
    q.all_actor_specs = {*ParseActorSpec(text)};
    return q;
  };
  EXPECT_THAT(Ids(specs("Joe Biden=source")), ElementsAre("source"));
  EXPECT_THAT(Ids(specs("joe biden=target")), ElementsAre("target"));
  EXPECT_THAT(Ids(specs("Joe Biden=")), ElementsAre("icews", "own", "short-name", "potus-both"));
  EXPECT_THAT(Ids(specs("Joe Biden=speaker")), IsEmpty());
  Query dyad = specs("Putin=source");
  dyad.all_actor_specs.push_back(*ParseActorSpec("Joe Biden=target"));
  EXPECT_THAT(Ids(dyad), ElementsAre("target"));
  Query any;
  any.any_actor_specs = {*ParseActorSpec("Donald Trump=target"),
                         *ParseActorSpec("Joe Biden=source")};
  EXPECT_THAT(Ids(any), ElementsAre("source"));
}

}  // namespace
}  // namespace annals
