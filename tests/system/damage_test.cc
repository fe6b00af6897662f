// Copyright: the Annals authors.
//
// Damaged databases: bytes flipped in table files, files removed, records and index entries
// altered behind the engine's back. Whatever the damage, opening, Database::Check() or the read
// itself must report it (DataLoss, or problems in the CheckReport), nothing may crash, and a read
// that succeeds must return exactly what the undamaged database returned.
// Each case prints one "[damage]" line saying how the damage was reported.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "annals/database.h"
#include "annals/record_io.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "internal/storage/index_entries.h"
#include "internal/storage/key_codec.h"
#include "internal/storage/record_codec.h"
#include "internal/storage/store.h"
#include "testing/crash/child_process.h"
#include "testing/crash/event_generator.h"
#include "testing/crash/raw_db.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace annals {
namespace {

using ::annals::testing::EventGenerator;
using ::annals::testing::RawDb;
using ::testing::IsEmpty;

constexpr uint64_t kSeed = 20241105;
constexpr int kEvents = 3000;

// The answer of one read: its result as text, or its error.
using Probes = std::map<std::string, absl::StatusOr<std::string>>;

std::vector<std::pair<std::string, Query>> ProbeQueries() {
  std::vector<std::pair<std::string, Query>> out;
  auto add = [&](std::string name, auto&& set) {
    Query q;
    set(q);
    out.emplace_back(std::move(name), std::move(q));
  };
  add("all", [](Query&) {});
  add("actor", [](Query& q) { q.all_actors = {EventGenerator::ActorName(3)}; });
  add("two actors", [](Query& q) {
    q.all_actors = {EventGenerator::ActorName(3), EventGenerator::ActorName(10)};
  });
  add("any actor", [](Query& q) {
    q.any_actors = {EventGenerator::ActorName(5), EventGenerator::ActorName(6)};
  });
  add("type", [](Query& q) { q.types = {EventGenerator::TypeName(2)}; });
  add("range", [](Query& q) {
    q.from_us = ParseTime("1990")->start_us();
    q.to_us = ParseTime("1999")->end_us();
  });
  add("reverse limit", [](Query& q) {
    q.reverse = true;
    q.limit = 50;
  });
  add("actor in range", [](Query& q) {
    q.all_actors = {EventGenerator::ActorName(7)};
    q.from_us = ParseTime("2000")->start_us();
  });
  return out;
}

absl::StatusOr<std::string> Drain(absl::StatusOr<std::unique_ptr<Cursor>> cursor) {
  if (!cursor.ok()) return cursor.status();
  std::string out;
  while ((*cursor)->Next()) absl::StrAppend(&out, FormatJsonRecord((*cursor)->event()), "\n");
  if (!(*cursor)->status().ok()) return (*cursor)->status();
  return out;
}

// Every kind of read, over the whole database.
Probes Probe(Database& db) {
  Probes p;
  p["scan"] = Drain(db.Scan());
  for (const auto& [name, q] : ProbeQueries()) {
    p["query " + name] = Drain(db.Query(q));
    absl::StatusOr<uint64_t> n = db.Count(q);
    p["count " + name] = n.ok() ? absl::StatusOr<std::string>(absl::StrCat(*n)) : n.status();
  }
  for (int i = 0; i < kEvents; i += 7) {
    absl::StatusOr<Event> e = db.Get(EventGenerator::IdOf(i));
    p["get " + EventGenerator::IdOf(i)] =
        e.ok() ? absl::StatusOr<std::string>(FormatJsonRecord(*e)) : e.status();
  }
  absl::StatusOr<std::vector<ActorInfo>> actors = db.Actors("", std::nullopt);
  if (actors.ok()) {
    std::string text;
    for (const ActorInfo& a : *actors) absl::StrAppend(&text, a.name, "=", a.event_count, ";");
    p["actors"] = text;
  } else {
    p["actors"] = actors.status();
  }
  return p;
}

std::string Describe(const absl::Status& s) {
  return s.ok() ? "OK" : absl::StrCat(absl::StatusCodeToString(s.code()), " \"", s.message(), "\"");
}

// Child: opens the database for writing, checks it and closes it. Writes how the damage was
// reported, then "closed" once the database is closed. In a child, so that a close that hangs
// fails the test instead of stopping it.
int OpenCheckCloseRole(const std::vector<std::string>& args, int out) {
  {
    absl::StatusOr<std::unique_ptr<Database>> db = Database::Open(args.at(0), Options{});
    std::string how = "open: " + Describe(db.status());
    if (db.ok()) {
      absl::StatusOr<CheckReport> r = (*db)->Check();
      how += "; check: " + (!r.ok()               ? Describe(r.status())
                            : r->problems.empty() ? std::string("clean")
                                                  : absl::StrCat(r->problems.size(), " problems"));
    }
    ::annals::testing::WriteAll(out, how + "\n");
  }
  ::annals::testing::WriteAll(out, "closed\n");
  return 0;
}

ANNALS_CHILD_ROLES({{"open-check-close", &OpenCheckCloseRole}});

class DamageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.Sub("db");
    auto db = Database::Open(path_, Options{});
    ASSERT_OK(db.status());
    EventGenerator gen(kSeed);
    for (int done = 0; done < kEvents; done += 500) {
      std::vector<Event> batch;
      for (int i = 0; i < 500; ++i) batch.push_back(gen.Next());
      ASSERT_OK((*db)->Put(std::move(batch)).status());
    }
    pristine_ = Probe(**db);
    for (const auto& [name, r] : pristine_) ASSERT_OK(r.status()) << name;
  }

  // The table files of one column family.
  std::vector<std::string> TableFiles(RawDb::Family f) {
    RawDb raw(path_, /*read_only=*/true);
    std::vector<rocksdb::LiveFileMetaData> files;
    raw.db()->GetLiveFilesMetaData(&files);
    std::vector<std::string> out;
    for (const auto& m : files) {
      if (m.column_family_name == RawDb::kFamilies[f]) out.push_back(path_ + m.name);
    }
    EXPECT_FALSE(out.empty()) << "no table file for " << RawDb::kFamilies[f];
    return out;
  }

  // Inverts the byte at `offset` (negative: from the end) of a file.
  static void FlipByte(const std::string& file, int64_t offset) {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    ASSERT_TRUE(f.is_open()) << file;
    const int64_t size = std::filesystem::file_size(file);
    const int64_t at = offset >= 0 ? offset : size + offset;
    f.seekg(at);
    char c = 0;
    f.read(&c, 1);
    c = static_cast<char>(~c);
    f.seekp(at);
    f.write(&c, 1);
  }

  // Opens the damaged database with `options` and verifies the contract: Open or Check reports
  // the damage (when `must_detect`), and every read either fails with DataLoss or returns what
  // the undamaged database returned; reads whose name starts with one of `unverifiable` cannot
  // notice this damage and are not compared. Returns how the damage was reported.
  std::string ExpectReportedNeverWrong(bool must_detect, const Options& options,
                                       const std::vector<std::string>& unverifiable = {}) {
    auto db = Database::Open(path_, options);
    if (!db.ok()) {
      EXPECT_EQ(db.status().code(), absl::StatusCode::kDataLoss) << db.status();
      EXPECT_THAT(std::string(db.status().message()), ::testing::HasSubstr(path_));
      return "open: " + Describe(db.status());
    }
    absl::StatusOr<CheckReport> report = (*db)->Check();
    std::string how = "open: OK; check: ";
    if (!report.ok()) {
      EXPECT_EQ(report.status().code(), absl::StatusCode::kDataLoss) << report.status();
      how += Describe(report.status());
    } else if (!report->problems.empty()) {
      how +=
          absl::StrCat(report->problems.size(), " problems, first: \"", report->problems[0], "\"");
    } else {
      how += "no problems";
      EXPECT_FALSE(must_detect) << "Check() did not notice the damage";
    }
    int correct = 0, lost = 0, other = 0;
    for (const auto& [name, got] : Probe(**db)) {
      const bool skip = std::any_of(unverifiable.begin(), unverifiable.end(),
                                    [&](const std::string& u) { return name.rfind(u, 0) == 0; });
      if (!got.ok() && got.status().code() == absl::StatusCode::kDataLoss) {
        ++lost;
      } else if (got.ok() && *got == *pristine_.at(name)) {
        ++correct;
      } else {
        ++other;
        EXPECT_TRUE(skip) << name << " silently returned a wrong result: "
                          << (got.ok() ? *got : got.status().ToString()).substr(0, 300);
      }
    }
    return absl::StrCat(how, "; reads: ", correct, " correct, ", lost, " DataLoss, ", other,
                        " silently different");
  }

  // Opens the damaged database for writing (as `annals ingest` would), checks and closes it, in
  // a child process. The damage must be reported and closing must not hang.
  std::string ExpectReportedByAWriter() {
    ::annals::testing::ChildProcess child("open-check-close", {path_});
    std::optional<std::string> how = child.ReadLine(120'000);
    EXPECT_TRUE(how.has_value()) << "opening and checking for writing did not finish";
    if (!how) return "open and check did not finish in 120 s";
    EXPECT_TRUE(how->find("DATA_LOSS") != std::string::npos ||
                how->find(" problems") != std::string::npos)
        << *how;
    std::optional<std::string> closed = child.ReadLine(15'000);
    EXPECT_EQ(closed, "closed") << "closing a writer on the damaged database hangs (over 15 s)";
    return *how + (closed ? "; closed" : "; CLOSE HANGS (killed after 15 s)");
  }

  void Report(const std::string& what, const std::string& how) {
    std::cout << "[damage] " << what << " -> " << how << std::endl;
    RecordProperty("damage", how);
  }

  static Options ReadOnly() {
    Options o;
    o.read_only = true;
    return o;
  }

  ::annals::testing::TempDir dir_;
  std::string path_;
  Probes pristine_;
};

// ---------------------------------------------------------------- damaged files

struct FlipCase {
  RawDb::Family family;
  int64_t offset;  // negative: from the end of the file
};

void PrintTo(const FlipCase& c, std::ostream* os) {
  *os << RawDb::kFamilies[c.family] << " table, byte " << c.offset;
}

class FlipTest : public DamageTest, public ::testing::WithParamInterface<FlipCase> {};

TEST_P(FlipTest, FlippedByteInATableFileIsReported) {
  const FlipCase c = GetParam();
  std::vector<std::string> files = TableFiles(c.family);
  ASSERT_FALSE(files.empty());
  FlipByte(files[0], c.offset);
  const std::string what =
      absl::StrCat("byte ", c.offset, " of the ", RawDb::kFamilies[c.family], " table flipped");
  Report(what + " (read-only)", ExpectReportedNeverWrong(true, ReadOnly()));
  Report(what + " (read-write)", ExpectReportedByAWriter());
}

INSTANTIATE_TEST_SUITE_P(
    Tables, FlipTest,
    ::testing::Values(FlipCase{RawDb::kEvents, 0}, FlipCase{RawDb::kEvents, 30000},
                      FlipCase{RawDb::kEvents, -60}, FlipCase{RawDb::kEvents, -200},
                      FlipCase{RawDb::kByActor, 10}, FlipCase{RawDb::kByActor, 5000},
                      FlipCase{RawDb::kByActor, -60}, FlipCase{RawDb::kIds, 3000},
                      FlipCase{RawDb::kByTime, 4000}, FlipCase{RawDb::kDict, 100}),
    [](const ::testing::TestParamInfo<FlipCase>& info) {
      const FlipCase& c = info.param;
      return absl::StrCat(RawDb::kFamilies[c.family], c.offset >= 0 ? "_at_" : "_end_minus_",
                          c.offset >= 0 ? c.offset : -c.offset);
    });

TEST_F(DamageTest, RemovedEventsTableIsReported) {
  for (const std::string& file : TableFiles(RawDb::kEvents)) std::filesystem::remove(file);
  Report("events table removed", ExpectReportedNeverWrong(true, ReadOnly()));
  Report("events table removed (read-write)", ExpectReportedByAWriter());
}

TEST_F(DamageTest, RemovedIndexTableIsReported) {
  for (const std::string& file : TableFiles(RawDb::kByTime)) std::filesystem::remove(file);
  Report("by_time table removed", ExpectReportedNeverWrong(true, ReadOnly()));
}

TEST_F(DamageTest, TruncatedTableFileIsReported) {
  const std::string file = TableFiles(RawDb::kEvents)[0];
  std::filesystem::resize_file(file, std::filesystem::file_size(file) / 2);
  Report("events table truncated to half", ExpectReportedNeverWrong(true, ReadOnly()));
}

TEST_F(DamageTest, RemovedManifestIsReported) {
  for (const auto& entry : std::filesystem::directory_iterator(path_)) {
    if (entry.path().filename().string().rfind("MANIFEST-", 0) == 0) {
      std::filesystem::remove(entry.path());
    }
  }
  Report("MANIFEST removed", ExpectReportedNeverWrong(true, ReadOnly()));
  Report("MANIFEST removed (read-write)", ExpectReportedByAWriter());
}

// Without CURRENT the directory no longer says which files make up the database. Opening it
// must fail: RocksDB alone would create a new, empty database over the old files.
TEST_F(DamageTest, RemovedCurrentIsReportedAndNothingIsReplaced) {
  std::filesystem::remove(path_ + "/CURRENT");
  auto ro = Database::Open(path_, ReadOnly());
  EXPECT_THAT(ro,
              ::annals::testing::StatusIs(absl::StatusCode::kDataLoss, ::testing::HasSubstr(path_)))
      << "a damaged database is not a missing one";
  Report("CURRENT removed (read-only)", "open: " + Describe(ro.status()));
  auto rw = Database::Open(path_, Options{});
  Report("CURRENT removed (read-write)",
         rw.ok() ? absl::StrCat("open: OK, events: ", (*rw)->Stats()->events)
                 : "open: " + Describe(rw.status()));
  EXPECT_THAT(rw,
              ::annals::testing::StatusIs(absl::StatusCode::kDataLoss, ::testing::HasSubstr(path_)))
      << "a database whose CURRENT is lost must not be silently replaced by an empty one";
}

// ---------------------------------------------------------------- altered entries

using ::annals::testing::StatusIs;
using internal::EncodeEventKey;
using ::testing::HasSubstr;
constexpr absl::StatusCode kDataLoss = absl::StatusCode::kDataLoss;

class EntryDamageTest : public DamageTest {
 protected:
  void SetUp() override {
    DamageTest::SetUp();
    // The victim: probed by Get (index % 7 == 0), typed, with actors, a single date in 1990s.
    EventGenerator gen(kSeed);
    for (int i = 0; i < kEvents; ++i) {
      Event e = gen.Next();
      if (i % 7 == 0 && !e.type.empty() && !e.actors.empty() && !e.time.is_interval &&
          e.time.start_us() >= ParseTime("1990")->start_us() &&
          e.time.end_us() <= ParseTime("1999")->end_us()) {
        victim_ = i;
        victim_event_ = e;
        break;
      }
    }
    ASSERT_GE(victim_, 0);
  }

  // Event numbers follow the order of first storing: the generator's order, from 1.
  std::string VictimKey() const { return EncodeEventKey(victim_ + 1); }
  std::string VictimId() const { return EventGenerator::IdOf(victim_); }

  internal::StoredEvent VictimRecord() {
    RawDb raw(path_, true);
    absl::StatusOr<internal::StoredEvent> s =
        internal::DecodeRecord(raw.Get(RawDb::kEvents, VictimKey()));
    EXPECT_OK(s.status());
    return s.value_or(internal::StoredEvent{});
  }

  // The victim's index entry in `cf` (for by_actor: its first actor).
  std::string VictimIndexKey(internal::ColumnFamily cf) {
    std::string key;
    internal::ForEachIndexEntry(
        VictimRecord(), victim_ + 1, internal::Covering::kWithout,
        [&](internal::ColumnFamily f, const std::string& k, const std::string&) {
          if (f == cf && key.empty()) key = k;
        });
    return key;
  }

  int victim_ = -1;
  Event victim_event_;
};

TEST_F(EntryDamageTest, GarbageRecordIsDataLossOnEveryRead) {
  RawDb(path_).Put(RawDb::kEvents, VictimKey(), std::string(24, '\x5a'));
  Report("record replaced by garbage", ExpectReportedNeverWrong(true, ReadOnly()));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Database> db, Database::Open(path_, Options{}));
  EXPECT_THAT(db->Get(VictimId()), StatusIs(kDataLoss, HasSubstr("record")));
  EXPECT_THAT(Drain(db->Scan()), StatusIs(kDataLoss, HasSubstr("record")));
  EventGenerator gen(1);
  EXPECT_THAT(db->Put({gen.Revise(VictimId())}), StatusIs(kDataLoss, ::testing::_))
      << "an upsert must not build on a damaged record";
}

TEST_F(EntryDamageTest, TruncatedRecordIsDataLoss) {
  std::string record = RawDb(path_, true).Get(RawDb::kEvents, VictimKey());
  RawDb(path_).Put(RawDb::kEvents, VictimKey(), record.substr(0, record.size() / 16 * 8));
  Report("record truncated to half", ExpectReportedNeverWrong(true, ReadOnly()));
}

// A well-formed record whose content no longer agrees with its index entries.
TEST_F(EntryDamageTest, RecordDisagreeingWithItsIndexIsReported) {
  internal::StoredEvent s = VictimRecord();
  s.event.time = *ParseTime("1066-10-14");
  RawDb(path_).Put(RawDb::kEvents, VictimKey(), internal::EncodeRecord(s));
  Report("record altered (time moved to 1066)",
         ExpectReportedNeverWrong(true, ReadOnly(), {"scan", "get", "query"}));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Database> db, Database::Open(path_, ReadOnly()));
  Query q = ProbeQueries()[5].second;  // 1990..1999
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Cursor> c, db->Query(q));
  while (c->Next()) {
    EXPECT_TRUE(c->event().time.start_us() < q.to_us && c->event().time.end_us() > q.from_us)
        << "a query returned " << c->event().id << " (" << FormatTime(c->event().time)
        << "), which is outside the range, without reporting that record and index disagree";
  }
  EXPECT_THAT(c->status(),
              ::testing::AnyOf(::annals::testing::IsOk(), StatusIs(kDataLoss, ::testing::_)));
}

TEST_F(EntryDamageTest, MissingIndexEntryIsReportedByCheck) {
  RawDb(path_).Delete(RawDb::kByTime, VictimIndexKey(internal::kByTimeCf));
  Report("by_time entry removed", ExpectReportedNeverWrong(true, ReadOnly(), {"query", "count"}));
}

// A copy of a by_actor entry under an event number that has no record. Counts and queries by actor
// read no records (by_actor entries carry their events): like an index-only query in SQLite, they
// trust the index, so they may return the copy; `annals check` reports it. Nothing is invented:
// what a query returns is an event the database holds.
TEST_F(EntryDamageTest, StrayIndexEntryIsReportedByCheck) {
  std::string key = VictimIndexKey(internal::kByActorCf);
  std::string value = RawDb(path_, true).Get(RawDb::kByActor, key);
  key.replace(key.size() - 8, 8, EncodeEventKey(999999));  // the event number ends the key
  RawDb(path_).Put(RawDb::kByActor, key, value);
  Report("stray by_actor entry naming no record",
         ExpectReportedNeverWrong(true, ReadOnly(), {"count", "query"}));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Database> db, Database::Open(path_, ReadOnly()));
  Query q;
  q.all_actors = {victim_event_.actors[0].name};
  absl::StatusOr<std::string> got = Drain(db->Query(q));
  ASSERT_OK(got.status());
  const std::string& all = *pristine_.at("scan");
  for (absl::string_view line : absl::StrSplit(*got, '\n', absl::SkipEmpty())) {
    EXPECT_NE(all.find(absl::StrCat(line, "\n")), std::string::npos)
        << "a query returned an event the database does not hold: " << line;
  }
}

// A by_actor entry whose copy of the event differs from the record (another title): queries by
// actor answer from the copy, so only `annals check`, which compares every entry with what the
// record implies, can tell; it must.
TEST_F(EntryDamageTest, CoveringRecordDisagreeingWithTheRecordIsReportedByCheck) {
  const std::string key = VictimIndexKey(internal::kByActorCf);
  internal::StoredEvent s = VictimRecord();
  s.event.title += " (altered)";
  internal::IndexEntry entry;
  const std::string value = RawDb(path_, true).Get(RawDb::kByActor, key);
  ASSERT_TRUE(internal::DecodeIndexEntry(internal::kByActorCf, key, value, &entry));
  std::string record;
  internal::AppendCoveringRecord(s.event, &record);
  std::string altered = value.substr(0, value.size() - entry.covering.size()) + record;
  RawDb(path_).Put(RawDb::kByActor, key, altered);
  Report("by_actor covering record altered", ExpectReportedNeverWrong(true, ReadOnly(), {"query"}));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Database> db, Database::Open(path_, ReadOnly()));
  ASSERT_OK_AND_ASSIGN(CheckReport report, db->Check());
  EXPECT_THAT(report.problems,
              ::testing::Contains(::testing::HasSubstr("by_actor entry has a wrong value")));
}

TEST_F(EntryDamageTest, WrongIndexValueIsReportedByCheck) {
  const std::string key = VictimIndexKey(internal::kByTimeCf);
  std::string value;  // another end and type than the record's
  internal::PutI64(&value, kPlusInfinity - 1);
  internal::PutU32(&value, 1);
  RawDb(path_).Put(RawDb::kByTime, key, value);
  Report("by_time value altered", ExpectReportedNeverWrong(true, ReadOnly(), {"query", "count"}));
}

TEST_F(EntryDamageTest, DamagedIdEntryIsDataLoss) {
  RawDb(path_).Put(RawDb::kIds, VictimId(), "short");
  Report("ids entry damaged", ExpectReportedNeverWrong(true, ReadOnly()));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Database> db, Database::Open(path_, Options{}));
  EXPECT_THAT(db->Get(VictimId()), StatusIs(kDataLoss, HasSubstr("id")));
  EventGenerator gen(1);
  EXPECT_THAT(db->Put({gen.Revise(VictimId())}), StatusIs(kDataLoss, HasSubstr("id")));
}

TEST_F(EntryDamageTest, RemovedIdEntryIsReportedByCheck) {
  RawDb(path_).Delete(RawDb::kIds, VictimId());
  Report("ids entry removed", ExpectReportedNeverWrong(true, ReadOnly(), {"get"}));
}

TEST_F(EntryDamageTest, DamagedDictionaryEntryIsReported) {
  std::string number =
      RawDb(path_, true)
          .Get(RawDb::kDict, internal::DictNameKey(internal::DictKind::kActor, "actor 3"));
  RawDb(path_).Put(RawDb::kDict, "A" + number, "xx");
  Report("actor dictionary entry damaged", ExpectReportedNeverWrong(true, ReadOnly()));
}

TEST_F(EntryDamageTest, WrongEventCountIsReportedByCheck) {
  RawDb(path_).Put(RawDb::kDefault, std::string(internal::kMetaEventCount),
                   internal::EncodeMeta(kEvents + 5));
  Report("meta event_count off by 5", ExpectReportedNeverWrong(true, ReadOnly()));
}

TEST_F(EntryDamageTest, WrongDayCountIsReportedByCheck) {
  {
    RawDb raw(path_);
    raw.Put(RawDb::kDayCounts, raw.FirstKey(RawDb::kDayCounts), internal::EncodeDayCount(99999));
    // And the first count of a pair of actors: named as the pair.
    std::unique_ptr<rocksdb::Iterator> it(raw.db()->NewIterator({}, raw.cf(RawDb::kDayCounts)));
    it->Seek(std::string(1, internal::kPairDayTag));
    ASSERT_TRUE(it->Valid() && it->key().starts_with(std::string(1, internal::kPairDayTag)));
    const std::string pair = it->key().ToString();
    it.reset();
    raw.Put(RawDb::kDayCounts, pair, internal::EncodeDayCount(77777));
  }
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Database> db, Database::Open(path_, ReadOnly()));
  ASSERT_OK_AND_ASSIGN(CheckReport report, db->Check());
  EXPECT_THAT(report.problems,
              ::testing::Contains(::testing::AllOf(HasSubstr("day_counts: actor 0, class "),
                                                   HasSubstr("counts 99999 events"))));
  EXPECT_THAT(report.problems, ::testing::Contains(::testing::AllOf(
                                   HasSubstr("day_counts: actors "), HasSubstr(", class "),
                                   HasSubstr("counts 77777 events"))));
}

TEST_F(EntryDamageTest, WrongCrowdedEventCountIsReportedByCheck) {
  RawDb(path_).Put(RawDb::kDefault, std::string(internal::kMetaCrowdedEvents),
                   internal::EncodeMeta(5));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Database> db, Database::Open(path_, ReadOnly()));
  ASSERT_OK_AND_ASSIGN(CheckReport report, db->Check());
  EXPECT_THAT(
      report.problems,
      ::testing::Contains(HasSubstr("meta counts 5 events with more than 8 actors; there are 0")));
}

TEST_F(EntryDamageTest, DamagedDayCountIsDataLossAndReported) {
  std::string key;
  {
    RawDb raw(path_);
    key = raw.FirstKey(RawDb::kDayCounts);
    raw.Put(RawDb::kDayCounts, key, "abc");
  }
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Database> db, Database::Open(path_, ReadOnly()));
  ASSERT_OK_AND_ASSIGN(CheckReport report, db->Check());
  EXPECT_THAT(report.problems, ::testing::Contains(HasSubstr("day_counts: damaged entry")));
  // A histogram that reads it fails instead of counting wrong.
  internal::DayCountId d;
  ASSERT_TRUE(internal::DecodeDayCountKey(key, &d));
  Query q;
  q.from_us = d.start_day * 86'400'000'000;
  q.to_us = q.from_us + 86'400'000'000;
  Grouping g;
  g.time = TimeUnit::kDay;
  EXPECT_THAT(db->Aggregate(q, g), StatusIs(absl::StatusCode::kDataLoss, HasSubstr("day_counts")));
}

TEST_F(EntryDamageTest, DamagedMetaValueIsDataLoss) {
  RawDb(path_).Put(RawDb::kDefault, std::string(internal::kMetaNextEvent), "abc");
  Report("meta next_event damaged (read-write)", ExpectReportedByAWriter());
}

TEST_F(EntryDamageTest, UnknownFormatVersionIsUnimplemented) {
  RawDb(path_).Put(RawDb::kDefault, std::string(internal::kMetaFormatVersion),
                   internal::EncodeMeta(99));
  for (const Options& o : {ReadOnly(), Options{}}) {
    EXPECT_THAT(Database::Open(path_, o),
                StatusIs(absl::StatusCode::kUnimplemented, HasSubstr("99")));
  }
}

}  // namespace
}  // namespace annals
