// Copyright: the Annals authors.
//
// NormalizedEvent and the once-only normalization of the ingest path: the readers normalize each
// record once, Database::PutNormalized stores such events as they are, and Database::Put still
// normalizes (and rejects) whatever an embedder passes it.
#include "annals/normalized_event.h"

#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "annals/database.h"
#include "annals/record_io.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/event_builders.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace annals {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::S;
using testing::StatusIs;
using testing::WithTime;

constexpr auto kInvalid = absl::StatusCode::kInvalidArgument;

// An event that NormalizeEvent changes: padded actor name, attrs out of order.
Event Unnormalized(std::string id) {
  Event e = WithTime("2024-10");
  e.id = std::move(id);
  e.actors = {{"  Olaf   Scholz ", "speaker"}};
  e.attrs = {S("b", "2"), S("a", "1")};
  return e;
}

TEST(NormalizedEventTest, MakeNormalizes) {
  ASSERT_OK_AND_ASSIGN(NormalizedEvent n, NormalizedEvent::Make(Unnormalized("x")));
  EXPECT_EQ(n.event().actors[0].name, "Olaf Scholz");
  EXPECT_EQ(n.event().attrs, (std::vector<Attr>{S("a", "1"), S("b", "2")}));
  Event again = n.event();
  ASSERT_OK(NormalizeEvent(again));
  EXPECT_EQ(again, n.event()) << "a normalized event is a fixed point of NormalizeEvent";
  EXPECT_EQ(std::move(n).Release().id, "x");
}

TEST(NormalizedEventTest, MakeRejectsAsNormalizeEventDoes) {
  Event bad = Unnormalized("x");
  bad.actors[0].name = "\xff";
  EXPECT_THAT(NormalizedEvent::Make(bad), StatusIs(kInvalid, HasSubstr("actors[0].name")));
  EXPECT_THAT(NormalizedEvent::Make(Event{}), StatusIs(kInvalid, HasSubstr("time")));
}

TEST(NormalizedEventTest, PutNormalizedStoresWhatPutStores) {
  testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto db, Database::Open(dir.Sub("db"), Options{}));
  ASSERT_OK(db->Put({Unnormalized("via-put")}).status());
  ASSERT_OK_AND_ASSIGN(NormalizedEvent n, NormalizedEvent::Make(Unnormalized("via-normalized")));
  std::vector<NormalizedEvent> batch;
  batch.push_back(std::move(n));
  ASSERT_OK_AND_ASSIGN(PutResult r, db->PutNormalized(std::move(batch)));
  EXPECT_EQ(r.added, 1u);
  ASSERT_OK_AND_ASSIGN(Event a, db->Get("via-put"));
  ASSERT_OK_AND_ASSIGN(Event b, db->Get("via-normalized"));
  EXPECT_EQ(a.actors, b.actors);
  EXPECT_EQ(a.attrs, b.attrs);
  EXPECT_EQ(a.actors[0].name, "Olaf Scholz") << "Put still normalizes an embedder's event";
}

// Put keeps rejecting what NormalizeEvent rejects, naming the event's index in a batch, and
// stores nothing of the batch.
TEST(NormalizedEventTest, PutStillRejectsUnnormalizableEvents) {
  testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto db, Database::Open(dir.Sub("db"), Options{}));
  Event bad = Unnormalized("bad");
  bad.attrs.push_back(S("a", "again"));
  EXPECT_THAT(db->Put({Unnormalized("good"), bad}),
              StatusIs(kInvalid, HasSubstr("event 1: attrs: duplicate key")));
  EXPECT_THAT(db->Put({bad}), StatusIs(kInvalid, ::testing::StartsWith("attrs: duplicate key")));
  EXPECT_THAT(db->Get("good"), StatusIs(absl::StatusCode::kNotFound, ::testing::_));
}

// NextNormalized and Next read the same events and report the same errors at the same lines.
TEST(NormalizedEventTest, ReaderNormalizesOnceEitherWay) {
  const std::string text =
      "{\"id\":\"a\",\"time\":\"2024\",\"actors\":[\" A  B \"],\"attrs\":{\"z\":1,\"y\":2}}\n"
      "\n"
      "{\"id\":\"b\",\"time\":\"2024\",\"actors\":[\"\"]}\n"
      "{\"id\":\"c\",\"time\":\"2025\"}\n";
  std::istringstream in1(text), in2(text);
  std::unique_ptr<RecordReader> plain = RecordReader::Json(in1);
  std::unique_ptr<RecordReader> normalized = RecordReader::Json(in2);
  std::vector<int64_t> error_lines;
  while (true) {
    Event e;
    absl::StatusOr<bool> more = plain->Next(&e);
    absl::StatusOr<std::optional<NormalizedEvent>> n = normalized->NextNormalized();
    ASSERT_EQ(plain->line(), normalized->line());
    if (!more.ok()) {
      EXPECT_THAT(n, StatusIs(kInvalid, HasSubstr("actors[0]")));
      EXPECT_EQ(more.status(), n.status());
      error_lines.push_back(plain->line());
      continue;
    }
    ASSERT_OK(n.status());
    ASSERT_EQ(*more, n->has_value());
    if (!*more) break;
    EXPECT_EQ(e, (*n)->event());
    if (e.id == "a") {
      EXPECT_EQ(e.actors[0].name, "A B");
      EXPECT_EQ(e.attrs[0].key, "y");
    }
  }
  EXPECT_THAT(error_lines, ElementsAre(3));
}

// A reader that implements only Next gets a NextNormalized that normalizes for it.
class RawReader : public RecordReader {
 public:
  absl::StatusOr<bool> Next(Event* event) override {
    if (done_) return false;
    done_ = true;
    *event = Unnormalized("raw");
    return true;
  }
  int64_t line() const override { return 1; }

 private:
  bool done_ = false;
};

TEST(NormalizedEventTest, DefaultNextNormalizedNormalizes) {
  RawReader reader;
  ASSERT_OK_AND_ASSIGN(std::optional<NormalizedEvent> n, reader.NextNormalized());
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(n->event().actors[0].name, "Olaf Scholz");
  ASSERT_OK_AND_ASSIGN(n, reader.NextNormalized());
  EXPECT_FALSE(n.has_value());
}

}  // namespace
}  // namespace annals
