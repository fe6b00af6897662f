// Copyright: the Annals authors.
//
// The GDELT 2.0 events reader: every mapped column, empty cells, leading-zero codes, the optional
// header (with extra columns after SOURCEURL), the column count, bad cells and recovery. Rows are
// written here in GDELT's layout; no GDELT data is copied.
#include "internal/text/gdelt_reader.h"

#include <map>
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

// A 61-column row, empty except for `cells` (column number from 0 → text).
std::vector<std::string> Row(const std::map<int, std::string>& cells) {
  std::vector<std::string> row(kGdeltColumns);
  for (const auto& [column, text] : cells) row[column] = text;
  return row;
}

// A full row as GDELT writes it: two actors, codes with leading zeros, every mapped cell set.
std::vector<std::string> FullRow() {
  return Row({{0, "741917022"},
              {1, "20180326"},
              {5, "RUSGOV"},
              {6, "RUSSIA"},
              {7, "RUS"},
              {15, "UKR"},
              {16, "UKRAINE"},
              {17, "UKR"},
              {25, "1"},
              {26, "040"},
              {27, "040"},
              {28, "04"},
              {29, "1"},
              {30, "1.0"},
              {31, "10"},
              {32, "2"},
              {33, "10"},
              {34, "-2.5974025974026"},
              {52, "Kyiv, Ukraine"},
              {53, "UP"},
              {56, "50.4333"},
              {57, "30.5167"},
              {59, "20180326044500"},
              {60, "https://example.org/a"}});
}

std::string Line(const std::vector<std::string>& cells) { return absl::StrJoin(cells, "\t"); }

std::vector<std::string> Header(const std::vector<std::string>& extra = {}) {
  std::vector<std::string> names = {"GLOBALEVENTID",
                                    "SQLDATE",
                                    "MonthYear",
                                    "Year",
                                    "FractionDate",
                                    "Actor1Code",
                                    "Actor1Name",
                                    "Actor1CountryCode",
                                    "Actor1KnownGroupCode",
                                    "Actor1EthnicCode",
                                    "Actor1Religion1Code",
                                    "Actor1Religion2Code",
                                    "Actor1Type1Code",
                                    "Actor1Type2Code",
                                    "Actor1Type3Code",
                                    "Actor2Code",
                                    "Actor2Name",
                                    "Actor2CountryCode",
                                    "Actor2KnownGroupCode",
                                    "Actor2EthnicCode",
                                    "Actor2Religion1Code",
                                    "Actor2Religion2Code",
                                    "Actor2Type1Code",
                                    "Actor2Type2Code",
                                    "Actor2Type3Code",
                                    "IsRootEvent",
                                    "EventCode",
                                    "EventBaseCode",
                                    "EventRootCode",
                                    "QuadClass",
                                    "GoldsteinScale",
                                    "NumMentions",
                                    "NumSources",
                                    "NumArticles",
                                    "AvgTone",
                                    "Actor1Geo_Type",
                                    "Actor1Geo_FullName",
                                    "Actor1Geo_CountryCode",
                                    "Actor1Geo_ADM1Code",
                                    "Actor1Geo_ADM2Code",
                                    "Actor1Geo_Lat",
                                    "Actor1Geo_Long",
                                    "Actor1Geo_FeatureID",
                                    "Actor2Geo_Type",
                                    "Actor2Geo_FullName",
                                    "Actor2Geo_CountryCode",
                                    "Actor2Geo_ADM1Code",
                                    "Actor2Geo_ADM2Code",
                                    "Actor2Geo_Lat",
                                    "Actor2Geo_Long",
                                    "Actor2Geo_FeatureID",
                                    "ActionGeo_Type",
                                    "ActionGeo_FullName",
                                    "ActionGeo_CountryCode",
                                    "ActionGeo_ADM1Code",
                                    "ActionGeo_ADM2Code",
                                    "ActionGeo_Lat",
                                    "ActionGeo_Long",
                                    "ActionGeo_FeatureID",
                                    "DATEADDED",
                                    "SOURCEURL"};
  names.insert(names.end(), extra.begin(), extra.end());
  return names;
}

std::string AttrsText(const Event& e) {
  std::vector<std::string> parts;
  for (const Attr& a : e.attrs) {
    parts.push_back(absl::StrCat(a.key, "=", a.value, "/", static_cast<int>(a.kind)));
  }
  return absl::StrJoin(parts, " ");
}

TEST(GdeltRowTest, MapsEveryColumn) {
  ASSERT_OK_AND_ASSIGN(Event e, GdeltRowToEvent(FullRow()));
  EXPECT_EQ(e.id, "gdelt-741917022");
  EXPECT_EQ(FormatTime(e.time), "2018-03-26");
  EXPECT_EQ(e.type, "040");
  EXPECT_THAT(e.actors, ElementsAre(Actor{"RUSSIA", "source"}, Actor{"UKRAINE", "target"}));
  EXPECT_EQ(e.location, "Kyiv, Ukraine");
  EXPECT_EQ(e.source, "https://example.org/a");
  ASSERT_TRUE(e.recorded.has_value());
  EXPECT_EQ(FormatDate(*e.recorded), "2018-03-26T04:45:00Z");
  ASSERT_OK(NormalizeEvent(e));
  // Kinds: 0 string, 1 number, 2 boolean.
  EXPECT_EQ(AttrsText(e),
            "actor1_code=RUSGOV/0 actor1_country=RUS/0 actor2_code=UKR/0 actor2_country=UKR/0 "
            "articles=10/1 base_code=040/0 country=UP/0 goldstein=1.0/1 is_root=true/2 "
            "lat=50.4333/1 lon=30.5167/1 mentions=10/1 quad_class=1/1 root_code=04/0 "
            "sources=2/1 tone=-2.5974025974026/1");
}

TEST(GdeltRowTest, EmptyCellsGiveNoEntry) {
  ASSERT_OK_AND_ASSIGN(Event e, GdeltRowToEvent(Row({{0, "1"}, {1, "20170101"}})));
  EXPECT_EQ(e.id, "gdelt-1");
  EXPECT_TRUE(e.actors.empty());
  EXPECT_TRUE(e.attrs.empty());
  EXPECT_EQ(e.type, "");
  EXPECT_FALSE(e.recorded.has_value());
}

TEST(GdeltRowTest, ActorCodeStandsInForAMissingName) {
  ASSERT_OK_AND_ASSIGN(
      Event e,
      GdeltRowToEvent(Row(
          {{0, "1"}, {1, "20170101"}, {5, "BUS"}, {15, "MNCUSA"}, {16, "MICROSOFT"}, {25, "0"}})));
  EXPECT_THAT(e.actors, ElementsAre(Actor{"BUS", "source"}, Actor{"MICROSOFT", "target"}));
  EXPECT_EQ(AttrsText(e), "actor1_code=BUS/0 actor2_code=MNCUSA/0 is_root=false/2");
}

TEST(GdeltRowTest, SelfDyadKeepsBothEntriesBeforeNormalization) {
  ASSERT_OK_AND_ASSIGN(
      Event e,
      GdeltRowToEvent(Row({{0, "2"}, {1, "20180326"}, {6, "BANGLADESH"}, {16, "BANGLADESH"}})));
  EXPECT_THAT(e.actors, ElementsAre(Actor{"BANGLADESH", "source"}, Actor{"BANGLADESH", "target"}));
}

TEST(GdeltRowTest, BadCellsNameTheColumn) {
  std::vector<std::string> row = FullRow();
  row[1] = "2018-03-26";
  EXPECT_THAT(GdeltRowToEvent(row),
              StatusIs(kInvalid, HasSubstr("\"SQLDATE\": expected YYYYMMDD")));
  row = FullRow();
  row[1] = "20180230";
  EXPECT_THAT(GdeltRowToEvent(row), StatusIs(kInvalid, HasSubstr("\"SQLDATE\": not a date")));
  row = FullRow();
  row[30] = "high";
  EXPECT_THAT(GdeltRowToEvent(row),
              StatusIs(kInvalid, HasSubstr("\"GoldsteinScale\": not a number: \"high\"")));
  row = FullRow();
  row[59] = "201803260445";
  EXPECT_THAT(GdeltRowToEvent(row), StatusIs(kInvalid, HasSubstr("\"DATEADDED\"")));
  row = FullRow();
  row[25] = "yes";
  EXPECT_THAT(GdeltRowToEvent(row), StatusIs(kInvalid, HasSubstr("\"IsRootEvent\"")));
  row = FullRow();
  row[0] = "";
  EXPECT_THAT(GdeltRowToEvent(row), StatusIs(kInvalid, HasSubstr("\"GLOBALEVENTID\": empty")));
}

TEST(GdeltReaderTest, ReadsRowsAndNamesLines) {
  std::vector<std::string> short_row = FullRow();
  short_row.pop_back();
  std::vector<std::string> second = FullRow();
  second[0] = "741917023";
  std::istringstream in(
      absl::StrCat(Line(FullRow()), "\n\n", Line(short_row), "\r\n", Line(second), "\n"));
  GdeltRecordReader reader(in);
  Event e;
  ASSERT_OK_AND_ASSIGN(bool more, reader.Next(&e));
  EXPECT_TRUE(more);
  EXPECT_EQ(e.id, "gdelt-741917022");
  EXPECT_EQ(reader.line(), 1);
  EXPECT_THAT(reader.Next(&e), StatusIs(kInvalid, "expected 61 columns, found 60"));
  EXPECT_EQ(reader.line(), 3);
  ASSERT_OK_AND_ASSIGN(more, reader.Next(&e));
  EXPECT_TRUE(more);
  EXPECT_EQ(e.id, "gdelt-741917023");
  EXPECT_EQ(reader.line(), 4);
  ASSERT_OK_AND_ASSIGN(more, reader.Next(&e));
  EXPECT_FALSE(more);
}

TEST(GdeltReaderTest, WithoutHeaderA62ColumnRowIsInvalid) {
  std::vector<std::string> row = FullRow();
  row.push_back("POINT(30.5167 50.4333)");
  std::istringstream in(Line(row));
  GdeltRecordReader reader(in);
  Event e;
  EXPECT_THAT(reader.Next(&e), StatusIs(kInvalid, "expected 61 columns, found 62"));
}

TEST(GdeltReaderTest, HeaderIsSkippedAndExtraColumnsIgnored) {
  std::vector<std::string> row = FullRow();
  row.push_back("POINT(30.5167 50.4333)");
  std::vector<std::string> short_row = row;
  short_row.pop_back();
  std::istringstream in(absl::StrCat("\xEF\xBB\xBF", Line(Header({"WKT"})), "\n", Line(row), "\n",
                                     Line(short_row), "\n"));
  GdeltRecordReader reader(in);
  Event e;
  ASSERT_OK_AND_ASSIGN(bool more, reader.Next(&e));
  EXPECT_TRUE(more);
  EXPECT_EQ(reader.line(), 2);
  EXPECT_EQ(e.source, "https://example.org/a");
  EXPECT_THAT(reader.Next(&e), StatusIs(kInvalid, "expected 62 columns, found 61"));
}

TEST(GdeltReaderTest, PlainHeaderIsSkipped) {
  std::istringstream in(absl::StrCat(Line(Header()), "\n", Line(FullRow()), "\n"));
  GdeltRecordReader reader(in);
  Event e;
  ASSERT_OK_AND_ASSIGN(bool more, reader.Next(&e));
  EXPECT_TRUE(more);
  EXPECT_EQ(e.id, "gdelt-741917022");
}

TEST(GdeltReaderTest, HeaderNamingOtherColumnsFailsEveryCall) {
  std::vector<std::string> header = Header();
  header[26] = "CAMEOCodeDescription";
  std::istringstream in(absl::StrCat(Line(header), "\n", Line(FullRow()), "\n"));
  GdeltRecordReader reader(in);
  Event e;
  for (int i = 0; i < 2; ++i) {
    EXPECT_THAT(reader.Next(&e),
                StatusIs(kInvalid, HasSubstr("GDELT header: column 27 is \"CAMEOCodeDescription\", "
                                             "expected \"EventCode\"")));
    EXPECT_EQ(reader.line(), 1);
  }
}

TEST(GdeltReaderTest, ThroughThePublicFactory) {
  ASSERT_OK_AND_ASSIGN(RecordFormat format, ParseRecordFormat("gdelt"));
  std::istringstream in(Line(FullRow()));
  auto reader = RecordReader::ForFormat(format, in);
  Event e;
  ASSERT_OK_AND_ASSIGN(bool more, reader->Next(&e));
  EXPECT_TRUE(more);
  EXPECT_EQ(e.type, "040");
  EXPECT_THAT(ParseRecordFormat("gdelt1"), StatusIs(kInvalid, HasSubstr("unknown record format")));
}

}  // namespace
}  // namespace annals::internal
