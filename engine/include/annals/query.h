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
// Who did what to whom: actors with roles (ActorSpec, written `NAME=ROLE` on the command line).
//
//   q.all_actor_specs = {*annals::ParseActorSpec("Russia=source"),
//                        *annals::ParseActorSpec("Ukraine=target")};
//
// Semantics: an event matches iff it satisfies every all-of actor (`all_actors` and
// `all_actor_specs`), at least one any-of actor (`any_actors` and `any_actor_specs`, when any
// are given), its type is one of `types` (when any are given), and its span overlaps
// [from_us, to_us): start < to_us && end > from_us (applied as written, also when
// from_us >= to_us). With `within`, its span must lie in the range instead:
// from_us <= start && end <= to_us (an open end matches only when the range is open on that side).
// An event satisfies an actor spec iff it has an entry for that actor: in any role or none when
// `role` is nullopt (a plain name in all_actors / any_actors is such a spec, taken as given, with
// no `=` parsing); without a role when `role` is ""; with that role otherwise. Entries are tested
// one by one, and one entry may satisfy several specs: the specs X=source and X=target find the
// events in which X acts on itself, and X with X=source matches the single entry X/source.
// Actor names and roles are matched by lookup key (NFC, case-folded, whitespace collapsed); an
// unknown actor or role is not an error, it matches nothing. Types match exactly.
// Aliases (alias.h): each actor spec also matches the aliases of its name, each for events
// overlapping the alias's period, the spec's role applying to the alias entry;
// `resolve_aliases = false` matches stored names only.
// Order: by start ascending, ties by the order in which the events were first stored;
// `reverse` gives exactly the opposite order. `limit` keeps the first N of that order.
#ifndef ANNALS_QUERY_H_
#define ANNALS_QUERY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "annals/event.h"
#include "annals/time.h"

namespace annals {

// An actor in a query, with or without a role.
struct ActorSpec {
  std::string name;
  // nullopt: any role or none. "": only entries without a role. Else: entries with this role.
  std::optional<std::string> role;

  friend bool operator==(const ActorSpec&, const ActorSpec&) = default;
};

// Parses `NAME` or `NAME=ROLE`, the convention of the CSV `actors` column: split at the last `=`
// that is not escaped; in both parts `\=` stands for `=`, `\\` for a backslash and `\;` for `;`
// (a backslash before any other character, or at the end, is kept as it is). `NAME=` gives the
// role "" (entries without a role). InvalidArgument, quoting `text`, when the name is empty.
absl::StatusOr<ActorSpec> ParseActorSpec(std::string_view text);

// The text that ParseActorSpec reads back to `spec`: `=`, `;` and `\` escaped.
std::string FormatActorSpec(const ActorSpec& spec);

struct Query {
  std::vector<std::string> all_actors;  // plain names: any role
  std::vector<std::string> any_actors;  // plain names: any role
  std::vector<ActorSpec> all_actor_specs;
  std::vector<ActorSpec> any_actor_specs;
  std::vector<std::string> types;
  int64_t from_us = kMinusInfinity;
  int64_t to_us = kPlusInfinity;
  // Keep only events whose whole span lies in [from_us, to_us) (FORMAT.md section 3, --within).
  bool within = false;
  bool reverse = false;
  std::optional<uint64_t> limit;
  // Words that must all occur in the title (as substrings, compared NFC-normalized and
  // case-folded); empty: any title. A filter on the fetched records, not an index: its cost
  // is that of the query without it.
  std::string text;
  bool resolve_aliases = true;
  // Set: answer from the database as it stood after every write committed at or before this
  // system time (µs UTC; history.h). FailedPrecondition when that is before the pruning point.
  std::optional<int64_t> as_of_us;
};

// How much work queries did. `index_entries_scanned` counts every index entry read;
// `events_returned` the events a cursor produced. Their difference is wasted reads.
// `records_fetched` counts records read: none for a current event found by actor (its index entry
// carries it), one for every other event returned.
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
