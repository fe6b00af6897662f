// Copyright: the Annals authors.
//
// DecodeRecordInto, the read path's decoder: same Event as DecodeRecord, into a reused Event.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "internal/storage/record_codec.h"
#include "testing/status_matchers.h"

namespace annals::internal {
namespace {

using ::annals::testing::StatusIs;

StoredEvent Big() {
  StoredEvent s;
  s.event.id = "rutte-berlin";
  s.event.time = *ParseTime("2024-10~/..");
  s.event.type = "statement";
  s.event.title = "Rutte: \"we will work with whoever wins\"";
  s.event.actors = {{"Mark Rutte", "speaker"}, {"Olaf Scholz", "host"}, {"NATO", ""}};
  s.event.location = "Berlin";
  s.event.source = "https://example.org/a/long/path";
  s.event.recorded = *ParseDate("2024-10-18");
  s.event.ingested_us = 1234567;
  s.event.attrs = {{"n", Attr::Kind::kNumber, "1.50"}, {"ok", Attr::Kind::kBool, "true"}};
  s.type_number = 7;
  s.actor_numbers = {3, 9, 11};
  s.content_hash = std::string(16, '\x5a');
  return s;
}

// Fewer actors, no attrs, no type, a point time: every field of Big() must be overwritten.
StoredEvent Small() {
  StoredEvent s;
  s.event.id = "e2";
  s.event.time = *ParseTime("1999-12-31");
  s.event.actors = {{"Actor 17", ""}};
  s.event.recorded = *ParseDate("2000");
  s.event.ingested_us = 5;
  s.actor_numbers = {17};
  s.content_hash = std::string(16, '\x01');
  return s;
}

TEST(RecordDecodeIntoTest, ReusedEventEqualsFreshDecode) {
  Event reused;
  uint32_t type = 99;
  for (const StoredEvent& s : {Big(), Small(), Big(), Small()}) {
    ASSERT_OK(DecodeRecordInto(EncodeRecord(s), &reused, &type));
    EXPECT_EQ(reused, s.event);
    EXPECT_EQ(type, s.type_number);
  }
}

TEST(RecordDecodeIntoTest, AlignedAndUnalignedInputAgree) {
  const std::string bytes = EncodeRecord(Big());
  for (size_t shift = 0; shift < 8; ++shift) {
    std::string shifted = std::string(shift, 'x') + bytes;
    Event e;
    uint32_t type = 0;
    ASSERT_OK(DecodeRecordInto(std::string_view(shifted).substr(shift), &e, &type));
    EXPECT_EQ(e, Big().event) << "shift " << shift;
  }
}

TEST(RecordDecodeIntoTest, TruncationIsDataLoss) {
  const std::string bytes = EncodeRecord(Big());
  Event e;
  uint32_t type = 0;
  for (size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_THAT(DecodeRecordInto(std::string_view(bytes).substr(0, n), &e, &type),
                StatusIs(absl::StatusCode::kDataLoss, ::testing::_))
        << "length " << n;
  }
}

TEST(RecordDecodeIntoTest, FlippedBytesNeverCrashAndMatchDecodeRecordOnSuccess) {
  const std::string bytes = EncodeRecord(Big());
  Event e;
  uint32_t type = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string damaged = bytes;
      damaged[i] = static_cast<char>(damaged[i] ^ (1 << bit));
      absl::Status s = DecodeRecordInto(damaged, &e, &type);
      if (!s.ok()) {
        EXPECT_EQ(s.code(), absl::StatusCode::kDataLoss);
        continue;
      }
      // What the read path accepts, the full decoder reads the same way (when it accepts it).
      absl::StatusOr<StoredEvent> full = DecodeRecord(damaged);
      if (full.ok()) {
        EXPECT_EQ(full->event, e);
      }
    }
  }
}

}  // namespace
}  // namespace annals::internal
