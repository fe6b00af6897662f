// Copyright: the Annals authors.
//
// Model-based test of Grouping::canonical (`count --by actor --canonical`, `related --canonical`):
// random events over a fixed alias table (periods, an alias of two canonicals with overlapping
// periods, a canonical spelled unlike the stored actor, a canonical no event names, an alias of
// an alias), checked against a brute-force count. Fixed seeds, printed on failure.
#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "annals/database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace annals {
namespace {

const char* const kNames[] = {"Alpha", "beta", "Gamma", "Delta", "Eps", "PRES"};
const char* const kSpecs[] = {"alpha", "ALPHA", "beta", "Gamma", "Zed", "PRES", "Delta"};

const std::vector<Alias> kTable = {
    {"ALPHA", "beta", "", ""},
    {"ALPHA", "PRES", "2020", "2020"},
    {"ALPHA", "PRES", "2022-03", "2022-04"},
    {"Gamma", "PRES", "2020-06", "2021"},  // overlaps ALPHA's 2020 period: both count
    {"Zed", "PRES", "2022-06", ""},        // Zed names no event
    {"Zed", "Eps", "", "2019-12"},
    {"beta", "Delta", "2021", ""},  // an alias of an alias: Delta counts under beta only
};

std::string Key(const std::string& s) { return absl::AsciiStrToLower(s); }

struct Period {
  std::string canonical_key;
  std::string alias_key;
  int64_t from, to;
};

std::vector<Period> Periods() {
  std::vector<Period> out;
  for (const Alias& a : kTable) {
    out.push_back({Key(a.canonical), Key(a.alias),
                   a.from.empty() ? kMinusInfinity : ParseTime(a.from)->start_us(),
                   a.to.empty() ? kPlusInfinity : ParseTime(a.to)->end_us()});
  }
  return out;
}

bool Overlaps(const Event& e, int64_t from, int64_t to) {
  return e.time.start_us() < to && e.time.end_us() > from;
}

// Whether the actor spec `spec` (a name) matches the entry `name` of `e`.
bool SpecMatches(const std::string& spec, const std::string& name, const Event& e) {
  if (Key(spec) == Key(name)) return true;
  for (const Period& p : Periods()) {
    if (p.canonical_key == Key(spec) && p.alias_key == Key(name) && Overlaps(e, p.from, p.to)) {
      return true;
    }
  }
  return false;
}

// The lookup keys an event counts under; `related`: the spec whose entries are left out.
std::set<std::string> Values(const Event& e, const std::string* related) {
  std::set<std::string> out;
  if (e.actors.empty() && related == nullptr) out.insert("");
  for (const Actor& a : e.actors) {
    if (related != nullptr && SpecMatches(*related, a.name, e)) continue;
    bool mapped = false;
    for (const Period& p : Periods()) {
      if (p.alias_key == Key(a.name) && Overlaps(e, p.from, p.to)) {
        out.insert(p.canonical_key);
        mapped = true;
      }
    }
    if (!mapped) out.insert(Key(a.name));
  }
  return out;
}

std::string Describe(const CountRow& r) {
  return absl::StrFormat("[%d|%s s%d w%d o%d e%d]", r.bucket_start_us, r.group, r.starting,
                         r.within, r.overlapping, r.events);
}

// Brute force: rows of count --by actor [--by year] --canonical (or related --canonical).
std::vector<std::string> Model(const std::vector<Event>& events, const Query& q, const Grouping& g,
                               const std::map<std::string, std::string>& shown) {
  const std::string* related = g.exclude_query_actors ? &q.all_actors[0] : nullptr;
  std::vector<std::pair<const Event*, std::set<std::string>>> hits;
  for (const Event& e : events) {
    if (!Overlaps(e, q.from_us, q.to_us)) continue;
    if (related != nullptr && std::none_of(e.actors.begin(), e.actors.end(), [&](const Actor& a) {
          return SpecMatches(*related, a.name, e);
        })) {
      continue;
    }
    hits.emplace_back(&e, Values(e, related));
  }
  auto show = [&](const std::string& k) { return k.empty() ? k : shown.at(k); };
  std::vector<std::pair<int64_t, int64_t>> buckets = {{0, 0}};
  if (g.time) {
    buckets.clear();
    for (int64_t b = q.from_us; b < q.to_us;) {
      const int64_t end = ParseTime(FormatInstant(b).substr(0, 4))->end_us();
      buckets.emplace_back(b, end);
      b = end;
    }
  }
  std::vector<std::string> out;
  for (auto [b, end] : buckets) {
    std::map<std::string, CountRow> rows;  // by lookup key
    for (auto& [e, values] : hits) {
      const int64_t s = e->time.start_us(), t = e->time.end_us();
      for (const std::string& v : values) {
        CountRow& r = rows[v];
        r.group = show(v);
        r.bucket_start_us = b;
        ++r.events;
        if (!g.time) continue;
        r.events = 0;
        r.starting += b <= s && s < end;
        r.within += b <= s && t <= end;
        r.overlapping += s < end && t > b;
      }
    }
    std::vector<CountRow> sorted;
    for (auto& [k, r] : rows) {
      if (!g.time || r.overlapping > 0) sorted.push_back(r);
    }
    std::sort(sorted.begin(), sorted.end(), [&](const CountRow& x, const CountRow& y) {
      const uint64_t nx = g.time ? x.starting : x.events, ny = g.time ? y.starting : y.events;
      return nx != ny ? nx > ny : x.group < y.group;
    });
    for (const CountRow& r : sorted) out.push_back(Describe(r));
  }
  return out;
}

Event RandomEvent(std::mt19937& rng, int i) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  auto date = [&] {
    return pick(0, 1)
               ? absl::StrFormat("%04d-%02d", pick(2019, 2022), pick(1, 12))
               : absl::StrFormat("%04d-%02d-%02d", pick(2019, 2022), pick(1, 12), pick(1, 28));
  };
  Event e;
  e.id = "e" + std::to_string(i);
  for (;;) {
    const int shape = pick(0, 4);
    const std::string text = shape == 0   ? date() + "/" + date()
                             : shape == 1 ? date() + "/.."
                             : shape == 2 ? "../" + date()
                                          : date();
    absl::StatusOr<EventTime> t = ParseTime(text);
    if (!t.ok()) continue;  // an interval ending before it starts
    e.time = *t;
    break;
  }
  const int n = pick(0, 3);
  for (int a = 0; a < n; ++a)
    e.actors.push_back(Actor{kNames[pick(0, 5)], pick(0, 1) ? "" : "src"});
  return e;
}

TEST(CanonicalCountTest, RandomEventsAgainstBruteForce) {
  for (uint32_t seed : {11u, 12u, 13u}) {
    SCOPED_TRACE(absl::StrFormat("seed %d", seed));
    std::mt19937 rng(seed);
    testing::TempDir dir;
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Database> db, Database::Open(dir.Sub("db"), Options()));
    std::vector<Event> events;
    for (int i = 0; i < 200; ++i) events.push_back(RandomEvent(rng, i));
    ASSERT_OK(db->Put(events).status());
    ASSERT_OK(db->AddAliases(kTable).status());
    // Shown: a canonical as first in the alias table, any other actor as stored.
    std::map<std::string, std::string> shown;
    ASSERT_OK_AND_ASSIGN(std::vector<Alias> table, db->Aliases(""));
    for (const Alias& a : table) shown.emplace(Key(a.canonical), a.canonical);
    for (const char* name : kNames) shown.emplace(Key(name), name);
    EXPECT_EQ(shown["alpha"], "ALPHA");
    for (int round = 0; round < 40; ++round) {
      auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
      Query q;
      Grouping g;
      g.group = GroupKey::kActor;
      g.canonical = true;
      const int y1 = pick(2019, 2022), y2 = pick(y1, 2022);
      q.from_us = ParseTime(std::to_string(y1))->start_us();
      q.to_us = ParseTime(std::to_string(y2))->end_us();
      if (pick(0, 1)) g.time = TimeUnit::kYear;
      if (pick(0, 1)) {
        q.all_actors = {kSpecs[pick(0, 6)]};
        g.exclude_query_actors = true;
      }
      SCOPED_TRACE(absl::StrFormat("round %d: %d..%d time %d related %s", round, y1, y2,
                                   g.time.has_value(), absl::StrJoin(q.all_actors, ",")));
      ASSERT_OK_AND_ASSIGN(std::vector<CountRow> got, db->Aggregate(q, g));
      std::vector<std::string> got_rows;
      for (CountRow r : got) {
        if (!g.time) r.bucket_start_us = 0;
        got_rows.push_back(Describe(r));
      }
      EXPECT_THAT(got_rows, ::testing::ElementsAreArray(Model(events, q, g, shown)));
    }
  }
}

std::vector<std::string> Groups(const std::vector<CountRow>& rows) {
  std::vector<std::string> out;
  for (const CountRow& r : rows) out.push_back(absl::StrFormat("%s %d", r.group, r.events));
  return out;
}

TEST(CanonicalCountTest, HandWorkedExample) {
  testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Database> db, Database::Open(dir.Sub("db"), Options()));
  auto make = [](std::string id, std::string_view time, std::vector<Actor> actors) {
    Event e;
    e.id = std::move(id);
    e.time = *ParseTime(time);
    e.actors = std::move(actors);
    return e;
  };
  std::vector<Event> events = {
      make("x1", "2020-07", {{"PRES", ""}}),
      make("x2", "2022-07", {{"PRES", ""}, {"Eps", ""}}),
      make("x3", "2019-05", {{"Eps", ""}, {"Alpha", ""}}),
      make("x4", "2021-05", {{"Delta", ""}, {"beta", ""}}),
  };
  ASSERT_OK(db->Put(events).status());
  ASSERT_OK(db->AddAliases(kTable).status());
  Grouping g;
  g.group = GroupKey::kActor;
  g.canonical = true;
  ASSERT_OK_AND_ASSIGN(std::vector<CountRow> rows, db->Aggregate(Query(), g));
  EXPECT_THAT(Groups(rows),
              ::testing::ElementsAre("ALPHA 3", "Zed 2", "Eps 1", "Gamma 1", "beta 1"));
  g.canonical = false;
  ASSERT_OK_AND_ASSIGN(rows, db->Aggregate(Query(), g));
  EXPECT_THAT(Groups(rows),
              ::testing::ElementsAre("Eps 2", "PRES 2", "Alpha 1", "Delta 1", "beta 1"));
  // related: x1 names only an alias of ALPHA in its period, so it is not counted at all.
  Query q;
  q.all_actors = {"alpha"};
  g.exclude_query_actors = true;
  g.canonical = true;
  ASSERT_OK_AND_ASSIGN(rows, db->Aggregate(q, g));
  EXPECT_THAT(Groups(rows), ::testing::ElementsAre("Zed 1", "beta 1"));
  g.canonical = false;
  ASSERT_OK_AND_ASSIGN(rows, db->Aggregate(q, g));
  EXPECT_THAT(Groups(rows), ::testing::ElementsAre("Delta 1", "Eps 1"));
}

TEST(CanonicalCountTest, OnlyWithGroupByActor) {
  testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Database> db, Database::Open(dir.Sub("db"), Options()));
  Grouping g;
  g.group = GroupKey::kType;
  g.canonical = true;
  EXPECT_THAT(db->Aggregate(Query(), g),
              testing::StatusIs(absl::StatusCode::kInvalidArgument, ::testing::_));
}

}  // namespace
}  // namespace annals
