// Copyright: the Annals authors.
//
// The randomized differential test: thousands of random puts, upserts, deletes and queries run
// against the database and against a brute-force in-memory model, with reopens midway. Every
// query's results (ids, order, content), every Count and every PutResult must agree.
// Actors carry random roles (and self-dyads: one actor as source and as target); queries use
// plain names and NAME / NAME= / NAME=ROLE specs (FORMAT.md section 3, "Roles"), and one in five
// matches spans within the range instead of overlapping it (--within).
// Bulk loads (Database::StartLoad) put several batches as one commit, sometimes spilling sorted
// runs, sometimes abandoned. System time (HISTORY.md): the database's clock is injected and moves by random steps, sometimes
// backwards; the model keeps every commit's state and its changes, and as-of queries and counts,
// Get as of, History and Changes at random points must agree with it.
#include <algorithm>
#include <cinttypes>
#include <map>
#include <random>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "annals/database.h"
#include "annals/history.h"
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
  using State = std::map<std::string, Entry>;
  struct Version {
    int64_t from;
    std::optional<int64_t> to;
    Event event;
  };
  struct ChangeRecord {
    int64_t system_time;
    ChangeOp op;
    std::string id;
    std::optional<Event> event;
  };

  // `clock`: what the database's clock reads for this write.
  PutResult Put(std::vector<Event> events, int64_t clock) {
    const int64_t t = NextTime(clock);
    PutResult r;
    std::map<uint64_t, ChangeRecord> changes;  // by order, as the database lists them
    for (Event& e : events) {
      EXPECT_OK(NormalizeEvent(e));
      if (e.id.empty()) e.id = absl::BytesToHexString(internal::HashContent(e));
      auto it = by_id_.find(e.id);
      std::vector<Version>& versions = versions_[e.id];
      if (it == by_id_.end()) {
        it = by_id_.emplace(e.id, Entry{next_order_++, e}).first;
        versions.push_back(Version{t, std::nullopt, e});
        changes[it->second.order] = ChangeRecord{t, ChangeOp::kPut, e.id, e};
        ++r.added;
      } else if (it->second.event == e) {
        ++r.unchanged;
      } else {
        it->second.event = e;
        if (versions.back().from == t) {  // written twice in one commit: one version, the last
          versions.back().event = e;
          changes[it->second.order].event = e;
        } else {
          versions.back().to = t;
          versions.push_back(Version{t, std::nullopt, e});
          changes[it->second.order] = ChangeRecord{t, ChangeOp::kReplace, e.id, e};
        }
        ++r.replaced;
      }
    }
    Commit(t, std::move(changes));
    if (r.added + r.replaced > 0) r.system_time_us = t;
    return r;
  }

  std::vector<bool> Delete(const std::vector<std::string>& ids, int64_t clock) {
    const int64_t t = NextTime(clock);
    std::vector<bool> found;
    std::map<uint64_t, ChangeRecord> changes;
    for (const auto& id : ids) {
      auto it = by_id_.find(id);
      found.push_back(it != by_id_.end());
      if (it == by_id_.end()) continue;
      versions_[id].back().to = t;
      changes[it->second.order] = ChangeRecord{t, ChangeOp::kDelete, id, std::nullopt};
      by_id_.erase(it);
    }
    Commit(t, std::move(changes));
    return found;
  }

  std::vector<const Entry*> Query(const annals::Query& q) const {
    return Query(q, q.as_of_us ? StateAsOf(*q.as_of_us) : by_id_);
  }

  // The state after every commit at or before `as_of`.
  const State& StateAsOf(int64_t as_of) const {
    static const State kEmpty;
    auto it =
        std::upper_bound(snapshots_.begin(), snapshots_.end(), as_of,
                         [](int64_t t, const std::pair<int64_t, State>& s) { return t < s.first; });
    return it == snapshots_.begin() ? kEmpty : std::prev(it)->second;
  }

  const std::vector<Version>* VersionsOf(const std::string& id) const {
    auto it = versions_.find(id);
    return it == versions_.end() ? nullptr : &it->second;
  }

  // The changes committed in (after, through].
  std::vector<ChangeRecord> Changes(int64_t after, int64_t through) const {
    std::vector<ChangeRecord> out;
    for (const ChangeRecord& c : changes_) {
      if (c.system_time > after && c.system_time <= through) out.push_back(c);
    }
    return out;
  }

  const std::vector<std::pair<int64_t, State>>& snapshots() const { return snapshots_; }
  uint64_t closed_versions() const {
    uint64_t n = 0;
    for (const auto& [id, versions] : versions_) {
      for (const Version& v : versions) n += v.to.has_value();
    }
    return n;
  }

  std::vector<const Entry*> Query(const annals::Query& q, const State& state) const {
    std::vector<const Entry*> out;
    for (const auto& [id, entry] : state) {
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
  int64_t NextTime(int64_t clock) const { return std::max({clock, last_time_ + 1, int64_t{1}}); }

  // A write that changed something is a commit: its time, its changes, the state after it.
  void Commit(int64_t t, std::map<uint64_t, ChangeRecord> changes) {
    if (changes.empty()) return;
    last_time_ = t;
    for (auto& [order, change] : changes) changes_.push_back(std::move(change));
    snapshots_.emplace_back(t, by_id_);
  }

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
    const int64_t start = e.time.start_us(), end = e.time.end_us();
    if (q.within ? !(q.from_us <= start && end <= q.to_us)
                 : !(start < q.to_us && end > q.from_us)) {
      return false;
    }
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
  int64_t last_time_ = 0;
  std::map<std::string, std::vector<Version>> versions_;
  std::vector<ChangeRecord> changes_;
  std::vector<std::pair<int64_t, State>> snapshots_;  // ascending times
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
    q.within = Chance(0.2);
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
                      " limit=", q.limit ? std::to_string(*q.limit) : "-",
                      " as_of=", q.as_of_us ? std::to_string(*q.as_of_us) : "-");
}

struct Totals {
  int ops = 0, queries = 0, results = 0;
};

class DifferentialTest : public ::testing::TestWithParam<uint64_t> {
 protected:
  void Reopen() {
    db_.reset();
    Options options;
    options.clock = [this] { return clock_; };
    auto db = Database::Open(dir_.Sub("db"), options);
    ASSERT_OK(db.status());
    db_ = *std::move(db);
  }

  // A system time to read as of: a commit's time, just before one, or anywhere around them.
  int64_t PastTime(Generator& gen) {
    const auto& snapshots = model_.snapshots();
    if (snapshots.empty() || gen.Chance(0.1)) return clock_ - gen.Uniform(-2, 50);
    const int64_t t = snapshots[gen.Uniform(0, snapshots.size() - 1)].first;
    return t - gen.Uniform(0, 1);
  }

  void RunQuery(Generator& gen, Totals* totals) {
    annals::Query q = gen.NewQuery();
    if (gen.Chance(0.15)) q.as_of_us = PastTime(gen);
    std::vector<const Model::Entry*> want = model_.Query(q);
    SCOPED_TRACE(Describe(q));
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Cursor> c, db_->Query(q));
    size_t i = 0;
    for (; c->Next(); ++i) {
      ASSERT_LT(i, want.size()) << "extra result " << c->event().id;
      const Event& got = c->event();
      const Event& expect = want[i]->event;
      ASSERT_EQ(got.id, expect.id) << "result " << i;
      ASSERT_EQ(Comparable(got, expect), FormatJsonRecord(expect));
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
    std::vector<Event> batch = NewBatch(gen);
    PutResult want = model_.Put(batch, clock_);
    ASSERT_OK_AND_ASSIGN(PutResult got, db_->Put(batch));
    ExpectSame(got, want);
  }

  // A bulk load of a few batches: one commit at the clock of StartLoad, as if its batches were
  // one Put. Queries during the load see the state before it; a small memory budget makes the
  // stage spill and merge runs. Sometimes abandoned instead: nothing changes.
  void RunLoad(Generator& gen, Totals* totals) {
    const int64_t start = clock_;
    LoadOptions options;
    options.memory_bytes = gen.Chance(0.5) ? 2048 : size_t{1} << 20;
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Load> load, db_->StartLoad(options));
    ASSERT_TRUE(absl::IsFailedPrecondition(db_->Put({gen.NewEvent("x")}).status()));
    ASSERT_TRUE(absl::IsFailedPrecondition(db_->Delete({"e0"}).status()));
    std::vector<Event> all;
    PutResult got;
    for (int n = gen.Uniform(1, 6); n > 0; --n) {
      std::vector<Event> batch = NewBatch(gen);
      if (!all.empty() && gen.Chance(0.5)) {  // an event of an earlier batch again, or its id
        const Event& earlier = all[gen.Uniform(0, all.size() - 1)];
        batch.push_back(earlier.id.empty() || gen.Chance(0.3) ? earlier : gen.NewEvent(earlier.id));
      }
      all.insert(all.end(), batch.begin(), batch.end());
      ASSERT_OK_AND_ASSIGN(PutResult r, load->Put(batch));
      ASSERT_EQ(r.system_time_us, 0);
      got.added += r.added;
      got.replaced += r.replaced;
      got.unchanged += r.unchanged;
      Tick(gen);
      if (gen.Chance(0.3)) RunQuery(gen, totals);  // the model has not seen the load yet
      if (::testing::Test::HasFatalFailure()) return;
    }
    if (gen.Chance(0.15)) {
      load.reset();
      return;
    }
    PutResult want = model_.Put(all, start);
    ASSERT_OK_AND_ASSIGN(got.system_time_us, load->Commit());
    ExpectSame(got, want);
    ASSERT_TRUE(absl::IsFailedPrecondition(load->Put({gen.NewEvent("x")}).status()));
  }

  static void ExpectSame(const PutResult& got, const PutResult& want) {
    ASSERT_EQ(got.added, want.added);
    ASSERT_EQ(got.replaced, want.replaced);
    ASSERT_EQ(got.unchanged, want.unchanged);
    ASSERT_EQ(got.system_time_us, want.system_time_us);
  }

  std::vector<Event> NewBatch(Generator& gen) {
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
    return batch;
  }

  // Get as of a past time, History and Changes against the model.
  void RunHistory(Generator& gen) {
    const std::string id = absl::StrCat("e", gen.Uniform(0, next_id_));
    const int64_t as_of = PastTime(gen);
    auto state = model_.StateAsOf(as_of);
    auto entry = state.find(id);
    absl::StatusOr<Event> got = db_->Get(id, as_of);
    if (entry == state.end()) {
      ASSERT_TRUE(absl::IsNotFound(got.status())) << id << " as of " << as_of;
    } else {
      ASSERT_OK(got.status());
      ASSERT_EQ(Comparable(*got, entry->second.event), FormatJsonRecord(entry->second.event));
    }
    const std::vector<Model::Version>* versions = model_.VersionsOf(id);
    absl::StatusOr<std::vector<Version>> history = db_->History(id);
    if (versions == nullptr || versions->empty()) {
      ASSERT_TRUE(absl::IsNotFound(history.status())) << id;
    } else {
      ASSERT_OK(history.status());
      ASSERT_EQ(history->size(), versions->size()) << id;
      for (size_t i = 0; i < versions->size(); ++i) {
        const Model::Version& want = (*versions)[i];
        ASSERT_EQ((*history)[i].system_from_us, want.from) << id << " version " << i;
        ASSERT_EQ((*history)[i].system_to_us, want.to) << id << " version " << i;
        ASSERT_EQ(Comparable((*history)[i].event, want.event), FormatJsonRecord(want.event));
      }
    }
    const int64_t after = PastTime(gen);
    const int64_t through = gen.Chance(0.5) ? clock_ + 10 : after + gen.Uniform(0, 40);
    std::vector<Model::ChangeRecord> want = model_.Changes(after, through);
    std::vector<Change> got_changes;
    ASSERT_OK(db_->Changes(after, through, [&](const Change& c) {
      got_changes.push_back(c);
      return true;
    }));
    SCOPED_TRACE(absl::StrCat("changes after ", after, " through ", through));
    ASSERT_EQ(got_changes.size(), want.size());
    for (size_t i = 0; i < want.size(); ++i) {
      ASSERT_EQ(got_changes[i].system_time_us, want[i].system_time) << i;
      ASSERT_EQ(got_changes[i].op, want[i].op) << i;
      ASSERT_EQ(got_changes[i].id, want[i].id) << i;
      ASSERT_EQ(got_changes[i].event.has_value(), want[i].event.has_value()) << i;
      if (want[i].event) {
        ASSERT_EQ(Comparable(*got_changes[i].event, *want[i].event),
                  FormatJsonRecord(*want[i].event));
      }
    }
  }

  // The stored event as the model holds it: without what the database adds.
  static std::string Comparable(const Event& got, const Event& expect) {
    Event normalized = got;
    normalized.ingested_us = 0;
    if (!expect.recorded) normalized.recorded.reset();
    return FormatJsonRecord(normalized);
  }

  void RunDelete(Generator& gen) {
    std::vector<std::string> ids;
    for (int n = gen.Uniform(1, 3); n > 0; --n)
      ids.push_back(absl::StrCat("e", gen.Uniform(0, next_id_)));
    std::vector<bool> want = model_.Delete(ids, clock_);
    ASSERT_OK_AND_ASSIGN(std::vector<bool> got, db_->Delete(ids));
    ASSERT_EQ(got, want);
  }

  void RunCheck() {
    ASSERT_OK_AND_ASSIGN(CheckReport report, db_->Check());
    ASSERT_THAT(report.problems, ::testing::IsEmpty());
    ASSERT_EQ(report.events, model_.entries().size());
    ASSERT_EQ(report.versions, model_.closed_versions());
  }

  // The database's clock: moves on by a few µs per operation, sometimes not at all, sometimes back.
  void Tick(Generator& gen) { clock_ += gen.Chance(0.05) ? -gen.Uniform(0, 5) : gen.Uniform(0, 3); }

  ::annals::testing::TempDir dir_;
  std::unique_ptr<Database> db_;
  Model model_;
  int next_id_ = 0;
  int64_t clock_ = 1'764'000'000'000'000;  // 2025-11-24
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
    Tick(gen);
    if (kind < 430) {
      RunPut(gen);
    } else if (kind < 450) {
      RunLoad(gen, &totals);
    } else if (kind < 550) {
      RunDelete(gen);
    } else if (kind < 950) {
      RunQuery(gen, &totals);
    } else if (kind < 990) {
      RunHistory(gen);
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
