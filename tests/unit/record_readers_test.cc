// Copyright: the Annals authors.
//
// RecordReader::Json: line numbers, blank lines, CRLF, errors and recovery,
// over-long lines. (CSV readers are tested in csv_record_test.cc.)
#include <sstream>
#include <streambuf>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "annals/record_io.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"

namespace annals {
namespace {

using ::annals::testing::StatusIs;
using ::testing::HasSubstr;

constexpr auto kInvalid = absl::StatusCode::kInvalidArgument;

// One call of Next: the event's title (or error message) and line().
struct Step {
  bool ok;
  std::string text;  // title when ok, a substring of the message otherwise
  int64_t line;
};

// Runs `reader` to the end, checking each call against `steps`.
void ExpectSteps(RecordReader& reader, const std::vector<Step>& steps) {
  Event e;
  for (size_t i = 0; i < steps.size(); ++i) {
    SCOPED_TRACE(absl::StrCat("step ", i));
    absl::StatusOr<bool> more = reader.Next(&e);
    if (steps[i].ok) {
      ASSERT_TRUE(more.ok()) << more.status();
      ASSERT_TRUE(*more);
      EXPECT_EQ(e.title, steps[i].text);
    } else {
      EXPECT_THAT(more, StatusIs(kInvalid, HasSubstr(steps[i].text)));
    }
    EXPECT_EQ(reader.line(), steps[i].line);
  }
  for (int i = 0; i < 2; ++i) {
    absl::StatusOr<bool> more = reader.Next(&e);
    ASSERT_TRUE(more.ok()) << more.status();
    EXPECT_FALSE(*more);
  }
}

std::string Record(const std::string& title) {
  return absl::StrCat(R"({"time":"2024","title":")", title, "\"}");
}

TEST(JsonReaderTest, EmptyInput) {
  std::istringstream in("");
  auto reader = RecordReader::Json(in);
  ExpectSteps(*reader, {});
  EXPECT_EQ(reader->line(), 0);
}

TEST(JsonReaderTest, BlankLinesCrlfAndFinalLineWithoutNewline) {
  std::istringstream in(
      absl::StrCat(Record("one"), "\n\n   \t\n\r\n", Record("two"), "\r\n", Record("three")));
  auto reader = RecordReader::Json(in);
  ExpectSteps(*reader, {{true, "one", 1}, {true, "two", 5}, {true, "three", 6}});
}

TEST(JsonReaderTest, OnlyBlankLines) {
  std::istringstream in("\n \n\r\n\n");
  auto reader = RecordReader::Json(in);
  ExpectSteps(*reader, {});
}

TEST(JsonReaderTest, ByteOrderMarkSkipped) {
  std::istringstream in(absl::StrCat("\xEF\xBB\xBF", Record("bom"), "\n"));
  auto reader = RecordReader::Json(in);
  ExpectSteps(*reader, {{true, "bom", 1}});
}

TEST(JsonReaderTest, ContinuesAfterErrors) {
  std::istringstream in(absl::StrCat(Record("one"), "\n", R"({"time":"2024-13"})", "\n\n",
                                     Record("three"), "\n", "not json\n",
                                     R"({"time":"2024","bogus":1})", "\n", Record("six"), "\n"));
  auto reader = RecordReader::Json(in);
  ExpectSteps(*reader, {{true, "one", 1},
                        {false, "2024-13", 2},
                        {true, "three", 4},
                        {false, "not a JSON object", 5},
                        {false, "unknown field \"bogus\"", 6},
                        {true, "six", 7}});
}

TEST(JsonReaderTest, NormalizesEvents) {
  std::istringstream in(R"({"time":"2024","actors":[" a  b ","A B"],"attrs":{"z":1,"a":2}})");
  auto reader = RecordReader::Json(in);
  Event e;
  ASSERT_OK_AND_ASSIGN(bool more, reader->Next(&e));
  ASSERT_TRUE(more);
  EXPECT_EQ(e.actors, (std::vector<Actor>{{"a b", ""}, {"A B", ""}}));
  ASSERT_EQ(e.attrs.size(), 2u);
  EXPECT_EQ(e.attrs[0].key, "a");
}

TEST(JsonReaderTest, OverLongLineIsAnErrorAndSkipped) {
  const std::string head = R"({"time":"2024","title":")";
  const std::string fits = head + std::string(kMaxLineBytes - head.size() - 2, 'x') + "\"}";
  ASSERT_EQ(fits.size(), kMaxLineBytes);
  const std::string monster = head + std::string(3 * kMaxLineBytes, 'y') + "\"}";
  std::istringstream in(absl::StrCat(Record("one"), "\n", monster, "\n", Record("three"), "\n",
                                     fits, "\r\n", head, "z", fits.substr(head.size()), "\n",
                                     Record("six")));
  auto reader = RecordReader::Json(in);
  ExpectSteps(*reader, {{true, "one", 1},
                        {false, absl::StrCat("longer than 1 MiB (", monster.size(), " bytes)"), 2},
                        {true, "three", 3},
                        {true, std::string(kMaxLineBytes - head.size() - 2, 'x'), 4},
                        {false, "longer than 1 MiB (1048577 bytes)", 5},
                        {true, "six", 6}});
}

TEST(JsonReaderTest, OverLongFinalLineWithoutNewline) {
  std::istringstream in(absl::StrCat(Record("one"), "\n", std::string(kMaxLineBytes + 10, ' ')));
  auto reader = RecordReader::Json(in);
  ExpectSteps(*reader, {{true, "one", 1}, {false, "longer than 1 MiB", 2}});
}

// A stream buffer whose every read fails with an I/O error.
class FailingBuf : public std::streambuf {
 protected:
  int_type underflow() override { throw std::runtime_error("disk on fire"); }
};

TEST(JsonReaderTest, StreamErrorIsReportedOnce) {
  FailingBuf buf;
  std::istream in(&buf);
  auto reader = RecordReader::Json(in);
  Event e;
  EXPECT_THAT(reader->Next(&e), StatusIs(absl::StatusCode::kDataLoss, HasSubstr("reading")));
  absl::StatusOr<bool> more = reader->Next(&e);
  ASSERT_TRUE(more.ok()) << more.status();
  EXPECT_FALSE(*more);
}

}  // namespace
}  // namespace annals
