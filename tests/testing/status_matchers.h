// Copyright: the Annals authors.
//
// GoogleMock matchers for absl::Status and absl::StatusOr, which abseil 20220623 does not ship.
//   EXPECT_THAT(ParseTime("2024-13"),
//               StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("13")));
//   ASSERT_OK(db->Sync());
//   ASSERT_OK_AND_ASSIGN(auto t, ParseTime("2024"));
#ifndef ANNALS_TESTING_STATUS_MATCHERS_H_
#define ANNALS_TESTING_STATUS_MATCHERS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace annals::testing {

inline const absl::Status& GetStatus(const absl::Status& s) { return s; }
template <typename T>
const absl::Status& GetStatus(const absl::StatusOr<T>& s) {
  return s.status();
}

MATCHER_P2(StatusIs, code, message_matcher,
           "has code " + std::string(absl::StatusCodeToString(code))) {
  const absl::Status& s = ::annals::testing::GetStatus(arg);
  *result_listener << "status is " << s.ToString();
  return s.code() == code &&
         ::testing::ExplainMatchResult(message_matcher, std::string(s.message()), result_listener);
}

MATCHER(IsOk, "is OK") {
  const absl::Status& s = ::annals::testing::GetStatus(arg);
  *result_listener << "status is " << s.ToString();
  return s.ok();
}

}  // namespace annals::testing

#define ASSERT_OK(expr) ASSERT_THAT((expr), ::annals::testing::IsOk())
#define EXPECT_OK(expr) EXPECT_THAT((expr), ::annals::testing::IsOk())
#define ASSERT_OK_AND_ASSIGN(lhs, expr) \
  ASSERT_OK_AND_ASSIGN_IMPL_(ANNALS_TEST_CONCAT_(statusor_, __LINE__), lhs, expr)
#define ANNALS_TEST_CONCAT_INNER_(a, b) a##b
#define ANNALS_TEST_CONCAT_(a, b) ANNALS_TEST_CONCAT_INNER_(a, b)
#define ASSERT_OK_AND_ASSIGN_IMPL_(tmp, lhs, expr)  \
  auto tmp = (expr);                                \
  ASSERT_TRUE(tmp.ok()) << tmp.status().ToString(); \
  lhs = std::move(tmp).value()

#endif  // ANNALS_TESTING_STATUS_MATCHERS_H_
