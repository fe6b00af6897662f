// Copyright: the Annals authors.
#include "internal/storage/key_codec.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "gtest/gtest.h"
#include "internal/storage/format.h"  // event keys

namespace annals::internal {
namespace {

using namespace std::literals;

constexpr int64_t kI64Min = std::numeric_limits<int64_t>::min();
constexpr int64_t kI64Max = std::numeric_limits<int64_t>::max();
constexpr uint64_t kU64Max = std::numeric_limits<uint64_t>::max();
constexpr uint32_t kU32Max = std::numeric_limits<uint32_t>::max();

// "61 00 FF" for the bytes 0x61 0x00 0xFF.
std::string Hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : bytes) {
    if (!out.empty()) out.push_back(' ');
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 0xF]);
  }
  return out;
}

template <typename T>
std::string Encode(void (*put)(std::string*, T), T v) {
  std::string dst;
  put(&dst, v);
  return dst;
}

int Sign(int v) { return (v > 0) - (v < 0); }

int MemcmpSign(const std::string& a, const std::string& b) {
  const int c = std::memcmp(a.data(), b.data(), std::min(a.size(), b.size()));
  if (c != 0) return Sign(c);
  return (a.size() > b.size()) - (a.size() < b.size());
}

template <typename T>
int CompareSign(const T& a, const T& b) {
  return (a > b) - (a < b);
}

TEST(KeyCodecGoldenTest, FixedWidthIntegers) {
  EXPECT_EQ(Hex(Encode<uint8_t>(PutU8, 0)), "00");
  EXPECT_EQ(Hex(Encode<uint8_t>(PutU8, 0xAB)), "AB");
  EXPECT_EQ(Hex(Encode<uint32_t>(PutU32, 0)), "00 00 00 00");
  EXPECT_EQ(Hex(Encode<uint32_t>(PutU32, 0x01020304)), "01 02 03 04");
  EXPECT_EQ(Hex(Encode<uint32_t>(PutU32, kU32Max)), "FF FF FF FF");
  EXPECT_EQ(Hex(Encode<uint64_t>(PutU64, 0)), "00 00 00 00 00 00 00 00");
  EXPECT_EQ(Hex(Encode<uint64_t>(PutU64, 0x0102030405060708)), "01 02 03 04 05 06 07 08");
  EXPECT_EQ(Hex(Encode<uint64_t>(PutU64, kU64Max)), "FF FF FF FF FF FF FF FF");
}

TEST(KeyCodecGoldenTest, SignedIntegers) {
  EXPECT_EQ(Hex(Encode<int64_t>(PutI64, kI64Min)), "00 00 00 00 00 00 00 00");
  EXPECT_EQ(Hex(Encode<int64_t>(PutI64, -2)), "7F FF FF FF FF FF FF FE");
  EXPECT_EQ(Hex(Encode<int64_t>(PutI64, -1)), "7F FF FF FF FF FF FF FF");
  EXPECT_EQ(Hex(Encode<int64_t>(PutI64, 0)), "80 00 00 00 00 00 00 00");
  EXPECT_EQ(Hex(Encode<int64_t>(PutI64, 1)), "80 00 00 00 00 00 00 01");
  EXPECT_EQ(Hex(Encode<int64_t>(PutI64, 0x0102030405060708)), "81 02 03 04 05 06 07 08");
  EXPECT_EQ(Hex(Encode<int64_t>(PutI64, kI64Max)), "FF FF FF FF FF FF FF FF");
}

TEST(KeyCodecGoldenTest, Strings) {
  const struct {
    std::string in;
    std::string hex;
  } kCases[] = {
      {"", "00 01"},
      {"\0"s, "00 FF 00 01"},
      {"\0\0"s, "00 FF 00 FF 00 01"},
      {"a", "61 00 01"},
      {"a\0b"s, "61 00 FF 62 00 01"},
      {"\x01\xff", "01 FF 00 01"},
      {"ab\0"s, "61 62 00 FF 00 01"},
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(Hex(Encode<std::string_view>(PutString, c.in)), c.hex) << Hex(c.in);
  }
}

TEST(KeyCodecGoldenTest, EncodersAppend) {
  std::string dst = "x";
  PutU8(&dst, 1);
  PutString(&dst, "y");
  PutU32(&dst, 2);
  EXPECT_EQ(Hex(dst), "78 01 79 00 01 00 00 00 02");
}

TEST(KeyCodecGoldenTest, IndexKeysAndValues) {
  const IndexKey k{.prefix = 0x0A0B0C0D, .span_class = 3, .time = -1, .event_number = 0x42};
  EXPECT_EQ(Hex(EncodeIndexKey(true, k)),
            "0A 0B 0C 0D 03 7F FF FF FF FF FF FF FF 00 00 00 00 00 00 00 42");
  EXPECT_EQ(Hex(EncodeIndexKey(false, k)), "03 7F FF FF FF FF FF FF FF 00 00 00 00 00 00 00 42");
  EXPECT_EQ(Hex(IndexSeekKey(true, 5, 1, 0)),
            "00 00 00 05 01 80 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00");
  EXPECT_EQ(Hex(IndexSeekKey(false, 5, 1, kI64Max)),
            "01 FF FF FF FF FF FF FF FF 00 00 00 00 00 00 00 00");
  EXPECT_EQ(Hex(EncodeEventKey(0x0102)), "00 00 00 00 00 00 01 02");
  EXPECT_EQ(EncodeIndexKey(true, k).size(), kPrefixedIndexKeySize);
  EXPECT_EQ(EncodeIndexKey(false, k).size(), kUnprefixedIndexKeySize);
  EXPECT_EQ(EncodeEventKey(1).size(), 8u);
}

// Strictly increasing boundary values.
constexpr int64_t kSortedI64[] = {
    kI64Min, kI64Min + 1, -0x100000000, -256, -255,        -2,          -1,
    0,       1,           255,          256,  0x100000000, kI64Max - 1, kI64Max};
constexpr uint64_t kSortedU64[] = {
    0, 1, 255, 256, 65535, 65536, 0x100000000, 0x8000000000000000, kU64Max - 1, kU64Max};
constexpr std::string_view kSortedStrings[] = {
    ""sv,  "\0"sv,   "\0\0"sv,  "\0\x01"sv, "\0\xff"sv,  "\x01"sv,
    "a"sv, "a\0"sv,  "a\0\0"sv, "a\0b"sv,   "a\x01"sv,   "ab"sv,
    "b"sv, "\xfe"sv, "\xff"sv,  "\xff\0"sv, "\xff\xff"sv};

TEST(KeyCodecRoundTripTest, Scalars) {
  for (uint64_t v : kSortedU64) {
    std::string enc;
    PutU8(&enc, static_cast<uint8_t>(v));
    PutU32(&enc, static_cast<uint32_t>(v));
    PutU64(&enc, v);
    PutI64(&enc, static_cast<int64_t>(v));
    std::string_view in = enc;
    uint8_t u8;
    uint32_t u32;
    uint64_t u64;
    int64_t i64;
    ASSERT_TRUE(GetU8(&in, &u8) && GetU32(&in, &u32) && GetU64(&in, &u64) && GetI64(&in, &i64));
    EXPECT_EQ(u8, static_cast<uint8_t>(v));
    EXPECT_EQ(u32, static_cast<uint32_t>(v));
    EXPECT_EQ(u64, v);
    EXPECT_EQ(i64, static_cast<int64_t>(v));
    EXPECT_TRUE(in.empty());
  }
}

TEST(KeyCodecRoundTripTest, StringsFollowedByFields) {
  for (std::string_view s : kSortedStrings) {
    std::string enc;
    PutString(&enc, s);
    PutU64(&enc, 9);
    std::string_view in = enc;
    std::string got = "stale";
    uint64_t tail;
    ASSERT_TRUE(GetString(&in, &got)) << Hex(s);
    ASSERT_TRUE(GetU64(&in, &tail));
    EXPECT_EQ(got, s);
    EXPECT_EQ(tail, 9u);
    EXPECT_TRUE(in.empty());
  }
}

TEST(KeyCodecRoundTripTest, KeysAndValues) {
  for (int64_t t : kSortedI64) {
    const IndexKey k{.prefix = kU32Max, .span_class = 255, .time = t, .event_number = kU64Max - 3};
    IndexKey got;
    ASSERT_TRUE(DecodeIndexKey(EncodeIndexKey(true, k), true, &got));
    EXPECT_TRUE(got == k);
    got.prefix = 77;
    ASSERT_TRUE(DecodeIndexKey(EncodeIndexKey(false, k), false, &got));
    const IndexKey unprefixed{.span_class = 255, .time = t, .event_number = k.event_number};
    EXPECT_TRUE(got == unprefixed);
  }
  for (uint64_t e : kSortedU64) {
    uint64_t got;
    ASSERT_TRUE(DecodeEventKey(EncodeEventKey(e), &got));
    EXPECT_EQ(got, e);
  }
}

// Asserts that `encode` maps the strictly increasing `values` to strictly
// increasing keys.
template <typename Values, typename Encoder>
void ExpectStrictlyIncreasing(const Values& values, Encoder encode) {
  for (size_t i = 1; i < std::size(values); ++i) {
    const std::string lo = encode(values[i - 1]);
    const std::string hi = encode(values[i]);
    EXPECT_EQ(MemcmpSign(lo, hi), -1) << "index " << i << ": " << Hex(lo) << " vs " << Hex(hi);
  }
}

TEST(KeyCodecOrderTest, BoundaryListsEncodeStrictlyIncreasing) {
  ExpectStrictlyIncreasing(kSortedI64, [](int64_t v) { return Encode(PutI64, v); });
  ExpectStrictlyIncreasing(kSortedU64, [](uint64_t v) { return Encode(PutU64, v); });
  ExpectStrictlyIncreasing(kSortedU64, [](uint64_t v) { return EncodeEventKey(v); });
  ExpectStrictlyIncreasing(std::vector<uint32_t>{0, 1, 255, 256, 65536, kU32Max},
                           [](uint32_t v) { return Encode(PutU32, v); });
  ExpectStrictlyIncreasing(
      kSortedStrings, [](std::string_view s) { return Encode<std::string_view>(PutString, s); });
  // A string field must not let the following field decide order between
  // different strings.
  ExpectStrictlyIncreasing(kSortedStrings, [](std::string_view s) {
    std::string enc;
    PutString(&enc, s);
    PutU64(&enc, kU64Max - static_cast<uint64_t>(s.size()));
    return enc;
  });
}

TEST(KeyCodecOrderTest, SeekKeyIsSmallestOfItsGroup) {
  for (bool has_prefix : {true, false}) {
    const std::string seek = IndexSeekKey(has_prefix, 4, 2, -10);
    const IndexKey first{.prefix = 4, .span_class = 2, .time = -10, .event_number = 0};
    const IndexKey before{.prefix = 4, .span_class = 2, .time = -11, .event_number = kU64Max};
    EXPECT_EQ(seek, EncodeIndexKey(has_prefix, first));
    EXPECT_EQ(MemcmpSign(EncodeIndexKey(has_prefix, before), seek), -1);
  }
}

// Draws values that collide often, so that later fields of a tuple get
// compared.
class TupleGenerator {
 public:
  explicit TupleGenerator(uint64_t seed) : rng_(seed) {}

  int64_t I64() { return Pick(kSortedI64, static_cast<int64_t>(rng_())); }
  uint64_t U64() { return Pick(kSortedU64, rng_()); }
  uint32_t U32() { return static_cast<uint32_t>(U64()); }
  uint8_t U8() { return static_cast<uint8_t>(U64()); }

  // Short strings over an alphabet dense in escape-relevant bytes.
  std::string String() {
    static constexpr char kAlphabet[] = {'\0', '\x01', 'a', '\xfe', '\xff'};
    std::string s(Below(5), '\0');
    for (char& c : s) c = kAlphabet[Below(sizeof(kAlphabet))];
    return s;
  }

  IndexKey Key() {
    return {.prefix = U32(), .span_class = U8(), .time = I64(), .event_number = U64()};
  }

 private:
  size_t Below(size_t n) { return static_cast<size_t>(rng_() % n); }

  // A boundary value, a small value, or `random`, in equal parts.
  template <typename T, size_t N>
  T Pick(const T (&boundaries)[N], T random) {
    switch (Below(3)) {
      case 0:
        return boundaries[Below(N)];
      case 1:
        return static_cast<T>(Below(3));
      default:
        return random;
    }
  }

  std::mt19937_64 rng_;
};

constexpr uint64_t kSeed = 0x5EED2024;
constexpr int kIterations = 20000;

TEST(KeyCodecOrderTest, RandomIndexKeysCompareLikeTuples) {
  SCOPED_TRACE(::testing::Message() << "seed " << kSeed);
  TupleGenerator gen(kSeed);
  for (int i = 0; i < kIterations; ++i) {
    const IndexKey a = gen.Key();
    IndexKey b = gen.Key();
    if (i % 2 == 0) b.prefix = a.prefix;
    if (i % 4 == 0) b.span_class = a.span_class;
    if (i % 8 == 0) b.time = a.time;
    const auto ta = std::make_tuple(a.prefix, a.span_class, a.time, a.event_number);
    const auto tb = std::make_tuple(b.prefix, b.span_class, b.time, b.event_number);
    ASSERT_EQ(CompareSign(ta, tb), MemcmpSign(EncodeIndexKey(true, a), EncodeIndexKey(true, b)))
        << "iteration " << i;
    const auto ua = std::make_tuple(a.span_class, a.time, a.event_number);
    const auto ub = std::make_tuple(b.span_class, b.time, b.event_number);
    ASSERT_EQ(CompareSign(ua, ub), MemcmpSign(EncodeIndexKey(false, a), EncodeIndexKey(false, b)))
        << "iteration " << i;
  }
}

TEST(KeyCodecOrderTest, RandomStringU64TuplesCompareLikeTuples) {
  SCOPED_TRACE(::testing::Message() << "seed " << kSeed);
  TupleGenerator gen(kSeed);
  for (int i = 0; i < kIterations; ++i) {
    // std::string compares bytes as unsigned char, like memcmp.
    const std::tuple<std::string, uint64_t> a{gen.String(), gen.U64()};
    const std::tuple<std::string, uint64_t> b{gen.String(), gen.U64()};
    std::string ea, eb;
    PutString(&ea, std::get<0>(a));
    PutU64(&ea, std::get<1>(a));
    PutString(&eb, std::get<0>(b));
    PutU64(&eb, std::get<1>(b));
    ASSERT_EQ(CompareSign(a, b), MemcmpSign(ea, eb))
        << "iteration " << i << ": " << Hex(ea) << " vs " << Hex(eb);
  }
}

// A valid encoding and a decoder that accepts it whole.
struct DecodeCase {
  std::string encoded;
  std::function<bool(std::string_view)> decode;
};

// Decodes one field of type T from the front of `in`.
template <typename T, bool (*Get)(std::string_view*, T*)>
bool DecodesField(std::string_view in) {
  T v;
  return Get(&in, &v);
}

bool DecodesEventKey(std::string_view in) {
  uint64_t e;
  return DecodeEventKey(in, &e);
}

std::vector<DecodeCase> ValidEncodings() {
  std::vector<DecodeCase> cases;
  for (bool has_prefix : {true, false}) {
    for (int64_t t : kSortedI64) {
      const IndexKey k{.prefix = 9, .span_class = 1, .time = t, .event_number = 5};
      cases.push_back({EncodeIndexKey(has_prefix, k), [has_prefix](auto in) {
                         IndexKey out;
                         return DecodeIndexKey(in, has_prefix, &out);
                       }});
    }
  }
  for (uint64_t v : kSortedU64) {
    const auto i = static_cast<int64_t>(v);
    cases.push_back({EncodeEventKey(v), DecodesEventKey});
    cases.push_back({Encode(PutU64, v), DecodesField<uint64_t, GetU64>});
    cases.push_back({Encode(PutI64, i), DecodesField<int64_t, GetI64>});
    cases.push_back({Encode<uint32_t>(PutU32, v), DecodesField<uint32_t, GetU32>});
    cases.push_back({Encode<uint8_t>(PutU8, v), DecodesField<uint8_t, GetU8>});
  }
  for (std::string_view s : kSortedStrings) {
    cases.push_back({Encode(PutString, s), DecodesField<std::string, GetString>});
  }
  return cases;
}

TEST(KeyCodecDecodeTest, EveryTruncationIsRejected) {
  for (const DecodeCase& c : ValidEncodings()) {
    const std::string_view enc = c.encoded;
    ASSERT_TRUE(c.decode(enc)) << Hex(enc);
    for (size_t n = 0; n < enc.size(); ++n) {
      EXPECT_FALSE(c.decode(enc.substr(0, n))) << Hex(enc) << " cut at " << n;
    }
  }
}

TEST(KeyCodecDecodeTest, MalformedStringsAreRejected) {
  for (const std::string& bad :
       {""s, "a"s, "\0"s, "\0\0"s, "\0\x02"s, "\0\xfe"s, "a\0\xff"s, "a\0\x80\0\x01"s}) {
    std::string_view in = bad;
    std::string got;
    EXPECT_FALSE(GetString(&in, &got)) << Hex(bad);
  }
}

TEST(KeyCodecDecodeTest, TrailingBytesAreRejected) {
  const IndexKey k{.prefix = 1, .span_class = 2, .time = 3, .event_number = 4};
  IndexKey key;
  uint64_t event;
  EXPECT_FALSE(DecodeIndexKey(EncodeIndexKey(true, k) + "x", true, &key));
  EXPECT_FALSE(DecodeIndexKey(EncodeIndexKey(false, k) + "x", false, &key));
  // The two shapes differ in length, so neither decodes as the other.
  EXPECT_FALSE(DecodeIndexKey(EncodeIndexKey(true, k), false, &key));
  EXPECT_FALSE(DecodeIndexKey(EncodeIndexKey(false, k), true, &key));
  EXPECT_FALSE(DecodeEventKey(EncodeEventKey(1) + '\0', &event));
}

}  // namespace
}  // namespace annals::internal
