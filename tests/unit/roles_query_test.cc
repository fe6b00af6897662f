// Copyright: the Annals authors.
//
// Roles in queries (FORMAT.md section 3, "Roles: who did what to whom") and actors stored as given
// (section 1), through the public API.
#include <memory>
#include <string>
#include <vector>

#include "annals/database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "internal/storage/format.h"
#include "rocksdb/db.h"
#include "testing/crash/raw_db.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace annals {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::StatusIs;

Event Ev(std::string id, std::string time, std::vector<Actor> actors) {
  Event e;
  e.id = std::move(id);
  e.time = *ParseTime(time);
  e.actors = std::move(actors);
  return e;
}

class RolesQueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(db_, Database::Open(dir_.Sub("db"), Options{}));
    ASSERT_OK(
        db_->Put({
                     Ev("r2u", "2024-01", {{"RUSSIA", "source"}, {"UKRAINE", "target"}}),
                     Ev("u2r", "2024-02", {{"UKRAINE", "source"}, {"RUSSIA", "target"}}),
                     Ev("self", "2024-03", {{"AUSTRALIA", "source"}, {"AUSTRALIA", "target"}}),
                     Ev("plain", "2024-04", {{"Russia", ""}, {"Ukraine", ""}}),
                     Ev("single", "2024-05", {{"X", "source"}}),
                 })
            .status());
  }

  // Ids of the results of all-of `all` and any-of `any` (spec texts), checked against Count.
  std::vector<std::string> Ids(std::vector<std::string> all, std::vector<std::string> any = {}) {
    const Query q = Make(all, any);
    std::vector<std::string> ids;
    auto c = db_->Query(q);
    EXPECT_OK(c.status());
    if (!c.ok()) return ids;
    while ((*c)->Next()) ids.push_back((*c)->event().id);
    EXPECT_OK((*c)->status());
    EXPECT_EQ(db_->Count(q).value_or(999), ids.size());
    return ids;
  }

  static Query Make(const std::vector<std::string>& all, const std::vector<std::string>& any) {
    Query q;
    for (const std::string& s : all) q.all_actor_specs.push_back(*ParseActorSpec(s));
    for (const std::string& s : any) q.any_actor_specs.push_back(*ParseActorSpec(s));
    return q;
  }

  uint64_t EntriesRead(const Query& q) {
    auto c = db_->Query(q);
    EXPECT_OK(c.status());
    while ((*c)->Next()) {
    }
    return (*c)->counters().index_entries_scanned;
  }

  testing::TempDir dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(RolesQueryTest, WhoDidWhatToWhom) {
  EXPECT_THAT(Ids({"Russia=source", "Ukraine=target"}), ElementsAre("r2u"));
  EXPECT_THAT(Ids({"Ukraine=source", "Russia=target"}), ElementsAre("u2r"));
  EXPECT_THAT(Ids({"Russia", "Ukraine"}), ElementsAre("r2u", "u2r", "plain"));
}

TEST_F(RolesQueryTest, SelfDyad) {
  EXPECT_THAT(Ids({"AUSTRALIA=source", "AUSTRALIA=target"}), ElementsAre("self"));
  EXPECT_THAT(Ids({"australia=target"}), ElementsAre("self"));
  ASSERT_OK_AND_ASSIGN(Event got, db_->Get("self"));
  EXPECT_EQ(got.actors, (std::vector<Actor>{{"AUSTRALIA", "source"}, {"AUSTRALIA", "target"}}));
}

TEST_F(RolesQueryTest, EmptyRoleMeansWithoutARole) {
  EXPECT_THAT(Ids({"Russia="}), ElementsAre("plain"));
  EXPECT_THAT(Ids({"X="}), IsEmpty());
}

TEST_F(RolesQueryTest, RolesComparedByLookupKey) {
  EXPECT_THAT(Ids({"russia=SOURCE"}), ElementsAre("r2u"));
  EXPECT_THAT(Ids({"russia=  Source "}), ElementsAre("r2u"));
}

TEST_F(RolesQueryTest, OneEntrySatisfiesSeveralSpecs) {
  EXPECT_THAT(Ids({"X", "X=source"}), ElementsAre("single"));
  EXPECT_THAT(Ids({"X=source", "X=target"}), IsEmpty());
}

TEST_F(RolesQueryTest, UnknownRoleMatchesNothing) {
  EXPECT_THAT(Ids({"Russia=winner"}), IsEmpty());
  EXPECT_THAT(Ids({}, {"Russia=winner", "X=source"}), ElementsAre("single"));
}

TEST_F(RolesQueryTest, AnyOfWithRoles) {
  EXPECT_THAT(Ids({}, {"Russia=source", "Australia=target"}), ElementsAre("r2u", "self"));
  EXPECT_THAT(Ids({"Ukraine"}, {"Russia=source", "Russia="}), ElementsAre("r2u", "plain"));
}

TEST_F(RolesQueryTest, PlainNamesAreNotParsed) {
  ASSERT_OK(db_->Put({Ev("eq", "2024-06", {{"E=mc2", ""}})}).status());
  Query q;
  q.all_actors = {"E=mc2"};
  EXPECT_EQ(db_->Count(q).value_or(0), 1u);
  EXPECT_THAT(Ids({"E\\=mc2"}), ElementsAre("eq"));
}

TEST_F(RolesQueryTest, RolesCostNoExtraIndexReads) {
  for (const auto& [with, without] :
       std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>>{
           {{"Russia=source", "Ukraine=target"}, {"Russia", "Ukraine"}},
           {{"Australia=source", "Australia=target"}, {"Australia"}},
           {{"Russia=target"}, {"Russia"}}}) {
    EXPECT_LE(EntriesRead(Make(with, {})), EntriesRead(Make(without, {})));
  }
}

TEST_F(RolesQueryTest, CheckCountsRolesAndActorsOnce) {
  ASSERT_OK_AND_ASSIGN(CheckReport report, db_->Check());
  EXPECT_THAT(report.problems, IsEmpty());
  ASSERT_OK(db_->Delete({"self", "r2u"}).status());
  ASSERT_OK_AND_ASSIGN(report, db_->Check());
  EXPECT_THAT(report.problems, IsEmpty());
  ASSERT_OK_AND_ASSIGN(std::vector<ActorInfo> actors, db_->Actors("australia", std::nullopt));
  EXPECT_THAT(actors, IsEmpty());
}

TEST(FormatVersionTest, OlderDatabaseIsAClearError) {
  testing::TempDir dir;
  const std::string path = dir.Sub("db");
  {
    ASSERT_OK_AND_ASSIGN(auto db, Database::Open(path, Options{}));
    ASSERT_OK(db->Put({Ev("a", "2024", {{"A", ""}})}).status());
  }
  testing::RawDb(path).Put(testing::RawDb::kDefault, std::string(internal::kMetaFormatVersion),
                           internal::EncodeMeta(1));
  EXPECT_THAT(
      Database::Open(path, Options{}).status(),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("older Annals (format version 1")));
  Options read_only;
  read_only.read_only = true;
  EXPECT_THAT(Database::Open(path, read_only).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("format version 1")));
}

// A database of format version 3 has no day_counts family: refused as older by readers and
// writers alike, and left as it was (a writer must not add the family: the older build could not
// open its own database any more).
TEST(FormatVersionTest, DatabaseWithoutTheNewerFamiliesIsRefusedAndLeftAlone) {
  testing::TempDir dir;
  const std::string path = dir.Sub("db");
  {
    rocksdb::Options options;
    options.create_if_missing = true;
    options.create_missing_column_families = true;
    std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
    for (int f = 0; f < internal::kDayCountsCf; ++f) {
      cfs.emplace_back(internal::kColumnFamilyNames[f], rocksdb::ColumnFamilyOptions());
    }
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(options, path, cfs, &handles, &raw).ok());
    ASSERT_TRUE(
        raw->Put({}, handles[0], std::string(internal::kMetaFormatVersion), internal::EncodeMeta(3))
            .ok());
    for (auto* h : handles) raw->DestroyColumnFamilyHandle(h);
    delete raw;
  }
  Options read_only;
  read_only.read_only = true;
  for (const Options& o : {read_only, Options{}}) {
    EXPECT_THAT(Database::Open(path, o).status(),
                StatusIs(absl::StatusCode::kFailedPrecondition,
                         HasSubstr("older Annals (format version 3; this build reads version 5")));
  }
  std::vector<std::string> names;
  ASSERT_TRUE(rocksdb::DB::ListColumnFamilies({}, path, &names).ok());
  EXPECT_EQ(names.size(), static_cast<size_t>(internal::kDayCountsCf));
}

}  // namespace
}  // namespace annals
