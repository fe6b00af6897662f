// Copyright: the Annals authors.
//
// The names of counting keys (annals/aggregate.h).
#include "annals/aggregate.h"

#include <array>
#include <utility>

namespace annals {
namespace {

constexpr std::array<std::pair<TimeUnit, const char*>, 6> kTimeUnits = {{
    {TimeUnit::kYear, "year"},
    {TimeUnit::kQuarter, "quarter"},
    {TimeUnit::kMonth, "month"},
    {TimeUnit::kWeek, "week"},
    {TimeUnit::kDay, "day"},
    {TimeUnit::kHour, "hour"},
}};
constexpr std::array<std::pair<GroupKey, const char*>, 3> kGroupKeys = {{
    {GroupKey::kType, "type"},
    {GroupKey::kActor, "actor"},
    {GroupKey::kRole, "role"},
}};

}  // namespace

const char* TimeUnitName(TimeUnit unit) {
  for (const auto& [u, name] : kTimeUnits) {
    if (u == unit) return name;
  }
  return "";
}

const char* GroupKeyName(GroupKey key) {
  for (const auto& [k, name] : kGroupKeys) {
    if (k == key) return name;
  }
  return "";
}

std::optional<TimeUnit> ParseTimeUnit(std::string_view text) {
  for (const auto& [u, name] : kTimeUnits) {
    if (text == name) return u;
  }
  return std::nullopt;
}

std::optional<GroupKey> ParseGroupKey(std::string_view text) {
  for (const auto& [k, name] : kGroupKeys) {
    if (text == name) return k;
  }
  return std::nullopt;
}

}  // namespace annals
