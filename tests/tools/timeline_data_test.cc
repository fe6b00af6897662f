// Copyright: the Annals authors.
#include "timeline_data.h"

#include <string>
#include <vector>

#include "annals/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace annals::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

Event MakeEvent(const std::string& id, const std::string& time, const std::string& type,
                std::vector<std::string> actors) {
  Event e;
  e.id = id;
  e.time = *ParseTime(time);
  e.type = type;
  for (std::string& name : actors) e.actors.push_back({std::move(name), ""});
  return e;
}

std::vector<std::string> Names(const LaneAssignment& a) {
  std::vector<std::string> names;
  for (const Lane& lane : a.lanes) names.push_back(lane.name + ":" + std::to_string(lane.count));
  return names;
}

TEST(AssignLanesTest, ActorLanesByFrequencyThenNameWithAnEventInEachOfItsLanes) {
  std::vector<Event> events = {MakeEvent("a", "2024", "", {"NATO", "Russia"}),
                               MakeEvent("b", "2024", "", {"nato", "Ukraine"}),
                               MakeEvent("c", "2024", "", {"Russia"})};
  LaneAssignment a = AssignLanes(events, LaneKind::kActor);
  // "NATO" and "nato" are one actor (lookup key); the first spelling names the lane.
  EXPECT_THAT(Names(a), ElementsAre("NATO:2", "Russia:2", "Ukraine:1"));
  EXPECT_THAT(a.of_event[0], ElementsAre(0, 1));
  EXPECT_THAT(a.of_event[1], ElementsAre(0, 2));
  EXPECT_THAT(a.of_event[2], ElementsAre(1));
}

TEST(AssignLanesTest, MoreThanTwelveActorsLeaveElevenLanesAndOther) {
  std::vector<Event> events;
  // Actor k appears in k+1 events, so the order is fixed: A14 first, A0 last.
  for (int k = 0; k < 15; ++k) {
    for (int i = 0; i <= k; ++i) {
      events.push_back(MakeEvent("e" + std::to_string(k) + "-" + std::to_string(i), "2024", "",
                                 {"A" + std::to_string(k)}));
    }
  }
  LaneAssignment a = AssignLanes(events, LaneKind::kActor);
  ASSERT_EQ(a.lanes.size(), kMaxLanes);
  EXPECT_EQ(a.lanes.front().name, "A14");
  EXPECT_EQ(a.lanes[10].name, "A4");
  EXPECT_EQ(a.lanes.back().name, "other");
  EXPECT_EQ(a.lanes.back().count, 1u + 2u + 3u + 4u);  // A0..A3
  EXPECT_THAT(a.of_event.front(), ElementsAre(11));    // A0's event
}

TEST(AssignLanesTest, ExactlyTwelveKeysNeedNoOther) {
  std::vector<Event> events;
  for (int k = 0; k < 12; ++k)
    events.push_back(MakeEvent("e", "2024", "t" + std::to_string(k), {}));
  LaneAssignment a = AssignLanes(events, LaneKind::kType);
  EXPECT_EQ(a.lanes.size(), 12u);
  for (const Lane& lane : a.lanes) EXPECT_NE(lane.name, "other");
}

TEST(AssignLanesTest, EventsWithoutTypeOrActorsGoToOther) {
  std::vector<Event> events = {MakeEvent("a", "2024", "war", {}), MakeEvent("b", "2024", "", {})};
  EXPECT_THAT(Names(AssignLanes(events, LaneKind::kType)), ElementsAre("war:1", "other:1"));
  EXPECT_THAT(Names(AssignLanes(events, LaneKind::kActor)), ElementsAre("other:2"));
}

TEST(AssignLanesTest, NoneHasNoLanes) {
  std::vector<Event> events = {MakeEvent("a", "2024", "war", {"X"})};
  LaneAssignment a = AssignLanes(events, LaneKind::kNone);
  EXPECT_TRUE(a.lanes.empty());
  EXPECT_TRUE(a.of_event[0].empty());
}

TEST(TimelineJsonTest, StoredTimeTextSpanInMillisAndNullForOpenEnds) {
  std::vector<Event> events = {MakeEvent("war", "2022-02-24/..", "war", {"Russia"}),
                               MakeEvent("ussr", "../1991-12", "state", {}),
                               MakeEvent("oct", "2024-10~", "statement", {})};
  std::string json = TimelineJson(events, {"t", "s", LaneKind::kType});
  EXPECT_THAT(json, HasSubstr(R"("id":"war","time":"2022-02-24/..","start":1645660800000,)"
                              R"("end":null,"approx":false,"uncertain":false)"));
  EXPECT_THAT(json, HasSubstr(R"("time":"../1991-12","start":null,"end":694224000000,)"));
  EXPECT_THAT(json, HasSubstr(R"("time":"2024-10~","start":1727740800000,"end":1730419200000,)"
                              R"("approx":true,"uncertain":false)"));
}

TEST(TimelineJsonTest, TextCannotEndTheScriptElement) {
  Event e = MakeEvent("x", "2024", "", {});
  e.title = "</script><b>&\"\\\n";
  std::string json = TimelineJson({e}, {"</script>", "", LaneKind::kNone});
  EXPECT_THAT(json, Not(HasSubstr("</")));
  EXPECT_THAT(json, HasSubstr(R"("title":"\u003c/script\u003e\u003cb\u003e\u0026\"\\\n")"));
}

TEST(FloorMillisTest, RoundsTowardsMinusInfinity) {
  EXPECT_EQ(FloorMillis(1999), 1);
  EXPECT_EQ(FloorMillis(-1), -1);
  EXPECT_EQ(FloorMillis(-1000), -1);
  EXPECT_EQ(FloorMillis(-62135596800000000), -62135596800000);  // 0001-01-01
}

}  // namespace
}  // namespace annals::cli
