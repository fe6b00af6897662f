// Copyright: the Annals authors.
#include "internal/storage/record_codec.h"

#include <limits>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"

namespace annals::internal {
namespace {

using ::annals::testing::StatusIs;

StoredEvent Sample() {
  StoredEvent s;
  s.event.id = "rutte-berlin";
  s.event.time = *ParseTime("2024-10~/..");
  s.event.type = "statement";
  s.event.title = "Rutte: \"we will work with whoever wins\"";
  s.event.actors = {{"Mark Rutte", "speaker"}, {"\xD0\xA3\xD0\xBA\xD1\x80", ""}};
  s.event.location = "Berlin";
  s.event.source = "https://example.org";
  s.event.recorded = *ParseDate("2024-10-18");
  s.event.ingested_us = 1234567;
  s.event.attrs = {{"n", Attr::Kind::kNumber, "1.50"}, {"ok", Attr::Kind::kBool, "true"}};
  s.type_number = 7;
  s.actor_numbers = {3, 9};
  s.content_hash = std::string(16, '\x5a');
  return s;
}

TEST(RecordCodecTest, RoundTrip) {
  const StoredEvent s = Sample();
  ASSERT_OK_AND_ASSIGN(StoredEvent back, DecodeRecord(EncodeRecord(s)));
  EXPECT_EQ(back.event, s.event);
  EXPECT_EQ(back.type_number, s.type_number);
  EXPECT_EQ(back.actor_numbers, s.actor_numbers);
  EXPECT_EQ(back.content_hash, s.content_hash);
}

// A fuzz find (UBSan in the formatter): a damaged record whose date starts outside the accepted
// years (here near INT64_MIN µs, about 292,000 BCE) is damage, not an event to print.
TEST(RecordCodecTest, DateOutsideTheAcceptedYearsIsDataLoss) {
  for (int64_t start :
       {std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::min() + 7,
        std::numeric_limits<int64_t>::max() - 1}) {
    StoredEvent s = Sample();
    s.event.time = EventTime{};
    s.event.time.first = Date{start, Precision::kMicrosecond, 0};
    EXPECT_THAT(DecodeRecord(EncodeRecord(s)), StatusIs(absl::StatusCode::kDataLoss, ::testing::_))
        << start;
  }
  StoredEvent s = Sample();
  s.event.time = *ParseTime("Y-290000/Y290000");  // the ends of the accepted years decode
  ASSERT_OK_AND_ASSIGN(StoredEvent back, DecodeRecord(EncodeRecord(s)));
  EXPECT_EQ(FormatTime(back.event.time), "Y-290000/Y290000");
}

TEST(RecordCodecTest, UnalignedInputDecodes) {
  const std::string bytes = EncodeRecord(Sample());
  std::string shifted = "x" + bytes;
  ASSERT_OK_AND_ASSIGN(StoredEvent back, DecodeRecord(std::string_view(shifted).substr(1)));
  EXPECT_EQ(back.event.id, "rutte-berlin");
}

TEST(RecordCodecTest, EveryTruncationIsDataLoss) {
  const std::string bytes = EncodeRecord(Sample());
  for (size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_THAT(DecodeRecord(std::string_view(bytes).substr(0, n)),
                StatusIs(absl::StatusCode::kDataLoss, ::testing::_))
        << "length " << n;
  }
}

TEST(RecordCodecTest, FlippedBytesNeverCrash) {
  const std::string bytes = EncodeRecord(Sample());
  int failures = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string damaged = bytes;
      damaged[i] = static_cast<char>(damaged[i] ^ (1 << bit));
      absl::StatusOr<StoredEvent> s = DecodeRecord(damaged);
      if (!s.ok()) {
        EXPECT_EQ(s.status().code(), absl::StatusCode::kDataLoss);
        ++failures;
      }
    }
  }
  EXPECT_GT(failures, 0) << "some flips must be detected as damage";
}

TEST(RecordCodecTest, HashIgnoresIngestTimeButNotContent) {
  Event a = Sample().event;
  Event b = a;
  b.ingested_us = 99;
  EXPECT_EQ(HashContent(a), HashContent(b));
  b.title += ".";
  EXPECT_NE(HashContent(a), HashContent(b));
  EXPECT_EQ(HashContent(a).size(), 16u);
}

}  // namespace
}  // namespace annals::internal
