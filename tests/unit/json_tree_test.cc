// Copyright: the Annals authors.
#include "internal/text/json_tree.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"

namespace annals::internal {
namespace {

using ::annals::testing::StatusIs;
using ::testing::HasSubstr;
using Type = JsonTree::Type;

constexpr auto kInvalid = absl::StatusCode::kInvalidArgument;

// The children of `v`, in order.
std::vector<const JsonTree::Value*> Children(const JsonTree& tree, const JsonTree::Value& v) {
  std::vector<const JsonTree::Value*> out;
  for (uint32_t i = v.first; i != JsonTree::kNone; i = tree.at(i).next) out.push_back(&tree.at(i));
  return out;
}

TEST(JsonTreeTest, KeepsMemberOrderDuplicatesAndNumbersAsWritten) {
  JsonTree tree;
  ASSERT_OK(tree.Parse(R"( {"b":1.50,"a":[true,null,"x\u00e9\n"],"b":-0e+1,"o":{}} )"));
  ASSERT_EQ(tree.root().type, Type::kObject);
  const auto members = Children(tree, tree.root());
  ASSERT_EQ(members.size(), 4u);
  EXPECT_EQ(tree.key(*members[0]), "b");
  EXPECT_EQ(members[0]->type, Type::kNumber);
  EXPECT_EQ(tree.text(*members[0]), "1.50");
  EXPECT_EQ(tree.key(*members[1]), "a");
  ASSERT_EQ(members[1]->type, Type::kArray);
  const auto elements = Children(tree, *members[1]);
  ASSERT_EQ(elements.size(), 3u);
  EXPECT_EQ(elements[0]->type, Type::kBool);
  EXPECT_TRUE(elements[0]->boolean);
  EXPECT_EQ(elements[1]->type, Type::kNull);
  EXPECT_EQ(elements[2]->type, Type::kString);
  EXPECT_EQ(tree.text(*elements[2]), "x\xc3\xa9\n");
  EXPECT_EQ(tree.key(*members[2]), "b");
  EXPECT_EQ(tree.text(*members[2]), "-0e+1");
  EXPECT_EQ(members[3]->type, Type::kObject);
  EXPECT_EQ(members[3]->first, JsonTree::kNone);
}

TEST(JsonTreeTest, KeyOffsetsPointAtTheOpeningQuote) {
  const std::string json = R"({ "id" : 1 ,"t\"x":{"in":2}, "z":[3]})";
  JsonTree tree;
  ASSERT_OK(tree.Parse(json));
  const auto members = Children(tree, tree.root());
  ASSERT_EQ(members.size(), 3u);
  EXPECT_EQ(members[0]->key_offset, json.find("\"id\""));
  EXPECT_EQ(tree.key(*members[1]), "t\"x");
  EXPECT_EQ(members[1]->key_offset, json.find("\"t\\\"x\""));
  EXPECT_EQ(members[2]->key_offset, json.find("\"z\""));
}

TEST(JsonTreeTest, ParsingAgainReplacesTheTree) {
  JsonTree tree;
  ASSERT_OK(tree.Parse(R"({"a":"long string value","b":[1,2,3]})"));
  ASSERT_OK(tree.Parse(R"(["x"])"));
  ASSERT_EQ(tree.root().type, Type::kArray);
  const auto elements = Children(tree, tree.root());
  ASSERT_EQ(elements.size(), 1u);
  EXPECT_EQ(tree.text(*elements[0]), "x");
}

TEST(JsonTreeTest, DeepNestingNeedsNoRecursion) {
  constexpr int kDepth = 200000;
  JsonTree tree;
  ASSERT_OK(tree.Parse(std::string(kDepth, '[') + std::string(kDepth, ']')));
  EXPECT_THAT(tree.Parse(std::string(kDepth, '[')), StatusIs(kInvalid, HasSubstr("invalid JSON")));
}

TEST(JsonTreeTest, RejectsWhatIsNotOneJsonValue) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "invalid JSON at byte 1"},
      {"{\"a\":1} x", "invalid JSON at byte 9"},
      {"{\"a\":1}{}", "invalid JSON at byte 8"},
      {"{\"a\":01}", "invalid JSON at byte 7"},
      {"{\"a\":\"\\ud800\"}", "invalid JSON"},
      {"{\"a\":\"x\ty\"}", "invalid JSON"},
      {std::string("{\"a\":1}\0{", 9), "invalid JSON at byte 8: a NUL byte"},
  };
  JsonTree tree;
  for (const auto& [json, message] : cases) {
    EXPECT_THAT(tree.Parse(json), StatusIs(kInvalid, HasSubstr(message))) << json;
  }
}

TEST(JsonTreeTest, AnErrorNamesWhereTheReaderWas) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"attrs":{"k":tru}})", "attrs.k"},
      {R"({"actors":["a",{"name":x}]})", "actors[1].name"},
      {R"({"actors":["a",]})", "actors[1]"},
      {R"({"a":1,})", ""},
      {R"({"a":{"b":1} x})", ""},
  };
  JsonTree tree;
  for (const auto& [json, path] : cases) {
    EXPECT_FALSE(tree.Parse(json).ok()) << json;
    EXPECT_EQ(tree.error_path(), path) << json;
  }
}

}  // namespace
}  // namespace annals::internal
