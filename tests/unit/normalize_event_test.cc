// Copyright: the Annals authors.
//
// NormalizeEvent (record_io.h): the checks it makes and the stored form it
// produces.
#include <functional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "annals/record_io.h"
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

TEST(NormalizeEventTest, MissingTime) {
  Event e;
  EXPECT_THAT(NormalizeEvent(e), StatusIs(kInvalid, HasSubstr("time: missing")));
  e.time.is_interval = true;
  EXPECT_THAT(NormalizeEvent(e), StatusIs(kInvalid, HasSubstr("time: missing")));
}

TEST(NormalizeEventTest, MalformedTimeShapes) {
  Event e = WithTime("2024");
  e.time.second = e.time.first;  // not an interval, yet two dates
  EXPECT_THAT(NormalizeEvent(e), StatusIs(kInvalid, HasSubstr("time: ")));
  e = WithTime("2024");
  e.time.first->precision = static_cast<Precision>(7);
  EXPECT_THAT(NormalizeEvent(e), StatusIs(kInvalid, HasSubstr("time: invalid date")));
  e = WithTime("2024");
  e.recorded = D("2024");
  e.recorded->qualifiers = 4;
  EXPECT_THAT(NormalizeEvent(e), StatusIs(kInvalid, HasSubstr("recorded: invalid date")));
}

TEST(NormalizeEventTest, InvalidUtf8NamesTheField) {
  const std::string bad = "bad \xff";
  struct Case {
    std::function<void(Event&)> spoil;
    std::string message;
  };
  const Case cases[] = {
      {[&](Event& e) { e.id = bad; }, "id: invalid UTF-8"},
      {[&](Event& e) { e.type = bad; }, "type: invalid UTF-8"},
      {[&](Event& e) { e.title = bad; }, "title: invalid UTF-8"},
      {[&](Event& e) { e.location = bad; }, "location: invalid UTF-8"},
      {[&](Event& e) { e.source = bad; }, "source: invalid UTF-8"},
      {[&](Event& e) { e.actors[2].name = bad; }, "actors[2].name: invalid UTF-8"},
      {[&](Event& e) { e.actors[0].role = bad; }, "actors[0].role: invalid UTF-8"},
      {[&](Event& e) { e.attrs[0].key = bad; }, "attrs: a key is not valid UTF-8"},
      {[&](Event& e) { e.attrs[0].value = bad; }, "attrs.quote: invalid UTF-8"},
  };
  for (const Case& c : cases) {
    Event e = SpecExampleEvent();
    c.spoil(e);
    EXPECT_THAT(NormalizeEvent(e), StatusIs(kInvalid, HasSubstr(c.message)));
  }
}

TEST(NormalizeEventTest, Limits) {
  Event e = WithTime("2024");
  e.id = std::string(kMaxIdBytes, 'x');
  EXPECT_OK(NormalizeEvent(e));
  e.id.push_back('x');
  EXPECT_THAT(NormalizeEvent(e), StatusIs(kInvalid, HasSubstr("id: longer than 256 bytes (257)")));

  e = WithTime("2024");
  for (size_t i = 0; i < kMaxActors; ++i) {
    e.actors.push_back({absl::StrCat("actor ", i), ""});
  }
  EXPECT_OK(NormalizeEvent(e));
  e.actors.push_back({"one more", ""});
  EXPECT_THAT(NormalizeEvent(e), StatusIs(kInvalid, HasSubstr("actors: more than 1024 (1025)")));

  e = WithTime("2024");
  e.actors = {{" " + std::string(kMaxActorNameBytes, 'n') + "\t", ""}};
  EXPECT_OK(NormalizeEvent(e));
  EXPECT_EQ(e.actors[0].name.size(), kMaxActorNameBytes);
  e.actors[0].name.push_back('n');
  EXPECT_THAT(NormalizeEvent(e),
              StatusIs(kInvalid, HasSubstr("actors[0].name: longer than 1024 bytes (1025)")));
}

// FORMAT.md section 1, "Actors are stored as given": names are collapsed, nothing is merged.
TEST(NormalizeEventTest, ActorsCollapsedAndKeptAsGiven) {
  Event e = WithTime("2024");
  e.actors = {{"  Donald \u00a0Trump ", ""}, {"Kamala Harris", "candidate"},
              {"DONALD TRUMP", "winner"},    {"donald  trump", "other"},
              {"E\u0301mile", ""},           {"\u00e9mile", "poet"}};
  ASSERT_OK(NormalizeEvent(e));
  const std::vector<Actor> expected = {{"Donald Trump", ""},       {"Kamala Harris", "candidate"},
                                       {"DONALD TRUMP", "winner"}, {"donald trump", "other"},
                                       {"E\u0301mile", ""},        {"\u00e9mile", "poet"}};
  EXPECT_EQ(e.actors, expected);
}

// Regression: the self-dyad of a GDELT row lost its target entry.
TEST(NormalizeEventTest, SelfDyadKeepsBothEntries) {
  Event e = WithTime("2024");
  e.actors = {{"BANGLADESH", "source"}, {"BANGLADESH", "target"}};
  const std::vector<Actor> given = e.actors;
  ASSERT_OK(NormalizeEvent(e));
  EXPECT_EQ(e.actors, given);
}

TEST(NormalizeEventTest, AttrsSortedAndChecked) {
  Event e = WithTime("2024");
  e.attrs = {S("b", "1"), N("a", "-1.5e3"), B("c", true), S("", "empty key")};
  ASSERT_OK(NormalizeEvent(e));
  const std::vector<Attr> expected = {S("", "empty key"), N("a", "-1.5e3"), S("b", "1"),
                                      B("c", true)};
  EXPECT_EQ(e.attrs, expected);

  e.attrs.push_back(S("b", "2"));
  EXPECT_THAT(NormalizeEvent(e), StatusIs(kInvalid, HasSubstr("attrs: duplicate key \"b\"")));
  e.attrs = {N("n", "abc")};
  EXPECT_THAT(NormalizeEvent(e), StatusIs(kInvalid, HasSubstr("attrs.n: not a JSON number")));
  e.attrs = {N("n", "")};
  EXPECT_THAT(NormalizeEvent(e), StatusIs(kInvalid, HasSubstr("attrs.n: not a JSON number")));
  // A magnitude no double holds: the NDJSON reader refuses it, so the API does too.
  e.attrs = {N("n", "1e309")};
  EXPECT_THAT(NormalizeEvent(e),
              StatusIs(kInvalid, HasSubstr("attrs.n: a number too large for a double: \"1e309\"")));
  e.attrs = {N("n", "-1.7976931348623157e308")};
  ASSERT_OK(NormalizeEvent(e));
  e.attrs = {N("n", "1e-400")};  // rounds to 0 in a double, as JSON readers do: kept as given
  ASSERT_OK(NormalizeEvent(e));
  EXPECT_EQ(e.attrs[0].value, "1e-400");
  e.attrs = {B("flag", true)};
  e.attrs[0].value = "yes";
  EXPECT_THAT(NormalizeEvent(e), StatusIs(kInvalid, HasSubstr("attrs.flag: a boolean")));
}

TEST(NormalizeEventTest, Idempotent) {
  Event e = SpecExampleEvent();
  e.actors.push_back({" mark   rutte ", "host"});
  ASSERT_OK(NormalizeEvent(e));
  Event again = e;
  ASSERT_OK(NormalizeEvent(again));
  EXPECT_EQ(again, e);
  Event expected = SpecExampleEvent();
  expected.actors.push_back({"mark rutte", "host"});
  EXPECT_EQ(e, expected);
}

}  // namespace
}  // namespace annals
