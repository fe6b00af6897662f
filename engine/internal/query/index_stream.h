// Copyright: the Annals authors.
//
// Streams of index hits in result order, and how they combine:
//   IndexScan   one prefix of one index family (an actor, a type, or the time index) over the
//               span classes present there, restricted to hits overlapping [from, to);
//   Union       hits in any child (any-of actors, several types), each event once;
//   MembershipFilter  hits of one stream whose events involve other actors too (all-of actors:
//               the actor with the fewest events drives, the others are looked up by exact key;
//               the days the two rarest share, from their day counts, bound the driver's scan).
// Roles never cost extra reads: a by_actor entry carries its roles, so a role test is made on an
// entry that is read anyway.
// Result order is (start, event number) ascending, or exactly descending when reversed.
// Every index entry read is counted in QueryCounters::index_entries_scanned.
// Thread safety: a stream is used by one thread.
#ifndef ANNALS_INTERNAL_QUERY_INDEX_STREAM_H_
#define ANNALS_INTERNAL_QUERY_INDEX_STREAM_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "annals/query.h"
#include "internal/storage/format.h"
#include "internal/storage/read_view.h"
#include "internal/storage/store.h"
#include "internal/storage/versions.h"

namespace annals::internal {

class PairDays;

struct Hit {
  int64_t start = 0;  // kMinusInfinity for open-start events
  uint64_t event_number = 0;
  int64_t end = 0;
  uint32_t type = 0;
  // A closed version's system time [version_from, version_to) (as-of queries); 0: current.
  int64_t version_from = 0;
  int64_t version_to = 0;
  // The event's covering record (covering_record.h) when the hit is a current by_actor entry and
  // the query asked for records (ScanContext::records); empty otherwise: the record is fetched.
  std::string record{};
};

// Order of hits: by (start, event), flipped when `reverse`. As of a system time at most one
// version of an event is visible, so (start, event) still names one hit.
inline bool Precedes(const Hit& a, const Hit& b, bool reverse) {
  if (a.start != b.start) return reverse ? a.start > b.start : a.start < b.start;
  return reverse ? a.event_number > b.event_number : a.event_number < b.event_number;
}
// A target that no hit precedes: Seek(FirstTarget(reverse)) goes to the first hit.
inline Hit FirstTarget(bool reverse) {
  return reverse ? Hit{.start = kPlusInfinity, .event_number = UINT64_MAX}
                 : Hit{.start = kMinusInfinity, .event_number = 0};
}
inline bool SamePosition(const Hit& a, const Hit& b) {
  return a.start == b.start && a.event_number == b.event_number;
}

class Stream {
 public:
  virtual ~Stream() = default;
  // Positions at the first hit that does not precede `target` (in the stream's order).
  virtual void Seek(const Hit& target) = 0;
  // Moves past the current hit. REQUIRES: Valid().
  virtual void Next() = 0;
  virtual bool Valid() const = 0;
  // REQUIRES: Valid().
  virtual const Hit& hit() const = 0;
  virtual absl::Status status() const = 0;
};

// What every stream of one query shares.
struct ScanContext {
  const ReadView* view = nullptr;               // every read of the query goes through it
  const Store* store = nullptr;                 // view->store()
  const rocksdb::Snapshot* snapshot = nullptr;  // view->snapshot()
  int64_t from_us = kMinusInfinity;
  int64_t to_us = kPlusInfinity;
  bool reverse = false;
  // Match spans within [from, to) instead of overlapping it (match_range.h).
  bool within = false;
  // Keep only hits of these types (empty: all). Sorted.
  std::vector<uint32_t> types;
  QueryCounters* counters = nullptr;
  // Set: the query reads the database as of a system time (versions.h). Every index scan then
  // also reads the closed versions' index and keeps the entries of versions current then.
  const AsOf* as_of = nullptr;
  // Span classes answered elsewhere (day counts, query/day_count_scan.h): index scans leave them
  // out.
  ClassMask skip_classes = 0;
  // Set: the query returns events, and hits from by_actor carry their covering record (Hit::record)
  // for the cursor to decode instead of fetching the record. Counting leaves it unset.
  bool records = false;
};

// An actor an event must involve: its by_actor entry must list every role number in `roles`
// (0: an entry without a role). Empty `roles`: any entry will do.
struct ActorFilter {
  uint32_t actor = 0;
  std::vector<uint32_t> roles;
};

// A scan of `family` under `prefix` (ignored for kByTimeCf) over the classes in `classes`,
// keeping (by_actor only) the entries that list every role in `roles`. An entry left out by the
// role test is still counted as read. With `days` (query/pair_days.h; must outlive the scan),
// a class the pair's day counts cover keeps only entries on the pair's shared start days and
// seeks past runs of others. Positioned at its first hit.
std::unique_ptr<Stream> NewIndexScan(const ScanContext& ctx, ColumnFamily family, uint32_t prefix,
                                     ClassMask classes, std::vector<uint32_t> roles = {},
                                     const PairDays* days = nullptr);
// REQUIRES: children non-empty. Positioned at the first hit.
std::unique_ptr<Stream> NewUnion(std::vector<std::unique_ptr<Stream>> children, bool reverse);
// The hits of `driver` whose event also passes every filter in `all` and, when `any` is not
// empty, at least one filter in `any`: one exact by_actor lookup per filter and candidate.
// True if the event of `h` has a by_actor entry for `actor` that lists every role of `roles`:
// one exact lookup, since the key is fully determined by the event. Counts one index entry read.
// DataLoss for a damaged entry.
absl::StatusOr<bool> InvolvesActor(const ScanContext& ctx, uint32_t actor,
                                   const std::vector<uint32_t>& roles, const Hit& h);

// The frame of the filters that test a driver's hits for actors by exact by_actor lookups (all-of
// actors, alias groups): the hits of `driver` that pass Passes(). A failed lookup stops the
// stream, and status() reports it.
class ActorFilterStream : public Stream {
 public:
  void Seek(const Hit& target) final;
  void Next() final;
  bool Valid() const final { return status_.ok() && driver_->Valid(); }
  const Hit& hit() const final { return driver_->hit(); }
  absl::Status status() const final { return status_.ok() ? driver_->status() : status_; }

 protected:
  ActorFilterStream(const ScanContext& ctx, std::unique_ptr<Stream> driver)
      : ctx_(ctx), driver_(std::move(driver)) {}
  // Moves the driver to its first hit that passes. Call at the end of the subclass's
  // constructor, once Passes can run.
  void Settle();
  virtual bool Passes(const Hit& h) = 0;
  // InvolvesActor, keeping a failure for status().
  bool Involves(uint32_t actor, const std::vector<uint32_t>& roles, const Hit& h);

  const ScanContext& ctx_;

 private:
  std::unique_ptr<Stream> driver_;
  absl::Status status_;
};

// `pair_days`, when given, holds the shared days of the driver's actor and all[0]'s
// (query/pair_days.h): a hit outside them is rejected without a lookup.
std::unique_ptr<Stream> NewMembershipFilter(const ScanContext& ctx, std::unique_ptr<Stream> driver,
                                            std::vector<ActorFilter> all,
                                            std::vector<ActorFilter> any,
                                            std::shared_ptr<const PairDays> pair_days = nullptr);

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_QUERY_INDEX_STREAM_H_
