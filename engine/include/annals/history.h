// Copyright: the Annals authors.
//
// Versions in system time (spec HISTORY.md). Every committed write (a Put batch that changes
// something, a Delete that finds something) gets one system time: the wall clock at commit in µs
// UTC, strictly increasing within a database. A Put that changes an event closes its current
// version and opens a new one at that time; a Delete closes it. Closed versions are kept until
// Database::Prune removes them.
//
//   annals::Query q;
//   q.any_actors = {"RUSSIA"};
//   q.as_of_us = paper_written_us;      // the database as it stood then
//   absl::StatusOr<std::vector<annals::Version>> v = db->History("acled-123");
//   db->Changes(last_seen_us, std::nullopt, [](const annals::Change& c) { ...; return true; });
#ifndef ANNALS_HISTORY_H_
#define ANNALS_HISTORY_H_

#include <cstdint>
#include <optional>
#include <string>

#include "annals/event.h"

namespace annals {

// One version of an event: current in system time [system_from_us, system_to_us).
struct Version {
  int64_t system_from_us = 0;
  std::optional<int64_t> system_to_us;  // unset: the current version
  Event event;
};

enum class ChangeOp {
  kPut,      // a version opened for an id with no current version (new, or after a delete)
  kReplace,  // the current version closed and its successor opened in one commit
  kDelete,   // the current version closed with no successor
};

// "put", "replace" or "delete".
const char* ChangeOpName(ChangeOp op);

struct Change {
  int64_t system_time_us = 0;
  ChangeOp op = ChangeOp::kPut;
  std::string id;
  std::optional<Event> event;  // the version opened; unset for kDelete
};

}  // namespace annals

#endif  // ANNALS_HISTORY_H_
