// Copyright: the Annals authors.
#include "internal/text/actor_name.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"

namespace annals::internal {
namespace {

using ::annals::testing::StatusIs;
using ::testing::HasSubstr;

struct CollapseCase {
  std::string in;
  std::string out;
};

TEST(CollapseWhitespaceTest, Table) {
  const CollapseCase cases[] = {
      {"", ""},
      {"   ", ""},
      {"Donald Trump", "Donald Trump"},
      {"  Donald   Trump  ", "Donald Trump"},
      {"a\tb\nc\rd\ve\ff", "a b c d e f"},
      {"a \t\r\n b", "a b"},
      {"a\u00A0b", "a b"},                       // no-break space (Zs)
      {"\u3000x\u2028y\u2029z\u0085", "x y z"},  // ideographic space, line/paragraph sep, NEL
      {"a\u2003\u2009b", "a b"},                 // em space, thin space
      {"a\u200Bb", "a\u200Bb"},                  // zero-width space is not whitespace (Cf)
      {"e\u0301", "e\u0301"},                    // no normalization here
      {"\xff  a", "\xff a"},                     // invalid bytes are kept
      {"Ölaf  Schölz ", "Ölaf Schölz"},
  };
  for (const CollapseCase& c : cases) {
    EXPECT_EQ(CollapseWhitespace(c.in), c.out) << "input: " << c.in;
    if (IsCollapsedAscii(c.in)) {
      EXPECT_EQ(c.in, c.out) << "IsCollapsedAscii wrongly true for: " << c.in;
    }
  }
}

TEST(IsCollapsedAsciiTest, Table) {
  EXPECT_TRUE(IsCollapsedAscii(""));
  EXPECT_TRUE(IsCollapsedAscii("a b c"));
  EXPECT_FALSE(IsCollapsedAscii(" a"));
  EXPECT_FALSE(IsCollapsedAscii("a "));
  EXPECT_FALSE(IsCollapsedAscii("a  b"));
  EXPECT_FALSE(IsCollapsedAscii("a\tb"));
  EXPECT_FALSE(IsCollapsedAscii("é"));
}

TEST(ActorLookupKeyTest, CaseAndWhitespaceInsensitive) {
  ASSERT_OK_AND_ASSIGN(std::string a, ActorLookupKey("donald  TRUMP"));
  ASSERT_OK_AND_ASSIGN(std::string b, ActorLookupKey("Donald Trump"));
  ASSERT_OK_AND_ASSIGN(std::string c, ActorLookupKey(" \tDONALD trump\n"));
  EXPECT_EQ(a, "donald trump");
  EXPECT_EQ(b, "donald trump");
  EXPECT_EQ(c, "donald trump");
}

TEST(ActorLookupKeyTest, NfcAndCaseFolding) {
  struct Pair {
    std::string x, y;
  };
  const Pair same[] = {
      {"e\u0301", "\u00e9"},        // decomposed vs precomposed é
      {"Jos\u00e9", "JOSE\u0301"},  // case fold + composition
      {"Stra\u00dfe", "STRASSE"},   // ß folds to ss
      {"\u039f\u0394\u03a5\u03a3\u03a3\u0395\u03a5\u03a3",
       "\u03bf\u03b4\u03c5\u03c3\u03c3\u03b5\u03c5\u03c2"},
      {"Olaf\u00A0Scholz", "olaf scholz"},  // no-break space collapses
      {"\u00c5ngstr\u00f6m", "A\u030angstro\u0308m"},
  };
  for (const Pair& p : same) {
    ASSERT_OK_AND_ASSIGN(std::string kx, ActorLookupKey(p.x));
    ASSERT_OK_AND_ASSIGN(std::string ky, ActorLookupKey(p.y));
    EXPECT_EQ(kx, ky) << p.x << " vs " << p.y;
  }
  ASSERT_OK_AND_ASSIGN(std::string k, ActorLookupKey("E\u0301"));
  EXPECT_EQ(k, "\u00e9");
  ASSERT_OK_AND_ASSIGN(std::string k1, ActorLookupKey("Olaf Scholz"));
  ASSERT_OK_AND_ASSIGN(std::string k2, ActorLookupKey("Olaf Schulz"));
  EXPECT_NE(k1, k2);
}

TEST(ActorLookupKeyTest, InvalidUtf8) {
  EXPECT_THAT(ActorLookupKey("Bad \xff name"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("invalid UTF-8")));
  EXPECT_THAT(ActorLookupKey("\xed\xa0\x80"),  // a surrogate
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("invalid UTF-8")));
}

TEST(IsValidUtf8Test, Table) {
  const std::string valid[] = {
      "",
      "plain ascii",
      "\u00e9",
      "\u20ac",
      "\U0001F600",
      std::string("nul\0byte", 8),
      "a long ascii prefix of more than eight bytes then \u00e9",
      "\xef\xbf\xbe",  // U+FFFE, a noncharacter, is still well-formed
  };
  const std::string invalid[] = {
      "\xff",
      "\xc3",                   // truncated 2-byte sequence
      "\xc0\xaf",               // overlong
      "\xe0\x80\xaf",           // overlong 3-byte
      "\xed\xa0\x80",           // surrogate U+D800
      "\xf4\x90\x80\x80",       // past U+10FFFF
      "\x80",                   // stray continuation byte
      "0123456789abcdef\xfe",   // invalid after a long ASCII run
      "0123456789abcdef\xc3(",  // bad continuation
  };
  for (const std::string& s : valid) EXPECT_TRUE(IsValidUtf8(s)) << s;
  for (const std::string& s : invalid) EXPECT_FALSE(IsValidUtf8(s)) << s;
}

}  // namespace
}  // namespace annals::internal
