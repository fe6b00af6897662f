// Copyright: the Annals authors.
//
// Inputs found by the fuzz targets (fuzz/), each a regression test named for what broke. The
// fuzz target and the input file name (under the fuzzer's artifact directory) are given with each.
#include <chrono>
#include <memory>
#include <sstream>
#include <string>

#include "annals/record_io.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "internal/storage/record_codec.h"
#include "testing/status_matchers.h"

namespace annals {
namespace {

using ::annals::testing::StatusIs;
using ::testing::_;
using ::testing::HasSubstr;

// record_codec_fuzzer, oom-21316576cdf1e306b765755fcfa556f026585a6a: a 240-byte damaged record
// whose attrs list claims millions of zero-sized elements. Cap'n Proto accepts such a list
// within the traversal limit, and decoding built millions of Attr (over 150 MB) from 240 bytes.
TEST(FuzzRegressionTest, DamagedRecordCannotAmplifyIntoMillionsOfAttrs) {
  const std::string record(
      "\x00\x00\x00\x00\x1d\x00\x00\x00\x00\x00\x00\x00\x02\x00\x0a\x00\x00\x00\x00\x00\x00\x00\x00"
      "\x00"
      "\x00\x20\x76\x03\x6d\x25\x06\x00\x25\x00\x00\x00\x22\x00\x00\x00\x24\x00\x00\x00\x01\x00\x02"
      "\x00"
      "\x35\x00\x00\x00\x0a\x00\x00\x00\x35\x00\x00\x00\x0a\x00\x00\x00\x35\x00\x00\x00\x07\x00\x00"
      "\x00"
      "\x35\x00\x00\x00\x0a\x00\x00\x00\x35\x00\x00\x00\x0a\x00\x00\x00\x34\x00\x00\x00\x02\x00\x00"
      "\x00"
      "\x39\x00\x00\x00\x07\x00\x00\x00\x39\x00\x00\x00\x82\x00\x00\x00\x6f\x6c\x64\x00\x00\x00\x00"
      "\x00"
      "\x06\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x00"
      "\x00"
      "\x00\x60\xd3\x73\x3a\x28\x05\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
      "\x00"
      "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00"
      "\x00"
      "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x04\x00\x00\x00\x00\x00\x00"
      "\x00"
      "\x00\x00\x02\x01\x00\x00\x00\x00\x2e\x2f\x3d\x55\xcb\x6e\xc1\x0b\x29\x08\x84\xb1\x07\x41\x1a"
      "\xc0",
      240);
  absl::StatusOr<internal::StoredEvent> s = internal::DecodeRecord(record);
  EXPECT_THAT(s.status(), StatusIs(absl::StatusCode::kDataLoss, _))
      << "decoded " << (s.ok() ? s->event.attrs.size() : 0) << " attrs";
}

// csv_reader_fuzzer, crash-8ebf3cb5f92d91b49d4ff084aaa1831ba84fbae8: "\n2024,201,6\n". The
// reader skips the blank first line and takes line 2 as the header; that header has no `time`
// column, so every call fails alike (the fuzz target had assumed the header is line 1).
TEST(FuzzRegressionTest, CsvHeaderAfterABlankLineFailsEveryCall) {
  std::istringstream in(std::string("\n2024,201,6\n"));
  std::unique_ptr<RecordReader> reader = RecordReader::Csv(in);
  Event e;
  for (int call = 0; call < 3; ++call) {
    EXPECT_THAT(reader->Next(&e),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no \"time\" column")));
    EXPECT_EQ(reader->line(), 2);
  }
}

}  // namespace
}  // namespace annals
