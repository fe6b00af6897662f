// Copyright: the Annals authors.
//
// The randomized differential test: thousands of random puts, upserts, deletes and queries run
// against the database and against a brute-force in-memory model, with reopens midway. Every
// query's results (ids, order, content), every Count and every PutResult must agree.
// Actors carry random roles (and self-dyads: one actor as source and as target); queries use
// plain names and NAME / NAME= / NAME=ROLE specs (FORMAT.md section 3, "Roles").
#include <cinttypes>
#include <map>
#include <random>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "annals/database.h"
#include "annals/record_io.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "internal/storage/record_codec.h"
#include "internal/text/actor_name.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace annals {
namespace {

// Names that collide by case, whitespace or Unicode normalization on purpose.
const char* const kActors[] = {
    "Mark Rutte",
    "mark rutte",
    "  Mark   Rutte ",
    "Olaf Scholz",
    "NATO",
    "nato",
    "Kamala Harris",
    "Donald Trump",
    "DONALD TRUMP",
    "Joe Biden",
    "Volodymyr Zelensky",
    "\xD0\xA3\xD0\xBA\xD1\x80\xD0\xB0\xD1\x97\xD0\xBD\xD0\xB0",  // Україна
    "\xD0\xA3\xD0\x9A\xD0\xA0\xD0\x90\xD0\x87\xD0\x9D\xD0\x90",  // УКРАЇНА
    "Z\xC3\xA9lie",                                              // Zélie, composed
    "Ze\xCC\x81lie",                                             // Zélie, decomposed
    "\xE6\x9D\xB1\xE4\xBA\xAC",                                  // 東京
    "Russia",
    "North Korea",
    "Ukraine",
    "United States",
    "A",
    "B",
    "C",
    "D"};
const char* const kTypes[] = {"statement", "election", "troop-report", "0311", "war", "plan"};
// Roles as stored: "" and roles that collide by case or whitespace on purpose.
const char* const kRoles[] = {"", "", "", "source", "Source", "target", " target ", "speaker"};
// Roles as queried: some stored, one never stored.
const char* const kQueryRoles[] = {"", "source", "SOURCE", "target", "speaker", "winner"};

class Model {
 public:
  struct Entry {
    uint64_t order;
    Event event;  // normalized, as given (recorded may be unset)
  };

  PutResult Put(std::vector<Event> events) {
    PutResult r;
    for (Event& e : events) {
      EXPECT_OK(NormalizeEvent(e));
      if (e.id.empty()) e.id = absl::BytesToHexString(internal::HashContent(e));
      auto it = by_id_.find(e.id);
      if (it == by_id_.end()) {
        by_id_.emplace(e.id, Entry{next_order_++, e});
        ++r.added;
      } else if (it->second.event == e) {
        ++r.unchanged;
      } else {
        it->second.event = e;
        ++r.replaced;
      }
    }
    return r;
  }

  std::vector<bool> Delete(const std::vector<std::string>& ids) {
    std::vector<bool> found;
    for (const auto& id : ids) found.push_back(by_id_.erase(id) > 0);
    return found;
  }

  std::vector<const Entry*> Query(const annals::Query& q) const {
    std::vector<const Entry*> out;
    for (const auto& [id, entry] : by_id_) {
      if (Matches(q, entry.event)) out.push_back(&entry);
    }
    std::sort(out.begin(), out.end(), [&](const Entry* a, const Entry* b) {
      const int64_t sa = a->event.time.start_us(), sb = b->event.time.start_us();
      if (sa != sb) return q.reverse ? sa > sb : sa < sb;
      return q.reverse ? a->order > b->order : a->order < b->order;
    });
    if (q.limit && out.size() > *q.limit) out.resize(*q.limit);
    return out;
  }

  const std::map<std::string, Entry>& entries() const { return by_id_; }

 private:
  static std::string Key(const std::string& name) {
    return internal::ActorLookupKey(name).value_or("\xff invalid");
  }

  // Some entry of `e` satisfies `spec`: same actor key, and the same role key unless the spec
  // has no role.
  static bool Involves(const Event& e, const ActorSpec& spec) {
    for (const Actor& a : e.actors) {
      if (Key(a.name) != Key(spec.name)) continue;
      if (!spec.role || Key(a.role) == Key(*spec.role)) return true;
    }
    return false;
  }

  static std::vector<ActorSpec> Specs(const std::vector<std::string>& names,
                                      const std::vector<ActorSpec>& specs) {
    std::vector<ActorSpec> out = specs;
    for (const std::string& name : names) out.push_back(ActorSpec{name, std::nullopt});
    return out;
  }

  static bool Matches(const annals::Query& q, const Event& e) {
    if (!(e.time.start_us() < q.to_us && e.time.end_us() > q.from_us)) return false;
    for (const ActorSpec& a : Specs(q.all_actors, q.all_actor_specs)) {
      if (!Involves(e, a)) return false;
    }
    const std::vector<ActorSpec> any = Specs(q.any_actors, q.any_actor_specs);
    if (!any.empty() &&
        std::none_of(any.begin(), any.end(), [&](const ActorSpec& a) { return Involves(e, a); })) {
      return false;
    }
    return q.types.empty() || std::find(q.types.begin(), q.types.end(), e.type) != q.types.end();
  }

  std::map<std::string, Entry> by_id_;
  uint64_t next_order_ = 0;
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

  // A date of random precision, mostly 1990-2030, sometimes at the ends of the calendar.
  std::string DateText(bool allow_offset) {
    int year = Chance(0.02) ? (Chance(0.5) ? 1 : 9999) : Uniform(1990, 2030);
    std::string s = absl::StrFormat("%04d", year);
    const int precision = Uniform(0, 6);
    if (precision >= 1) absl::StrAppendFormat(&s, "-%02d", Uniform(1, 12));
    if (precision >= 2) absl::StrAppendFormat(&s, "-%02d", Uniform(1, 28));
    if (precision >= 3) absl::StrAppendFormat(&s, "T%02d:%02d", Uniform(0, 23), Uniform(0, 59));
    if (precision >= 4) absl::StrAppendFormat(&s, ":%02d", Uniform(0, 59));
    if (precision == 5) absl::StrAppendFormat(&s, ".%0*d", Uniform(1, 3), Uniform(0, 9));
    if (precision == 6) absl::StrAppendFormat(&s, ".%06d", Uniform(0, 999999));
    if (precision >= 3) {
      const bool offset = allow_offset && year > 1 && year < 9999 && Chance(0.3);
      // Offsets lie in -12:00..+14:00 and -00:00 is refused (spec/FORMAT.md section 2).
      const int minutes = Uniform(-24, 28) * 30;
      const int abs = minutes < 0 ? -minutes : minutes;
      s += offset ? absl::StrFormat("%c%02d:%02d", minutes < 0 ? '-' : '+', abs / 60, abs % 60)
                  : (Chance(0.5) ? "Z" : "");
    }
    static const char* const kQualifiers[] = {"", "", "", "~", "?", "%"};
    return s + Pick(kQualifiers);
  }

  EventTime Time() {
    for (;;) {
      std::string text;
      const int form = Uniform(0, 99);
      if (form < 75) {
        text = DateText(true);
      } else if (form < 90) {
        text = DateText(true) + "/" + DateText(true);
      } else if (form < 96) {
        text = DateText(true) + "/..";
      } else {
        text = "../" + DateText(true);
      }
      absl::StatusOr<EventTime> t = ParseTime(text);
      if (t.ok()) return *t;  // intervals that end before they start are drawn again
    }
  }

  Event NewEvent(std::string id) {
    Event e;
    e.id = std::move(id);
    e.time = Time();
    if (Chance(0.8)) e.type = Pick(kTypes);
    if (Chance(0.7)) e.title = absl::StrCat("title ", Uniform(0, 1000));
    const int n = Uniform(0, 4);
    for (int i = 0; i < n; ++i) e.actors.push_back(Actor{Pick(kActors), Pick(kRoles)});
    if (Chance(0.15)) {  // a self-dyad, as in GDELT: one actor as source and as target
      const char* actor = Pick(kActors);
      e.actors.push_back(Actor{actor, "source"});
      e.actors.push_back(Actor{actor, "target"});
    }
    if (Chance(0.3)) e.location = "Berlin, Germany";
    if (Chance(0.8)) e.recorded = *ParseDate(DateText(false));
    if (Chance(0.4))
      e.attrs.push_back(Attr{"n", Attr::Kind::kNumber, std::to_string(Uniform(0, 9))});
    return e;
  }

  // NAME (half of the time), NAME= or NAME=ROLE, through the text form the CLI reads.
  ActorSpec Spec(const char* name) {
    ActorSpec spec{name, std::nullopt};
    if (Chance(0.5)) spec.role = Pick(kQueryRoles);
    absl::StatusOr<ActorSpec> parsed = ParseActorSpec(FormatActorSpec(spec));
    EXPECT_OK(parsed.status());
    return parsed.value_or(spec);
  }

  annals::Query NewQuery() {
    annals::Query q;
    const int all = Uniform(0, 9) < 6 ? Uniform(0, 2) : 0;
    for (int i = 0; i < all; ++i) {
      const char* name = Chance(0.05) ? "Nobody" : Pick(kActors);
      if (Chance(0.4)) {
        q.all_actors.push_back(name);
      } else {
        q.all_actor_specs.push_back(Spec(name));
      }
    }
    if (Chance(0.1)) {  // a self-dyad query
      const char* actor = Pick(kActors);
      q.all_actor_specs.push_back(ActorSpec{actor, "source"});
      q.all_actor_specs.push_back(ActorSpec{actor, "target"});
    }
    if (Chance(0.25)) {
      for (int i = Uniform(1, 3); i > 0; --i) {
        if (Chance(0.4)) {
          q.any_actors.push_back(Pick(kActors));
        } else {
          q.any_actor_specs.push_back(Spec(Pick(kActors)));
        }
      }
    }
    if (Chance(0.25)) {
      for (int i = Uniform(1, 2); i > 0; --i) q.types.push_back(Pick(kTypes));
    }
    if (Chance(0.7)) q.from_us = ParseTime(DateText(true))->start_us();
    if (Chance(0.7)) q.to_us = ParseTime(DateText(true))->end_us();
    q.reverse = Chance(0.3);
    if (Chance(0.3)) q.limit = Uniform(0, 20);
    return q;
  }

 private:
  std::mt19937_64 rng_;
};

std::string Describe(const std::vector<ActorSpec>& specs) {
  return absl::StrJoin(
      specs, "|", [](std::string* out, const ActorSpec& s) { out->append(FormatActorSpec(s)); });
}

std::string Describe(const annals::Query& q) {
  return absl::StrCat("all=[", absl::StrJoin(q.all_actors, "|"), "] all specs=[",
                      Describe(q.all_actor_specs), "] any=[", absl::StrJoin(q.any_actors, "|"),
                      "] any specs=[", Describe(q.any_actor_specs), "] types=[",
                      absl::StrJoin(q.types, "|"), "] from=", FormatInstant(q.from_us),
                      " to=", FormatInstant(q.to_us), " reverse=", q.reverse,
                      " limit=", q.limit ? std::to_string(*q.limit) : "-");
}

struct Totals {
  int ops = 0, queries = 0, results = 0;
};

class DifferentialTest : public ::testing::TestWithParam<uint64_t> {
 protected:
  void Reopen() {
    db_.reset();
    auto db = Database::Open(dir_.Sub("db"), Options{});
    ASSERT_OK(db.status());
    db_ = *std::move(db);
  }

  void RunQuery(Generator& gen, Totals* totals) {
    const annals::Query q = gen.NewQuery();
    std::vector<const Model::Entry*> want = model_.Query(q);
    SCOPED_TRACE(Describe(q));
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Cursor> c, db_->Query(q));
    size_t i = 0;
    for (; c->Next(); ++i) {
      ASSERT_LT(i, want.size()) << "extra result " << c->event().id;
      const Event& got = c->event();
      const Event& expect = want[i]->event;
      ASSERT_EQ(got.id, expect.id) << "result " << i;
      Event normalized = got;
      normalized.ingested_us = 0;
      if (!expect.recorded) normalized.recorded.reset();
      ASSERT_EQ(FormatJsonRecord(normalized), FormatJsonRecord(expect));
    }
    ASSERT_OK(c->status());
    ASSERT_EQ(i, want.size()) << "missing results, first missing: "
                              << (i < want.size() ? FormatJsonRecord(want[i]->event) : "");
    ASSERT_OK_AND_ASSIGN(uint64_t count, db_->Count(q));
    ASSERT_EQ(count, want.size());
    ++totals->queries;
    totals->results += static_cast<int>(want.size());
  }

  void RunPut(Generator& gen) {
    std::vector<Event> batch;
    for (int n = gen.Uniform(1, 5); n > 0; --n) {
      const int kind = gen.Uniform(0, 99);
      const auto& entries = model_.entries();
      if (kind < 40 || entries.empty()) {
        batch.push_back(gen.NewEvent(absl::StrCat("e", next_id_++)));
      } else if (kind < 70) {  // upsert an existing id
        auto it = std::next(entries.begin(), gen.Uniform(0, entries.size() - 1));
        batch.push_back(gen.Chance(0.3) ? it->second.event : gen.NewEvent(it->first));
      } else if (kind < 85) {  // no id: derived from the content
        batch.push_back(gen.NewEvent(""));
      } else {  // the same record again, as a script re-ingesting a file would
        batch.push_back(batch.empty() ? gen.NewEvent("") : batch.back());
      }
    }
    PutResult want = model_.Put(batch);
    ASSERT_OK_AND_ASSIGN(PutResult got, db_->Put(batch));
    ASSERT_EQ(got.added, want.added);
    ASSERT_EQ(got.replaced, want.replaced);
    ASSERT_EQ(got.unchanged, want.unchanged);
  }

  void RunDelete(Generator& gen) {
    std::vector<std::string> ids;
    for (int n = gen.Uniform(1, 3); n > 0; --n)
      ids.push_back(absl::StrCat("e", gen.Uniform(0, next_id_)));
    std::vector<bool> want = model_.Delete(ids);
    ASSERT_OK_AND_ASSIGN(std::vector<bool> got, db_->Delete(ids));
    ASSERT_EQ(got, want);
  }

  void RunCheck() {
    ASSERT_OK_AND_ASSIGN(CheckReport report, db_->Check());
    ASSERT_THAT(report.problems, ::testing::IsEmpty());
    ASSERT_EQ(report.events, model_.entries().size());
  }

  ::annals::testing::TempDir dir_;
  std::unique_ptr<Database> db_;
  Model model_;
  int next_id_ = 0;
};

constexpr int kOpsPerSeed = 3000;

TEST_P(DifferentialTest, AgreesWithModel) {
  const uint64_t seed = GetParam();
  SCOPED_TRACE(absl::StrCat("seed ", seed, " (rerun with --gtest_filter=*AgreesWithModel/*)"));
  Generator gen(seed);
  Reopen();
  Totals totals;
  for (int op = 0; op < kOpsPerSeed; ++op) {
    SCOPED_TRACE(absl::StrCat("op ", op));
    const int kind = gen.Uniform(0, 999);
    if (kind < 450) {
      RunPut(gen);
    } else if (kind < 550) {
      RunDelete(gen);
    } else if (kind < 990) {
      RunQuery(gen, &totals);
    } else {
      Reopen();
    }
    if (::testing::Test::HasFatalFailure()) return;
    if (op % 1000 == 999) RunCheck();
    if (::testing::Test::HasFatalFailure()) return;
    ++totals.ops;
  }
  RunCheck();
  std::printf("seed %" PRIu64
              ": %d operations, %d queries returning %d events, %zu events stored\n",
              seed, totals.ops, totals.queries, totals.results, model_.entries().size());
}

INSTANTIATE_TEST_SUITE_P(Seeds, DifferentialTest, ::testing::Values(1, 2, 3, 20241105));

}  // namespace
}  // namespace annals
