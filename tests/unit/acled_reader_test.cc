// Copyright: the Annals authors.
//
// The ACLED export reader: every mapped column in the layouts from before and after ACLED's 2023
// column change, the three time precisions, `D Month YYYY` dates, `;`-separated associated
// actors, `NA`/empty cells, the required header, the column count and recovery. Rows are
// written here in ACLED's column layout; no ACLED data is copied.
#include "internal/text/acled_reader.h"

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

// The layout since 2023.
constexpr char kHeader2023[] =
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
    "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,"
    "country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,"
    "notes,fatalities,tags,timestamp\n";
constexpr char kRow2023[] =
    "XYZ1234,2024-05-07,2024,1,Political violence,Battles,Armed clash,Military Forces of Xland,"
    "Militia A; Militia B,1,Rebels of Y,,2,12,,4,Western Africa,Xland,North,Lake District,Ward 3,"
    "Town,12.5,-3.25,1,Local Paper,National,\"Clashes, reported \"\"heavy\"\".\",3,"
    "crowd size=no report,1715126400\n";

// The layout before 2023.
constexpr char kHeaderOld[] =
    "data_id,iso,event_id_cnty,event_id_no_cnty,event_date,year,time_precision,event_type,"
    "sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,region,"
    "country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,"
    "notes,fatalities,timestamp,iso3\n";
constexpr char kRowOld[] =
    "555,4,ABC77,77,7 May 2019,2019,3,Protests,Peaceful protest,Protesters (Xland),,6,,,0,60,"
    "Caucasus,Xland,Capital,,,Old Town,41.7,44.8,2,Agency,International,Rally held.,0,"
    "1557316800,XLD\n";

std::string AttrsText(const Event& e) {
  std::vector<std::string> parts;
  for (const Attr& a : e.attrs) {
    parts.push_back(absl::StrCat(a.key, "=", a.value, "/", static_cast<int>(a.kind)));
  }
  return absl::StrJoin(parts, " ");
}

Event ReadOne(const std::string& text) {
  std::istringstream in(text);
  AcledRecordReader reader(in);
  Event e;
  absl::StatusOr<bool> more = reader.Next(&e);
  EXPECT_TRUE(more.ok()) << more.status();
  return e;
}

TEST(AcledReaderTest, MapsEveryColumnOf2023Layout) {
  Event e = ReadOne(absl::StrCat(kHeader2023, kRow2023));
  EXPECT_EQ(e.id, "acled-XYZ1234");
  EXPECT_EQ(FormatTime(e.time), "2024-05-07");
  EXPECT_EQ(e.type, "Battles");
  EXPECT_EQ(e.title, "Armed clash");
  EXPECT_THAT(e.actors,
              ElementsAre(Actor{"Military Forces of Xland", "actor1"}, Actor{"Militia A", "assoc1"},
                          Actor{"Militia B", "assoc1"}, Actor{"Rebels of Y", "actor2"}));
  EXPECT_EQ(e.location, "Town, North, Xland");
  EXPECT_EQ(e.source, "Local Paper");
  ASSERT_TRUE(e.recorded.has_value());
  EXPECT_EQ(FormatDate(*e.recorded), "2024-05-08T00:00:00Z");
  EXPECT_EQ(AttrsText(e),
            "admin1=North/0 admin2=Lake District/0 admin3=Ward 3/0 disorder_type=Political "
            "violence/0 fatalities=3/1 geo_precision=1/1 inter1=1/1 inter2=2/1 interaction=12/1 "
            "iso=4/1 lat=12.5/1 lon=-3.25/1 notes=Clashes, reported \"heavy\"./0 region=Western "
            "Africa/0 source_scale=National/0 tags=crowd size=no report/0");
}

TEST(AcledReaderTest, MapsTheLayoutBefore2023) {
  Event e = ReadOne(absl::StrCat(kHeaderOld, kRowOld));
  EXPECT_EQ(e.id, "acled-ABC77");
  EXPECT_EQ(FormatTime(e.time), "2019-05");  // precision 3: the month
  EXPECT_THAT(e.actors, ElementsAre(Actor{"Protesters (Xland)", "actor1"}));
  EXPECT_EQ(e.location, "Old Town, Capital, Xland");
  EXPECT_EQ(FormatDate(*e.recorded), "2019-05-08T12:00:00Z");
  EXPECT_EQ(AttrsText(e),
            "admin1=Capital/0 fatalities=0/1 geo_precision=2/1 inter1=6/1 inter2=0/1 "
            "interaction=60/1 iso=4/1 lat=41.7/1 lon=44.8/1 notes=Rally held./0 "
            "region=Caucasus/0 source_scale=International/0");
}

TEST(AcledTimeTest, ThreePrecisionsAndBothDateForms) {
  EXPECT_EQ(*AcledTimeText("2024-05-07", "1"), "2024-05-07");
  EXPECT_EQ(*AcledTimeText("2024-05-07", "2"), "2024-05-07~");
  EXPECT_EQ(*AcledTimeText("2024-05-07", "3"), "2024-05");
  EXPECT_EQ(*AcledTimeText("7 May 2024", "1"), "2024-05-07");
  EXPECT_EQ(*AcledTimeText("07 september 2024", "2"), "2024-09-07~");
  EXPECT_EQ(*AcledTimeText("2024-05-07", ""), "2024-05-07");
  EXPECT_THAT(AcledTimeText("2024-05-07", "4"),
              StatusIs(kInvalid, HasSubstr("\"time_precision\": expected 1, 2 or 3")));
  EXPECT_THAT(AcledTimeText("31 June 2024", "1"),
              StatusIs(kInvalid, HasSubstr("\"event_date\": expected YYYY-MM-DD or D Month YYYY")));
  EXPECT_THAT(AcledTimeText("7 Mai 2024", "1"), StatusIs(kInvalid, HasSubstr("\"event_date\"")));
}

TEST(AcledReaderTest, ApproximateDayIsStoredWithItsQualifier) {
  std::istringstream in(
      "event_id_cnty,event_date,time_precision,actor1,assoc_actor_2,fatalities\n"
      "A1,2024-05-07,2,NA, ; Group C ;,NA\n");
  AcledRecordReader reader(in);
  Event e;
  ASSERT_OK_AND_ASSIGN(bool more, reader.Next(&e));
  ASSERT_TRUE(more);
  EXPECT_EQ(FormatTime(e.time), "2024-05-07~");
  EXPECT_THAT(e.actors, ElementsAre(Actor{"Group C", "assoc2"}));
  EXPECT_TRUE(e.attrs.empty());
}

TEST(AcledReaderTest, HeaderIsRequired) {
  std::istringstream in(kRow2023);
  AcledRecordReader reader(in);
  Event e;
  for (int i = 0; i < 2; ++i) {
    EXPECT_THAT(reader.Next(&e),
                StatusIs(kInvalid, HasSubstr("ACLED header: no \"event_id_cnty\" column")));
  }
}

TEST(AcledReaderTest, BadRowsAreReportedAndSkipped) {
  std::istringstream in(
      "event_id_cnty,event_date,fatalities\n"
      "A1,2024-05-07\n"
      "A2,2024-05-07,many\n"
      "\"A3\nx\",2024-05-07,1\n"
      "A4,2024-05-08,2\n");
  AcledRecordReader reader(in);
  Event e;
  EXPECT_THAT(reader.Next(&e), StatusIs(kInvalid, "expected 3 columns, found 2"));
  EXPECT_EQ(reader.line(), 2);
  EXPECT_THAT(reader.Next(&e),
              StatusIs(kInvalid, HasSubstr("\"fatalities\": not a number: \"many\"")));
  EXPECT_EQ(reader.line(), 3);
  ASSERT_OK_AND_ASSIGN(bool more, reader.Next(&e));
  ASSERT_TRUE(more);
  EXPECT_EQ(e.id, "acled-A3\nx");
  EXPECT_EQ(reader.line(), 4);
  ASSERT_OK_AND_ASSIGN(more, reader.Next(&e));
  ASSERT_TRUE(more);
  EXPECT_EQ(e.id, "acled-A4");
  EXPECT_EQ(reader.line(), 6);
  ASSERT_OK_AND_ASSIGN(more, reader.Next(&e));
  EXPECT_FALSE(more);
}

}  // namespace
}  // namespace annals::internal
