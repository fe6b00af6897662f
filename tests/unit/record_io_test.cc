// Copyright: the Annals authors.
#include "annals/record_io.h"

#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/event_builders.h"
#include "testing/status_matchers.h"

namespace annals {
namespace {

using ::annals::testing::B;
using ::annals::testing::D;
using ::annals::testing::IsOk;
using ::annals::testing::kSpecExample;
using ::annals::testing::N;
using ::annals::testing::S;
using ::annals::testing::SpecExampleEvent;
using ::annals::testing::StatusIs;
using ::annals::testing::T;
using ::annals::testing::WithTime;
using ::testing::AllOf;
using ::testing::HasSubstr;

constexpr auto kInvalid = absl::StatusCode::kInvalidArgument;

struct ValidCase {
  std::string name;
  std::string line;
  Event expected;
};

std::vector<ValidCase> ValidCases() {
  std::vector<ValidCase> cases;
  cases.push_back({"minimal", R"({"time":"2024"})", WithTime("2024")});
  cases.push_back({"spec example", kSpecExample, SpecExampleEvent()});
  cases.push_back({"nulls are absent",
                   R"({"id":null,"time":"2024-10","type":null,"title":null,"actors":null,)"
                   R"("location":null,"source":null,"recorded":null,"attrs":null})",
                   WithTime("2024-10")});
  {
    Event e = WithTime("2024-11-05");
    e.recorded = D("2024-11-06");
    cases.push_back({"recorded", R"({"time":"2024-11-05","recorded":"2024-11-06"})", e});
  }
  cases.push_back(
      {"interval", R"({"time":"2017-01-20/2021-01-20"})", WithTime("2017-01-20/2021-01-20")});
  cases.push_back({"open end", R"({"time":"2022-02-24/.."})", WithTime("2022-02-24/..")});
  cases.push_back(
      {"whitespace around tokens", " \t{ \"time\" : \"2024\" , \"type\" : \"x\" } \r", [] {
         Event e = WithTime("2024");
         e.type = "x";
         return e;
       }()});
  cases.push_back({"escaped key", R"({"\u0074ime":"2024"})", WithTime("2024")});
  {
    Event e = WithTime("2024");
    static constexpr char kTitle[] = "q\"b\\s/n\nt\tu\xc3\xa9 \xf0\x9f\x98\x80 nul\0!";
    e.title = std::string(kTitle, sizeof(kTitle) - 1);
    cases.push_back({"string escapes",
                     R"({"time":"2024","title":"q\"b\\s\/n\nt\tu\u00e9 \ud83d\ude00 nul\u0000!"})",
                     e});
  }
  {
    Event e = WithTime("2024");
    e.actors = {{"Donald Trump", ""},
                {"donald trump", "winner"},
                {"Kamala Harris", ""},
                {"DONALD TRUMP", "loser"},
                {"kamala harris", ""}};
    cases.push_back({"actors collapsed and kept as given, every entry in order",
                     R"({"time":"2024","actors":[" Donald  Trump",{"name":"donald trump",)"
                     R"("role":"winner"},{"name":"Kamala\tHarris","role":null},)"
                     R"({"name":"DONALD TRUMP","role":"loser"},"kamala harris"]})",
                     e});
  }
  {
    Event e = WithTime("2024");
    e.actors = {{"Jos\u00e9", "a"}, {"JOSE\u0301", ""}};
    cases.push_back({"one actor in two spellings stays two entries",
                     R"({"time":"2024","actors":[)"
                     R"({"name":"Jos\u00e9","role":"a"},"JOSE\u0301"]})",
                     e});
  }
  {
    Event e = WithTime("2024");
    e.attrs = {B("b", true),   B("f", false),        N("i", "12345678901234567890123"),
               N("n", "1.50"), N("neg", "-0.5e+10"), N("z", "0"),
               S("zs", "1.50")};
    cases.push_back({"attr kinds, numbers keep their text, keys sorted",
                     R"({"time":"2024","attrs":{"zs":"1.50","z":0,"neg":-0.5e+10 ,"n":1.50,)"
                     R"("i":12345678901234567890123,"f":false,"b":true}})",
                     e});
  }
  cases.push_back(
      {"empty containers", R"({"time":"2024","actors":[],"attrs":{}})", WithTime("2024")});
  cases.push_back(
      {"empty strings are absent", R"({"time":"2024","type":"","title":""})", WithTime("2024")});
  {
    Event e = WithTime("2024");
    e.id = std::string(kMaxIdBytes, 'i');
    cases.push_back({"id of 256 bytes", absl::StrCat(R"({"time":"2024","id":")", e.id, "\"}"), e});
  }
  {
    Event e = WithTime("2024");
    e.actors = {{std::string(kMaxActorNameBytes, 'n'), ""}};
    cases.push_back({"actor name of 1 KiB after trimming",
                     absl::StrCat(R"({"time":"2024","actors":["  )", e.actors[0].name, " \"]}"),
                     e});
  }
  return cases;
}

TEST(ParseJsonRecordTest, ValidRecords) {
  for (const ValidCase& c : ValidCases()) {
    SCOPED_TRACE(c.name);
    absl::StatusOr<Event> e = ParseJsonRecord(c.line);
    ASSERT_THAT(e, IsOk());
    EXPECT_EQ(*e, c.expected);
  }
}

struct InvalidCase {
  std::string line;
  std::string message;  // a substring of the error message
};

std::vector<InvalidCase> InvalidCases() {
  const std::string long_id(kMaxIdBytes + 1, 'i');
  const std::string long_name(kMaxActorNameBytes + 1, 'n');
  return {
      {"", "invalid JSON"},
      {"[]", "expected one JSON object per line, found a JSON array"},
      {R"("{\"time\":\"2024\"}")", "not a JSON object"},
      {"12", "not a JSON object"},
      {R"({"time":"2024")", "invalid JSON"},
      {R"({"time":"2024"} x)", "invalid JSON"},
      {R"({"time":"2024"}{"time":"2025"})", "invalid JSON"},
      {R"({"time":"2024",})", "invalid JSON"},
      {R"({"time" "2024"})", "invalid JSON"},
      {R"({"time":nul})", "invalid JSON"},
      {R"({"time":"2024","attrs":{"k":tru}})", "invalid JSON"},
      {R"({"time":"2024","title":"\x"})", "invalid JSON"},
      {R"({"time":"2024","title":"\ud800"})", "invalid JSON"},
      {"{\"time\":\"2024\",\"title\":\"a\nb\"}", "invalid JSON"},
      {R"({"time":"2024","foo":1})", R"(unknown field "foo" (put extra data in attrs))"},
      {R"({"time":"2024","Type":"x"})", R"(unknown field "Type")"},
      {R"({"time":"2024","time":"2025"})", R"(duplicate field "time")"},
      {R"({"time":"2024","type":"a","type":"a"})", R"(duplicate field "type")"},
      {R"({"title":"x"})", R"(missing field "time")"},
      {R"({})", R"(missing field "time")"},
      {R"({"time":null})", R"(field "time": expected a string, got null)"},
      {R"({"time":2024})", R"(field "time": expected a string, got a number (2024))"},
      {R"({"time":"2024-13"})", R"(field "time": )"},
      {R"({"time":"2024-13"})", "2024-13"},
      {R"({"time":""})", R"(field "time": empty)"},
      {R"({"time":"2024","type":12})", R"(field "type": expected a string, got a number (12))"},
      {R"({"time":"2024","title":true})",
       R"(field "title": expected a string, got a boolean (true))"},
      {R"({"time":"2024","location":[]})", R"(field "location": expected a string, got an array)"},
      {R"({"time":"2024","source":{}})", R"(field "source": expected a string, got an object)"},
      {R"({"time":"2024","id":5})", R"(field "id": expected a string, got a number (5))"},
      {R"({"time":"2024","id":""})", R"(field "id": empty)"},
      {absl::StrCat(R"({"time":"2024","id":")", long_id, "\"}"), "id: longer than 256 bytes (257)"},
      {R"({"time":"2024","actors":"Trump"})",
       R"(field "actors": expected an array, got a string ("Trump"))"},
      {R"({"time":"2024","actors":{}})", R"(field "actors": expected an array, got an object)"},
      {R"({"time":"2024","actors":[1]})",
       R"(field "actors[0]": expected a string or an object, got a number (1))"},
      {R"({"time":"2024","actors":["a",null]})",
       R"(field "actors[1]": expected a string or an object, got null)"},
      {R"({"time":"2024","actors":["a",{"name":"b","x":1}]})",
       R"(field "actors[1]": unknown key "x")"},
      {R"({"time":"2024","actors":[{"role":"r"}]})", R"(field "actors[0].name": missing)"},
      {R"({"time":"2024","actors":[{"name":null}]})",
       R"(field "actors[0].name": expected a string, got null)"},
      {R"({"time":"2024","actors":[{"name":"a","role":5}]})",
       R"(field "actors[0].role": expected a string, got a number (5))"},
      {R"({"time":"2024","actors":[{"name":"a","name":"b"}]})",
       R"(field "actors[0]": duplicate key "name")"},
      {R"({"time":"2024","actors":["  "]})", "actors[0].name: empty"},
      {R"({"time":"2024","actors":["a",""]})", "actors[1].name: empty"},
      {R"({"time":"2024","actors":[{"name":"\u3000\t"}]})", "actors[0].name: empty"},
      {absl::StrCat(R"({"time":"2024","actors":[")", long_name, "\"]}"),
       "actors[0].name: longer than 1024 bytes (1025)"},
      {R"({"time":"2024","recorded":"2024/2025"})", R"(field "recorded": )"},
      {R"({"time":"2024","recorded":"2024/2025"})", "interval"},
      {R"({"time":"2024","recorded":"2024-13"})", "2024-13"},
      {R"({"time":"2024","recorded":5})", R"(field "recorded": expected a string)"},
      {R"({"time":"2024","attrs":[]})", R"(field "attrs": expected an object, got an array)"},
      {R"({"time":"2024","attrs":"x"})", R"(field "attrs": expected an object, got a string)"},
      {R"({"time":"2024","attrs":{"k":null}})",
       R"(field "attrs.k": expected a string, number or boolean, got null)"},
      {R"({"time":"2024","attrs":{"k":[1]}})",
       R"(field "attrs.k": expected a string, number or boolean, got an array)"},
      {R"({"time":"2024","attrs":{"k":{"a":1}}})",
       R"(field "attrs.k": expected a string, number or boolean, got an object)"},
      {R"({"time":"2024","attrs":{"k":1,"k":2}})", R"(attrs: duplicate key "k")"},
      // A number's syntax is JSON's: the error names the field being read and the byte.
      {R"({"time":"2024","attrs":{"k":01}})", R"(field "attrs": invalid JSON at byte 30)"},
      {R"({"time":"2024","attrs":{"k":1.}})", R"(field "attrs.k": invalid JSON at byte 31)"},
      {R"({"time":"2024","attrs":{"k":-}})", R"(field "attrs.k": invalid JSON at byte 30)"},
      {R"({"time":"2024","attrs":{"k":1e}})", R"(field "attrs.k": invalid JSON at byte 31)"},
      {"{\"time\":\"2024\",\"title\":\"a\xff\"}", R"(field "title": invalid UTF-8 at byte 26)"},
      {"{\"time\":\"2024\",\"actors\":[\"ok\",{\"name\":\"\xc3\"}]}",
       R"(field "actors": invalid UTF-8)"},
      {"{\"time\":\"2024\",\"attrs\":{\"k\":\"\xed\xa0\x80\"}}", R"(field "attrs": invalid UTF-8)"},
      {"{\"ti\xffme\":\"2024\"}", "invalid UTF-8 at byte 5"},
      {"\xff{\"time\":\"2024\"}", "invalid UTF-8 at byte 1"},
  };
}

TEST(ParseJsonRecordTest, InvalidRecords) {
  for (const InvalidCase& c : InvalidCases()) {
    EXPECT_THAT(ParseJsonRecord(c.line), StatusIs(kInvalid, HasSubstr(c.message)))
        << "line: " << c.line.substr(0, 200);
  }
}

TEST(ParseJsonRecordTest, ErrorQuotesAndTruncatesValues) {
  const std::string key(100, 'k');
  absl::StatusOr<Event> e = ParseJsonRecord(absl::StrCat(R"({"time":"2024",")", key, "\":1}"));
  EXPECT_THAT(e,
              StatusIs(kInvalid, AllOf(HasSubstr(absl::StrCat("\"", std::string(60, 'k'), "...\"")),
                                       HasSubstr("put extra data in attrs"))));
  EXPECT_LT(e.status().message().size(), 120u);
}

TEST(ParseJsonRecordTest, ActorLimit) {
  std::string line = R"({"time":"2024","actors":[)";
  for (size_t i = 0; i < kMaxActors; ++i) {
    absl::StrAppend(&line, i ? "," : "", "\"a", i, "\"");
  }
  ASSERT_OK_AND_ASSIGN(Event e, ParseJsonRecord(line + "]}"));
  EXPECT_EQ(e.actors.size(), kMaxActors);
  EXPECT_THAT(ParseJsonRecord(line + ",\"one more\"]}"),
              StatusIs(kInvalid, HasSubstr("more than 1024 actors")));
}

TEST(ParseJsonRecordTest, LineLimit) {
  const std::string head = R"({"time":"2024","title":")";
  std::string line = head + std::string(kMaxLineBytes - head.size() - 2, 'x') + "\"}";
  ASSERT_EQ(line.size(), kMaxLineBytes);
  EXPECT_THAT(ParseJsonRecord(line), IsOk());
  line.insert(head.size(), "y");
  EXPECT_THAT(ParseJsonRecord(line),
              StatusIs(kInvalid, HasSubstr("longer than 1 MiB (1048577 bytes)")));
}

}  // namespace
}  // namespace annals
