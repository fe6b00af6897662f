// Copyright: the Annals authors.
//
// The alias table through the public API: adding (validation, no-ops, overlaps, atomicity),
// removing, listing, and where aliases live (reopen, read-only readers, backup).
#include "internal/storage/alias_table.h"

#include <memory>

#include "annals/database.h"
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

const Alias kBiden{"Joe Biden", "BIDEN", "", ""};
const Alias kPotusBiden{"Joe Biden", "PRESIDENT", "2021-01-20", "2025-01-19"};
const Alias kPotusTrump{"Donald Trump", "PRESIDENT", "2017-01-20", "2021-01-19"};

class AliasTableTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }
  void Reopen(Options options = {}) {
    db_.reset();
    ASSERT_OK_AND_ASSIGN(db_, Database::Open(dir_.Sub("db"), options));
  }
  std::vector<Alias> All() {
    absl::StatusOr<std::vector<Alias>> all = db_->Aliases("");
    EXPECT_OK(all.status());
    return all.value_or(std::vector<Alias>{});
  }

  ::annals::testing::TempDir dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(AliasTableTest, AddsAndListsInKeyOrder) {
  ASSERT_OK_AND_ASSIGN(uint64_t added, db_->AddAliases({kPotusBiden, kBiden, kPotusTrump}));
  EXPECT_EQ(added, 3u);
  EXPECT_THAT(All(), ElementsAre(kPotusTrump, kBiden, kPotusBiden));
  ASSERT_OK_AND_ASSIGN(std::vector<Alias> biden, db_->Aliases("  JOE   biden "));
  EXPECT_THAT(biden, ElementsAre(kBiden, kPotusBiden));
  ASSERT_OK_AND_ASSIGN(std::vector<Alias> none, db_->Aliases("Nobody"));
  EXPECT_THAT(none, IsEmpty());
}

TEST_F(AliasTableTest, NamesAreCollapsedAndTimesTrimmed) {
  ASSERT_OK(db_->AddAliases({Alias{"  Joe   Biden ", " BIDEN", " 2021 ", ""}}).status());
  EXPECT_THAT(All(), ElementsAre(Alias{"Joe Biden", "BIDEN", "2021", ""}));
}

TEST_F(AliasTableTest, AddingAnExistingEntryIsANoOp) {
  ASSERT_OK(db_->AddAliases({kPotusBiden}).status());
  // Same names by lookup key, same period written differently: the stored display stays.
  ASSERT_OK_AND_ASSIGN(
      uint64_t added,
      db_->AddAliases({Alias{"joe biden", "president", "2021-01-20", "2025-01-19"}, kPotusBiden}));
  EXPECT_EQ(added, 0u);
  EXPECT_THAT(All(), ElementsAre(kPotusBiden));
}

TEST_F(AliasTableTest, PeriodsOfOnePairMayNotOverlap) {
  ASSERT_OK(db_->AddAliases({kPotusBiden}).status());
  EXPECT_THAT(db_->AddAliases({Alias{"Joe Biden", "President", "2024", ""}}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("overlaps")));
  // Consecutive periods do not overlap; the same alias under another canonical may overlap.
  ASSERT_OK_AND_ASSIGN(uint64_t added,
                       db_->AddAliases({Alias{"Joe Biden", "PRESIDENT", "2025-01-20", ""},
                                        Alias{"Kamala Harris", "PRESIDENT", "2024", ""}}));
  EXPECT_EQ(added, 2u);
}

TEST_F(AliasTableTest, ABadEntryStoresNothingAndIsNamed) {
  ASSERT_OK(db_->AddAliases({kBiden}).status());
  struct Case {
    Alias bad;
    std::string message;
  };
  const Case cases[] = {
      {{"Joe Biden", "joe  BIDEN", "", ""}, "alias: \"joe BIDEN\" cannot be an alias of itself"},
      {{"", "X", "", ""}, "canonical: empty name"},
      {{"X", "  ", "", ""}, "alias: empty name"},
      {{"X", "\xff", "", ""}, "alias: not valid UTF-8"},
      {{"X", "Y", "2021-13", ""}, "from: invalid time \"2021-13\""},
      {{"X", "Y", "", "soon"}, "to: invalid time \"soon\""},
      {{"X", "Y", "2022", "2021"}, "to: the period 2022/2021 is empty"},
      {{"X", std::string(1025, 'y'), "", ""}, "alias: name longer than 1024 bytes"},
  };
  for (const Case& c : cases) {
    size_t failed = 99;
    EXPECT_THAT(db_->AddAliases({kPotusTrump, kPotusBiden, c.bad}, &failed),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(c.message)));
    EXPECT_EQ(failed, 2u) << c.message;
  }
  // Overlap within the batch.
  size_t failed = 99;
  EXPECT_THAT(
      db_->AddAliases({kPotusTrump, Alias{"Donald Trump", "PRESIDENT", "2020", ""}}, &failed),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("overlaps")));
  EXPECT_EQ(failed, 1u);
  EXPECT_THAT(All(), ElementsAre(kBiden));
}

TEST_F(AliasTableTest, RemovesEveryPeriodOrOne) {
  const Alias second{"Joe Biden", "PRESIDENT", "2009", "2016"};
  ASSERT_OK(db_->AddAliases({kBiden, kPotusBiden, second}).status());
  EXPECT_THAT(db_->RemoveAlias("Joe Biden", "PRESIDENT", "2009", "2017"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("for the period 2009/2017")));
  ASSERT_OK_AND_ASSIGN(uint64_t one, db_->RemoveAlias("joe biden", "president", "2009", "2016"));
  EXPECT_EQ(one, 1u);
  EXPECT_THAT(All(), ElementsAre(kBiden, kPotusBiden));
  ASSERT_OK(db_->AddAliases({second}).status());
  ASSERT_OK_AND_ASSIGN(uint64_t both, db_->RemoveAlias("Joe Biden", "PRESIDENT", "", ""));
  EXPECT_EQ(both, 2u);
  EXPECT_THAT(All(), ElementsAre(kBiden));
  EXPECT_THAT(db_->RemoveAlias("Joe Biden", "PRESIDENT", "", ""),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("no alias \"PRESIDENT\"")));
}

TEST_F(AliasTableTest, LiveInTheDatabase) {
  ASSERT_OK(db_->AddAliases({kBiden, kPotusBiden}).status());
  // A reader opened after the change sees it, while the writer is still open.
  Options ro;
  ro.read_only = true;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Database> reader, Database::Open(dir_.Sub("db"), ro));
  ASSERT_OK_AND_ASSIGN(std::vector<Alias> seen, reader->Aliases(""));
  EXPECT_THAT(seen, ElementsAre(kBiden, kPotusBiden));
  EXPECT_THAT(reader->AddAliases({kPotusTrump}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("read-only")));
  EXPECT_THAT(reader->RemoveAlias("Joe Biden", "BIDEN", "", ""),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("read-only")));
  reader.reset();
  // Backup copies them.
  ASSERT_OK(db_->Backup(dir_.Sub("copy")));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Database> copy, Database::Open(dir_.Sub("copy"), ro));
  ASSERT_OK_AND_ASSIGN(std::vector<Alias> copied, copy->Aliases(""));
  EXPECT_THAT(copied, ElementsAre(kBiden, kPotusBiden));
  copy.reset();
  Reopen();
  EXPECT_THAT(All(), ElementsAre(kBiden, kPotusBiden));
  // Aliases are not actors: they do not change the dictionary or the check.
  ASSERT_OK_AND_ASSIGN(DatabaseStats stats, db_->Stats());
  EXPECT_EQ(stats.actors, 0u);
  ASSERT_OK_AND_ASSIGN(CheckReport report, db_->Check());
  EXPECT_THAT(report.problems, IsEmpty());
}

TEST(MakeAliasRecordTest, PeriodHasTheQueryMeaning) {
  ASSERT_OK_AND_ASSIGN(internal::AliasRecord r,
                       internal::MakeAliasRecord(Alias{"A", "B", "2021-01", "2021-02"}));
  EXPECT_EQ(r.from_us, ParseTime("2021-01")->start_us());
  EXPECT_EQ(r.to_us, ParseTime("2021-02")->end_us());
  ASSERT_OK_AND_ASSIGN(r, internal::MakeAliasRecord(Alias{"A", "B", "", ""}));
  EXPECT_EQ(r.from_us, kMinusInfinity);
  EXPECT_EQ(r.to_us, kPlusInfinity);
}

}  // namespace
}  // namespace annals
