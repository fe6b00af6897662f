// Copyright: the Annals authors.
#include "absl/strings/escaping.h"
#include "annals/time.h"
#include "gtest/gtest.h"
#include "internal/storage/format.h"

namespace annals::internal {
namespace {

AliasRecord Sample() {
  AliasRecord r;
  r.canonical_key = "jb";
  r.alias_key = "p";
  r.from_us = 0;
  r.to_us = kPlusInfinity;
  r.shown = Alias{"JB", "P", "1970", ""};
  return r;
}

TEST(AliasFormatTest, GoldenBytes) {
  const AliasRecord r = Sample();
  EXPECT_EQ(absl::BytesToHexString(EncodeAliasKey(r)),
            "4c"                  // 'L'
            "6a620001"            // "jb"
            "700001"              // "p"
            "8000000000000000"    // from 0
            "ffffffffffffffff");  // to +inf
  EXPECT_EQ(absl::BytesToHexString(EncodeAliasValue(r)),
            "4a420001"      // "JB"
            "500001"        // "P"
            "313937300001"  // "1970"
            "0001");        // ""
}

TEST(AliasFormatTest, RoundTrip) {
  const AliasRecord r = Sample();
  AliasRecord back;
  ASSERT_TRUE(DecodeAliasEntry(EncodeAliasKey(r), EncodeAliasValue(r), &back));
  EXPECT_EQ(back.canonical_key, r.canonical_key);
  EXPECT_EQ(back.alias_key, r.alias_key);
  EXPECT_EQ(back.from_us, r.from_us);
  EXPECT_EQ(back.to_us, r.to_us);
  EXPECT_EQ(back.shown, r.shown);
}

TEST(AliasFormatTest, EveryTruncationAndExtensionIsRejected) {
  const AliasRecord r = Sample();
  const std::string key = EncodeAliasKey(r), value = EncodeAliasValue(r);
  AliasRecord back;
  for (size_t n = 0; n < key.size(); ++n) {
    EXPECT_FALSE(DecodeAliasEntry(key.substr(0, n), value, &back)) << "key bytes " << n;
  }
  for (size_t n = 0; n < value.size(); ++n) {
    EXPECT_FALSE(DecodeAliasEntry(key, value.substr(0, n), &back)) << "value bytes " << n;
  }
  EXPECT_FALSE(DecodeAliasEntry(key + "x", value, &back));
  EXPECT_FALSE(DecodeAliasEntry(key, value + "x", &back));
}

TEST(AliasFormatTest, EmptyPeriodIsRejected) {
  AliasRecord r = Sample();
  r.to_us = r.from_us;
  AliasRecord back;
  EXPECT_FALSE(DecodeAliasEntry(EncodeAliasKey(r), EncodeAliasValue(r), &back));
}

// Entries of one canonical are one key range, ordered by alias and then by period, and a
// canonical that is a prefix of another does not mix with it.
TEST(AliasFormatTest, KeyOrderFollowsTuples) {
  auto key = [](std::string c, std::string a, int64_t from) {
    AliasRecord r;
    r.canonical_key = std::move(c);
    r.alias_key = std::move(a);
    r.from_us = from;
    r.to_us = kPlusInfinity;
    return EncodeAliasKey(r);
  };
  const std::vector<std::string> sorted = {
      key("a", "b", kMinusInfinity),      key("a", "b", -1), key("a", "b", 5), key("a", "bb", 0),
      key("a", std::string("c\0", 2), 0), key("ab", "a", 0)};
  for (size_t i = 1; i < sorted.size(); ++i) EXPECT_LT(sorted[i - 1], sorted[i]) << i;
  EXPECT_TRUE(sorted[3].starts_with(AliasPrefix("a")));
  EXPECT_FALSE(sorted[5].starts_with(AliasPrefix("a")));
  EXPECT_TRUE(sorted[2].starts_with(AliasPrefix("a", "b")));
  EXPECT_FALSE(sorted[3].starts_with(AliasPrefix("a", "b")));
}

}  // namespace
}  // namespace annals::internal
