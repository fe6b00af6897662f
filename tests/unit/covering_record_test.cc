// Copyright: the Annals authors.
//
// The covering record (by_actor values' copy of an event): decodes to what the Cap'n Proto record
// of the same event decodes to, for every shape of time and field; damage is DataLoss, never a
// crash.
#include "internal/storage/covering_record.h"

#include <random>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "internal/storage/key_codec.h"
#include "internal/storage/record_codec.h"
#include "testing/event_builders.h"
#include "testing/status_matchers.h"

namespace annals::internal {
namespace {

using ::annals::testing::D;
using ::annals::testing::StatusIs;
using ::annals::testing::T;

// Times of every shape the time model has: points of each precision, qualified and unspecified
// dates, closed, open and unknown ends, instants before 1970.
const std::vector<std::string>& TimeTexts() {
  static const auto* texts = new std::vector<std::string>{"2024-11-05",
                                                          "2024-10",
                                                          "2024",
                                                          "2017-01-20/2021-01-20",
                                                          "2022-02-24/..",
                                                          "../2021",
                                                          "2024-10~",
                                                          "2024?",
                                                          "2024-11-05T10:30:00Z",
                                                          "-0044-03-15",
                                                          "1066-10-14/1066-10-15",
                                                          "201X",
                                                          "2024-XX",
                                                          "/2020",
                                                          "2019/",
                                                          "2024-11-05T10:30:00.123456Z"};
  return *texts;
}

std::string RandomText(std::mt19937_64& rng) {
  // Mostly short, sometimes long enough for 2- and 3-byte lengths; NULs and UTF-8 included.
  static const std::string kAlphabet =
      std::string("abcXYZ 019,\"\\") + std::string(1, '\0') + "\xC3\xA9\xE2\x80\x94";
  const int pick = static_cast<int>(rng() % 20);
  size_t n = pick == 0 ? 200 + rng() % 20000 : rng() % 24;
  std::string s;
  for (size_t i = 0; i < n; ++i) s.push_back(kAlphabet[rng() % kAlphabet.size()]);
  return s;
}

Event RandomEvent(std::mt19937_64& rng) {
  Event e;
  e.id = RandomText(rng) + "id";
  e.time = T(TimeTexts()[rng() % TimeTexts().size()]);
  e.type = rng() % 3 == 0 ? "" : RandomText(rng);
  e.title = RandomText(rng);
  e.actors.resize(rng() % 6);
  for (Actor& a : e.actors) {
    a.name = RandomText(rng) + "n";
    a.role = rng() % 2 == 0 ? "" : RandomText(rng);
  }
  e.location = RandomText(rng);
  e.source = RandomText(rng);
  e.recorded = D(rng() % 2 == 0 ? "2024-11-06" : "1850?");
  e.ingested_us = static_cast<int64_t>(rng()) >> (rng() % 64);
  e.attrs.resize(rng() % 5);
  for (Attr& a : e.attrs) {
    a.key = RandomText(rng);
    a.kind = static_cast<Attr::Kind>(rng() % 3);
    a.value = RandomText(rng);
  }
  return e;
}

StoredEvent Stored(const Event& e) {
  StoredEvent s;
  s.event = e;
  s.type_number = e.type.empty() ? 0 : 3;
  s.actor_numbers.assign(e.actors.size(), 1);
  s.role_numbers.assign(e.actors.size(), 0);
  s.content_hash = std::string(16, 'h');
  return s;
}

TEST(CoveringRecordTest, DecodesToWhatTheRecordDecodesTo) {
  std::mt19937_64 rng(20261207);
  Event reused;  // every decode reuses it, as a cursor does
  for (int i = 0; i < 2000; ++i) {
    const Event e = RandomEvent(rng);
    std::string bytes;
    AppendCoveringRecord(e, &bytes);
    ASSERT_OK(DecodeCoveringRecord(bytes, &reused)) << "event " << i;
    EXPECT_EQ(reused, e) << "event " << i;
    Event from_record;
    uint32_t type = 0;
    ASSERT_OK(DecodeRecordInto(EncodeRecord(Stored(e)), &from_record, &type));
    EXPECT_EQ(reused, from_record) << "event " << i;
  }
}

TEST(CoveringRecordTest, GoldenBytes) {
  Event e;
  e.id = "e1";
  e.time = T("2024");
  e.type = "t";
  e.actors = {{"A", "r"}};
  e.recorded = D("2024");
  e.ingested_us = -1;
  e.attrs = {{"k", Attr::Kind::kNumber, "2"}};
  std::string bytes;
  AppendCoveringRecord(e, &bytes);
  std::string expected = std::string(
      "\x02"
      "e1"
      "\x01",
      4);            // id; flags: first only
  std::string date;  // 2024-01-01T00:00:00Z in µs, zigzag varint, then year precision etc.
  PutVarint<uint64_t>(&date, static_cast<uint64_t>(e.time.first->start_us) << 1);
  date += std::string(1, static_cast<char>(e.time.first->precision)) + std::string(2, '\0');
  expected += date + date;  // first, recorded
  expected += std::string(
      "\x01t\x00\x01\x01"
      "A\x01r",
      8);                                                           // type, title, 1 actor
  expected += std::string("\x00\x00\x01\x01\x01k\x01\x01\x32", 9);  // location, source,
                                                                    // ingested -1, 1 attr
  EXPECT_EQ(bytes, expected);
}

TEST(CoveringRecordTest, EveryTruncationAndTrailingByteIsDataLoss) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 50; ++i) {
    std::string bytes;
    AppendCoveringRecord(RandomEvent(rng), &bytes);
    Event e;
    for (size_t n = 0; n < bytes.size(); n += 1 + n / 64) {
      EXPECT_THAT(DecodeCoveringRecord(std::string_view(bytes).substr(0, n), &e),
                  StatusIs(absl::StatusCode::kDataLoss, ::testing::_))
          << "length " << n << " of " << bytes.size();
    }
    EXPECT_THAT(DecodeCoveringRecord(bytes + "x", &e),
                StatusIs(absl::StatusCode::kDataLoss, ::testing::_));
  }
}

TEST(CoveringRecordTest, ImpossibleValuesAreDataLoss) {
  Event e;
  e.id = "x";
  e.time = T("2024");
  e.recorded = D("2024");
  std::string good;
  AppendCoveringRecord(e, &good);
  Event out;
  ASSERT_OK(DecodeCoveringRecord(good, &out));
  std::string bad = good;
  bad[2] = '\x40';  // an unknown flag
  EXPECT_THAT(DecodeCoveringRecord(bad, &out), StatusIs(absl::StatusCode::kDataLoss, ::testing::_));
  bad = good;
  bad[2] = '\x00';  // a point time without its date
  EXPECT_THAT(DecodeCoveringRecord(bad, &out), StatusIs(absl::StatusCode::kDataLoss, ::testing::_));
  e.attrs = {{"k", Attr::Kind::kString, "v"}};
  std::string with_attr;
  AppendCoveringRecord(e, &with_attr);
  with_attr[with_attr.size() - 3] = '\x07';  // the attr's kind
  EXPECT_THAT(DecodeCoveringRecord(with_attr, &out),
              StatusIs(absl::StatusCode::kDataLoss, ::testing::_));
}

TEST(CoveringRecordTest, FlippedBytesNeverCrashAndDecodeOnlyStorableEvents) {
  std::mt19937_64 rng(11);
  for (int i = 0; i < 200; ++i) {
    std::string bytes;
    AppendCoveringRecord(RandomEvent(rng), &bytes);
    for (int flips = 0; flips < 20; ++flips) {
      std::string damaged = bytes;
      damaged[rng() % damaged.size()] ^= static_cast<char>(1 + rng() % 255);
      Event e;
      absl::Status s = DecodeCoveringRecord(damaged, &e);
      if (s.ok()) {
        EXPECT_TRUE(IsStorableTime(e.time));
        EXPECT_TRUE(e.recorded.has_value() && IsStorableDate(*e.recorded));
        EXPECT_LE(e.actors.size(), kMaxActors);
      } else {
        EXPECT_EQ(s.code(), absl::StatusCode::kDataLoss);
      }
    }
  }
}

}  // namespace
}  // namespace annals::internal
