// Copyright: the Annals authors.
//
// Aliases against a brute-force model (spec ALIASES.md): random events, random alias tables
// (unbounded, bounded, and offices that change hands: one alias with consecutive periods under
// several canonicals), random adds, removes and reopens, and random queries with plain names and
// NAME / NAME= / NAME=ROLE specs (the role applies to the alias entry). Every query's ids
// and order, every Count, every AddAliases result and every alias listing must agree.
#include <cinttypes>
#include <random>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "annals/database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "internal/text/actor_name.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace annals {
namespace {

// Collide by case and whitespace on purpose.
const char* const kNames[] = {
    "Joe Biden",  "JOE BIDEN",   "BIDEN",         "Donald Trump", "TRUMP", "President", "PRESIDENT",
    "Chancellor", "Olaf Scholz", "Angela Merkel", "Merkel",       "NATO",  "A",         "B",
    "C"};
const char* const kTypes[] = {"statement", "meeting", "0311"};
const char* const kRoles[] = {"source", "target", "Source"};

std::string Key(const std::string& name) { return internal::ActorLookupKey(name).value_or("\xff"); }

struct ModelAlias {
  std::string canonical, alias;  // lookup keys
  int64_t from_us, to_us;
  Alias shown;
};

class Model {
 public:
  // Mirrors Database::AddAliases: all or nothing; returns the number added or nullopt for an
  // overlap (the generator makes no other invalid entry).
  std::optional<uint64_t> Add(const std::vector<Alias>& batch) {
    std::vector<ModelAlias> table = aliases_;
    uint64_t added = 0;
    for (const Alias& a : batch) {
      ModelAlias m{Key(a.canonical), Key(a.alias), Bound(a.from, true), Bound(a.to, false), a};
      bool same = false;
      for (const ModelAlias& have : table) {
        if (have.canonical != m.canonical || have.alias != m.alias) continue;
        if (have.from_us == m.from_us && have.to_us == m.to_us) {
          same = true;
        } else if (have.from_us < m.to_us && m.from_us < have.to_us) {
          return std::nullopt;
        }
      }
      if (same) continue;
      table.push_back(m);
      ++added;
    }
    aliases_ = std::move(table);
    return added;
  }

  uint64_t Remove(const std::string& canonical, const std::string& alias) {
    const size_t before = aliases_.size();
    std::erase_if(aliases_, [&](const ModelAlias& m) {
      return m.canonical == Key(canonical) && m.alias == Key(alias);
    });
    return before - aliases_.size();
  }

  // Sorted as Database::Aliases promises.
  std::vector<std::string> Listing() const {
    std::vector<const ModelAlias*> sorted;
    for (const ModelAlias& m : aliases_) sorted.push_back(&m);
    std::sort(sorted.begin(), sorted.end(), [](const ModelAlias* a, const ModelAlias* b) {
      return std::tie(a->canonical, a->alias, a->from_us, a->to_us) <
             std::tie(b->canonical, b->alias, b->from_us, b->to_us);
    });
    std::vector<std::string> out;
    for (const ModelAlias* m : sorted) out.push_back(Line(m->shown));
    return out;
  }

  void Put(const Event& e) { events_.push_back(e); }

  std::vector<std::string> Query(const annals::Query& q) const {
    std::vector<const Event*> out;
    for (const Event& e : events_) {
      if (Matches(q, e)) out.push_back(&e);
    }
    std::stable_sort(out.begin(), out.end(), [&](const Event* a, const Event* b) {
      return a->time.start_us() < b->time.start_us();
    });
    if (q.reverse) std::reverse(out.begin(), out.end());
    if (q.limit && out.size() > *q.limit) out.resize(*q.limit);
    std::vector<std::string> ids;
    for (const Event* e : out) ids.push_back(e->id);
    return ids;
  }

  static std::string Line(const Alias& a) {
    return absl::StrCat(a.canonical, "|", a.alias, "|", a.from, "|", a.to);
  }

 private:
  static int64_t Bound(const std::string& text, bool is_from) {
    if (text.empty()) return is_from ? kMinusInfinity : kPlusInfinity;
    return is_from ? ParseTime(text)->start_us() : ParseTime(text)->end_us();
  }

  static bool Overlaps(const Event& e, int64_t from, int64_t to) {
    return e.time.start_us() < to && e.time.end_us() > from;
  }

  // The brute-force resolution: the spec's own name at any time, or an alias of it during the
  // alias's period.
  static bool RoleFits(const Actor& a, const ActorSpec& spec) {
    if (!spec.role) return true;
    return Key(a.role) == Key(*spec.role);
  }

  bool Names(const Event& e, const ActorSpec& with_role) const {
    const std::string& spec = with_role.name;
    for (const Actor& a : e.actors) {
      if (!RoleFits(a, with_role)) continue;
      if (Key(a.name) == Key(spec)) return true;
      for (const ModelAlias& m : aliases_) {
        if (m.canonical == Key(spec) && m.alias == Key(a.name) && Overlaps(e, m.from_us, m.to_us)) {
          return true;
        }
      }
    }
    return false;
  }

  static std::vector<ActorSpec> Specs(const std::vector<std::string>& names,
                                      const std::vector<ActorSpec>& specs) {
    std::vector<ActorSpec> out;
    for (const std::string& n : names) out.push_back(ActorSpec{n, std::nullopt});
    out.insert(out.end(), specs.begin(), specs.end());
    return out;
  }

  bool Matches(const annals::Query& q, const Event& e) const {
    if (!Overlaps(e, q.from_us, q.to_us)) return false;
    for (const ActorSpec& a : Specs(q.all_actors, q.all_actor_specs)) {
      if (!Names(e, a)) return false;
    }
    const std::vector<ActorSpec> any = Specs(q.any_actors, q.any_actor_specs);
    if (!any.empty() &&
        std::none_of(any.begin(), any.end(), [&](const ActorSpec& a) { return Names(e, a); })) {
      return false;
    }
    return q.types.empty() || std::find(q.types.begin(), q.types.end(), e.type) != q.types.end();
  }

  std::vector<ModelAlias> aliases_;
  std::vector<Event> events_;  // in the order stored; ids are never reused
};

class Generator {
 public:
  explicit Generator(uint64_t seed) : rng_(seed) {}
  int Uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <typename T, size_t N>
  const T& Pick(const T (&a)[N]) {
    return a[Uniform(0, N - 1)];
  }

  std::string Date() {
    std::string s = absl::StrFormat("%04d", Uniform(1995, 2025));
    const int precision = Uniform(0, 2);
    if (precision >= 1) absl::StrAppendFormat(&s, "-%02d", Uniform(1, 12));
    if (precision >= 2) absl::StrAppendFormat(&s, "-%02d", Uniform(1, 28));
    return s;
  }

  Event NewEvent(int id) {
    Event e;
    e.id = absl::StrCat("e", id);
    for (;;) {
      const int form = Uniform(0, 9);
      std::string text = form < 7 ? Date() : form < 9 ? Date() + "/" + Date() : Date() + "/..";
      absl::StatusOr<EventTime> t = ParseTime(text);
      if (t.ok()) {
        e.time = *t;
        break;
      }
    }
    e.type = Pick(kTypes);
    for (int n = Uniform(1, 3); n > 0; --n) {
      e.actors.push_back(Actor{Pick(kNames), Chance(0.3) ? Pick(kRoles) : ""});
    }
    e.recorded = *ParseDate("2024-01-01");
    return e;
  }

  // A batch of aliases: unbounded or bounded pairs, or an office changing hands.
  std::vector<Alias> NewAliases() {
    std::vector<Alias> out;
    if (Chance(0.3)) {
      const std::string office = Pick(kNames);
      int year = Uniform(1995, 2010);
      for (int n = Uniform(2, 4); n > 0; --n) {
        const int until = year + Uniform(1, 8);
        const std::string canonical = Pick(kNames);
        if (Key(canonical) != Key(office)) {
          out.push_back(Alias{canonical, office, std::to_string(year),
                              n == 1 && Chance(0.5) ? "" : std::to_string(until - 1)});
        }
        year = until;
      }
      return out;
    }
    for (int n = Uniform(1, 3); n > 0; --n) {
      const std::string canonical = Pick(kNames), alias = Pick(kNames);
      if (Key(canonical) == Key(alias)) continue;
      std::string from = Chance(0.5) ? "" : Date(), to = Chance(0.5) ? "" : Date();
      if (!from.empty() && !to.empty() && ParseTime(from)->start_us() >= ParseTime(to)->end_us()) {
        std::swap(from, to);
        if (ParseTime(from)->start_us() >= ParseTime(to)->end_us()) to.clear();
      }
      out.push_back(Alias{canonical, alias, from, to});
    }
    return out;
  }

  // A plain name, or a spec with any role, no role, or a role.
  void AddSpec(std::vector<std::string>* names, std::vector<ActorSpec>* specs) {
    const int kind = Uniform(0, 9);
    if (kind < 6) {
      names->push_back(Pick(kNames));
      return;
    }
    std::optional<std::string> role;
    if (kind == 7) role = "";
    if (kind > 7) role = Pick(kRoles);
    specs->push_back(ActorSpec{Pick(kNames), role});
  }

  annals::Query NewQuery() {
    annals::Query q;
    for (int n = Uniform(0, 2); n > 0; --n) AddSpec(&q.all_actors, &q.all_actor_specs);
    if ((q.all_actors.empty() && q.all_actor_specs.empty()) || Chance(0.3)) {
      for (int n = Uniform(1, 3); n > 0; --n) AddSpec(&q.any_actors, &q.any_actor_specs);
    }
    if (Chance(0.2)) q.types.push_back(Pick(kTypes));
    if (Chance(0.6)) q.from_us = ParseTime(Date())->start_us();
    if (Chance(0.6)) q.to_us = ParseTime(Date())->end_us();
    if (q.from_us >= q.to_us) std::swap(q.from_us, q.to_us);
    if (q.from_us >= q.to_us) q.to_us = kPlusInfinity;
    q.reverse = Chance(0.3);
    if (Chance(0.2)) q.limit = Uniform(0, 10);
    return q;
  }

 private:
  std::mt19937_64 rng_;
};

std::string Describe(const annals::Query& q) {
  auto specs = [](const std::vector<ActorSpec>& v) {
    std::vector<std::string> out;
    for (const ActorSpec& s : v) out.push_back(FormatActorSpec(s) + (s.role ? "" : "(any)"));
    return absl::StrJoin(out, "|");
  };
  return absl::StrCat("all=[", absl::StrJoin(q.all_actors, "|"), "] specs=[",
                      specs(q.all_actor_specs), "] any=[", absl::StrJoin(q.any_actors, "|"),
                      "] specs=[", specs(q.any_actor_specs), "] types=[",
                      absl::StrJoin(q.types, "|"), "] from=", FormatInstant(q.from_us),
                      " to=", FormatInstant(q.to_us), " reverse=", q.reverse,
                      " limit=", q.limit ? std::to_string(*q.limit) : "-");
}

class AliasDifferentialTest : public ::testing::TestWithParam<uint64_t> {
 protected:
  void Reopen() {
    db_.reset();
    ASSERT_OK_AND_ASSIGN(db_, Database::Open(dir_.Sub("db"), Options{}));
  }

  void RunQuery(Generator& gen) {
    const annals::Query q = gen.NewQuery();
    SCOPED_TRACE(Describe(q));
    const std::vector<std::string> want = model_.Query(q);
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Cursor> c, db_->Query(q));
    std::vector<std::string> got;
    while (c->Next()) got.push_back(c->event().id);
    ASSERT_OK(c->status());
    ASSERT_EQ(got, want);
    ASSERT_OK_AND_ASSIGN(uint64_t count, db_->Count(q));
    ASSERT_EQ(count, want.size());
    ++queries_;
    results_ += want.size();
  }

  void RunAdd(Generator& gen) {
    const std::vector<Alias> batch = gen.NewAliases();
    const std::optional<uint64_t> want = model_.Add(batch);
    absl::StatusOr<uint64_t> got = db_->AddAliases(batch);
    if (!want) {
      ASSERT_THAT(got, ::annals::testing::StatusIs(absl::StatusCode::kInvalidArgument,
                                                   ::testing::HasSubstr("overlaps")));
    } else {
      ASSERT_OK(got.status());
      ASSERT_EQ(*got, *want);
    }
    ASSERT_OK_AND_ASSIGN(std::vector<Alias> listed, db_->Aliases(""));
    std::vector<std::string> lines;
    for (const Alias& a : listed) lines.push_back(Model::Line(a));
    ASSERT_EQ(lines, model_.Listing());
  }

  void RunRemove(Generator& gen) {
    const std::string canonical = gen.Pick(kNames), alias = gen.Pick(kNames);
    const uint64_t want = model_.Remove(canonical, alias);
    absl::StatusOr<uint64_t> got = db_->RemoveAlias(canonical, alias, "", "");
    if (want == 0) {
      ASSERT_TRUE(absl::IsNotFound(got.status()) || absl::IsInvalidArgument(got.status()))
          << got.status();
    } else {
      ASSERT_OK(got.status());
      ASSERT_EQ(*got, want);
    }
  }

  ::annals::testing::TempDir dir_;
  std::unique_ptr<Database> db_;
  Model model_;
  int queries_ = 0;
  size_t results_ = 0;
};

TEST_P(AliasDifferentialTest, AgreesWithBruteForceResolution) {
  const uint64_t seed = GetParam();
  SCOPED_TRACE(absl::StrCat("seed ", seed));
  Generator gen(seed);
  Reopen();
  int next_id = 0;
  for (int op = 0; op < 1000; ++op) {
    SCOPED_TRACE(absl::StrCat("op ", op));
    const int kind = gen.Uniform(0, 99);
    if (kind < 30) {
      std::vector<Event> batch;
      for (int n = gen.Uniform(1, 4); n > 0; --n) batch.push_back(gen.NewEvent(next_id++));
      for (const Event& e : batch) model_.Put(e);
      ASSERT_OK(db_->Put(batch).status());
    } else if (kind < 40) {
      RunAdd(gen);
    } else if (kind < 43) {
      RunRemove(gen);
    } else if (kind < 99) {
      RunQuery(gen);
    } else {
      Reopen();
    }
    if (::testing::Test::HasFatalFailure()) return;
  }
  std::printf("seed %" PRIu64 ": %d queries returning %zu events, %zu aliases\n", seed, queries_,
              results_, model_.Listing().size());
}

INSTANTIATE_TEST_SUITE_P(Seeds, AliasDifferentialTest, ::testing::Values(1, 2, 3, 20261129));

}  // namespace
}  // namespace annals
