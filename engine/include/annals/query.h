// Copyright: the Annals authors.
//
// Queries: which events involve these actors in this period, and the cursor that streams them.
//
//   annals::Query q;
//   q.all_actors = {"Mark Rutte"};
//   q.from_us = annals::ParseTime("2024-10")->start_us();  // --from: start of the period
//   q.to_us = annals::ParseTime("2024-11")->end_us();      // --to: end of the period
//   absl::StatusOr<std::unique_ptr<annals::Cursor>> c = db->Query(q);
//   while ((*c)->Next()) Print((*c)->event());
//   if (!(*c)->status().ok()) ...
//
// Semantics: an event matches iff every `all_actors` name is among its actors, at least one
// `any_actors` name is (when any are given), its type is one of `types` (when any are given),
// and its span overlaps [from_us, to_us): start < to_us && end > from_us (applied as written, also
// when from_us >= to_us).
// Actor names are matched by lookup key (NFC, case-folded, whitespace collapsed); an unknown actor
// is not an error, it matches nothing. Types match exactly.
// Aliases (alias.h): each actor name also matches the aliases of that name, each for events
// overlapping its period; `resolve_aliases = false` matches stored names only.
// Order: by start ascending, ties by the order in which the events were first stored;
// `reverse` gives exactly the opposite order. `limit` keeps the first N of that order.
#ifndef ANNALS_QUERY_H_
#define ANNALS_QUERY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "annals/event.h"
#include "annals/time.h"

namespace annals {

struct Query {
  std::vector<std::string> all_actors;
  std::vector<std::string> any_actors;
  std::vector<std::string> types;
  int64_t from_us = kMinusInfinity;
  int64_t to_us = kPlusInfinity;
  bool reverse = false;
  std::optional<uint64_t> limit;
  bool resolve_aliases = true;
};

// How much work queries did. `index_entries_scanned` counts every index entry read;
// `events_returned` the events a cursor produced. Their difference is wasted reads.
struct QueryCounters {
  uint64_t index_entries_scanned = 0;
  uint64_t events_returned = 0;
  uint64_t records_fetched = 0;
};

// A stream of query results over a consistent snapshot of the database.
// A cursor is used by one thread at a time; it may outlive nothing: destroy it before its Database.
class Cursor {
 public:
  virtual ~Cursor() = default;

  // Moves to the next result. Returns false at the end or on error: check status().
  virtual bool Next() = 0;

  // The current result. REQUIRES: the last Next() returned true.
  // The reference is valid until the next call to Next() or the cursor's destruction.
  virtual const Event& event() const = 0;

  // OK unless the scan failed (DataLoss for a damaged record or index entry, IO errors).
  virtual absl::Status status() const = 0;

  virtual QueryCounters counters() const = 0;
};

}  // namespace annals

#endif  // ANNALS_QUERY_H_
