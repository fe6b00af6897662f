// Copyright: the Annals authors.
//
// The usage examples at the top of the public headers, compiled and run: an example that stops
// compiling or stops doing what it says fails here. Keep each test a copy of its header's example
// (plus the assertions); when an example changes, change it here too.
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "annals/annals.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace annals {
namespace {

// database.h
absl::Status DatabaseExample(const std::string& path) {
  annals::Options options;
  absl::StatusOr<std::unique_ptr<annals::Database>> db = annals::Database::Open(path, options);
  if (!db.ok()) return db.status();
  absl::StatusOr<annals::Event> e = annals::ParseJsonRecord(R"({"id":"x","time":"2024-10"})");
  if (!e.ok()) return e.status();
  absl::StatusOr<annals::PutResult> r = (*db)->Put({*e});
  if (!r.ok()) return r.status();
  return r->added == 1 ? absl::OkStatus() : absl::InternalError("not added");
}

TEST(HeaderExamplesTest, Database) {
  testing::TempDir dir;
  ASSERT_OK(DatabaseExample(dir.Sub("timeline.db")));
}

// event.h
TEST(HeaderExamplesTest, Event) {
  testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Database> db, Database::Open(dir.Sub("db"), Options{}));
  annals::Event e;
  e.id = "us-election-2024";
  e.time = *annals::ParseTime("2024-11-05");
  e.type = "election";
  e.actors = {{"Kamala Harris", ""}, {"Donald Trump", ""}};
  absl::StatusOr<annals::PutResult> r = db->Put({e});
  ASSERT_OK(r.status());
  EXPECT_EQ(r->added, 1u);
}

// record_io.h
TEST(HeaderExamplesTest, RecordReader) {
  testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Database> db, Database::Open(dir.Sub("db"), Options{}));
  std::istringstream in(R"({"id":"a","time":"2024-10"})"
                        "\n"
                        R"({"id":"b","time":"2024-11-05"})"
                        "\n");
  auto reader = annals::RecordReader::Json(in);
  annals::Event e;
  int stored = 0;
  while (true) {
    absl::StatusOr<bool> more = reader->Next(&e);
    if (!more.ok()) break;
    if (!*more) break;
    absl::StatusOr<annals::PutResult> r = db->Put({e});
    ASSERT_OK(r.status());
    ++stored;
  }
  EXPECT_EQ(stored, 2);
}

// normalized_event.h
absl::Status NormalizedEventExample(annals::Database* db, annals::Event e) {
  absl::StatusOr<annals::NormalizedEvent> n = annals::NormalizedEvent::Make(std::move(e));
  if (!n.ok()) return n.status();
  std::vector<annals::NormalizedEvent> batch;
  batch.push_back(*std::move(n));
  absl::StatusOr<annals::PutResult> r = db->PutNormalized(std::move(batch));
  return r.status();
}

TEST(HeaderExamplesTest, NormalizedEvent) {
  testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Database> db, Database::Open(dir.Sub("db"), Options{}));
  ASSERT_OK_AND_ASSIGN(Event e, ParseJsonRecord(R"({"id":"a","time":"2024-10"})"));
  ASSERT_OK(NormalizedEventExample(db.get(), e));
  EXPECT_OK(db->Get("a").status());
  EXPECT_THAT(NormalizedEventExample(db.get(), Event{}),
              testing::StatusIs(absl::StatusCode::kInvalidArgument, ::testing::HasSubstr("time")));
}

// query.h
TEST(HeaderExamplesTest, Query) {
  testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Database> db, Database::Open(dir.Sub("db"), Options{}));
  ASSERT_OK_AND_ASSIGN(
      Event in_range, ParseJsonRecord(R"({"id":"a","time":"2024-10-15","actors":["Mark Rutte"]})"));
  ASSERT_OK_AND_ASSIGN(Event outside,
                       ParseJsonRecord(R"({"id":"b","time":"2023","actors":["Mark Rutte"]})"));
  ASSERT_OK(db->Put({in_range, outside}).status());

  std::vector<std::string> printed;
  auto Print = [&](const Event& e) { printed.push_back(e.id); };
  annals::Query q;
  q.all_actors = {"Mark Rutte"};
  q.from_us = annals::ParseTime("2024-10")->start_us();
  q.to_us = annals::ParseTime("2024-11")->end_us();
  absl::StatusOr<std::unique_ptr<annals::Cursor>> c = db->Query(q);
  ASSERT_OK(c.status());
  while ((*c)->Next()) Print((*c)->event());
  ASSERT_OK((*c)->status());
  EXPECT_THAT(printed, ::testing::ElementsAre("a"));
}

// alias.h
TEST(HeaderExamplesTest, Alias) {
  testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Database> db, Database::Open(dir.Sub("db"), Options{}));
  ASSERT_OK_AND_ASSIGN(Event office,
                       ParseJsonRecord(R"({"id":"o","time":"2022-03",)"
                                       R"("actors":["PRESIDENT OF THE UNITED STATES"]})"));
  ASSERT_OK(db->Put({office}).status());

  annals::Alias a{"Joe Biden", "PRESIDENT OF THE UNITED STATES", "2021-01-20", "2025-01-19"};
  absl::StatusOr<uint64_t> added = db->AddAliases({a});
  annals::Query q;
  q.all_actors = {"Joe Biden"};  // also finds "PRESIDENT OF THE UNITED STATES", in that period
  ASSERT_OK(added.status());
  EXPECT_EQ(*added, 1u);
  ASSERT_OK_AND_ASSIGN(uint64_t count, db->Count(q));
  EXPECT_EQ(count, 1u);
}

}  // namespace
}  // namespace annals
