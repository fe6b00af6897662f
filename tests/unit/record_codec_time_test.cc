// Copyright: the Annals authors.
//
// The stored form of the EDTF level-1 times (schema/event.capnp Date.unspecifiedDigits,
// Time.startUnknown/endUnknown): every parsed form survives a round trip, and impossible
// combinations a correct writer never stores decode as kDataLoss.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "internal/storage/record_codec.h"
#include "testing/status_matchers.h"

namespace annals::internal {
namespace {

using ::annals::testing::StatusIs;

StoredEvent WithTime(const EventTime& time) {
  StoredEvent s;
  s.event.id = "e";
  s.event.time = time;
  s.event.recorded = *ParseDate("2024-10-18");
  s.content_hash = std::string(16, '\x5a');
  return s;
}

TEST(RecordCodecTimeTest, Level1FormsRoundTrip) {
  for (const char* text :
       {"-0043-03-15", "0000-02-29", "Y-20000", "Y290000", "199X", "XXXX", "2024-1X~", "1985-04-XX",
        "2016-XX-XX?", "2024-10/", "/2024-10", "-0500/-0400", "199X/2024-10-0X", "2024-10/.."}) {
    SCOPED_TRACE(text);
    const StoredEvent s = WithTime(*ParseTime(text));
    ASSERT_OK_AND_ASSIGN(StoredEvent back, DecodeRecord(EncodeRecord(s)));
    EXPECT_EQ(back.event.time, s.event.time);
    EXPECT_EQ(FormatTime(back.event.time), text);
  }
}

TEST(RecordCodecTimeTest, ImpossibleUnspecifiedDigitsAreDataLoss) {
  EventTime t = *ParseTime("2024-10-05");
  t.first->unspecified_digits = 9;
  EXPECT_THAT(DecodeRecord(EncodeRecord(WithTime(t))),
              StatusIs(absl::StatusCode::kDataLoss, ::testing::_));
  t = *ParseTime("2024-10-05T10:00Z");
  t.first->unspecified_digits = 1;
  EXPECT_THAT(DecodeRecord(EncodeRecord(WithTime(t))),
              StatusIs(absl::StatusCode::kDataLoss, ::testing::_));
}

TEST(RecordCodecTimeTest, UnknownEndBesideADateIsDataLoss) {
  EventTime t = *ParseTime("2024/2025");
  t.end_unknown = true;
  EXPECT_THAT(DecodeRecord(EncodeRecord(WithTime(t))),
              StatusIs(absl::StatusCode::kDataLoss, ::testing::_));
  t = *ParseTime("2024");
  t.start_unknown = true;
  EXPECT_THAT(DecodeRecord(EncodeRecord(WithTime(t))),
              StatusIs(absl::StatusCode::kDataLoss, ::testing::_));
}

}  // namespace
}  // namespace annals::internal
