// Copyright: the Annals authors.
//
// The ICEWS coded events reader: every mapped column, `NA` cells, leading-zero CAMEO codes, ids
// from Event ID and Event Date, the required header, the column count and recovery. Rows are
// written here in the Dataverse `.tab` layout; no ICEWS data is copied.
#include "internal/text/icews_reader.h"

#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"

namespace annals::internal {
namespace {

using ::annals::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr auto kInvalid = absl::StatusCode::kInvalidArgument;

constexpr char kHeader[] =
    "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\t"
    "Intensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\tSentence Number\tPublisher\t"
    "City\tDistrict\tProvince\tCountry\tLatitude\tLongitude\n";

constexpr char kRow[] =
    "30001\t2018-06-01\tForeign Affairs (Freedonia)\tExecutive,Government\tFreedonia\tConsult\t"
    "040\t1\tMilitary (Sylvania)\tMilitary\tSylvania\t47400351\t2\tDaily Herald\tTown\tWest\t"
    "North Province\tSylvania\t21.0245\t105.841\n";

constexpr char kRowWithNa[] =
    "30002\t2018-06-02\tSylvania\tNA\tSylvania\tMake statement\t010\t0\tNA\tNA\tNA\t47400352\t1\t"
    "NA\tNA\tNA\tNA\tSylvania\t35.6149\t-139.5\n";

std::string AttrsText(const Event& e) {
  std::vector<std::string> parts;
  for (const Attr& a : e.attrs) {
    parts.push_back(absl::StrCat(a.key, "=", a.value, "/", static_cast<int>(a.kind)));
  }
  return absl::StrJoin(parts, " ");
}

absl::StatusOr<bool> NextOf(IcewsRecordReader& reader, Event* e) { return reader.Next(e); }

TEST(IcewsReaderTest, MapsEveryColumn) {
  std::istringstream in(absl::StrCat(kHeader, kRow));
  IcewsRecordReader reader(in);
  Event e;
  ASSERT_OK_AND_ASSIGN(bool more, NextOf(reader, &e));
  ASSERT_TRUE(more);
  EXPECT_EQ(reader.line(), 2);
  EXPECT_EQ(e.id, "icews-30001-2018-06-01");
  EXPECT_EQ(FormatTime(e.time), "2018-06-01");
  EXPECT_EQ(e.type, "040");
  EXPECT_EQ(e.title, "Consult");
  EXPECT_THAT(e.actors, ElementsAre(Actor{"Foreign Affairs (Freedonia)", "source"},
                                    Actor{"Military (Sylvania)", "target"}));
  EXPECT_EQ(e.location, "Town, North Province, Sylvania");
  EXPECT_EQ(AttrsText(e),
            "district=West/0 intensity=1/1 lat=21.0245/1 lon=105.841/1 publisher=Daily Herald/0 "
            "sentence=2/1 source_country=Freedonia/0 source_sectors=Executive,Government/0 "
            "story_id=47400351/1 target_country=Sylvania/0 target_sectors=Military/0");
  ASSERT_OK_AND_ASSIGN(more, NextOf(reader, &e));
  EXPECT_FALSE(more);
}

TEST(IcewsReaderTest, NaCellsGiveNoEntry) {
  std::istringstream in(absl::StrCat(kHeader, kRowWithNa));
  IcewsRecordReader reader(in);
  Event e;
  ASSERT_OK_AND_ASSIGN(bool more, NextOf(reader, &e));
  ASSERT_TRUE(more);
  EXPECT_EQ(e.type, "010");
  EXPECT_THAT(e.actors, ElementsAre(Actor{"Sylvania", "source"}));
  EXPECT_EQ(e.location, "Sylvania");
  EXPECT_EQ(AttrsText(e),
            "intensity=0/1 lat=35.6149/1 lon=-139.5/1 sentence=1/1 source_country=Sylvania/0 "
            "story_id=47400352/1");
}

TEST(IcewsReaderTest, RepeatedRowsGiveEqualRecords) {
  std::istringstream in(absl::StrCat(kHeader, kRow, kRow));
  IcewsRecordReader reader(in);
  Event first, second;
  ASSERT_OK_AND_ASSIGN(bool more, NextOf(reader, &first));
  ASSERT_OK_AND_ASSIGN(more, NextOf(reader, &second));
  ASSERT_TRUE(more);
  EXPECT_EQ(first, second);
}

TEST(IcewsReaderTest, HeaderIsRequired) {
  std::istringstream in(kRow);
  IcewsRecordReader reader(in);
  Event e;
  for (int i = 0; i < 2; ++i) {
    EXPECT_THAT(NextOf(reader, &e),
                StatusIs(kInvalid, HasSubstr("ICEWS header: no \"Event ID\" column (the first line "
                                             "must be ICEWS's header row)")));
    EXPECT_EQ(reader.line(), 1);
  }
}

TEST(IcewsReaderTest, ColumnsAreFoundByName) {
  std::istringstream in("event date\tCAMEO Code\tEvent ID\tExtra\n2018-06-03\t0211\t7\tignored\n");
  IcewsRecordReader reader(in);
  Event e;
  ASSERT_OK_AND_ASSIGN(bool more, NextOf(reader, &e));
  ASSERT_TRUE(more);
  EXPECT_EQ(e.id, "icews-7-2018-06-03");
  EXPECT_EQ(e.type, "0211");
  EXPECT_TRUE(e.attrs.empty());
}

TEST(IcewsReaderTest, BadRowsAreReportedAndSkipped) {
  std::string short_row = kRow;
  short_row.erase(short_row.rfind('\t'));
  std::istringstream in(
      absl::StrCat(kHeader, short_row, "\n",
                   "30003\t2018-13-01\tA\tNA\tNA\tT\t01\t1\tB\tNA\tNA\t1\t1\tP\t"
                   "NA\tNA\tNA\tNA\tNA\tNA\n",
                   "30004\t2018-06-04\tA\tNA\tNA\tT\t01\tstrong\tB\tNA\tNA\t1\t1\t"
                   "P\tNA\tNA\tNA\tNA\tNA\tNA\n",
                   kRow));
  IcewsRecordReader reader(in);
  Event e;
  EXPECT_THAT(NextOf(reader, &e), StatusIs(kInvalid, "expected 20 columns, found 19"));
  EXPECT_EQ(reader.line(), 2);
  EXPECT_THAT(NextOf(reader, &e),
              StatusIs(kInvalid, HasSubstr("\"Event Date\": not a date: \"2018-13-01\"")));
  EXPECT_EQ(reader.line(), 3);
  EXPECT_THAT(NextOf(reader, &e),
              StatusIs(kInvalid, HasSubstr("\"Intensity\": not a number: \"strong\"")));
  ASSERT_OK_AND_ASSIGN(bool more, NextOf(reader, &e));
  ASSERT_TRUE(more);
  EXPECT_EQ(reader.line(), 5);
}

// Found by dataset_reader_fuzzer: a Story ID of "474e0359" has a number's syntax but no double
// holds it, and the NDJSON reader refuses such a number, so the event's JSON form would not read
// back. The reader refuses it where it stands; the next row still reads.
TEST(IcewsReaderTest, ANumberBeyondADoubleIsRefused) {
  std::istringstream in(absl::StrCat(kHeader,
                                     "30005\t2018-06-05\tA\tNA\tNA\tT\t01\t1\tB\tNA\tNA\t"
                                     "474e0359\t1\tP\tNA\tNA\tNA\tNA\tNA\tNA\n",
                                     kRow));
  IcewsRecordReader reader(in);
  Event e;
  EXPECT_THAT(
      NextOf(reader, &e),
      StatusIs(kInvalid, HasSubstr("\"Story ID\": a number too large for a double: \"474e0359\"")));
  EXPECT_EQ(reader.line(), 2);
  ASSERT_OK_AND_ASSIGN(bool more, NextOf(reader, &e));
  ASSERT_TRUE(more);
  EXPECT_EQ(e.id, "icews-30001-2018-06-01");
}

}  // namespace
}  // namespace annals::internal
