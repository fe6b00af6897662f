// Copyright: the Annals authors.
//
// CSV: the splitter's RFC 4180 edge cases, header rules, rows to events,
// RecordReader::Csv line numbers and recovery, and FormatCsvRecord.
#include "internal/text/csv_record.h"

#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "annals/record_io.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "internal/text/csv_splitter.h"
#include "internal/text/input_buffer.h"
#include "testing/status_matchers.h"

namespace annals {

void PrintTo(const Event& e, std::ostream* os) { *os << FormatJsonRecord(e); }

namespace {

using ::annals::testing::IsOk;
using ::annals::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr auto kInvalid = absl::StatusCode::kInvalidArgument;

using Fields = std::vector<std::string>;

// Every record of `text` (or the first error's message as a one-field record
// "ERROR: ...").
std::vector<Fields> Split(const std::string& text) {
  std::istringstream in(text);
  internal::InputBuffer buffer(in);
  internal::CsvSplitter splitter(&buffer);
  std::vector<Fields> records;
  Fields fields;
  while (true) {
    absl::StatusOr<bool> more = splitter.Next(&fields);
    if (!more.ok()) {
      records.push_back({absl::StrCat("ERROR: ", more.status().message())});
      continue;
    }
    if (!*more) break;
    records.push_back(fields);
  }
  return records;
}

TEST(CsvSplitterTest, Rfc4180) {
  struct Case {
    std::string text;
    std::vector<Fields> records;
  };
  const Case cases[] = {
      {"", {}},
      {"a", {{"a"}}},
      {"a,b\n", {{"a", "b"}}},
      {"a,b\r\nc,d\r\n", {{"a", "b"}, {"c", "d"}}},
      {"a,b\nc,d", {{"a", "b"}, {"c", "d"}}},
      {",\n", {{"", ""}}},
      {"a,,\n", {{"a", "", ""}}},
      {"\"a,b\",c\n", {{"a,b", "c"}}},
      {"\"say \"\"hi\"\"\",x\n", {{"say \"hi\"", "x"}}},
      {"\"\"\n", {{""}}},
      {"\"\"\"\"\n", {{"\""}}},
      {"\"line1\nline2\",x\n", {{"line1\nline2", "x"}}},
      {"\"crlf\r\ninside\"\r\n", {{"crlf\r\ninside"}}},
      {"a\"b,c\n", {{"a\"b", "c"}}},     // a quote inside an unquoted field is text
      {" a , b \n", {{" a ", " b "}}},   // spaces are data
      {"a\rb,c\n", {{"a\rb", "c"}}},     // a lone CR is data
      {"a\n\n\r\nb\n", {{"a"}, {"b"}}},  // blank lines skipped
      {"\xc3\xa9,\xe4\xb8\xad\n", {{"\xc3\xa9", "\xe4\xb8\xad"}}},
      {"\"abc\"x,y\nz\n", {{"ERROR: column 1: text after a closing quote"}, {"z"}}},
      {"a,\"open\nnever closed\n",
       {{"ERROR: column 2: quoted field not closed before the end of input"}}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Split(c.text), c.records) << "text: " << c.text;
  }
}

TEST(CsvSplitterTest, OverLongRecordIsSkipped) {
  const std::string big(kMaxLineBytes + 5, 'x');
  const std::vector<Fields> records = Split(absl::StrCat("a\n\"", big, "\n", big, "\",b\nc\n"));
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0], Fields{"a"});
  EXPECT_THAT(records[1][0], HasSubstr("ERROR: record longer than 1 MiB"));
  EXPECT_EQ(records[2], Fields{"c"});
}

TEST(ParseCsvActorsTest, Table) {
  EXPECT_EQ(internal::ParseCsvActors(""), std::vector<Actor>{});
  EXPECT_EQ(internal::ParseCsvActors(" Mark Rutte = speaker ;Olaf Scholz;; ;NATO=;a=b=c"),
            (std::vector<Actor>{
                {"Mark Rutte", "speaker"}, {"Olaf Scholz", ""}, {"NATO", ""}, {"a=b", "c"}}));
  EXPECT_EQ(internal::ParseCsvActors("=role"), (std::vector<Actor>{{"", "role"}}));
}

// FORMAT.md "CSV input": a backslash escapes `;`, `=` and itself; the role is
// split off at the last unescaped `=`.
TEST(ParseCsvActorsTest, Escapes) {
  EXPECT_EQ(internal::ParseCsvActors("Smith\\; John;E\\=mc2=physicist"),
            (std::vector<Actor>{{"Smith; John", ""}, {"E=mc2", "physicist"}}));
  EXPECT_EQ(internal::ParseCsvActors("back\\\\slash=r\\=s;a\\b"),
            (std::vector<Actor>{{"back\\slash", "r=s"}, {"a\\b", ""}}));
  EXPECT_EQ(internal::ParseCsvActors("x\\=y"), (std::vector<Actor>{{"x=y", ""}}));
}

TEST(ParseCsvHeaderTest, Errors) {
  EXPECT_THAT(internal::ParseCsvHeader({"id", "time", "x", "id"}),
              StatusIs(kInvalid, HasSubstr("duplicate column \"id\"")));
  EXPECT_THAT(internal::ParseCsvHeader({"time", "x", "x"}),
              StatusIs(kInvalid, HasSubstr("duplicate column \"x\"")));
  EXPECT_THAT(internal::ParseCsvHeader({"id", "Time", "title"}),
              StatusIs(kInvalid, HasSubstr("no \"time\" column")));
  EXPECT_THAT(internal::ParseCsvHeader({"time", "bad\xff"}),
              StatusIs(kInvalid, HasSubstr("column 2: invalid UTF-8")));
  EXPECT_THAT(internal::ParseCsvHeader({"time"}), IsOk());
}

// Reads all of `text` with RecordReader::Csv: for each call, the event as JSON
// (or "ERROR: " and the message) and the line.
std::vector<std::pair<std::string, int64_t>> ReadCsv(const std::string& text) {
  std::istringstream in(text);
  auto reader = RecordReader::Csv(in);
  std::vector<std::pair<std::string, int64_t>> out;
  Event e;
  for (int calls = 0; calls < 100; ++calls) {
    absl::StatusOr<bool> more = reader->Next(&e);
    if (more.ok() && !*more) break;
    out.emplace_back(
        more.ok() ? FormatJsonRecord(e) : absl::StrCat("ERROR: ", more.status().message()),
        reader->line());
  }
  return out;
}

using Rows = std::vector<std::pair<std::string, int64_t>>;

TEST(CsvReaderTest, AllColumns) {
  EXPECT_EQ(
      ReadCsv("id,time,type,title,actors,location,source,recorded,quote,empty\n"
              "rutte,2024-10,statement,\"Rutte: NATO, united\","
              "\"Mark Rutte=speaker; Olaf  Scholz;NATO\",\"Berlin, "
              "Germany\",https://x.org,"
              "2024-11-06,\"make sure \"\"united\"\"\",\n"),
      (Rows{{R"({"id":"rutte","time":"2024-10","type":"statement","title":"Rutte: NATO, united",)"
             R"("actors":[{"name":"Mark Rutte","role":"speaker"},"Olaf Scholz","NATO"],)"
             R"("location":"Berlin, Germany","source":"https://x.org","recorded":"2024-11-06",)"
             R"("attrs":{"quote":"make sure \"united\""}})",
             2}}));
}

TEST(CsvReaderTest, EmptyCellsAreAbsent) {
  EXPECT_EQ(ReadCsv("time,id,type,actors,recorded,x\r\n2024,,,,,\r\n"),
            (Rows{{R"({"time":"2024"})", 2}}));
}

TEST(CsvReaderTest, LineNumbersAfterMultiLineRecordsAndErrors) {
  EXPECT_EQ(ReadCsv("time,title\n"                     // 1
                    "2024,\"first\nsecond\nthird\"\n"  // 2-4
                    "\n"                               // 5 (blank)
                    "2024-13,bad time\n"               // 6
                    "2024,too,many\n"                  // 7
                    "2024\n"                           // 8
                    "\"2024\",\"multi\r\nline\"\r\n"   // 9-10
                    "2024,ok"),                        // 11, no final newline
            (Rows{{R"({"time":"2024","title":"first\nsecond\nthird"})", 2},
                  {"ERROR: field \"time\": invalid time \"2024-13\": month 13 "
                   "out of range",
                   6},
                  {"ERROR: expected 2 fields, found 3", 7},
                  {"ERROR: expected 2 fields, found 1", 8},
                  {R"({"time":"2024","title":"multi\r\nline"})", 9},
                  {R"({"time":"2024","title":"ok"})", 11}}));
}

TEST(CsvReaderTest, RecordErrorsNameTheField) {
  const Rows rows = ReadCsv(
      "time,title,actors,recorded,n\n"
      ",a,,,\n"
      "2024,\xff,,,\n"
      "2024,,=role,,\n"
      "2024,,,2024/2025,\n"
      "2024,,,,\xc3\n"
      "2024,\"x\"y,,,\n"
      "2024,fine,A;a=r,,1\n");
  ASSERT_EQ(rows.size(), 7u);
  EXPECT_EQ(rows[0], (std::pair<std::string, int64_t>{"ERROR: field \"time\": empty", 2}));
  EXPECT_EQ(rows[1], (std::pair<std::string, int64_t>{"ERROR: title: invalid UTF-8", 3}));
  EXPECT_EQ(rows[2], (std::pair<std::string, int64_t>{"ERROR: actors[0].name: empty", 4}));
  EXPECT_THAT(rows[3].first, HasSubstr("field \"recorded\""));
  EXPECT_EQ(rows[4], (std::pair<std::string, int64_t>{"ERROR: attrs.n: invalid UTF-8", 6}));
  EXPECT_EQ(rows[5],
            (std::pair<std::string, int64_t>{"ERROR: column 2: text after a closing quote", 7}));
  EXPECT_EQ(rows[6], (std::pair<std::string, int64_t>{
                         R"({"time":"2024","title":"fine","actors":["A",{"name":"a","role":"r"}],)"
                         R"("attrs":{"n":"1"}})",
                         8}));
}

TEST(CsvReaderTest, HeaderErrorsFailEveryCall) {
  for (const std::string header : {"id,time,id\n", "id,title\n", "\"time\n"}) {
    std::istringstream in(header + "2024,x,y\n");
    auto reader = RecordReader::Csv(in);
    Event e;
    for (int i = 0; i < 3; ++i) {
      EXPECT_THAT(reader->Next(&e), StatusIs(kInvalid, HasSubstr("CSV header: "))) << header;
      EXPECT_EQ(reader->line(), 1);
    }
  }
}

TEST(CsvReaderTest, EmptyInputAndHeaderOnly) {
  EXPECT_EQ(ReadCsv(""), Rows{});
  EXPECT_EQ(ReadCsv("time,title\n"), Rows{});
  EXPECT_EQ(ReadCsv("time,title"), Rows{});
}

TEST(CsvReaderTest, ByteOrderMarkSkipped) {
  EXPECT_EQ(ReadCsv("\xEF\xBB\xBFtime,x\n2024,1\n"),
            (Rows{{R"({"time":"2024","attrs":{"x":"1"}})", 2}}));
}

TEST(CsvReaderTest, ColumnNamesAreCaseSensitive) {
  EXPECT_EQ(ReadCsv("time,Title\n2024,x\n"),
            (Rows{{R"({"time":"2024","attrs":{"Title":"x"}})", 2}}));
}

TEST(CsvReaderTest, OverLongRecord) {
  const Rows rows = ReadCsv(
      absl::StrCat("time,title\n2024,\"", std::string(kMaxLineBytes, 'x'), "\"\n2024,ok\n"));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_THAT(rows[0].first, HasSubstr("ERROR: record longer than 1 MiB"));
  EXPECT_EQ(rows[0].second, 2);
  EXPECT_EQ(rows[1], (std::pair<std::string, int64_t>{R"({"time":"2024","title":"ok"})", 3}));
}

TEST(FormatCsvRecordTest, HeaderAndQuoting) {
  EXPECT_EQ(CsvHeader(), "id,time,type,title,actors,location,source,recorded,attrs");
  Event e;
  e.time = *ParseTime("2017-01-20/2021-01-20");
  EXPECT_EQ(FormatCsvRecord(e), ",2017-01-20/2021-01-20,,,,,,,");
  e.id = "id 1";
  e.type = "say \"hi\"";
  e.title = "a,b";
  e.actors = {{"Mark Rutte", "speaker"}, {"NATO", ""}};
  e.location = "line1\nline2";
  e.source = "cr\rhere";
  e.recorded = *ParseDate("2024-11-06");
  e.attrs = {{"b", Attr::Kind::kBool, "true"},
             {"n", Attr::Kind::kNumber, "1.50"},
             {"s", Attr::Kind::kString, "x\"y"}};
  EXPECT_EQ(FormatCsvRecord(e),
            "id 1,2017-01-20/2021-01-20,\"say \"\"hi\"\"\",\"a,b\",Mark "
            "Rutte=speaker;NATO,"
            "\"line1\nline2\",\"cr\rhere\",2024-11-06,"
            "\"{\"\"b\"\":true,\"\"n\"\":1.50,\"\"s\"\":\"\"x\\\"\"y\"\"}\"");
}

TEST(FormatCsvRecordTest, ReadsBackThroughTheCsvReader) {
  Event e;
  e.time = *ParseTime("2024-11-05");
  e.id = "x,1";
  e.title = "multi\nline \"quoted\"";
  e.actors = {{"Mark Rutte", "speaker"}, {"Ol\xc3\xa9", ""}};
  e.recorded = *ParseDate("2024");
  e.attrs = {{"k", Attr::Kind::kNumber, "2"}};
  std::istringstream in(absl::StrCat(CsvHeader(), "\r\n", FormatCsvRecord(e), "\r\n"));
  auto reader = RecordReader::Csv(in);
  Event back;
  ASSERT_OK_AND_ASSIGN(bool more, reader->Next(&back));
  ASSERT_TRUE(more);
  // Regression (issue 14): `attrs` is read back as the JSON object it holds,
  // not as one string attr.
  EXPECT_EQ(back, e);
}

// Regression: CSV output split actor names holding `;` or `=` wrongly and gave
// attrs back as one string when read back.
TEST(FormatCsvEventTest, ReadsBackToTheSameEvent) {
  absl::StatusOr<Event> event = ParseJsonRecord(
      R"({"id":"e1","time":"2024-10~","actors":[{"name":"Smith; John","role":"a=b"},)"
      R"("x\\y",{"name":"E=mc2","role":"physicist"}],"recorded":"2024-11-01",)"
      R"("attrs":{"n":2.5,"ok":true,"q":"say \"hi\", then ;="}})");
  ASSERT_THAT(event.status(), IsOk());
  ASSERT_THAT(NormalizeEvent(*event), IsOk());
  const std::string csv = absl::StrCat(CsvHeader(), "\n", FormatCsvRecord(*event), "\n");
  const Rows rows = ReadCsv(csv);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].first, FormatJsonRecord(*event));
}

TEST(CsvReaderTest, AttrsColumnIsJson) {
  EXPECT_EQ(ReadCsv("time,attrs,note\n2024,\"{\"\"n\"\":1,\"\"b\"\":false}\",x\n")[0].first,
            R"({"time":"2024","attrs":{"b":false,"n":1,"note":"x"}})");
  EXPECT_THAT(ReadCsv("time,attrs\n2024,[1]\n")[0].first, HasSubstr("attrs"));
  EXPECT_THAT(ReadCsv("time,attrs\n2024,\"{\"\"a\"\":[1]}\"\n")[0].first, HasSubstr("attrs.a"));
  EXPECT_THAT(ReadCsv("time,attrs\n2024,\"{}, \"\"x\"\":{}\"\n")[0].first, HasSubstr("ERROR"));
}

}  // namespace
}  // namespace annals
