// Copyright: the Annals authors.
//
// Counting: calendar histograms and top types, actors and roles over the events a Query matches
// (spec: AGGREGATE.md). A call on Database, answered from the index where it can be.
//
//   annals::Query q;
//   q.all_actors = {"Russia=source", "Ukraine=target"};
//   q.from_us = annals::ParseTime("2022")->start_us();
//   annals::Grouping g;
//   g.time = annals::TimeUnit::kMonth;
//   absl::StatusOr<std::vector<annals::CountRow>> rows = db->Aggregate(q, g);
//   // rows: one per month from January 2022 to the month of the latest end, empty months included
//
// Time buckets are calendar periods in UTC [b, e). Per bucket, over the matching events:
//   starting     b <= start < e       (each event in exactly one bucket: the usual histogram)
//   within       b <= start && end <= e   (certainly in the bucket)
//   overlapping  start < e && end > b     (possibly or partly in it)
// The buckets listed are every bucket overlapping [from, to), empty ones included. A side not given
// (kMinusInfinity / kPlusInfinity) is taken from the matching events: the earliest start (an event
// starting at -inf contributes its end - 1 µs) and the latest end (an event ending at +inf
// contributes its start + 1 µs); no matching event and a side not given: no rows. If a derived side
// would leave the range empty (an open-ended event that began before --from), the range is one µs.
// Group values: an event counts once per distinct value; no type / no actors / an entry without a
// role count under "". Roles are grouped by lookup key and shown as first seen in result order
// (start ascending). Actors are shown by display name.
// Query::limit and Query::reverse are ignored; Grouping::limit keeps the first N group values.
//
// Thread safety: as Database (all calls may run concurrently).
#ifndef ANNALS_AGGREGATE_H_
#define ANNALS_AGGREGATE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace annals {

enum class TimeUnit { kYear, kQuarter, kMonth, kWeek, kDay, kHour };
enum class GroupKey { kType, kActor, kRole };

// At most this many time buckets; more is OutOfRange.
inline constexpr uint64_t kMaxBuckets = 100'000;

struct Grouping {
  std::optional<TimeUnit> time;
  std::optional<GroupKey> group;
  // `related`: with group == kActor, leaves out of each event the entries that the query's
  // all_actors specs match; an event left with no entry is not counted at all.
  bool exclude_query_actors = false;
  // `--canonical` (group == kActor only, else InvalidArgument): each actor entry counts under the
  // canonical of every alias (alias.h) it names whose period overlaps the event's span, else under
  // its stored display name; an event counts once per distinct resulting value. A canonical is
  // shown as first written in the alias table (alias list order: canonical, alias, period), also
  // when the event names the canonical itself. The query's own actor specs are unaffected.
  bool canonical = false;
  // Keeps the first N group values (by events descending, then value); never limits buckets.
  std::optional<uint64_t> limit;
};

// One row. With a time key: bucket, its span and the three counts (and the group value when there
// is a group key too). With only a group key: group and events.
struct CountRow {
  std::string bucket;  // label: 2024, 2024-Q4, 2024-10, 2024-W41, 2024-10-15, 2024-10-15T14
  int64_t bucket_start_us = 0;
  int64_t bucket_end_us = 0;
  std::string group;  // "" is the empty value, "(none)" in a table
  uint64_t starting = 0;
  uint64_t within = 0;
  uint64_t overlapping = 0;
  uint64_t events = 0;

  friend bool operator==(const CountRow&, const CountRow&) = default;
};

// The name used in --by and output ("month", "type", ...).
const char* TimeUnitName(TimeUnit unit);
const char* GroupKeyName(GroupKey key);
std::optional<TimeUnit> ParseTimeUnit(std::string_view name);
std::optional<GroupKey> ParseGroupKey(std::string_view name);

}  // namespace annals

#endif  // ANNALS_AGGREGATE_H_
