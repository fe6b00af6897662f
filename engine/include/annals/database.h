// Copyright: the Annals authors.
//
// An Annals database: a directory holding events indexed by actor, type and time.
//
//   annals::Options options;
//   absl::StatusOr<std::unique_ptr<annals::Database>> db =
//       annals::Database::Open("timeline.db", options);
//   if (!db.ok()) return db.status();
//   absl::StatusOr<annals::Event> e =
//       annals::ParseJsonRecord(R"({"id":"x","time":"2024-10"})");
//   if (!e.ok()) return e.status();
//   absl::StatusOr<annals::PutResult> r = (*db)->Put({*e});
//
// (tests/unit/header_examples_test.cc compiles and runs the examples of the public headers.)
//
// Thread safety: all methods are safe to call concurrently on one Database. Writes (Put, Delete)
// are serialized inside; readers never wait for writers and see a consistent state. One process at
// a time may open a database for writing; a second gets FailedPrecondition naming the database. Any
// number of processes may open it read-only, also while a writer is active: they see the state
// committed when they opened it (while a writer loads fast, possibly that of its last flush,
// seconds older: a reader that cannot replay the writer's log before it is deleted opens without it).
//
// Durability: a Put or Delete that returned OK is in the write-ahead log; it survives a crash of
// the process, and with Options::sync also of the machine. A batch is atomic: after a crash it is
// there whole or not at all.
#ifndef ANNALS_DATABASE_H_
#define ANNALS_DATABASE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "annals/aggregate.h"
#include "annals/alias.h"
#include "annals/event.h"
#include "annals/history.h"
#include "annals/normalized_event.h"
#include "annals/query.h"

namespace annals {

struct Options {
  // Open fails with NotFound when the database does not exist and this is false.
  bool create_if_missing = true;
  // Opens without the writer lock; writes fail with FailedPrecondition.
  bool read_only = false;
  // fsync the write-ahead log on every write.
  bool sync = false;
  // Tunes a writer for loading many events (what `annals ingest` does): index entries are appended
  // in memory and sorted when flushed, and tables are merged less often while it writes, which
  // makes ingest about twice as fast. Queries in this same process become slow while much is
  // unflushed; other processes' queries during the load merge more tables (up to 32 recent ones
  // per family instead of 4), and are back to normal once the writer has closed. Ignored when
  // read_only.
  bool bulk_ingest = false;
  // Bytes of cache for table blocks.
  size_t block_cache_bytes = 64 << 20;
  // Whether the blocks of records (and of the actor lists that co-actor counts read) that queries
  // read stay in the block cache for later queries. A process that runs one query and exits (the
  // annals CLI) saves the copy and the memory with false: ~15% of the CPU of a query returning
  // ~1,000 events (docs/performance.md). Index and filter blocks are cached either way.
  bool cache_records = true;
  // The wall clock that system times are taken from, in µs UTC (history.h); empty: the system
  // clock. For tests that need deterministic system times.
  std::function<int64_t()> clock;
};

// What a Put did, event by event.
struct PutResult {
  uint64_t added = 0;      // new ids
  uint64_t replaced = 0;   // existing ids whose content changed
  uint64_t unchanged = 0;  // identical to what was stored: nothing written
  // The system time of the commit (history.h); 0 when nothing changed, so nothing was committed.
  int64_t system_time_us = 0;
};

// A bulk load (Database::StartLoad): for loading many events at once, typically into a new
// database. Puts through a Load are staged in files inside the database directory and written
// once, sorted, as the database's tables when the load commits; the usual write path logs each
// batch, buffers it in memory, flushes it and rewrites it level by level as the database grows.
// Measured in docs/performance.md ("bulk loads").
//
// The whole load is one commit, at the system time of StartLoad: nothing of it is visible before
// Commit returns, and then all of it is. An event put twice in a load is stored once, as its last
// put (as within one Put). A load that is destroyed without Commit, or whose process dies, leaves
// the database as it was (the next writer to open it removes the staged files). While a load is
// in progress, the Database's own writes (Put, Delete, Prune, alias changes) fail with
// FailedPrecondition; reads see the database as it was before the load.
//
// Costs: the staged files take about as much disk as the events' records and index entries
// uncompressed, until Commit; memory holds the sort budget plus 30-55 bytes per event.
// Thread safety: one thread at a time; destroy it before its Database.
struct LoadOptions {
  // Bytes of staged entries held in memory before they are sorted and written to a run file.
  size_t memory_bytes = size_t{256} << 20;
};

class Load {
 public:
  virtual ~Load() = default;  // discards an uncommitted load
  // As Database::Put and PutNormalized, staged: PutResult counts as they would, and its
  // system_time_us is 0 (nothing is committed yet). An error ends the load: nothing of it is
  // committed, and every later call fails.
  virtual absl::StatusOr<PutResult> Put(std::vector<Event> events) = 0;
  virtual absl::StatusOr<PutResult> PutNormalized(std::vector<NormalizedEvent> events) = 0;
  // Commits everything put, atomically: the commit's system time, or 0 when the load changed
  // nothing. On an error nothing of the load is committed. The load is over either way.
  virtual absl::StatusOr<int64_t> Commit() = 0;
};

struct ActorInfo {
  std::string name;  // display name: as first ingested
  uint64_t event_count = 0;
  // The times of its earliest- and latest-starting events.
  EventTime first;
  EventTime last;
};

struct TypeInfo {
  std::string name;
  uint64_t event_count = 0;
};

struct DatabaseStats {
  uint64_t events = 0;
  uint64_t actors = 0;
  uint64_t types = 0;
  // Earliest start and latest end over all events; unset when empty. May be infinite.
  std::optional<int64_t> min_start_us;
  std::optional<int64_t> max_end_us;
  uint64_t disk_bytes = 0;
  uint32_t format_version = 0;
  // System times (history.h) of the first and last commit; unset when nothing was committed.
  // Not affected by as_of_us.
  std::optional<int64_t> first_commit_us;
  std::optional<int64_t> last_commit_us;
  // Set after Prune: as-of reads before this system time are refused.
  std::optional<int64_t> pruned_before_us;
  // The counters of every query run through this Database object since it was opened.
  QueryCounters counters;
};

struct CheckReport {
  uint64_t events = 0;         // records decoded and checked
  uint64_t ids = 0;            // id entries checked
  uint64_t index_entries = 0;  // actor, type and time index entries checked (closed versions' too)
  uint64_t versions = 0;       // closed versions checked (history.h)
  uint64_t actors = 0;         // dictionary entries checked
  uint64_t types = 0;
  std::vector<std::string> problems;  // empty: no damage found
};

class Database {
 public:
  virtual ~Database() = default;

  // Opens (or creates) the database in directory `path`.
  // NotFound: missing and !create_if_missing or read_only. FailedPrecondition: another process has
  // it open for writing. DataLoss: damaged files. Unimplemented: an unknown format version.
  static absl::StatusOr<std::unique_ptr<Database>> Open(const std::string& path,
                                                        const Options& options);

  // Stores the events atomically, in order: all of them or, on error, none.
  // Each event goes through NormalizeEvent (InvalidArgument names the event's index and field).
  // An event whose id exists replaces it; one identical to the stored version is left alone; an
  // event without id gets one derived from its content, so the same record stored twice is stored
  // once. Later events in the batch see earlier ones.
  virtual absl::StatusOr<PutResult> Put(std::vector<Event> events) = 0;

  // As Put, for events already normalized (NormalizedEvent::Make, RecordReader::NextNormalized):
  // they are not normalized again. The same results and errors as Put otherwise.
  virtual absl::StatusOr<PutResult> PutNormalized(std::vector<NormalizedEvent> events) = 0;

  // Starts a bulk load (Load, above). FailedPrecondition on a read-only Database or while another
  // load is in progress.
  virtual absl::StatusOr<std::unique_ptr<Load>> StartLoad(const LoadOptions& options = {}) = 0;

  // The event with this id; with `as_of_us`, its version current then (Query::as_of_us).
  // NotFound when there is none.
  virtual absl::StatusOr<Event> Get(std::string_view id,
                                    std::optional<int64_t> as_of_us = std::nullopt) = 0;

  // Removes the events and all their index entries, atomically. Returns, per id, whether it
  // existed.
  virtual absl::StatusOr<std::vector<bool>> Delete(const std::vector<std::string>& ids) = 0;

  // Runs a query (see query.h). Never fails for the query's content: unknown names and any range,
  // even from_us >= to_us (the overlap formula still applies), give results or none.
  virtual absl::StatusOr<std::unique_ptr<Cursor>> Query(const annals::Query& query) = 0;

  // The number of matching events (limit applies), without reading the records.
  virtual absl::StatusOr<uint64_t> Count(const annals::Query& query) = 0;

  // Counts the matching events by time bucket and/or group value (aggregate.h), from the index
  // alone for time and type keys. InvalidArgument: no key, an empty or inverted range.
  // OutOfRange: more than kMaxBuckets buckets.
  virtual absl::StatusOr<std::vector<CountRow>> Aggregate(const annals::Query& query,
                                                          const Grouping& grouping) = 0;

  // Every event in the order its version was stored (event numbers). Export = Scan. With
  // `as_of_us`, the versions current then (Query::as_of_us).
  virtual absl::StatusOr<std::unique_ptr<Cursor>> Scan(
      std::optional<int64_t> as_of_us = std::nullopt) = 0;

  // Actors whose display name starts with `prefix` (compared by lookup key), ordered by
  // lookup key, at most `limit`.
  // With `as_of_us`, counts and times are those of the versions current then.
  virtual absl::StatusOr<std::vector<ActorInfo>> Actors(
      std::string_view prefix, std::optional<uint64_t> limit,
      std::optional<int64_t> as_of_us = std::nullopt) = 0;

  // Every type with at least one event, ordered by name (bytewise), with its event count.
  virtual absl::StatusOr<std::vector<TypeInfo>> Types() = 0;

  // With `as_of_us`, the event, actor and type figures and the span are those of the versions
  // current then (one pass over them).
  virtual absl::StatusOr<DatabaseStats> Stats(std::optional<int64_t> as_of_us = std::nullopt) = 0;
  // Every kept version of the event with this id, oldest first (history.h). NotFound for an id
  // never stored, or whose versions were all pruned.
  virtual absl::StatusOr<std::vector<Version>> History(std::string_view id) = 0;
  // Calls `fn`, in commit order, for every change committed after `after_us` and at or before
  // `through_us` (unset: up to now); stops early when `fn` returns false. Passing the last
  // system_time_us seen as `after_us` gets each later change exactly once. FailedPrecondition
  // when changes after `after_us` may have been pruned.
  virtual absl::Status Changes(int64_t after_us, std::optional<int64_t> through_us,
                               const std::function<bool(const Change&)>& fn) = 0;
  // Removes the closed versions whose system_to is before `before_us` (current versions are never
  // removed) and gives their space back. Afterwards as-of reads and changes before `before_us`
  // are refused. Returns the number of versions removed. FailedPrecondition on a read-only
  // Database.
  virtual absl::StatusOr<uint64_t> Prune(int64_t before_us) = 0;

  // Verifies every record against its index entries and every index entry against its record.
  // Damage is reported in CheckReport::problems; the status is an error only if checking itself
  // could not proceed.
  virtual absl::StatusOr<CheckReport> Check() = 0;

  // Writes a consistent copy of the database into the new directory `dest` (hard links where the
  // file system allows, so it is fast and small). Readers may run meanwhile; the copy opens as a
  // database of its own. AlreadyExists if `dest` exists; FailedPrecondition on a read-only
  // Database.
  virtual absl::Status Backup(const std::string& dest) = 0;

  // Adds aliases (alias.h) atomically: all of them or, on error, none. Names are trimmed and
  // inner whitespace collapsed; an entry equal to a stored one (same names by lookup key, same
  // period) is left alone, also within `aliases`. Returns the number of entries added.
  // InvalidArgument, naming the field: an empty or invalid name, an alias pointing at itself, a
  // time ParseTime rejects, an empty period (from not before to), a period overlapping another
  // period of the same pair (stored or earlier in `aliases`); `*failed` (when not null) is then
  // set to the index of the first bad entry. FailedPrecondition on a read-only Database.
  virtual absl::StatusOr<uint64_t> AddAliases(const std::vector<Alias>& aliases,
                                              size_t* failed = nullptr) = 0;

  // Removes periods of the pair (canonical, alias), compared by lookup key. With `from` and `to`
  // both empty: every period of the pair; else the one period from..to exactly (an empty side is
  // unbounded). Returns the number of periods removed. NotFound when there is nothing to remove.
  virtual absl::StatusOr<uint64_t> RemoveAlias(std::string_view canonical, std::string_view alias,
                                               std::string_view from, std::string_view to) = 0;

  // The stored aliases ordered by canonical, then alias (lookup keys), then period start; only
  // those of `canonical` (by lookup key) unless it is empty.
  virtual absl::StatusOr<std::vector<Alias>> Aliases(std::string_view canonical) = 0;

  // Forces everything written so far to stable storage.
  virtual absl::Status Sync() = 0;
};

}  // namespace annals

#endif  // ANNALS_DATABASE_H_
