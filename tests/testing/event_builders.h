// Copyright: the Annals authors.
//
// Builders of events and times for tests, the format specification's example record, and a
// readable printer for Event in failure messages.
#ifndef ANNALS_TESTING_EVENT_BUILDERS_H_
#define ANNALS_TESTING_EVENT_BUILDERS_H_

#include <ostream>
#include <string>
#include <string_view>

#include "annals/event.h"
#include "annals/record_io.h"
#include "annals/time.h"
#include "gtest/gtest.h"

namespace annals {

// Readable failure messages.
inline void PrintTo(const Event& e, std::ostream* os) {
  *os << FormatJsonRecord(e) << " ingested_us=" << e.ingested_us;
}

namespace testing {

inline EventTime T(std::string_view text) {
  absl::StatusOr<EventTime> t = ParseTime(text);
  EXPECT_TRUE(t.ok()) << t.status();
  return t.ok() ? *t : EventTime{};
}

inline Date D(std::string_view text) {
  absl::StatusOr<Date> d = ParseDate(text);
  EXPECT_TRUE(d.ok()) << d.status();
  return d.ok() ? *d : Date{};
}

inline Event WithTime(std::string_view time) {
  Event e;
  e.time = T(time);
  return e;
}

inline Attr S(std::string key, std::string value) { return {key, Attr::Kind::kString, value}; }
inline Attr N(std::string key, std::string value) { return {key, Attr::Kind::kNumber, value}; }
inline Attr B(std::string key, bool value) {
  return {key, Attr::Kind::kBool, value ? "true" : "false"};
}

// The example record of the format specification.
inline constexpr char kSpecExample[] =
    R"({"id":"rutte-berlin-unity","time":"2024-10","type":"statement",)"
    R"("title":"Rutte: NATO will work with whoever wins the US election",)"
    R"("actors":[{"name":"Mark Rutte","role":"speaker"},"Olaf Scholz","NATO","Kamala Harris",)"
    R"("Donald Trump"],"location":"Berlin, Germany","source":"https://example.org/article",)"
    R"("attrs":{"quote":"make sure that the alliance stays united"}})";

inline Event SpecExampleEvent() {
  Event e = WithTime("2024-10");
  e.id = "rutte-berlin-unity";
  e.type = "statement";
  e.title = "Rutte: NATO will work with whoever wins the US election";
  e.actors = {{"Mark Rutte", "speaker"},
              {"Olaf Scholz", ""},
              {"NATO", ""},
              {"Kamala Harris", ""},
              {"Donald Trump", ""}};
  e.location = "Berlin, Germany";
  e.source = "https://example.org/article";
  e.attrs = {S("quote", "make sure that the alliance stays united")};
  return e;
}

}  // namespace testing
}  // namespace annals

#endif  // ANNALS_TESTING_EVENT_BUILDERS_H_
