// Copyright: the Annals authors.
//
// FormatJsonRecord: exact output, and the round trip
// ParseJsonRecord(FormatJsonRecord(e)) == e.
#include <cstdint>
#include <random>
#include <set>
#include <sstream>
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

using ::annals::testing::SpecExampleEvent;
using ::annals::testing::T;
using ::annals::testing::WithTime;

TEST(FormatJsonRecordTest, SpecExample) {
  Event e = SpecExampleEvent();
  e.ingested_us = 12345;  // never written
  EXPECT_EQ(FormatJsonRecord(e),
            R"({"id":"rutte-berlin-unity","time":"2024-10","type":"statement",)"
            R"("title":"Rutte: NATO will work with whoever wins the US election",)"
            R"("actors":[{"name":"Mark Rutte","role":"speaker"},"Olaf Scholz","NATO",)"
            R"("Kamala Harris","Donald Trump"],"location":"Berlin, Germany",)"
            R"("source":"https://example.org/article",)"
            R"("attrs":{"quote":"make sure that the alliance stays united"}})");
}

TEST(FormatJsonRecordTest, FieldOrderAndOmittedFields) {
  Event e = WithTime("2024-11-05");
  EXPECT_EQ(FormatJsonRecord(e), R"({"time":"2024-11-05"})");
  e.attrs = {{"b", Attr::Kind::kBool, "true"},
             {"n", Attr::Kind::kNumber, "1.50"},
             {"s", Attr::Kind::kString, "1.50"}};
  e.recorded = *ParseDate("2024-11-06");
  e.source = "src";
  e.location = "loc";
  e.actors = {{"A", ""}, {"B", "r"}};
  e.title = "t";
  e.type = "ty";
  e.id = "x";
  EXPECT_EQ(FormatJsonRecord(e),
            R"({"id":"x","time":"2024-11-05","type":"ty","title":"t",)"
            R"("actors":["A",{"name":"B","role":"r"}],"location":"loc","source":"src",)"
            R"("recorded":"2024-11-06","attrs":{"b":true,"n":1.50,"s":"1.50"}})");
}

TEST(FormatJsonRecordTest, Intervals) {
  EXPECT_EQ(FormatJsonRecord(WithTime("2017-01-20/2021-01-20")),
            R"({"time":"2017-01-20/2021-01-20"})");
  EXPECT_EQ(FormatJsonRecord(WithTime("2022-02-24/..")), R"({"time":"2022-02-24/.."})");
}

TEST(FormatJsonRecordTest, StringEscaping) {
  Event e = WithTime("2024");
  static constexpr char kTitle[] =
      "q\"b\\ /\n\t\r\b\f \x01\x1f\x7f \xc3\xa9 \xf0\x9f\x98\x80 \xe2\x80\xa8 "
      "nul\0.";
  e.title = std::string(kTitle, sizeof(kTitle) - 1);
  EXPECT_EQ(FormatJsonRecord(e),
            "{\"time\":\"2024\",\"title\":\"q\\\"b\\\\ /\\n\\t\\r\\b\\f "
            "\\u0001\\u001f\x7f "
            "\xc3\xa9 \xf0\x9f\x98\x80 \xe2\x80\xa8 nul\\u0000.\"}");
  ASSERT_OK_AND_ASSIGN(Event back, ParseJsonRecord(FormatJsonRecord(e)));
  EXPECT_EQ(back, e);
}

// Random events for the round trip: non-ASCII names and roles, every attr kind.
class EventGenerator {
 public:
  explicit EventGenerator(uint32_t seed) : rng_(seed) {}

  Event Next() {
    static const char* const kTimes[] = {
        "2024", "2024-10", "2024-11-05", "2017-01-20/2021-01-20", "2022-02-24/..", "../2024-10"};
    Event e = WithTime(kTimes[Uniform(std::size(kTimes))]);
    if (Chance()) e.id = "i" + Text(40);
    if (Chance()) e.type = Text(10);
    if (Chance()) e.title = Text(80);
    for (size_t n = Uniform(6); n > 0; --n) {
      e.actors.push_back({"N" + Text(20), Chance() ? Text(8) : ""});
    }
    if (Chance()) e.location = Text(20);
    if (Chance()) e.source = Text(30);
    if (Chance()) e.recorded = *ParseDate(Chance() ? "2024-11-06" : "2023");
    std::set<std::string> keys;
    for (size_t n = Uniform(5); n > 0; --n) keys.insert(Text(8));
    for (const std::string& key : keys) e.attrs.push_back(RandomAttr(key));
    return e;
  }

 private:
  size_t Uniform(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }
  bool Chance() { return Uniform(2) == 0; }

  std::string Text(size_t max_pieces) {
    static const char* const kPieces[] = {"a",
                                          "Z",
                                          "0",
                                          " ",
                                          "  ",
                                          "\"",
                                          "\\",
                                          "/",
                                          "\n",
                                          "\t",
                                          "\x01",
                                          "\x1f",
                                          "\xc3\xa9",
                                          "e\xcc\x81",
                                          "\xc3\x9f",
                                          "\xce\xa3",
                                          "\xe4\xb8\xad",
                                          "\xf0\x9f\x98\x80",
                                          "\xc2\xa0",
                                          "{",
                                          "}",
                                          ",",
                                          ":",
                                          "[",
                                          "]",
                                          "=",
                                          ";",
                                          "'",
                                          "\x7f"};
    std::string out;
    for (size_t n = Uniform(max_pieces + 1); n > 0; --n) {
      out += kPieces[Uniform(std::size(kPieces))];
    }
    return out;
  }

  Attr RandomAttr(const std::string& key) {
    static const char* const kNumbers[] = {
        "0", "-0", "1.50", "1e10", "-2.5E-3", "12345678901234567890123", "7"};
    switch (Uniform(3)) {
      case 0:
        return {key, Attr::Kind::kString, Text(12)};
      case 1:
        return {key, Attr::Kind::kNumber, kNumbers[Uniform(std::size(kNumbers))]};
      default:
        return {key, Attr::Kind::kBool, Chance() ? "true" : "false"};
    }
  }

  std::mt19937 rng_;
};

TEST(JsonRoundTripTest, RandomEvents) {
  constexpr uint32_t kSeed = 20241105;
  SCOPED_TRACE(absl::StrCat("seed ", kSeed));
  EventGenerator generator(kSeed);
  std::string file;
  std::vector<Event> events;
  for (int i = 0; i < 2000; ++i) {
    SCOPED_TRACE(absl::StrCat("event ", i));
    Event e = generator.Next();
    ASSERT_OK(NormalizeEvent(e));
    const std::string line = FormatJsonRecord(e);
    ASSERT_EQ(line.find('\n'), std::string::npos);
    ASSERT_OK_AND_ASSIGN(Event back, ParseJsonRecord(line));
    ASSERT_EQ(back, e) << line;
    EXPECT_EQ(FormatJsonRecord(back), line);
    absl::StrAppend(&file, line, "\n");
    events.push_back(std::move(e));
  }
  // The same events through the reader.
  std::istringstream in(file);
  auto reader = RecordReader::Json(in);
  Event e;
  for (size_t i = 0; i < events.size(); ++i) {
    ASSERT_OK_AND_ASSIGN(bool more, reader->Next(&e));
    ASSERT_TRUE(more);
    EXPECT_EQ(reader->line(), static_cast<int64_t>(i + 1));
    ASSERT_EQ(e, events[i]) << "event " << i;
  }
  ASSERT_OK_AND_ASSIGN(bool more, reader->Next(&e));
  EXPECT_FALSE(more);
}

}  // namespace
}  // namespace annals
