// Copyright: the Annals authors.
//
// The data of a timeline page: the events of a query, their lanes and their spans, as the JSON
// that web/src/timeline.js reads (its format is documented at the top of that script).
#ifndef ANNALS_TOOLS_TIMELINE_DATA_H_
#define ANNALS_TOOLS_TIMELINE_DATA_H_

#include <cstdint>
#include <string>
#include <vector>

#include "annals/event.h"

namespace annals::cli {

enum class LaneKind { kActor, kType, kNone };

// At most this many lanes; with more candidates the most frequent kMaxLanes - 1 keep theirs and
// the rest share the last one, `other`.
inline constexpr size_t kMaxLanes = 12;

struct Lane {
  std::string name;
  uint64_t count = 0;  // events drawn in the lane
};

struct LaneAssignment {
  std::vector<Lane> lanes;  // most frequent first (ties by name); `other` last when present
  // For each event, the indexes of its lanes (ascending). Each event has at least one lane when
  // `lanes` is not empty.
  std::vector<std::vector<size_t>> of_event;
};

// kActor: a lane per actor (names compared by lookup key: NFC, case-folded, as the engine
// matches them), an event in the lane of each of its actors that has one, and in `other` when
// none of them has one (or it has no actors). kType: a lane per type, events without a type in
// `other`. kNone: no lanes.
LaneAssignment AssignLanes(const std::vector<Event>& events, LaneKind kind);

struct TimelineData {
  std::string title;
  std::string summary;  // one line shown under the title
  LaneKind lanes = LaneKind::kType;
};

// The page's JSON: safe to place inside a <script> element (`<`, `>` and `&` are escaped).
std::string TimelineJson(const std::vector<Event>& events, const TimelineData& data);

// `us` in whole milliseconds, rounded towards minus infinity.
int64_t FloorMillis(int64_t us);

}  // namespace annals::cli

#endif  // ANNALS_TOOLS_TIMELINE_DATA_H_
