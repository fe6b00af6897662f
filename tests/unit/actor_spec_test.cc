// Copyright: the Annals authors.
//
// ParseActorSpec / FormatActorSpec (query.h): `NAME` or `NAME=ROLE`, split at the last
// unescaped `=`, with `\=`, `\\` and `\;` escapes.
#include <string>

#include "annals/query.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"

namespace annals {
namespace {

using ::testing::HasSubstr;
using testing::StatusIs;

ActorSpec Spec(std::string name, std::optional<std::string> role = std::nullopt) {
  return ActorSpec{std::move(name), std::move(role)};
}

TEST(ActorSpecTest, Parses) {
  struct Case {
    std::string text;
    ActorSpec expected;
  };
  const Case cases[] = {
      {"Russia", Spec("Russia")},
      {"Russia=source", Spec("Russia", "source")},
      {"Russia=", Spec("Russia", "")},
      {"E\\=mc2=physicist", Spec("E=mc2", "physicist")},
      {"a=b=c", Spec("a=b", "c")},
      {"a=b\\=c", Spec("a", "b=c")},
      {"back\\\\=r", Spec("back\\", "r")},
      {"Smith\\; John", Spec("Smith; John")},
      {"C:\\dir", Spec("C:\\dir")},
      {"trailing\\", Spec("trailing\\")},
      {"only\\=escaped", Spec("only=escaped")},
  };
  for (const Case& c : cases) {
    ASSERT_OK_AND_ASSIGN(ActorSpec got, ParseActorSpec(c.text));
    EXPECT_EQ(got, c.expected) << c.text;
  }
}

TEST(ActorSpecTest, EmptyNameIsAnError) {
  EXPECT_THAT(ParseActorSpec("=source"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("\"=source\"")));
  EXPECT_THAT(ParseActorSpec(""), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("empty")));
}

TEST(ActorSpecTest, FormatRoundTrips) {
  for (const ActorSpec& s :
       {Spec("E=mc2", "phys=icist"), Spec("a\\b"), Spec("x", ""), Spec("Smith; John", "host")}) {
    ASSERT_OK_AND_ASSIGN(ActorSpec back, ParseActorSpec(FormatActorSpec(s)));
    EXPECT_EQ(back, s) << FormatActorSpec(s);
  }
}

}  // namespace
}  // namespace annals
