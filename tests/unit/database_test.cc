// Copyright: the Annals authors.
//
// Storage and query behaviour of Database, case by case. The randomized comparison against a
// model is in differential_test.cc.
#include "annals/database.h"

#include <memory>

#include "absl/strings/str_format.h"
#include "annals/record_io.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace annals {
namespace {

using ::annals::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

Event Ev(std::string id, std::string time, std::vector<std::string> actors = {},
         std::string type = "") {
  Event e;
  e.id = std::move(id);
  e.time = *ParseTime(time);
  for (auto& a : actors) e.actors.push_back(Actor{std::move(a), ""});
  e.type = std::move(type);
  return e;
}

Query Make(std::vector<std::string> all, std::vector<std::string> any = {},
           std::vector<std::string> types = {}) {
  Query q;
  q.all_actors = std::move(all);
  q.any_actors = std::move(any);
  q.types = std::move(types);
  return q;
}

class DatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }

  void Reopen(Options options = {}) {
    db_.reset();
    auto db = Database::Open(dir_.Sub("db"), options);
    ASSERT_OK(db.status());
    db_ = *std::move(db);
  }

  PutResult MustPut(std::vector<Event> events) {
    absl::StatusOr<PutResult> r = db_->Put(std::move(events));
    EXPECT_OK(r.status());
    return r.value_or(PutResult{});
  }

  // Ids of the query's results, in order.
  std::vector<std::string> Ids(const Query& q) {
    std::vector<std::string> ids;
    absl::StatusOr<std::unique_ptr<Cursor>> c = db_->Query(q);
    EXPECT_OK(c.status());
    if (!c.ok()) return ids;
    while ((*c)->Next()) ids.push_back((*c)->event().id);
    EXPECT_OK((*c)->status());
    absl::StatusOr<uint64_t> n = db_->Count(q);
    EXPECT_OK(n.status());
    EXPECT_EQ(n.value_or(0), ids.size()) << "Count disagrees with the cursor";
    return ids;
  }

  static Query Range(std::string from, std::string to) {
    Query q;
    if (!from.empty()) q.from_us = ParseTime(from)->start_us();
    if (!to.empty()) q.to_us = ParseTime(to)->end_us();
    return q;
  }

  ::annals::testing::TempDir dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(DatabaseTest, PutThenGetReturnsTheEvent) {
  Event e = Ev("rutte-berlin", "2024-10", {"Mark Rutte", "Olaf Scholz"}, "statement");
  e.title = "Rutte: NATO will work with whoever wins";
  e.attrs = {Attr{"quote", Attr::Kind::kString, "stays united"}};
  PutResult r = MustPut({e});
  EXPECT_EQ(r.added, 1u);
  ASSERT_OK_AND_ASSIGN(Event got, db_->Get("rutte-berlin"));
  EXPECT_EQ(got.title, e.title);
  EXPECT_EQ(got.time, e.time);
  EXPECT_EQ(got.actors, e.actors);
  EXPECT_EQ(got.attrs, e.attrs);
  EXPECT_TRUE(got.recorded.has_value()) << "recorded defaults to the ingest time";
  EXPECT_GT(got.ingested_us, 0);
}

TEST_F(DatabaseTest, GetMissingIsNotFound) {
  EXPECT_THAT(db_->Get("nope"), StatusIs(absl::StatusCode::kNotFound, HasSubstr("nope")));
}

TEST_F(DatabaseTest, UpsertReplacesAndIdenticalIsUnchanged) {
  MustPut({Ev("a", "2024", {"NATO"})});
  PutResult same = MustPut({Ev("a", "2024", {"NATO"})});
  EXPECT_EQ(same.unchanged, 1u);
  EXPECT_EQ(same.added + same.replaced, 0u);
  PutResult changed = MustPut({Ev("a", "2023", {"Ukraine"})});
  EXPECT_EQ(changed.replaced, 1u);
  EXPECT_THAT(Ids(Make({"NATO"})), IsEmpty()) << "old index entries removed";
  EXPECT_THAT(Ids(Make({"Ukraine"})), ElementsAre("a"));
  ASSERT_OK_AND_ASSIGN(CheckReport report, db_->Check());
  EXPECT_THAT(report.problems, IsEmpty());
}

TEST_F(DatabaseTest, DerivedIdMakesReingestANoOp) {
  Event e = Ev("", "2024-11-05", {"Kamala Harris", "Donald Trump"}, "election");
  PutResult first = MustPut({e});
  PutResult second = MustPut({e});
  EXPECT_EQ(first.added, 1u);
  EXPECT_EQ(second.unchanged, 1u);
  std::vector<std::string> ids = Ids(Query{});
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_EQ(ids[0].size(), 32u) << "hex of a 128-bit hash";
}

TEST_F(DatabaseTest, LaterEventsInABatchSeeEarlierOnes) {
  PutResult r = MustPut({Ev("x", "2024", {"A"}), Ev("x", "2025", {"B"}), Ev("x", "2025", {"B"})});
  EXPECT_EQ(r.added, 1u);
  EXPECT_EQ(r.replaced, 1u);
  EXPECT_EQ(r.unchanged, 1u);
  EXPECT_THAT(Ids(Make({"A"})), IsEmpty());
  EXPECT_THAT(Ids(Make({"B"})), ElementsAre("x"));
}

TEST_F(DatabaseTest, InvalidEventFailsTheWholeBatch) {
  Event bad = Ev("bad", "2024");
  bad.actors.push_back(Actor{"   ", ""});
  EXPECT_THAT(db_->Put({Ev("good", "2024"), bad}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("event 1")));
  EXPECT_THAT(db_->Get("good"), StatusIs(absl::StatusCode::kNotFound, ::testing::_));
  MustPut({Ev("good", "2024")});
  EXPECT_THAT(Ids(Query{}), ElementsAre("good"));
}

TEST_F(DatabaseTest, DeleteRemovesEventAndIndexEntries) {
  MustPut({Ev("a", "2024", {"NATO"}, "t"), Ev("b", "2024", {"NATO"})});
  ASSERT_OK_AND_ASSIGN(std::vector<bool> found, db_->Delete({"a", "zzz"}));
  EXPECT_THAT(found, ElementsAre(true, false));
  EXPECT_THAT(Ids(Make({"NATO"})), ElementsAre("b"));
  EXPECT_THAT(Ids(Make({}, {}, {"t"})), IsEmpty());
  ASSERT_OK_AND_ASSIGN(CheckReport report, db_->Check());
  EXPECT_THAT(report.problems, IsEmpty());
  EXPECT_EQ(report.events, 1u);
}

TEST_F(DatabaseTest, ActorLookupIgnoresCaseWhitespaceAndNormalization) {
  MustPut({Ev("a", "2024", {"Donald  Trump"}), Ev("b", "2025", {"DONALD TRUMP"}),
           Ev("c", "2024", {"Z\xC3\xA9lie"}), Ev("d", "2024", {"Ze\xCC\x81lie"})});
  EXPECT_THAT(Ids(Make({"donald trump"})), ElementsAre("a", "b"));
  EXPECT_THAT(Ids(Make({"z\xC3\xA9lie"})), ElementsAre("c", "d"));
  ASSERT_OK_AND_ASSIGN(std::vector<ActorInfo> actors, db_->Actors("don", std::nullopt));
  ASSERT_EQ(actors.size(), 1u);
  EXPECT_EQ(actors[0].name, "Donald Trump") << "first-seen display name, whitespace collapsed";
  EXPECT_EQ(actors[0].event_count, 2u);
  EXPECT_EQ(FormatTime(actors[0].first), "2024");
  EXPECT_EQ(FormatTime(actors[0].last), "2025");
}

// Regression: a self-dyad (BANGLADESH as source and as target) lost its second entry when
// actors were de-duplicated on ingest. The record keeps every entry; the index, one per actor.
TEST_F(DatabaseTest, ActorNamedTwiceIsStoredTwiceAndIsOneInvolvement) {
  MustPut({Ev("a", "2024", {"NATO", "nato", "NATO "})});
  EXPECT_THAT(Ids(Make({"NATO"})), ElementsAre("a"));
  ASSERT_OK_AND_ASSIGN(Event got, db_->Get("a"));
  EXPECT_EQ(got.actors, (std::vector<Actor>{{"NATO", ""}, {"nato", ""}, {"NATO", ""}}));
  ASSERT_OK_AND_ASSIGN(std::vector<ActorInfo> actors, db_->Actors("nato", std::nullopt));
  ASSERT_EQ(actors.size(), 1u);
  EXPECT_EQ(actors[0].event_count, 1u);
  ASSERT_OK_AND_ASSIGN(CheckReport report, db_->Check());
  EXPECT_THAT(report.problems, ::testing::IsEmpty());
}

TEST_F(DatabaseTest, RangeUsesOverlapAndPeriodEnds) {
  MustPut({Ev("month", "2024-10"), Ev("day", "2024-11-05"), Ev("war", "2022-02-24/.."),
           Ev("term", "2017-01-20/2021-01-20"), Ev("old", "../2016"),
           Ev("minute", "2024-11-30T23:59Z")});
  EXPECT_THAT(Ids(Range("2024-10-15", "2024-10-15")), ElementsAre("war", "month"));
  EXPECT_THAT(Ids(Range("2024-10", "2024-11")), ElementsAre("war", "month", "day", "minute"));
  EXPECT_THAT(Ids(Range("", "2017-01-20")), ElementsAre("old", "term"));
  EXPECT_THAT(Ids(Range("2016", "")), ElementsAre("old", "term", "war", "month", "day", "minute"));
  EXPECT_THAT(Ids(Range("2021-01-21", "2022-02-23")), IsEmpty());
  Query rev = Range("2016", "");
  rev.reverse = true;
  rev.limit = 3;
  EXPECT_THAT(Ids(rev), ElementsAre("minute", "day", "month"));
}

TEST_F(DatabaseTest, AllOfAnyOfAndTypes) {
  MustPut({Ev("1", "2024-01", {"A", "B"}, "x"), Ev("2", "2024-02", {"A", "C"}, "y"),
           Ev("3", "2024-03", {"A", "B", "C"}, "x"), Ev("4", "2024-04", {"B"}, "x")});
  EXPECT_THAT(Ids(Make({"A", "B"})), ElementsAre("1", "3"));
  EXPECT_THAT(Ids(Make({}, {"C", "nobody"})), ElementsAre("2", "3"));
  EXPECT_THAT(Ids(Make({"A"}, {"B", "C"}, {"x"})), ElementsAre("1", "3"));
  EXPECT_THAT(Ids(Make({"A", "nobody"})), IsEmpty());
  EXPECT_THAT(Ids(Make({}, {}, {"x", "y"})), ElementsAre("1", "2", "3", "4"));
  EXPECT_THAT(Ids(Make({}, {}, {"X"})), IsEmpty()) << "types match exactly";
}

TEST_F(DatabaseTest, TiesKeepFirstStoredOrderAcrossUpserts) {
  MustPut({Ev("b", "2024"), Ev("a", "2024-01"), Ev("c", "2024")});
  MustPut({Ev("b", "2024-01-01/2024-06")});  // replaced, keeps its place among ties
  EXPECT_THAT(Ids(Query{}), ElementsAre("b", "a", "c"));
  Query rev;
  rev.reverse = true;
  EXPECT_THAT(Ids(rev), ElementsAre("c", "a", "b"));
}

TEST_F(DatabaseTest, LongIntervalsDoNotCauseScans) {
  std::vector<Event> events;
  for (int i = 0; i < 300; ++i) {
    events.push_back(Ev("open" + std::to_string(i), "2000-01-01/..", {"A"}));
    events.push_back(Ev("long" + std::to_string(i), "1990/2030", {"A"}));
    events.push_back(Ev("day" + std::to_string(i), "2010-01-01", {"A"}));
  }
  MustPut(std::move(events));
  Query q = Range("1995", "1995");
  q.all_actors = {"A"};
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Cursor> c, db_->Query(q));
  int n = 0;
  while (c->Next()) ++n;
  EXPECT_EQ(n, 300);
  EXPECT_EQ(c->counters().events_returned, 300u);
  EXPECT_LE(c->counters().index_entries_scanned, 300u + 2);
}

TEST_F(DatabaseTest, StateSurvivesReopen) {
  MustPut({Ev("a", "2024", {"NATO"}, "t")});
  Reopen();
  MustPut({Ev("b", "2025", {"nato"}, "t")});
  EXPECT_THAT(Ids(Make({"NATO"}, {}, {"t"})), ElementsAre("a", "b"));
  ASSERT_OK_AND_ASSIGN(DatabaseStats stats, db_->Stats());
  EXPECT_EQ(stats.events, 2u);
  EXPECT_EQ(stats.actors, 1u);
  EXPECT_EQ(stats.types, 1u);
  EXPECT_EQ(stats.min_start_us, ParseTime("2024")->start_us());
  EXPECT_EQ(stats.max_end_us, ParseTime("2025")->end_us());
}

TEST_F(DatabaseTest, ReadOnlyOpenSeesDataAndRefusesWrites) {
  MustPut({Ev("a", "2024")});
  Options ro;
  ro.read_only = true;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Database> reader, Database::Open(dir_.Sub("db"), ro));
  EXPECT_OK(reader->Get("a").status());
  EXPECT_THAT(reader->Put({Ev("b", "2024")}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("read-only")));
}

// Options::cache_records only decides what stays in the block cache: readers with and without it
// return the same events, also across batches of record fetches.
TEST_F(DatabaseTest, ReadersWithAndWithoutCachedRecordsAgree) {
  std::vector<Event> events;
  for (int i = 0; i < 600; ++i) {
    events.push_back(Ev("e" + std::to_string(i), absl::StrFormat("2024-01-%02d", 1 + i % 28),
                        {"A" + std::to_string(i % 7), "B" + std::to_string(i % 3)},
                        "t" + std::to_string(i % 4)));
  }
  MustPut(std::move(events));
  db_.reset();
  std::vector<std::vector<std::string>> answers[2];
  for (bool cache : {true, false}) {
    Options ro;
    ro.read_only = true;
    ro.cache_records = cache;
    ASSERT_OK_AND_ASSIGN(db_, Database::Open(dir_.Sub("db"), ro));
    for (const Query& q : {Make({}), Make({"A3"}), Make({"A1", "B2"}), Make({}, {"A0", "B1"}),
                           Make({}, {}, {"t2"})}) {
      answers[cache].push_back(Ids(q));
      EXPECT_FALSE(answers[cache].back().empty());
    }
    db_.reset();
  }
  EXPECT_EQ(answers[0], answers[1]);
  EXPECT_EQ(answers[0][0].size(), 600u);
}

TEST_F(DatabaseTest, SecondWriterIsRefusedNamingTheDatabase) {
  EXPECT_THAT(Database::Open(dir_.Sub("db"), Options{}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr(dir_.Sub("db"))));
}

TEST_F(DatabaseTest, BackupIsAConsistentCopy) {
  MustPut({Ev("a", "2024", {"NATO"}), Ev("b", "2025", {"NATO"})});
  ASSERT_OK(db_->Backup(dir_.Sub("copy")));
  EXPECT_THAT(db_->Backup(dir_.Sub("copy")),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("copy")));
  MustPut({Ev("c", "2026", {"NATO"})});
  Options ro;
  ro.read_only = true;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Database> copy, Database::Open(dir_.Sub("copy"), ro));
  ASSERT_OK_AND_ASSIGN(CheckReport report, copy->Check());
  EXPECT_THAT(report.problems, IsEmpty());
  EXPECT_EQ(report.events, 2u) << "the copy holds the state at the time of the backup";
}

TEST(DatabaseOpenTest, MissingDatabaseIsNotFoundAndNotCreated) {
  ::annals::testing::TempDir dir;
  Options ro;
  ro.read_only = true;
  EXPECT_THAT(Database::Open(dir.Sub("none"), ro),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("no database")));
  EXPECT_FALSE(std::filesystem::exists(dir.Sub("none")));
}

}  // namespace
}  // namespace annals
