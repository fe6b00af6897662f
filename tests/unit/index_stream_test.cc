// Copyright: the Annals authors.
//
// The stream contract (index_stream.h) tested directly against a small model: IndexScan over
// every span class (finite, open end, open start), forward and reverse, over every window whose
// edges are the events' own start and end times (and one microsecond either side); Seek at and
// between positions, fresh and in sequence; Union de-duplication; the membership filter with
// all-of, any-of and role tests; the type filter.
#include "internal/query/index_stream.h"

#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "annals/database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "internal/storage/dictionary.h"
#include "internal/storage/read_view.h"
#include "internal/storage/store.h"
#include "internal/text/actor_name.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace annals::internal {
namespace {

// One stored event as the model sees it: its number is its position in kEvents, from 1.
struct ModelEvent {
  const char* time;
  std::vector<Actor> actors;
  const char* type;
};

// Ties in start (2024-01-01 twice, 2024-01-02 twice), several classes (day, month, year,
// interval), an open end, two open starts, shared and single actors, roles.
const std::vector<ModelEvent>& Events() {
  static const auto* events = new std::vector<ModelEvent>{
      {"2024-01-01", {{"A", ""}, {"B", ""}}, "t1"},
      {"2024-01-02", {{"A", "source"}}, "t2"},
      {"2024-01-02", {{"B", "target"}}, ""},
      {"2024", {{"A", "source"}, {"B", "target"}}, "t1"},
      {"2024-01-05/..", {{"A", ""}}, "t2"},
      {"../2024-01-03", {{"A", "source"}, {"B", "target"}, {"B", "source"}}, ""},
      {"2024-01-10/2024-01-20", {{"B", ""}}, "t2"},
      {"2024-02", {{"A", "target"}}, "t1"},
      {"../2023", {{"B", ""}}, "t1"},
      {"2024-01-01", {{"A", "target"}, {"C", ""}}, ""},
  };
  return *events;
}

struct Position {
  int64_t start;
  uint64_t event_number;
  friend bool operator==(const Position&, const Position&) = default;
};

void PrintTo(const Position& p, std::ostream* os) {
  *os << "(" << p.start << ", #" << p.event_number << ")";
}

int64_t StartOf(const char* time) { return ParseTime(time)->start_us(); }

Hit ToHit(const Position& p) { return Hit{.start = p.start, .event_number = p.event_number}; }

class IndexStreamTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir;
    const std::string path = dir_->Sub("db");
    {
      absl::StatusOr<std::unique_ptr<Database>> db = Database::Open(path, Options{});
      ASSERT_OK(db.status());
      std::vector<Event> batch;
      for (size_t i = 0; i < Events().size(); ++i) {
        Event e;
        e.id = "e" + std::to_string(i + 1);
        ASSERT_OK_AND_ASSIGN(e.time, ParseTime(Events()[i].time));
        e.actors = Events()[i].actors;
        e.type = Events()[i].type;
        batch.push_back(std::move(e));
      }
      ASSERT_OK((*db)->Put(std::move(batch)).status());
    }
    Options read_only;
    read_only.read_only = true;
    absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(path, read_only);
    ASSERT_OK(store.status());
    store_ = store->release();
  }
  static void TearDownTestSuite() {
    delete store_;
    delete dir_;
  }

  void SetUp() override {
    view_ = std::make_unique<ReadView>(ReadView::AtSnapshot(*store_));
    ctx_.view = view_.get();
    ctx_.store = store_;
    ctx_.snapshot = view_->snapshot();
    ctx_.counters = &counters_;
  }

  // The dictionary number of a name of `kind`.
  uint32_t Number(DictKind kind, std::string_view name) {
    absl::StatusOr<std::string> key = ActorLookupKey(name);
    EXPECT_OK(key.status());
    absl::StatusOr<std::optional<uint32_t>> n = Dictionary::Lookup(*view_, kind, *key);
    EXPECT_OK(n.status());
    EXPECT_TRUE(n->has_value()) << name;
    return n->value_or(0);
  }
  ClassMask Classes(DictKind kind, uint32_t number) {
    absl::StatusOr<DictEntry> entry = Dictionary::Get(*view_, kind, number);
    EXPECT_OK(entry.status());
    return entry->classes;
  }
  std::unique_ptr<Stream> ActorScan(std::string_view name, std::vector<uint32_t> roles = {}) {
    const uint32_t actor = Number(DictKind::kActor, name);
    return NewIndexScan(ctx_, kByActorCf, actor, Classes(DictKind::kActor, actor),
                        std::move(roles));
  }
  std::unique_ptr<Stream> TimeScan() {
    absl::StatusOr<uint64_t> mask = view_->Meta(kMetaTimeClasses);
    EXPECT_OK(mask.status());
    return NewIndexScan(ctx_, kByTimeCf, 0, static_cast<ClassMask>(*mask));
  }

  // The model's answer: events passing `keep` that overlap the context's window, in its order.
  template <typename Pred>
  std::vector<Position> Expected(Pred keep) const {
    std::vector<Position> out;
    for (size_t i = 0; i < Events().size(); ++i) {
      const EventTime t = *ParseTime(Events()[i].time);
      if (Overlaps(t.start_us(), t.end_us(), ctx_.from_us, ctx_.to_us) && keep(Events()[i])) {
        out.push_back({t.start_us(), i + 1});
      }
    }
    std::sort(out.begin(), out.end(), [this](const Position& a, const Position& b) {
      return Precedes(ToHit(a), ToHit(b), ctx_.reverse);
    });
    return out;
  }

  static std::vector<Position> Drain(Stream& s) {
    std::vector<Position> out;
    for (; s.Valid(); s.Next()) out.push_back({s.hit().start, s.hit().event_number});
    EXPECT_OK(s.status());
    return out;
  }

  // Window edges: every event's start and end, one microsecond either side, and the infinities.
  static std::vector<int64_t> Edges() {
    std::set<int64_t> edges = {kMinusInfinity, kPlusInfinity};
    for (const ModelEvent& e : Events()) {
      const EventTime t = *ParseTime(e.time);
      for (int64_t v : {t.start_us(), t.end_us()}) {
        if (v == kMinusInfinity || v == kPlusInfinity) continue;
        edges.insert({v - 1, v, v + 1});
      }
    }
    return {edges.begin(), edges.end()};
  }

  static testing::TempDir* dir_;
  static Store* store_;
  std::unique_ptr<ReadView> view_;
  QueryCounters counters_;
  ScanContext ctx_;
};

testing::TempDir* IndexStreamTest::dir_ = nullptr;
Store* IndexStreamTest::store_ = nullptr;

bool Names(const ModelEvent& e, std::string_view actor, std::string_view role = "*") {
  for (const Actor& a : e.actors) {
    if (a.name == actor && (role == "*" || a.role == role)) return true;
  }
  return false;
}

auto All = [](const ModelEvent&) { return true; };

// Every window whose edges are event edges, both directions: each scan, union and filter
// returns exactly the model's events, in order, each once.
TEST_F(IndexStreamTest, EveryWindowBothDirectionsMatchesTheModel) {
  const uint32_t b = Number(DictKind::kActor, "B");
  const uint32_t c = Number(DictKind::kActor, "C");
  const uint32_t target = Number(DictKind::kRole, "target");
  const uint32_t source = Number(DictKind::kRole, "source");
  int windows = 0;
  for (int64_t from : Edges()) {
    for (int64_t to : Edges()) {
      for (bool reverse : {false, true}) {
        ctx_.from_us = from;
        ctx_.to_us = to;
        ctx_.reverse = reverse;
        SCOPED_TRACE(::testing::Message() << "[" << from << ", " << to << ") reverse=" << reverse);
        ++windows;
        EXPECT_EQ(Drain(*TimeScan()), Expected(All));
        EXPECT_EQ(Drain(*ActorScan("A")),
                  Expected([](const ModelEvent& e) { return Names(e, "A"); }));
        EXPECT_EQ(Drain(*ActorScan("B", {target})),
                  Expected([](const ModelEvent& e) { return Names(e, "B", "target"); }));
        EXPECT_EQ(Drain(*ActorScan("B", {source, target})), Expected([](const ModelEvent& e) {
                    return Names(e, "B", "source") && Names(e, "B", "target");
                  }));
        std::vector<std::unique_ptr<Stream>> children;
        children.push_back(ActorScan("A"));
        children.push_back(ActorScan("B"));
        children.push_back(ActorScan("A"));  // the same hits twice: still once each
        EXPECT_EQ(Drain(*NewUnion(std::move(children), reverse)),
                  Expected([](const ModelEvent& e) { return Names(e, "A") || Names(e, "B"); }));
        EXPECT_EQ(Drain(*NewMembershipFilter(ctx_, ActorScan("A"), {{b, {}}}, {})),
                  Expected([](const ModelEvent& e) { return Names(e, "A") && Names(e, "B"); }));
        EXPECT_EQ(Drain(*NewMembershipFilter(ctx_, ActorScan("A"), {}, {{b, {target}}, {c, {}}})),
                  Expected([](const ModelEvent& e) {
                    return Names(e, "A") && (Names(e, "B", "target") || Names(e, "C"));
                  }));
      }
    }
  }
  EXPECT_GT(windows, 1000);
}

TEST_F(IndexStreamTest, RoleZeroMeansAnEntryWithoutRole) {
  EXPECT_EQ(Drain(*ActorScan("A", {0})),
            Expected([](const ModelEvent& e) { return Names(e, "A", ""); }));
  const uint32_t b = Number(DictKind::kActor, "B");
  EXPECT_EQ(Drain(*NewMembershipFilter(ctx_, ActorScan("A"), {{b, {0}}}, {})),
            Expected([](const ModelEvent& e) { return Names(e, "A") && Names(e, "B", ""); }));
}

TEST_F(IndexStreamTest, TypeFilterKeepsOnlyListedTypes) {
  ctx_.types = {Number(DictKind::kType, "t1")};
  auto t1 = [](const ModelEvent& e) { return std::string_view(e.type) == "t1"; };
  EXPECT_EQ(Drain(*TimeScan()), Expected(t1));
  ctx_.reverse = true;
  EXPECT_EQ(Drain(*ActorScan("B")),
            Expected([&](const ModelEvent& e) { return t1(e) && Names(e, "B"); }));
}

// Seek goes to the first hit that does not precede the target, in the stream's order: at a
// hit's position, between positions (event number or start one off), before the first and past
// the last hit; on a fresh stream and, with targets in stream order, on one stream in sequence.
TEST_F(IndexStreamTest, SeekAtAndBetweenPositions) {
  const std::vector<std::pair<int64_t, int64_t>> windows = {
      {kMinusInfinity, kPlusInfinity}, {StartOf("2024-01-02"), StartOf("2024-01-10")}};
  for (auto [from, to] : windows) {
    for (bool reverse : {false, true}) {
      ctx_.from_us = from;
      ctx_.to_us = to;
      ctx_.reverse = reverse;
      const std::vector<Position> all = Expected(All);
      std::vector<Hit> targets = {FirstTarget(reverse), FirstTarget(!reverse)};
      for (const ModelEvent& e : Events()) {
        const EventTime t = *ParseTime(e.time);
        for (int64_t s : {t.start_us(), t.end_us()}) {
          for (int64_t d : {-1, 0, 1}) {
            const bool in_range = (d < 0 && s > kMinusInfinity) || (d > 0 && s < kPlusInfinity);
            const int64_t start = in_range ? s + d : s;
            for (uint64_t n = 0; n <= Events().size() + 1; ++n) targets.push_back({start, n, 0, 0});
          }
        }
      }
      std::sort(targets.begin(), targets.end(),
                [&](const Hit& a, const Hit& b) { return Precedes(a, b, reverse); });
      std::unique_ptr<Stream> sequential = TimeScan();
      for (const Hit& target : targets) {
        SCOPED_TRACE(::testing::Message()
                     << "target (" << target.start << ", #" << target.event_number
                     << ") reverse=" << reverse << " from=" << from);
        auto first = std::find_if(all.begin(), all.end(), [&](const Position& p) {
          return !Precedes(ToHit(p), target, reverse);
        });
        std::unique_ptr<Stream> fresh = TimeScan();
        fresh->Seek(target);
        sequential->Seek(target);
        for (Stream* s : {fresh.get(), sequential.get()}) {
          ASSERT_OK(s->status());
          ASSERT_EQ(s->Valid(), first != all.end());
          if (first == all.end()) continue;
          EXPECT_EQ((Position{s->hit().start, s->hit().event_number}), *first);
        }
        if (first == all.end()) continue;
        // What follows the seek is the rest of the model's list.
        EXPECT_EQ(Drain(*fresh), std::vector<Position>(first, all.end()));
      }
    }
  }
}

// Union: a position shared by several children comes out once, and Next moves every child that
// stands on it; a Seek to a shared position lands on it once.
TEST_F(IndexStreamTest, UnionReturnsSharedPositionsOnce) {
  for (bool reverse : {false, true}) {
    ctx_.reverse = reverse;
    std::vector<std::unique_ptr<Stream>> children;
    children.push_back(ActorScan("A"));
    children.push_back(ActorScan("B"));
    std::unique_ptr<Stream> u = NewUnion(std::move(children), reverse);
    const std::vector<Position> expected =
        Expected([](const ModelEvent& e) { return Names(e, "A") || Names(e, "B"); });
    EXPECT_EQ(Drain(*u), expected);
    // Event 4 (the year 2024) has A and B.
    const Position shared = {StartOf("2024"), 4};
    u->Seek(ToHit(shared));
    ASSERT_TRUE(u->Valid());
    EXPECT_EQ((Position{u->hit().start, u->hit().event_number}), shared);
    u->Next();
    if (u->Valid()) {
      EXPECT_NE(u->hit().event_number, 4u);
    }
  }
}

// A membership filter that finds nothing is empty, and so is a scan of a range with no events.
TEST_F(IndexStreamTest, EmptyResults) {
  const uint32_t c = Number(DictKind::kActor, "C");
  ctx_.reverse = true;
  EXPECT_THAT(Drain(*NewMembershipFilter(ctx_, ActorScan("B"), {{c, {}}}, {})),
              ::testing::IsEmpty());
  ctx_.from_us = StartOf("2030");
  ctx_.to_us = ctx_.from_us + 1;
  EXPECT_EQ(Drain(*TimeScan()), Expected(All));  // the open-end event only
  EXPECT_EQ(Expected(All).size(), 1u);
}

}  // namespace
}  // namespace annals::internal
