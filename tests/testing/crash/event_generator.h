// Copyright: the Annals authors.
//
// Deterministic synthetic events for the reliability tests (crash, concurrency, damage): the same
// seed gives the same events on every machine. Events use every field and every time form:
// dates of each precision, closed, open-ended and open-start intervals, qualifiers, roles,
// attrs of each kind, `recorded` on some.
//
//   EventGenerator gen(/*seed=*/7);
//   Event e = gen.Next();               // id "ev-000000"
//   std::string line = FormatJsonRecord(e);
#ifndef ANNALS_CRASH_EVENT_GENERATOR_H_
#define ANNALS_CRASH_EVENT_GENERATOR_H_

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "annals/event.h"
#include "annals/time.h"

namespace annals::testing {

class EventGenerator {
 public:
  static constexpr int kActors = 60;
  static constexpr int kTypes = 6;

  explicit EventGenerator(uint64_t seed) : rng_(seed) {}

  // The id of the n-th event Next() returns.
  static std::string IdOf(uint64_t n) { return absl::StrFormat("ev-%06d", n); }
  // The display name of actor `i` in [0, kActors).
  static std::string ActorName(int i) { return absl::StrCat("Actor ", i); }
  static std::string TypeName(int i) { return absl::StrCat("type-", i); }

  // A fresh event with the next id.
  Event Next() {
    Event e;
    e.id = IdOf(count_++);
    e.time = RandomTime();
    if (Chance(0.8)) e.type = TypeName(Uniform(0, kTypes - 1));
    e.title = absl::StrCat("event ", e.id, " ", std::string(Uniform(0, 120), 'a' + Uniform(0, 25)));
    const int actors = Uniform(0, 4);
    const int first = Uniform(0, kActors - 1);
    for (int i = 0; i < actors; ++i) {  // distinct: NormalizeEvent would merge repeats
      e.actors.push_back(Actor{ActorName((first + 7 * i) % kActors), Chance(0.3) ? "source" : ""});
    }
    if (Chance(0.5)) e.location = "Place " + std::to_string(Uniform(0, 99));
    if (Chance(0.3)) e.source = "https://example.org/" + std::to_string(Uniform(0, 9999));
    if (Chance(0.3)) e.recorded = Date{RandomDay(), Precision::kDay, 0};
    if (Chance(0.4)) e.attrs.push_back(Attr{"n", Attr::Kind::kNumber, "1.50"});
    if (Chance(0.4)) e.attrs.push_back(Attr{"q", Attr::Kind::kString, "quote \"x\" \xE2\x82\xAC"});
    if (Chance(0.2)) e.attrs.push_back(Attr{"z", Attr::Kind::kBool, "true"});
    return e;
  }

  // The event `id` in a new version (for upserts): same id, other content.
  Event Revise(const std::string& id) {
    Event e = Next();
    --count_;
    e.id = id;
    return e;
  }

  int Uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }

 private:
  // Midnight UTC of a day between 1950 and 2030.
  int64_t RandomDay() {
    constexpr int64_t kDayUs = 86'400'000'000;
    return (-7305 + static_cast<int64_t>(Uniform(0, 29219))) * kDayUs;
  }

  // Text of one date of random precision, maybe qualified, between 1950 and 2030.
  std::string RandomDateText() {
    const int y = Uniform(1950, 2030), m = Uniform(1, 12), d = Uniform(1, 28);
    std::string text;
    switch (Uniform(0, 3)) {
      case 0:
        text = absl::StrFormat("%04d", y);
        break;
      case 1:
        text = absl::StrFormat("%04d-%02d", y, m);
        break;
      case 2:
        text = absl::StrFormat("%04d-%02d-%02d", y, m, d);
        break;
      default:
        text =
            absl::StrFormat("%04d-%02d-%02dT%02d:%02dZ", y, m, d, Uniform(0, 23), Uniform(0, 59));
    }
    if (Chance(0.1)) text += "~?%"[Uniform(0, 2)];
    return text;
  }

  // A single date (90%), a closed interval, or an interval open at one end.
  EventTime RandomTime() {
    while (true) {
      std::string text = RandomDateText();
      const int kind = Uniform(0, 99);
      if (kind >= 97) {
        text = "../" + text;
      } else if (kind >= 94) {
        text += "/..";
      } else if (kind >= 90) {
        text += "/" + RandomDateText();
      }
      absl::StatusOr<EventTime> t = ParseTime(text);
      if (t.ok()) return *t;  // else an interval ending before it starts: draw again
    }
  }

  std::mt19937_64 rng_;
  uint64_t count_ = 0;
};

}  // namespace annals::testing

#endif  // ANNALS_CRASH_EVENT_GENERATOR_H_
