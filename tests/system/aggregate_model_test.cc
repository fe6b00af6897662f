// Copyright: the Annals authors.
//
// Model-based test of Database::Aggregate and --within: random timelines (every precision,
// intervals, open ends, qualifiers, roles) and random count queries, each checked against a
// brute-force count over the events in memory, bucket by bucket. Fixed seeds, printed on failure.
#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <tuple>

#include "absl/strings/ascii.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "annals/database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace annals {
namespace {

const char* const kActors[] = {"Alpha", "beta", "Gamma", "Delta", "Eps"};
const char* const kRoles[] = {"", "source", "Target", "SOURCE"};
const char* const kTypes[] = {"", "010", "020", "war"};

class Gen {
 public:
  explicit Gen(uint32_t seed) : rng_(seed) {}
  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

  std::string Date() {
    const int y = Int(2019, 2022), m = Int(1, 12), d = Int(1, 28), h = Int(0, 23);
    const int mi = Int(0, 59), s = Int(0, 59);
    std::string t;
    switch (Int(0, 6)) {
      case 0:
        t = absl::StrFormat("%04d", y);
        break;
      case 1:
        t = absl::StrFormat("%04d-%02d", y, m);
        break;
      case 2:
        t = absl::StrFormat("%04d-%02d-%02d", y, m, d);
        break;
      case 3:
        t = absl::StrFormat("%04d-%02d-%02dT%02d:%02dZ", y, m, d, h, mi);
        break;
      case 4:
        t = absl::StrFormat("%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, h, mi, s);
        break;
      case 5:
        t = absl::StrFormat("%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", y, m, d, h, mi, s, Int(0, 999));
        break;
      default:
        t = absl::StrFormat("%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", y, m, d, h, mi, s,
                            Int(0, 999999));
    }
    const char* quals[] = {"", "", "", "~", "?", "%"};
    return t + quals[Int(0, 5)];
  }

  EventTime Time() {
    for (;;) {
      std::string text;
      switch (Int(0, 5)) {
        case 0:
          text = Date() + "/" + Date();
          break;
        case 1:
          text = Date() + "/..";
          break;
        case 2:
          text = "../" + Date();
          break;
        default:
          text = Date();
      }
      absl::StatusOr<EventTime> t = ParseTime(text);
      if (t.ok()) return *t;  // an interval ending before it starts: try again
    }
  }

  Event MakeEvent(int i) {
    Event e;
    e.id = "e" + std::to_string(i);
    e.time = Time();
    e.type = kTypes[Int(0, 3)];
    const int n = Int(0, 3);
    for (int a = 0; a < n; ++a) e.actors.push_back(Actor{kActors[Int(0, 4)], kRoles[Int(0, 3)]});
    return e;
  }

  std::mt19937 rng_;
};

std::string Key(std::string s) { return absl::AsciiStrToLower(s); }

bool Involves(const Event& e, const std::string& name) {
  for (const Actor& a : e.actors) {
    if (Key(a.name) == Key(name)) return true;
  }
  return false;
}

bool Matches(const Event& e, const Query& q) {
  for (const std::string& a : q.all_actors) {
    if (!Involves(e, a)) return false;
  }
  if (!q.any_actors.empty() && std::none_of(q.any_actors.begin(), q.any_actors.end(),
                                            [&](const std::string& a) { return Involves(e, a); })) {
    return false;
  }
  if (!q.types.empty() && std::find(q.types.begin(), q.types.end(), e.type) == q.types.end()) {
    return false;
  }
  const int64_t s = e.time.start_us(), t = e.time.end_us();
  return q.within ? q.from_us <= s && t <= q.to_us : s < q.to_us && t > q.from_us;
}

// Bucket boundaries by walking civil time, independently of the engine's floor arithmetic.
int64_t Us(absl::CivilSecond c) { return (c - absl::CivilSecond(1970)) * 1000000; }
absl::CivilSecond Civil(int64_t us) {
  return absl::CivilSecond(1970) + (us >= 0 ? us / 1000000 : -((-us + 999999) / 1000000));
}

std::vector<int64_t> Buckets(TimeUnit unit, int64_t from, int64_t to) {
  // Start at the first bucket of the year, step until past `from`, then until `to`.
  absl::CivilSecond c = absl::CivilYear(Civil(from));
  if (unit == TimeUnit::kWeek) {
    absl::CivilDay d(c);
    while (absl::GetWeekday(d) != absl::Weekday::monday) --d;
    c = d;
  }
  auto next = [&](absl::CivilSecond x) -> absl::CivilSecond {
    switch (unit) {
      case TimeUnit::kYear:
        return absl::CivilYear(x) + 1;
      case TimeUnit::kQuarter:
        return absl::CivilMonth(x) + 3;
      case TimeUnit::kMonth:
        return absl::CivilMonth(x) + 1;
      case TimeUnit::kWeek:
        return absl::CivilDay(x) + 7;
      case TimeUnit::kDay:
        return absl::CivilDay(x) + 1;
      case TimeUnit::kHour:
        return absl::CivilHour(x) + 1;
    }
    return x;
  };
  while (Us(next(c)) <= from) c = next(c);
  std::vector<int64_t> out = {Us(c)};
  while (out.back() < to && out.size() <= kMaxBuckets + 1) out.push_back(Us(c = next(c)));
  return out;
}

struct Expected {
  bool too_many = false;
  std::vector<CountRow> rows;
};

// `exclude`: related's --actor names, whose entries are left out.
std::vector<std::string> Values(const Event& e, GroupKey key,
                                const std::vector<std::string>& exclude) {
  std::map<std::string, std::string> by_key;  // lookup key -> shown value
  if (key == GroupKey::kType) return {e.type};
  if (e.actors.empty()) return {""};
  for (const Actor& a : e.actors) {
    if (std::find(exclude.begin(), exclude.end(), Key(a.name)) != exclude.end()) continue;
    const std::string& v = key == GroupKey::kActor ? a.name : a.role;
    by_key.emplace(Key(v), v);
  }
  std::vector<std::string> out;
  for (auto& [k, v] : by_key) out.push_back(k);
  return out;
}

Expected Model(const std::vector<Event>& events, const Query& q, const Grouping& g) {
  std::vector<std::string> exclude;
  if (g.exclude_query_actors) {
    for (const std::string& a : q.all_actors) exclude.push_back(Key(a));
  }
  std::vector<const Event*> hits;
  for (const Event& e : events) {
    if (Matches(e, q)) hits.push_back(&e);
  }
  // The display of a role: as first seen in start order (ties: ingest order, which is `events`).
  std::map<std::string, std::string> shown;
  std::vector<const Event*> ordered = hits;
  std::stable_sort(ordered.begin(), ordered.end(), [](const Event* a, const Event* b) {
    return a->time.start_us() < b->time.start_us();
  });
  for (const Event* e : ordered) {
    for (const Actor& a : e->actors)
      shown.emplace(Key(g.group == GroupKey::kRole ? a.role : a.name),
                    g.group == GroupKey::kRole ? a.role : a.name);
  }
  auto show = [&](const std::string& v) {
    return g.group == GroupKey::kType || v.empty() ? v : shown[v];
  };
  std::map<std::string, uint64_t> events_per;
  if (g.group) {
    for (const Event* e : hits) {
      for (const std::string& v : Values(*e, *g.group, exclude)) ++events_per[v];
    }
  }
  std::vector<std::pair<uint64_t, std::string>> ranked;
  for (auto& [v, n] : events_per) ranked.push_back({n, v});
  std::sort(ranked.begin(), ranked.end(), [&](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : show(a.second) < show(b.second);
  });
  if (g.limit && ranked.size() > *g.limit) ranked.resize(*g.limit);
  Expected out;
  if (!g.time) {
    for (auto& [n, v] : ranked) out.rows.push_back(CountRow{"", 0, 0, show(v), 0, 0, 0, n});
    return out;
  }
  int64_t from = q.from_us, to = q.to_us;
  if (from == kMinusInfinity || to == kPlusInfinity) {
    if (hits.empty()) return out;
    int64_t lo = kPlusInfinity, hi = kMinusInfinity;
    for (const Event* e : hits) {
      const int64_t s = e->time.start_us(), t = e->time.end_us();
      lo = std::min(lo, s == kMinusInfinity ? t - 1 : s);
      hi = std::max(hi, t == kPlusInfinity ? s + 1 : t);
    }
    if (from == kMinusInfinity) from = std::min(lo, to == kPlusInfinity ? lo : to - 1);
    if (to == kPlusInfinity) to = std::max(hi, from + 1);
  }
  const std::vector<int64_t> b = Buckets(*g.time, from, to);
  if (b.size() > kMaxBuckets + 1) {
    out.too_many = true;
    return out;
  }
  std::vector<std::vector<std::string>> hit_values;
  for (const Event* e : hits)
    hit_values.push_back(g.group ? Values(*e, *g.group, exclude) : std::vector<std::string>());
  for (size_t i = 0; i + 1 < b.size(); ++i) {
    std::vector<std::tuple<uint64_t, std::string, CountRow>> row_set;
    auto count = [&](const std::string* value) {
      CountRow r{"", b[i], b[i + 1], value ? show(*value) : "", 0, 0, 0, 0};
      for (size_t h = 0; h < hits.size(); ++h) {
        const Event* e = hits[h];
        const std::vector<std::string>& vs = hit_values[h];
        if (value && std::find(vs.begin(), vs.end(), *value) == vs.end()) continue;
        const int64_t s = e->time.start_us(), t = e->time.end_us();
        r.starting += b[i] <= s && s < b[i + 1];
        r.within += b[i] <= s && t <= b[i + 1];
        r.overlapping += s < b[i + 1] && t > b[i];
      }
      return r;
    };
    if (!g.group) {
      out.rows.push_back(count(nullptr));
      continue;
    }
    for (auto& [n, v] : ranked) {
      CountRow r = count(&v);
      if (r.overlapping > 0) row_set.emplace_back(r.starting, r.group, r);
    }
    std::sort(row_set.begin(), row_set.end(), [](const auto& x, const auto& y) {
      return std::get<0>(x) != std::get<0>(y) ? std::get<0>(x) > std::get<0>(y)
                                              : std::get<1>(x) < std::get<1>(y);
    });
    for (auto& t : row_set) out.rows.push_back(std::get<2>(t));
  }
  return out;
}

Query RandomQuery(Gen& gen) {
  Query q;
  if (gen.Int(0, 2) == 0) q.all_actors.push_back(kActors[gen.Int(0, 4)]);
  if (gen.Int(0, 4) == 0) q.all_actors.push_back(Key(kActors[gen.Int(0, 4)]));
  if (gen.Int(0, 4) == 0) q.any_actors = {kActors[gen.Int(0, 4)], kActors[gen.Int(0, 4)]};
  if (gen.Int(0, 3) == 0) q.types = {kTypes[gen.Int(1, 3)]};
  for (int tries = 0; tries < 100; ++tries) {
    q.from_us = gen.Int(0, 2) == 0 ? kMinusInfinity : ParseTime(gen.Date())->start_us();
    q.to_us = gen.Int(0, 2) == 0 ? kPlusInfinity : ParseTime(gen.Date())->end_us();
    if (q.from_us < q.to_us) break;
  }
  if (q.from_us >= q.to_us) q.to_us = kPlusInfinity;
  q.within = gen.Int(0, 2) == 0;
  return q;
}

Grouping RandomGrouping(Gen& gen) {
  Grouping g;
  const int kind = gen.Int(0, 2);  // 0: time, 1: group, 2: both
  if (kind != 1) g.time = static_cast<TimeUnit>(gen.Int(0, 5));
  if (kind != 0) g.group = static_cast<GroupKey>(gen.Int(0, 2));
  if (g.group && gen.Int(0, 2) == 0) g.limit = gen.Int(0, 3);
  g.exclude_query_actors = g.group == GroupKey::kActor && gen.Int(0, 1) == 0;
  return g;
}

std::string Describe(const CountRow& r) {
  return absl::StrFormat("[%s|%s s%d w%d o%d e%d]", r.bucket, r.group, r.starting, r.within,
                         r.overlapping, r.events);
}

TEST(AggregateModelTest, RandomTimelinesAgainstBruteForce) {
  for (uint32_t seed : {1u, 2u, 3u, 4u}) {
    SCOPED_TRACE(absl::StrFormat("seed %d", seed));
    Gen gen(seed);
    testing::TempDir dir;
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Database> db, Database::Open(dir.Sub("db"), Options()));
    std::vector<Event> events;
    for (int i = 0; i < 150; ++i) events.push_back(gen.MakeEvent(i));
    ASSERT_OK(db->Put(events).status());
    // The model counts what is stored (an actor named twice is kept as the engine keeps it).
    for (Event& e : events) {
      ASSERT_OK_AND_ASSIGN(Event stored, db->Get(e.id));
      e = std::move(stored);
    }
    for (int round = 0; round < 50; ++round) {
      const Query q = RandomQuery(gen);
      Grouping g = RandomGrouping(gen);
      if (q.all_actors.empty()) g.exclude_query_actors = false;
      SCOPED_TRACE(absl::StrFormat("round %d from %d to %d within %d time %d group %d", round,
                                   q.from_us, q.to_us, q.within, g.time ? int(*g.time) : -1,
                                   g.group ? int(*g.group) : -1));
      const Expected want = Model(events, q, g);
      absl::StatusOr<std::vector<CountRow>> got = db->Aggregate(q, g);
      if (want.too_many) {
        EXPECT_THAT(got, testing::StatusIs(absl::StatusCode::kOutOfRange, ::testing::_));
        continue;
      }
      ASSERT_OK(got.status());
      if (getenv("AGG_DUMP") != nullptr && got->size() != want.rows.size()) {
        for (size_t i = 0; i < std::max(want.rows.size(), got->size()) && i < 12; ++i) {
          printf("%s  |  %s\n", i < got->size() ? Describe((*got)[i]).c_str() : "-",
                 i < want.rows.size() ? Describe(want.rows[i]).c_str() : "-");
        }
        printf("limit %d\n", g.limit ? int(*g.limit) : -1);
        for (const Event& e : events) {
          if (!Matches(e, q)) continue;
          printf("%s %s:", e.id.c_str(), FormatTime(e.time).c_str());
          for (const Actor& a : e.actors) printf(" %s=%s", a.name.c_str(), a.role.c_str());
          printf("\n");
        }
      }
      for (size_t i = 0; i < std::min(want.rows.size(), got->size()); ++i) {
        CountRow w = want.rows[i], o = (*got)[i];
        o.bucket.clear();  // labels: calendar_buckets_test
        if (!g.time) o.bucket_start_us = o.bucket_end_us = 0;
        ASSERT_EQ(Describe(o), Describe(w)) << "row " << i;
        ASSERT_EQ(o.bucket_start_us, w.bucket_start_us) << "row " << i;
        ASSERT_EQ(o.bucket_end_us, w.bucket_end_us) << "row " << i;
      }
      ASSERT_EQ(got->size(), want.rows.size());
      // --within and overlap on plain queries agree with the model too.
      ASSERT_OK_AND_ASSIGN(uint64_t n, db->Count(q));
      EXPECT_EQ(n, std::count_if(events.begin(), events.end(),
                                 [&](const Event& e) { return Matches(e, q); }));
    }
  }
}

// Short spans around day bounds (day counts, storage/day_counts.h): minutes and seconds, spans of
// hours across midnight, intervals of one to four days (both sides of the day-counted classes),
// mixed with month and year precision and open ends, then upserts and deletes. Queries of the
// shape day counts answer (one actor or none, a time key of a day or more, whole-day range) are
// checked against the brute force, and must read fewer entries than they count.
class ShortSpanGen : public Gen {
 public:
  using Gen::Gen;
  std::string Instant(int day) {
    const absl::CivilSecond t = absl::CivilDay(2024, 2, 20) + day;
    const absl::CivilSecond at = t + Int(0, 86399);
    return absl::FormatCivilTime(at) + "Z";
  }
  EventTime ShortTime() {
    const int day = Int(0, 20);
    std::string text;
    switch (Int(0, 7)) {
      case 0:
        text = absl::FormatCivilTime(absl::CivilDay(2024, 2, 20) + day);
        break;
      case 1:
        text = Instant(day);
        break;
      case 2: {  // hours, often across midnight
        const absl::CivilSecond a =
            absl::CivilSecond(absl::CivilDay(2024, 2, 20) + day) + Int(0, 86399);
        text = absl::FormatCivilTime(a) + "Z/" + absl::FormatCivilTime(a + Int(1, 40000)) + "Z";
        break;
      }
      case 3: {  // one to four days: day-counted up to 8^6 s, longer ones not
        const absl::CivilSecond a =
            absl::CivilSecond(absl::CivilDay(2024, 2, 20) + day) + Int(0, 86399);
        text = absl::FormatCivilTime(a) + "Z/" + absl::FormatCivilTime(a + Int(86400, 4 * 86400)) +
               "Z";
        break;
      }
      case 4:
        text = absl::StrFormat("2024-0%d", Int(2, 3));
        break;
      case 5:
        text = Instant(day) + "/..";
        break;
      case 6:
        text = absl::FormatCivilTime(absl::CivilDay(2024, 2, 20) + day) + "/" +
               absl::FormatCivilTime(absl::CivilDay(2024, 2, 20) + day + Int(0, 3));
        break;
      default:
        text = "2024";
    }
    absl::StatusOr<EventTime> t = ParseTime(text);
    EXPECT_TRUE(t.ok()) << text;
    return t.ok() ? *t : EventTime();
  }
  Event MakeShortEvent(int i) {
    Event e = MakeEvent(i);
    e.time = ShortTime();
    return e;
  }
};

TEST(AggregateModelTest, DayCountedHistogramsAgainstBruteForce) {
  for (uint32_t seed : {11u, 12u, 13u, 14u}) {
    SCOPED_TRACE(absl::StrFormat("seed %d", seed));
    ShortSpanGen gen(seed);
    testing::TempDir dir;
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Database> db, Database::Open(dir.Sub("db"), Options()));
    std::vector<Event> events;
    for (int i = 0; i < 1500; ++i) {
      events.push_back(gen.MakeShortEvent(i));
      // Seed 14: a few events with more actors than day counts pair (pairs then use the index).
      if (seed == 14 && i % 150 == 0) {
        for (const char* name : {"c1", "c2", "c3", "c4", "c5", "c6", "c7"}) {
          events.back().actors.push_back(Actor{name, ""});
        }
        events.back().actors.push_back(Actor{"Alpha", ""});
        events.back().actors.push_back(Actor{"beta", ""});
      }
    }
    for (size_t i = 0; i < events.size(); i += 500) {
      std::vector<Event> batch(events.begin() + i,
                               events.begin() + std::min(events.size(), i + 500));
      ASSERT_OK(db->Put(batch).status());
    }
    // Revisions: a third replaced (new times and actors), a tenth deleted.
    std::vector<Event> revised;
    for (int i = 0; i < 1500; i += 3) revised.push_back(gen.MakeShortEvent(i));
    ASSERT_OK(db->Put(revised).status());
    std::vector<std::string> gone;
    for (int i = 1; i < 1500; i += 10) gone.push_back("e" + std::to_string(i));
    ASSERT_OK(db->Delete(gone).status());
    ASSERT_OK_AND_ASSIGN(CheckReport check, db->Check());
    EXPECT_THAT(check.problems, ::testing::IsEmpty());
    std::vector<Event> stored;
    for (int i = 0; i < 1500; ++i) {
      absl::StatusOr<Event> e = db->Get("e" + std::to_string(i));
      if (e.ok()) stored.push_back(*std::move(e));
    }
    ASSERT_EQ(stored.size(), 1500u - gone.size());
    for (int round = 0; round < 60; ++round) {
      Query q;
      if (gen.Int(0, 3) != 0) q.all_actors.push_back(kActors[gen.Int(0, 4)]);
      if (!q.all_actors.empty() && gen.Int(0, 1) == 0) {
        q.all_actors.push_back(kActors[gen.Int(0, 4)]);  // a dyad (or one actor named twice)
      }
      const absl::CivilDay first = absl::CivilDay(2024, 2, 20) + gen.Int(-3, 18);
      q.from_us = absl::ToUnixMicros(absl::FromCivil(first, absl::UTCTimeZone()));
      q.to_us = absl::ToUnixMicros(absl::FromCivil(first + gen.Int(1, 10), absl::UTCTimeZone()));
      q.within = gen.Int(0, 2) == 0;
      // A side not given: day counts still answer, the bucket range comes from the events.
      if (gen.Int(0, 4) == 0) q.from_us = kMinusInfinity;
      if (gen.Int(0, 4) == 0) q.to_us = kPlusInfinity;
      Grouping g;
      if (q.all_actors.empty() && gen.Int(0, 2) == 0) {
        g.group = GroupKey::kType;  // day counts by type
      } else {
        g.time = static_cast<TimeUnit>(gen.Int(0, 4));  // year to day
      }
      SCOPED_TRACE(absl::StrFormat("round %d from %d to %d within %d time %d", round, q.from_us,
                                   q.to_us, q.within, g.time ? int(*g.time) : -1));
      const Expected want = Model(stored, q, g);
      ASSERT_OK_AND_ASSIGN(std::vector<CountRow> got, db->Aggregate(q, g));
      ASSERT_EQ(got.size(), want.rows.size());
      for (size_t i = 0; i < got.size(); ++i) {
        CountRow w = want.rows[i], o = got[i];
        o.bucket.clear();
        ASSERT_EQ(Describe(o), Describe(w)) << "row " << i;
        ASSERT_EQ(o.bucket_start_us, w.bucket_start_us) << "row " << i;
      }
      // `query --count` takes the same path.
      ASSERT_OK_AND_ASSIGN(uint64_t n, db->Count(q));
      EXPECT_EQ(n, std::count_if(stored.begin(), stored.end(),
                                 [&](const Event& e) { return Matches(e, q); }));
    }
  }
}

// The cost rule of day counts: a histogram of whole days reads one entry per (day, span) of the
// actor, not one per event; a range off the day bounds reads the index.
TEST(AggregateModelTest, DayCountsReadOneEntryPerDay) {
  testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Database> db, Database::Open(dir.Sub("db"), Options()));
  std::vector<Event> events;
  for (int i = 0; i < 3000; ++i) {
    Event e;
    e.id = "e" + std::to_string(i);
    e.time = *ParseTime(absl::StrFormat("2024-03-%02d", 1 + i % 20));
    e.actors = {Actor{"Alpha", "source"}, Actor{i % 2 == 0 ? "beta" : "Gamma", "target"}};
    e.type = "040";
    events.push_back(std::move(e));
  }
  ASSERT_OK(db->Put(events).status());
  auto entries_read = [&](const Query& q, const Grouping& g, uint64_t* counted) {
    uint64_t before = db->Stats()->counters.index_entries_scanned;
    absl::StatusOr<std::vector<CountRow>> rows = db->Aggregate(q, g);
    EXPECT_OK(rows.status());
    *counted = 0;
    for (const CountRow& r : *rows) *counted += r.starting + r.events;
    return db->Stats()->counters.index_entries_scanned - before;
  };
  Query q;
  q.all_actors = {"alpha"};
  q.from_us = ParseTime("2024-03")->start_us();
  q.to_us = ParseTime("2024-03")->end_us();
  Grouping g;
  g.time = TimeUnit::kWeek;
  uint64_t counted = 0;
  EXPECT_EQ(entries_read(q, g, &counted), 20u);
  EXPECT_EQ(counted, 3000u);
  q.all_actors = {"Gamma", "alpha"};  // a dyad: the pair's day counts (Gamma: every other day)
  EXPECT_EQ(entries_read(q, g, &counted), 10u);
  EXPECT_EQ(counted, 1500u);
  // An event with more actors than day counts pair: dyads use the index while it is there.
  Event crowded;
  crowded.id = "crowded";
  crowded.time = *ParseTime("2024-03-05");
  for (const char* name : {"alpha", "gamma", "c1", "c2", "c3", "c4", "c5", "c6", "c7"}) {
    crowded.actors.push_back(Actor{name, ""});
  }
  ASSERT_OK(db->Put({crowded}).status());
  EXPECT_EQ(entries_read(q, g, &counted), 2 * 1501u);  // Gamma's entries, a lookup of alpha each
  EXPECT_EQ(counted, 1501u);
  ASSERT_OK(db->Delete({"crowded"}).status());
  EXPECT_EQ(entries_read(q, g, &counted), 10u);
  EXPECT_EQ(counted, 1500u);
  q.all_actors.clear();  // every event: actor 0's day counts
  EXPECT_EQ(entries_read(q, g, &counted), 20u);
  EXPECT_EQ(counted, 3000u);
  Grouping by_type;
  by_type.group = GroupKey::kType;  // one type entry per day, and the deleted event's, now 0
  EXPECT_EQ(entries_read(q, by_type, &counted), 21u);
  EXPECT_EQ(counted, 3000u);
  const uint64_t before = db->Stats()->counters.index_entries_scanned;
  ASSERT_OK_AND_ASSIGN(uint64_t n, db->Count(q));  // --count: the same day counts
  EXPECT_EQ(n, 3000u);
  EXPECT_EQ(db->Stats()->counters.index_entries_scanned - before, 20u);
  q.from_us += 3'600'000'000;  // off the day bound: the index, an entry per event
  EXPECT_EQ(entries_read(q, g, &counted), 3000u);
  EXPECT_EQ(counted, 3000u);
}

}  // namespace
}  // namespace annals
