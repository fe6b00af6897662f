// Copyright: the Annals authors.
//
// The record format's limits (line length, actor count, actor name and id length, UTF-8), each
// checked just below, exactly at and just above the limit, through ParseJsonRecord,
// NormalizeEvent, the record readers and Database::Put.
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "annals/database.h"
#include "annals/event.h"
#include "annals/record_io.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace annals {
namespace {

using ::annals::testing::IsOk;
using ::annals::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr absl::StatusCode kInvalid = absl::StatusCode::kInvalidArgument;

// A record line of exactly `size` bytes: the title is padded to fit.
constexpr std::string_view kHead = R"({"id":"big","time":"2024","title":")";
constexpr std::string_view kTail = R"("})";
std::string LineOfSize(size_t size) {
  return std::string(kHead) + std::string(size - kHead.size() - kTail.size(), 'x') +
         std::string(kTail);
}

// A record with `n` distinct actors named "actor-<i>".
std::string RecordWithActors(size_t n) {
  std::string line = R"({"id":"many","time":"2024","actors":[)";
  for (size_t i = 0; i < n; ++i) absl::StrAppend(&line, i ? "," : "", "\"actor-", i, "\"");
  return line + "]}";
}

std::string RecordWithActorName(const std::string& name) {
  return absl::StrCat(R"({"id":"n","time":"2024","actors":[")", name, R"("]})");
}

std::string RecordWithId(const std::string& id) {
  return absl::StrCat(R"({"id":")", id, R"(","time":"2024"})");
}

Event Minimal() {
  Event e;
  e.id = "e";
  e.time = *ParseTime("2024");
  return e;
}

TEST(LineLimitTest, ExactlyOneMebibyteIsAccepted) {
  const std::string line = LineOfSize(kMaxLineBytes);
  ASSERT_EQ(line.size(), 1u << 20);
  ASSERT_OK_AND_ASSIGN(Event e, ParseJsonRecord(line));
  EXPECT_EQ(e.title, std::string(kMaxLineBytes - kHead.size() - kTail.size(), 'x'));
}

TEST(LineLimitTest, OneByteOverIsRejected) {
  EXPECT_THAT(ParseJsonRecord(LineOfSize(kMaxLineBytes + 1)),
              StatusIs(kInvalid, HasSubstr("1 MiB")));
  EXPECT_THAT(ParseJsonRecord(LineOfSize(4 * kMaxLineBytes)),
              StatusIs(kInvalid, HasSubstr("1 MiB")));
}

TEST(LineLimitTest, ReaderRejectsTheLongLineAndGoesOn) {
  std::istringstream in(LineOfSize(kMaxLineBytes) + "\n" + LineOfSize(kMaxLineBytes + 1) + "\n" +
                        R"({"id":"after","time":"2025"})" + "\n");
  std::unique_ptr<RecordReader> reader = RecordReader::Json(in);
  Event e;
  ASSERT_OK_AND_ASSIGN(bool more, reader->Next(&e));
  EXPECT_TRUE(more);
  EXPECT_EQ(e.id, "big");
  EXPECT_THAT(reader->Next(&e), StatusIs(kInvalid, HasSubstr("1 MiB")));
  EXPECT_EQ(reader->line(), 2);
  ASSERT_OK_AND_ASSIGN(more, reader->Next(&e));
  EXPECT_TRUE(more);
  EXPECT_EQ(e.id, "after");
  EXPECT_EQ(reader->line(), 3);
}

TEST(ActorCountLimitTest, AtTheLimitAcceptedOverItRejected) {
  ASSERT_OK_AND_ASSIGN(Event e, ParseJsonRecord(RecordWithActors(kMaxActors)));
  EXPECT_EQ(e.actors.size(), 1024u);
  EXPECT_THAT(ParseJsonRecord(RecordWithActors(kMaxActors + 1)),
              StatusIs(kInvalid, AllOf(HasSubstr("actors"), HasSubstr("1024"))));
}

TEST(ActorCountLimitTest, NormalizeEventAppliesTheSameLimit) {
  Event e = Minimal();
  for (size_t i = 0; i < kMaxActors; ++i) e.actors.push_back({absl::StrCat("a", i), ""});
  Event at = e;
  EXPECT_OK(NormalizeEvent(at));
  e.actors.push_back({"one too many", ""});
  EXPECT_THAT(NormalizeEvent(e), StatusIs(kInvalid, HasSubstr("actors")));
}

TEST(ActorNameLimitTest, OneKibibyteAcceptedOneByteMoreRejected) {
  const std::string at(kMaxActorNameBytes, 'n');
  ASSERT_OK_AND_ASSIGN(Event e, ParseJsonRecord(RecordWithActorName(at)));
  ASSERT_EQ(e.actors.size(), 1u);
  EXPECT_EQ(e.actors[0].name, at);
  EXPECT_THAT(ParseJsonRecord(RecordWithActorName(at + "n")),
              StatusIs(kInvalid, HasSubstr("actor")));
}

TEST(ActorNameLimitTest, CountsBytesNotCharacters) {
  std::string euros;  // U+20AC is three bytes
  for (int i = 0; i < 341; ++i) euros += "\xE2\x82\xAC";
  ASSERT_EQ(euros.size() + 1, kMaxActorNameBytes);
  EXPECT_THAT(ParseJsonRecord(RecordWithActorName(euros + "a")), IsOk());
  EXPECT_THAT(ParseJsonRecord(RecordWithActorName(euros + "ab")),
              StatusIs(kInvalid, HasSubstr("actor")));
}

TEST(ActorNameLimitTest, NormalizeEventAppliesTheSameLimit) {
  Event at = Minimal();
  at.actors = {{std::string(kMaxActorNameBytes, 'n'), "role"}};
  EXPECT_OK(NormalizeEvent(at));
  Event over = Minimal();
  over.actors = {{std::string(kMaxActorNameBytes + 1, 'n'), ""}};
  EXPECT_THAT(NormalizeEvent(over), StatusIs(kInvalid, HasSubstr("actor")));
}

TEST(IdLimitTest, TwoHundredFiftySixBytesAcceptedOneMoreRejected) {
  const std::string at(kMaxIdBytes, 'i');
  ASSERT_OK_AND_ASSIGN(Event e, ParseJsonRecord(RecordWithId(at)));
  EXPECT_EQ(e.id, at);
  EXPECT_THAT(ParseJsonRecord(RecordWithId(at + "i")), StatusIs(kInvalid, HasSubstr("id")));
  Event over = Minimal();
  over.id = at + "i";
  EXPECT_THAT(NormalizeEvent(over), StatusIs(kInvalid, HasSubstr("id")));
}

// Invalid UTF-8 in each string field, as raw bytes in the JSON text.
TEST(Utf8Test, ParseJsonRecordRejectsInvalidUtf8Anywhere) {
  const std::vector<std::string> bad = {
      "\xFF",              // never valid
      "\xC3",              // truncated two-byte sequence
      "\xC0\xAF",          // overlong '/'
      "\xED\xA0\x80",      // UTF-16 surrogate
      "\xF4\x90\x80\x80",  // above U+10FFFF
  };
  const std::vector<std::string> templates = {
      R"({"id":"@","time":"2024"})",
      R"({"time":"2024","title":"@"})",
      R"({"time":"2024","type":"@"})",
      R"({"time":"2024","actors":["@"]})",
      R"({"time":"2024","actors":[{"name":"a","role":"@"}]})",
      R"({"time":"2024","location":"@"})",
      R"({"time":"2024","source":"@"})",
      R"({"time":"2024","attrs":{"k":"@"}})",
      R"({"time":"2024","attrs":{"@":"v"}})",
  };
  for (const std::string& t : templates) {
    for (const std::string& b : bad) {
      std::string line = t;
      line.replace(line.find('@'), 1, b);
      EXPECT_THAT(ParseJsonRecord(line), StatusIs(kInvalid, HasSubstr("UTF-8")))
          << "record " << t << " with bytes " << absl::CEscape(b);
    }
  }
}

TEST(Utf8Test, NormalizeEventRejectsInvalidUtf8InEachField) {
  using Setter = void (*)(Event&, const std::string&);
  const std::vector<std::pair<std::string, Setter>> fields = {
      {"id", [](Event& e, const std::string& v) { e.id = v; }},
      {"type", [](Event& e, const std::string& v) { e.type = v; }},
      {"title", [](Event& e, const std::string& v) { e.title = v; }},
      {"actors",
       [](Event& e, const std::string& v) {
         e.actors = {{v, ""}};
       }},
      {"actors",
       [](Event& e, const std::string& v) {
         e.actors = {{"a", v}};
       }},
      {"location", [](Event& e, const std::string& v) { e.location = v; }},
      {"source", [](Event& e, const std::string& v) { e.source = v; }},
      {"attrs",
       [](Event& e, const std::string& v) {
         e.attrs = {{v, Attr::Kind::kString, "v"}};
       }},
      {"attrs",
       [](Event& e, const std::string& v) {
         e.attrs = {{"k", Attr::Kind::kString, v}};
       }},
  };
  for (const auto& [field, set] : fields) {
    Event e = Minimal();
    set(e, "ok \xE2\x82\xAC");
    EXPECT_OK(NormalizeEvent(e)) << field;
    Event bad = Minimal();
    set(bad, "bad \xE2\x82");
    EXPECT_THAT(NormalizeEvent(bad),
                StatusIs(kInvalid, AllOf(HasSubstr(field), HasSubstr("UTF-8"))))
        << field;
  }
}

TEST(CsvLimitTest, ActorCountAndUtf8ApplyToCsvToo) {
  std::string actors;
  for (size_t i = 0; i <= kMaxActors; ++i) absl::StrAppend(&actors, i ? ";" : "", "a", i);
  std::istringstream in("id,time,actors,title\nmany,2024," + actors + ",t\nbad,2024,x,\xFF\n" +
                        "good,2024,x,t\n");
  std::unique_ptr<RecordReader> reader = RecordReader::Csv(in);
  Event e;
  EXPECT_THAT(reader->Next(&e), StatusIs(kInvalid, HasSubstr("actors")));
  EXPECT_THAT(reader->Next(&e), StatusIs(kInvalid, HasSubstr("UTF-8")));
  ASSERT_OK_AND_ASSIGN(bool more, reader->Next(&e));
  EXPECT_TRUE(more);
  EXPECT_EQ(e.id, "good");
}

// Events at every limit at once are stored, indexed and read back unchanged.
TEST(LimitsInDatabaseTest, EventsAtTheLimitsRoundTrip) {
  ::annals::testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Database> db, Database::Open(dir.Sub("db"), Options{}));
  Event e = Minimal();
  e.id = std::string(kMaxIdBytes, 'i');
  for (size_t i = 0; i + 1 < kMaxActors; ++i) e.actors.push_back({absl::StrCat("a", i), ""});
  const std::string long_name(kMaxActorNameBytes, 'L');
  e.actors.push_back({long_name, "last"});
  ASSERT_OK_AND_ASSIGN(PutResult r, db->Put({e}));
  EXPECT_EQ(r.added, 1u);
  ASSERT_OK_AND_ASSIGN(Event got, db->Get(e.id));
  EXPECT_EQ(got.actors, e.actors);
  Query q;
  q.all_actors = {long_name, "a0", "a1022"};
  ASSERT_OK_AND_ASSIGN(uint64_t n, db->Count(q));
  EXPECT_EQ(n, 1u);
  Event over = Minimal();
  over.id = std::string(kMaxIdBytes + 1, 'i');
  EXPECT_THAT(db->Put({Minimal(), over}), StatusIs(kInvalid, HasSubstr("event 1")));
  EXPECT_THAT(db->Get("e"), StatusIs(absl::StatusCode::kNotFound, HasSubstr("e")));
  ASSERT_OK_AND_ASSIGN(CheckReport report, db->Check());
  EXPECT_THAT(report.problems, IsEmpty());
  EXPECT_EQ(report.events, 1u);
}

}  // namespace
}  // namespace annals
