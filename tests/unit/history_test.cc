// Copyright: the Annals authors.
//
// Versions in system time through the API (spec HISTORY.md): system times per commit, versions
// opened and closed by puts, upserts and deletes, as-of reads, History, Changes and Prune. The
// clock is injected, so every system time below is exact.
#include "annals/history.h"

#include <filesystem>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "annals/database.h"
#include "annals/record_io.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace annals {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

Event Ev(std::string id, std::string time, std::string title,
         std::vector<std::string> actors = {}) {
  Event e;
  e.id = std::move(id);
  e.time = *ParseTime(time);
  e.title = std::move(title);
  for (std::string& a : actors) e.actors.push_back(Actor{std::move(a), ""});
  return e;
}

class HistoryTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(); }

  void Open() {
    db_.reset();
    Options options;
    options.clock = [this] { return clock_; };
    ASSERT_OK_AND_ASSIGN(db_, Database::Open(dir_.Sub("db"), options));
  }

  // Puts at system time `t` (the clock's reading).
  PutResult PutAt(int64_t t, std::vector<Event> events) {
    clock_ = t;
    absl::StatusOr<PutResult> r = db_->Put(std::move(events));
    EXPECT_OK(r.status());
    return r.value_or(PutResult{});
  }
  void DeleteAt(int64_t t, std::vector<std::string> ids) {
    clock_ = t;
    EXPECT_OK(db_->Delete(ids).status());
  }

  std::vector<std::string> Titles(Query q) {
    std::vector<std::string> out;
    absl::StatusOr<std::unique_ptr<Cursor>> c = db_->Query(q);
    EXPECT_OK(c.status());
    if (!c.ok()) return out;
    while ((*c)->Next()) out.push_back((*c)->event().title);
    EXPECT_OK((*c)->status());
    return out;
  }
  std::vector<std::string> TitlesAsOf(int64_t t, std::vector<std::string> actors = {}) {
    Query q;
    q.as_of_us = t;
    q.all_actors = std::move(actors);
    return Titles(q);
  }
  std::vector<std::string> Changes(int64_t after, std::optional<int64_t> through = {}) {
    std::vector<std::string> out;
    EXPECT_OK(db_->Changes(after, through, [&](const Change& c) {
      out.push_back(absl::StrCat(c.system_time_us, " ", ChangeOpName(c.op), " ", c.id,
                                 c.event ? " " + c.event->title : ""));
      return true;
    }));
    return out;
  }

  ::annals::testing::TempDir dir_;
  int64_t clock_ = 1000;
  std::unique_ptr<Database> db_;
};

TEST_F(HistoryTest, PutCorrectDeleteRestoreKeepsEveryVersion) {
  EXPECT_EQ(PutAt(100, {Ev("zel", "2024-10", "plan", {"Zelensky"})}).system_time_us, 100);
  EXPECT_EQ(
      PutAt(200, {Ev("zel", "2024-10-16", "plan to Rada", {"Zelensky", "Rada"})}).system_time_us,
      200);
  DeleteAt(300, {"zel"});
  PutAt(400, {Ev("zel", "2024-10-16", "restored", {"Zelensky", "Rada"})});

  ASSERT_OK_AND_ASSIGN(std::vector<Version> h, db_->History("zel"));
  ASSERT_EQ(h.size(), 3u);
  EXPECT_EQ(h[0].system_from_us, 100);
  EXPECT_EQ(h[0].system_to_us, 200);
  EXPECT_EQ(h[0].event.title, "plan");
  EXPECT_EQ(h[1].system_from_us, 200);
  EXPECT_EQ(h[1].system_to_us, 300);
  EXPECT_EQ(h[2].system_from_us, 400);
  EXPECT_EQ(h[2].system_to_us, std::nullopt);

  EXPECT_THAT(TitlesAsOf(99), IsEmpty());
  EXPECT_THAT(TitlesAsOf(100), ElementsAre("plan"));
  EXPECT_THAT(TitlesAsOf(199), ElementsAre("plan"));
  EXPECT_THAT(TitlesAsOf(200), ElementsAre("plan to Rada"));
  EXPECT_THAT(TitlesAsOf(250, {"Rada"}), ElementsAre("plan to Rada"));
  EXPECT_THAT(TitlesAsOf(150, {"Rada"}), IsEmpty());
  EXPECT_THAT(TitlesAsOf(300), IsEmpty());
  EXPECT_THAT(TitlesAsOf(400), ElementsAre("restored"));
  EXPECT_THAT(Titles(Query{}), ElementsAre("restored"));

  ASSERT_OK_AND_ASSIGN(Event then, db_->Get("zel", 150));
  EXPECT_EQ(then.title, "plan");
  EXPECT_TRUE(absl::IsNotFound(db_->Get("zel", 350).status()));
  Query count;
  count.as_of_us = 250;
  count.any_actors = {"Zelensky"};
  ASSERT_OK_AND_ASSIGN(uint64_t n, db_->Count(count));
  EXPECT_EQ(n, 1u);

  EXPECT_THAT(Changes(0), ElementsAre("100 put zel plan", "200 replace zel plan to Rada",
                                      "300 delete zel", "400 put zel restored"));
  EXPECT_THAT(Changes(100, 300), ElementsAre("200 replace zel plan to Rada", "300 delete zel"));
  EXPECT_THAT(Changes(400), IsEmpty());

  ASSERT_OK_AND_ASSIGN(CheckReport report, db_->Check());
  EXPECT_THAT(report.problems, IsEmpty());
  EXPECT_EQ(report.versions, 2u);
}

// A current event found by actor comes from its by_actor entry's copy (no record read); a closed
// version from history, never from the copy of the version that replaced it.
TEST_F(HistoryTest, ClosedVersionsFoundByActorAreReadFromHistory) {
  PutAt(100, {Ev("zel", "2024-10", "plan", {"Zelensky"})});
  PutAt(200, {Ev("zel", "2024-10-16", "plan to Rada", {"Zelensky", "Rada"})});
  for (auto [as_of, title, fetched] :
       {std::tuple<std::optional<int64_t>, std::string, uint64_t>{150, "plan", 1},
        {250, "plan to Rada", 0},
        {std::nullopt, "plan to Rada", 0}}) {
    Query q;
    q.as_of_us = as_of;
    q.all_actors = {"Zelensky"};
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Cursor> c, db_->Query(q));
    ASSERT_TRUE(c->Next());
    EXPECT_EQ(c->event().title, title);
    EXPECT_FALSE(c->Next());
    ASSERT_OK(c->status());
    EXPECT_EQ(c->counters().records_fetched, fetched) << title;
    EXPECT_EQ(c->counters().events_returned, 1u);
  }
}

TEST_F(HistoryTest, NoOpsMakeNoVersionAndTimesStrictlyIncrease) {
  PutAt(500, {Ev("a", "2024", "one")});
  EXPECT_EQ(PutAt(600, {Ev("a", "2024", "one")}).system_time_us, 0);  // identical: no commit
  DeleteAt(650, {"nothing"});                                         // nothing found
  // The clock steps back: the next commit is the last one + 1 µs.
  EXPECT_EQ(PutAt(10, {Ev("b", "2024", "two")}).system_time_us, 501);
  EXPECT_EQ(PutAt(501, {Ev("c", "2024", "three")}).system_time_us, 502);
  Open();  // the last system time survives a reopen
  EXPECT_EQ(PutAt(0, {Ev("d", "2024", "four")}).system_time_us, 503);
  ASSERT_OK_AND_ASSIGN(std::vector<Version> h, db_->History("a"));
  EXPECT_EQ(h.size(), 1u);
  ASSERT_OK_AND_ASSIGN(DatabaseStats stats, db_->Stats());
  EXPECT_EQ(stats.first_commit_us, 500);
  EXPECT_EQ(stats.last_commit_us, 503);
  EXPECT_TRUE(absl::IsNotFound(db_->History("never").status()));
}

TEST_F(HistoryTest, AnIdWrittenTwiceInOneCommitGetsOneVersion) {
  PutAt(100, {Ev("a", "2024", "v1")});
  PutAt(200, {Ev("a", "2024", "v2"), Ev("a", "2024", "v3"), Ev("b", "2024", "b1"),
              Ev("b", "2024", "b2")});
  ASSERT_OK_AND_ASSIGN(std::vector<Version> h, db_->History("a"));
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[1].event.title, "v3");
  EXPECT_THAT(Changes(100), ElementsAre("200 replace a v3", "200 put b b2"));
}

TEST_F(HistoryTest, TiesKeepTheirOrderAsOfAnyTime) {
  PutAt(100, {Ev("b", "2024", "b1"), Ev("a", "2024", "a1")});
  PutAt(200, {Ev("b", "2024", "b2")});
  EXPECT_THAT(TitlesAsOf(150), ElementsAre("b1", "a1"));
  EXPECT_THAT(TitlesAsOf(250), ElementsAre("b2", "a1"));
  Query reverse;
  reverse.reverse = true;
  reverse.as_of_us = 150;
  EXPECT_THAT(Titles(reverse), ElementsAre("a1", "b1"));
}

TEST_F(HistoryTest, AggregatesAndScansReadTheVersionsOfThen) {
  PutAt(100, {Ev("a", "2024-01", "a1", {"X"}), Ev("b", "2024-02", "b1", {"X", "Y"})});
  PutAt(200, {Ev("a", "2024-03", "a2", {"Y"})});
  DeleteAt(300, {"b"});
  Query q;
  q.as_of_us = 150;
  Grouping by_month;
  by_month.time = TimeUnit::kMonth;
  q.from_us = ParseTime("2024-01")->start_us();
  q.to_us = ParseTime("2024-03")->end_us();
  ASSERT_OK_AND_ASSIGN(std::vector<CountRow> rows, db_->Aggregate(q, by_month));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].starting, 1u);
  EXPECT_EQ(rows[1].starting, 1u);
  EXPECT_EQ(rows[2].starting, 0u);
  // Grouped by actor, the records themselves are read: the closed versions' from history.
  Grouping by_actor;
  by_actor.group = GroupKey::kActor;
  Query all_then;
  all_then.as_of_us = 150;
  ASSERT_OK_AND_ASSIGN(std::vector<CountRow> actor_rows, db_->Aggregate(all_then, by_actor));
  ASSERT_EQ(actor_rows.size(), 2u);
  EXPECT_EQ(actor_rows[0].group, "X");
  EXPECT_EQ(actor_rows[0].events, 2u);
  EXPECT_EQ(actor_rows[1].group, "Y");
  EXPECT_EQ(actor_rows[1].events, 1u);
  all_then.as_of_us = 250;
  ASSERT_OK_AND_ASSIGN(actor_rows, db_->Aggregate(all_then, by_actor));
  ASSERT_EQ(actor_rows.size(), 2u);
  EXPECT_EQ(actor_rows[0].group, "Y");
  EXPECT_EQ(actor_rows[0].events, 2u);
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Cursor> scan, db_->Scan(250));
  std::vector<std::string> titles;
  while (scan->Next()) titles.push_back(scan->event().title);
  ASSERT_OK(scan->status());
  EXPECT_THAT(titles, ElementsAre("a2", "b1"));
  ASSERT_OK_AND_ASSIGN(std::vector<ActorInfo> actors, db_->Actors("", std::nullopt, 150));
  ASSERT_EQ(actors.size(), 2u);
  EXPECT_EQ(actors[0].name, "X");
  EXPECT_EQ(actors[0].event_count, 2u);
  ASSERT_OK_AND_ASSIGN(DatabaseStats then, db_->Stats(250));
  EXPECT_EQ(then.events, 2u);
  ASSERT_OK_AND_ASSIGN(DatabaseStats now, db_->Stats());
  EXPECT_EQ(now.events, 1u);
}

uint64_t DirectoryBytes(const std::string& path) {
  uint64_t n = 0;
  for (const auto& e : std::filesystem::directory_iterator(path)) {
    if (e.is_regular_file()) n += e.file_size();
  }
  return n;
}

TEST_F(HistoryTest, PruneRemovesOldVersionsAndRefusesReadsBeforeIt) {
  std::string long_title(400, 'x');
  for (int round = 0; round < 6; ++round) {
    std::vector<Event> batch;
    for (int i = 0; i < 500; ++i) {
      batch.push_back(Ev(absl::StrCat("e", i), "2024", absl::StrCat(long_title, round, i)));
    }
    PutAt(1000 * (round + 1), std::move(batch));
  }
  DeleteAt(6500, {"e0"});
  Open();  // flushed, so the files hold every version
  const uint64_t before = DirectoryBytes(dir_.Sub("db"));
  const std::vector<std::string> at_4999 = TitlesAsOf(4999);
  const std::vector<std::string> at_5000 = TitlesAsOf(5000);
  // Versions closed before 5000 go; the one closed at 5000 (opened at 4000) stays.
  ASSERT_OK_AND_ASSIGN(uint64_t removed, db_->Prune(5000));
  EXPECT_EQ(removed, 3u * 500);
  EXPECT_EQ(TitlesAsOf(4999), at_4999);  // exactly at the pruning point: allowed
  EXPECT_EQ(TitlesAsOf(5000), at_5000);
  Query too_early;
  too_early.as_of_us = 4998;
  EXPECT_TRUE(absl::IsFailedPrecondition(db_->Query(too_early).status()));
  EXPECT_TRUE(absl::IsFailedPrecondition(db_->Get("e1", 100).status()));
  EXPECT_TRUE(absl::IsFailedPrecondition(
      db_->Changes(100, std::nullopt, [](const Change&) { return true; })));
  EXPECT_OK(db_->Changes(4999, std::nullopt, [](const Change&) { return true; }));
  EXPECT_THAT(Titles(Query{}).size(), 499u);  // the current state is untouched
  ASSERT_OK_AND_ASSIGN(std::vector<Version> h, db_->History("e1"));
  ASSERT_EQ(h.size(), 3u);  // opened at 4000, 5000, 6000
  EXPECT_EQ(h[0].system_from_us, 4000);
  ASSERT_OK_AND_ASSIGN(DatabaseStats stats, db_->Stats());
  EXPECT_EQ(stats.pruned_before_us, 5000);
  ASSERT_OK_AND_ASSIGN(CheckReport report, db_->Check());
  EXPECT_THAT(report.problems, IsEmpty());
  EXPECT_EQ(report.versions, 2u * 500 + 1);
  Open();
  EXPECT_LT(DirectoryBytes(dir_.Sub("db")), before) << "pruning gives the space back";
  // Pruning everything closed: an id deleted before the point is unknown to History.
  ASSERT_OK_AND_ASSIGN(removed, db_->Prune(7000));
  EXPECT_TRUE(absl::IsNotFound(db_->History("e0").status()));
}

}  // namespace
}  // namespace annals
