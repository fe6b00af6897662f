// Copyright: the Annals authors.
//
// format.h: golden bytes of every key and value shape, round trips, every truncation rejected.
#include "internal/storage/format.h"

#include <cstdint>
#include <string>
#include <vector>

#include "annals/time.h"
#include "gtest/gtest.h"
#include "internal/storage/day_counts.h"

namespace annals::internal {
namespace {

std::string Hex(std::string_view s) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (!out.empty()) out.push_back(' ');
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

constexpr int64_t kSecond = 1'000'000;

TEST(FormatTest, EventKeyAndMetaGoldenBytes) {
  EXPECT_EQ(Hex(EncodeEventKey(0x0102)), "00 00 00 00 00 00 01 02");
  EXPECT_EQ(Hex(EncodeMeta(2)), "00 00 00 00 00 00 00 02");
  uint64_t v;
  EXPECT_TRUE(DecodeMeta(EncodeMeta(7), &v));
  EXPECT_EQ(v, 7u);
  EXPECT_FALSE(DecodeMeta(EncodeMeta(7) + "x", &v));
  EXPECT_FALSE(DecodeEventKey("1234567", &v));
}

TEST(FormatTest, ByActorEntryGoldenBytes) {
  // A one-second event at t = 0: class 0, order time 0, other time 1 s.
  const std::string key = EncodeIndexKey(kByActorCf, 7, 0, kSecond, 42);
  EXPECT_EQ(Hex(key), "00 00 00 07 00 80 00 00 00 00 00 00 00 00 00 00 00 00 00 00 2A");
  // Other time, type, 2 roles, the roles, then the covering record (here 3 stand-in bytes).
  const std::string value = EncodeIndexValue(kByActorCf, 0, kSecond, 3, {0, 5}, "REC");
  EXPECT_EQ(Hex(value), "80 00 00 00 00 0F 42 40 00 00 00 03 02 00 00 00 00 00 00 00 05 52 45 43");
  IndexEntry e;
  ASSERT_TRUE(DecodeIndexEntry(kByActorCf, key, value, &e));
  EXPECT_EQ(e.covering, "REC");
  EXPECT_EQ(e.prefix, 7u);
  EXPECT_EQ(e.span_class, 0);
  EXPECT_EQ(e.start_us, 0);
  EXPECT_EQ(e.end_us, kSecond);
  EXPECT_EQ(e.event_number, 42u);
  EXPECT_EQ(e.type, 3u);
  EXPECT_TRUE(RolesContain(e.roles, 0));
  EXPECT_TRUE(RolesContain(e.roles, 5));
  EXPECT_FALSE(RolesContain(e.roles, 4));
}

TEST(FormatTest, OnlyCurrentByActorEntriesCarryARecord) {
  const std::string key = EncodeIndexKey(kByActorCf, 7, 0, kSecond, 42);
  const std::string old_key = OldIndexKey(key, 1, 2);
  // A closed version's entry ends after its roles, whatever it is given.
  const std::string old_value = EncodeIndexValue(kOldByActorCf, 0, kSecond, 3, {0, 5}, "REC");
  EXPECT_EQ(Hex(old_value), "80 00 00 00 00 0F 42 40 00 00 00 03 02 00 00 00 00 00 00 00 05");
  IndexEntry e;
  ASSERT_TRUE(DecodeIndexEntry(kOldByActorCf, old_key, old_value, &e));
  EXPECT_TRUE(e.covering.empty());
  EXPECT_EQ(e.system_from, 1);
  EXPECT_FALSE(DecodeIndexEntry(kOldByActorCf, old_key, old_value + "R", &e))
      << "a closed version's entry carries no record";
  EXPECT_FALSE(DecodeIndexEntry(kByActorCf, key, old_value, &e))
      << "a current entry without its record is damaged";
}

TEST(FormatTest, TimeAndTypeEntriesHaveNoRoles) {
  const std::string key = EncodeIndexKey(kByTimeCf, 99, 0, kSecond, 1);
  EXPECT_EQ(key.size(), 17u) << "by_time has no prefix";
  const std::string value = EncodeIndexValue(kByTimeCf, 0, kSecond, 3, {1, 2});
  EXPECT_EQ(Hex(value), "80 00 00 00 00 0F 42 40 00 00 00 03");
  IndexEntry e;
  ASSERT_TRUE(DecodeIndexEntry(kByTimeCf, key, value, &e));
  EXPECT_TRUE(e.roles.empty());
  EXPECT_FALSE(DecodeIndexEntry(kByTimeCf, key, value + std::string(4, '\0'), &e));
  EXPECT_FALSE(
      DecodeIndexEntry(kByActorCf, EncodeIndexKey(kByActorCf, 1, 0, kSecond, 1), value, &e))
      << "a by_actor value lists at least one role";
}

TEST(FormatTest, OpenStartEntriesAreOrderedByEnd) {
  const std::string key = EncodeIndexKey(kByTypeCf, 1, kMinusInfinity, kSecond, 9);
  const std::string value = EncodeIndexValue(kByTypeCf, kMinusInfinity, kSecond, 1, {});
  EXPECT_EQ(key, IndexPositionKey(kByTypeCf, 1, kOpenStartClass, kSecond, 9));
  IndexEntry e;
  ASSERT_TRUE(DecodeIndexEntry(kByTypeCf, key, value, &e));
  EXPECT_EQ(e.start_us, kMinusInfinity);
  EXPECT_EQ(e.end_us, kSecond);
}

TEST(FormatTest, EveryTruncationIsRejected) {
  const std::string key = EncodeIndexKey(kByActorCf, 7, 0, kSecond, 42);
  const std::string value = EncodeIndexValue(kByActorCf, 0, kSecond, 3, {0, 5}, "REC");
  IndexEntry e;
  for (size_t n = 0; n < key.size(); ++n) {
    EXPECT_FALSE(DecodeIndexEntry(kByActorCf, key.substr(0, n), value, &e)) << n;
  }
  // Up to the end of the roles; a truncated record is covering_record.h's to reject.
  for (size_t n = 0; n <= 21; ++n) {
    EXPECT_FALSE(DecodeIndexEntry(kByActorCf, key, value.substr(0, n), &e)) << n;
  }
  const std::string id = EncodeIdEntry(IdEntry{5, std::string(16, 'h')});
  IdEntry back;
  ASSERT_TRUE(DecodeIdEntry(id, &back));
  EXPECT_EQ(back.event_number, 5u);
  for (size_t n = 0; n < id.size(); ++n) EXPECT_FALSE(DecodeIdEntry(id.substr(0, n), &back)) << n;
}

TEST(FormatTest, ClassBoundsEncloseTheClass) {
  const std::string begin = IndexClassBegin(kByTimeCf, 0, 3);
  const std::string end = IndexClassEnd(kByTimeCf, 0, 3);
  const std::string inside = IndexPositionKey(kByTimeCf, 0, 3, kPlusInfinity, UINT64_MAX);
  EXPECT_LE(begin, IndexPositionKey(kByTimeCf, 0, 3, kMinusInfinity, 0));
  EXPECT_LT(inside, end);
  EXPECT_LE(end, IndexPositionKey(kByTimeCf, 0, 4, kMinusInfinity, 0));
}

TEST(FormatTest, DictionaryKeysGoldenBytes) {
  EXPECT_EQ(Hex(DictNameKey(DictKind::kActor, "ab")), "61 61 62 00 01");
  EXPECT_EQ(Hex(DictNameKey(DictKind::kRole, std::string("a\0", 2))), "72 61 00 FF 00 01");
  EXPECT_EQ(Hex(DictNamePrefix(DictKind::kType, "ab")), "74 61 62");
  EXPECT_EQ(Hex(DictNumberKey(DictKind::kRole, 258)), "52 00 00 01 02");
  uint32_t n;
  EXPECT_TRUE(DecodeDictNumberKey(DictKind::kRole, DictNumberKey(DictKind::kRole, 258), &n));
  EXPECT_EQ(n, 258u);
  EXPECT_FALSE(DecodeDictNumberKey(DictKind::kActor, DictNumberKey(DictKind::kRole, 258), &n));
  EXPECT_TRUE(DecodeDictNumber(EncodeDictNumber(9), &n));
  EXPECT_FALSE(DecodeDictNumber(EncodeDictNumber(0), &n)) << "0 is no number";
  // A name key is never a prefix of another name's key, and the prefix finds its names.
  const std::string prefix = DictNamePrefix(DictKind::kActor, "a");
  EXPECT_EQ(DictNameKey(DictKind::kActor, "ab").rfind(prefix, 0), 0u);
  EXPECT_NE(DictNameKey(DictKind::kActor, "b").rfind(prefix, 0), 0u);
}

TEST(FormatTest, DictEntryRoundTrip) {
  const DictEntry e{"Mark Rutte", 12, 0x8001};
  DictEntry back;
  ASSERT_TRUE(DecodeDictEntry(EncodeDictEntry(e), &back));
  EXPECT_EQ(back.name, e.name);
  EXPECT_EQ(back.event_count, 12u);
  EXPECT_EQ(back.classes, 0x8001);
  EXPECT_FALSE(DecodeDictEntry(EncodeDictEntry(e).substr(0, 9), &back));
}

}  // namespace
}  // namespace annals::internal

namespace annals::internal {
namespace {

TEST(FormatTest, MembersGoldenBytesAndRoundTrip) {
  // Varints: 3 -> 03; 300 -> ac 02; role 0 -> 00; 2^32 - 1 -> ff ff ff ff 0f.
  const std::string value = EncodeMembers({3, 300, 0xffffffffu}, {1, 0, 2});
  EXPECT_EQ(Hex(value), "03 01 AC 02 00 FF FF FF FF 0F 02");
  std::vector<uint32_t> actors, roles;
  ASSERT_TRUE(DecodeMembers(value, &actors, &roles));
  EXPECT_EQ(actors, (std::vector<uint32_t>{3, 300, 0xffffffffu}));
  EXPECT_EQ(roles, (std::vector<uint32_t>{1, 0, 2}));
  ASSERT_TRUE(DecodeMembers("", &actors, &roles));  // an event without actors
  EXPECT_TRUE(actors.empty());
  // A pair cut short, a varint without its last byte, one over 32 bits.
  for (size_t n = 1; n < value.size(); ++n) {
    if (n == 2 || n == 5) continue;  // cut between whole pairs: still well formed
    EXPECT_FALSE(DecodeMembers(value.substr(0, n), &actors, &roles)) << n;
  }
  EXPECT_FALSE(DecodeMembers(std::string("\xff\xff\xff\xff\x1f\x00", 6), &actors, &roles));
}

TEST(FormatTest, DayCountGoldenBytesAndRoundTrip) {
  // Tag, numbers big-endian, the class, the day with its sign bit flipped, the days (u16).
  EXPECT_EQ(Hex(DayCountKey(DayCountId{kActorDayTag, 5, 0, 6, 1, 2})),
            "41 00 00 00 05 06 80 00 00 00 00 00 00 01 00 02");
  EXPECT_EQ(Hex(DayCountKey(DayCountId{kPairDayTag, 5, 7, 9, -1, 1554})),
            "50 00 00 00 05 00 00 00 07 09 7F FF FF FF FF FF FF FF 06 12");
  EXPECT_EQ(Hex(DayCountKey(DayCountId{kTypeDayTag, 9, 0, 8, 1, 4})),
            "54 08 80 00 00 00 00 00 00 01 00 00 00 09 00 04");
  for (const DayCountId& d :
       {DayCountId{kActorDayTag, 0, 0, 0, -106'000'000, 4},
        DayCountId{kPairDayTag, 1, 2, 3, 20'000, 1}, DayCountId{kTypeDayTag, 0, 0, 9, 0, 0}}) {
    const std::string key = DayCountKey(d);
    DayCountId back;
    ASSERT_TRUE(DecodeDayCountKey(key, &back));
    EXPECT_EQ(back, d);
    for (size_t n = 0; n < key.size(); ++n)
      EXPECT_FALSE(DecodeDayCountKey(key.substr(0, n), &back));
    EXPECT_FALSE(DecodeDayCountKey(key + "x", &back));
  }
  DayCountId back;
  EXPECT_FALSE(DecodeDayCountKey(DayCountKey(DayCountId{kPairDayTag, 7, 5, 0, 0, 0}), &back));
  EXPECT_FALSE(DecodeDayCountKey(std::string("Z") + DayCountKey(DayCountId{}).substr(1), &back));
  // The longest day span of each counted class fits.
  EXPECT_EQ(MaxSpanDays(6), 4);
  EXPECT_EQ(MaxSpanDays(kMaxDayCountedClass), 1554);
  // Zigzag varints: 0 -> 00, -1 -> 01, 1 -> 02, 64 -> 80 01.
  EXPECT_EQ(Hex(EncodeDayCount(0)), "00");
  EXPECT_EQ(Hex(EncodeDayCount(-1)), "01");
  EXPECT_EQ(Hex(EncodeDayCount(1)), "02");
  EXPECT_EQ(Hex(EncodeDayCount(64)), "80 01");
  for (int64_t v : {int64_t{0}, int64_t{-5}, int64_t{300}, INT64_MAX, INT64_MIN}) {
    int64_t out;
    ASSERT_TRUE(DecodeDayCount(EncodeDayCount(v), &out));
    EXPECT_EQ(out, v);
  }
  int64_t out;
  EXPECT_FALSE(DecodeDayCount("", &out));
  EXPECT_FALSE(DecodeDayCount("\x80", &out));                            // cut short
  EXPECT_FALSE(DecodeDayCount("\x02\x02", &out));                        // more than one
  EXPECT_FALSE(DecodeDayCount(std::string(10, '\xff') + "\x01", &out));  // over 64 bits
}

}  // namespace
}  // namespace annals::internal
