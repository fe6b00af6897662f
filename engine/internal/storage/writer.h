// Copyright: the Annals authors.
//
// The single writer of a database: turns puts and deletes into one RocksDB WriteBatch each, with
// the event records, their ids, every index entry, dictionary entries and meta counters.
//
// History (HISTORY.md, format.h): each batch that changes something is one commit with one system
// time (the clock, or the last one + 1 µs when the clock has not moved on). The version a Put
// replaces, or a deleted one, moves to the history families in the same batch as its successor,
// so a crash never leaves a version closed without its successor.
//
// Failure invariant (as LevelDB's DBImpl::bg_error_): between calls, the counters and the
// dictionaries' caches equal what the database holds. A call that fails before its batch is
// written (bad input, damage found, a failed read) clears its batch and reloads that state from
// the database. A failed batch write, or a failed reload, may leave memory and the database apart:
// that error is latched, and every later Put and Delete fails with it; reopening the database is
// the way on. Damage is reported, never hidden: a count that would go below zero fails the call
// with DataLoss (run `annals check`).
// Thread safety: not thread-safe; DatabaseImpl serializes calls.
#ifndef ANNALS_INTERNAL_STORAGE_WRITER_H_
#define ANNALS_INTERNAL_STORAGE_WRITER_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "annals/database.h"
#include "internal/storage/day_counts.h"
#include "internal/storage/dictionary.h"
#include "internal/storage/load_stage.h"
#include "internal/storage/read_view.h"
#include "internal/storage/record_codec.h"
#include "internal/storage/store.h"
#include "rocksdb/write_batch.h"

namespace annals::internal {

class Writer {
 public:
  // `clock` gives the wall clock in µs UTC; empty: the system clock.
  Writer(const Store* store, std::function<int64_t()> clock);

  // Reads the counters. Call once before the first Put or Delete.
  absl::Status Load();

  // Starts a bulk load (load_stage.h): every Put until CommitLoad is staged, not committed, and
  // the load is committed as one batch, at the system time taken now. Delete and Prune are
  // refused meanwhile. FailedPrecondition if a load is in progress.
  absl::Status StartLoad(size_t memory_bytes);
  bool loading() const { return load_ != nullptr; }
  // Commits the load: its system time, or 0 when it changed nothing. On an error nothing of the
  // load is committed, and the load is over.
  absl::StatusOr<int64_t> CommitLoad();
  // Discards the load: nothing of it is committed.
  void AbandonLoad();

  // Puts `events` in one batch (while loading: stages them; an error ends the load, which
  // commits nothing). REQUIRES: each event has passed NormalizeEvent (the writer does
  // not check again: Database::Put normalizes, Database::PutNormalized takes NormalizedEvents).
  // InvalidArgument names the event's index when there are several.
  // The writer moves from the events.
  absl::StatusOr<PutResult> Put(absl::Span<Event* const> events);

  // Deletes the events with these ids in one batch; true for each id that existed.
  absl::StatusOr<std::vector<bool>> Delete(const std::vector<std::string>& ids);

  // Removes the closed versions whose system_to is before `before_us`, in batches, and records
  // `before_us` as the pruning point first. Returns the number of versions removed.
  absl::StatusOr<uint64_t> Prune(int64_t before_us);

  // OK, or the latched error that stops every later write.
  const absl::Status& latched() const { return latched_; }

 private:
  struct Existing {
    uint64_t event_number;
    StoredEvent stored;
    bool opened_in_batch = false;  // this version is the batch's own: replaced in place
  };

  absl::Status PutOne(Event& event, PutResult* result);
  absl::Status Remove(const Existing& old);
  // Removes `old` from the current state and keeps it as a version closed at the batch's time;
  // `replaced`: a successor under the same event number follows in this batch.
  absl::Status Close(const Existing& old, bool replaced);
  // The system time at which the current version of `event_number` was opened.
  absl::StatusOr<int64_t> CurrentFrom(uint64_t event_number);
  // Starts a batch: picks its system time.
  void Begin();
  absl::Status AddIndex(const StoredEvent& stored, uint64_t event_number);
  absl::Status Count(const StoredEvent& stored, const std::vector<ActorRoles>& actors, int delta);
  absl::Status Resolve(StoredEvent* stored);
  absl::StatusOr<std::optional<Existing>> Find(const std::string& id);
  absl::Status Commit();
  // Adds the dictionaries' changes, the day counts and the counters to the batch.
  void AddCommitEntries();
  void AddDayCounts();
  // After the batch has been written: the state in memory is now the database's.
  void Committed();
  // Stages the batch of a Put while loading.
  absl::Status Stage();
  // Ends the load, then as Rollback.
  absl::Status FailLoad(absl::Status cause);
  // Clears the batch, reloads the state, and returns `cause`; latches when the reload fails.
  absl::Status Rollback(absl::Status cause);
  absl::Status Latch(absl::Status cause);

  const Store* store_;
  const std::function<int64_t()> clock_;
  const ReadView latest_;
  absl::Status latched_;
  Dictionary actors_;
  Dictionary types_;
  Dictionary roles_;
  uint64_t next_event_number_ = 1;
  uint64_t event_count_ = 0;
  uint64_t crowded_events_ = 0;  // kMetaCrowdedEvents
  ClassMask time_classes_ = 0;
  int64_t last_system_time_ = 0;

  // State of the batch being built. `pending_` holds what this batch did to each id so far
  // (nullopt: deleted), so later events in the batch see earlier ones.
  rocksdb::WriteBatch batch_;
  int64_t batch_time_ = 0;          // the system time of the batch's commit
  uint64_t batch_first_event_ = 0;  // the first event number the batch may allocate
  bool batch_changed_ = false;      // false: a no-op, which makes no commit
  absl::flat_hash_map<std::string, std::optional<Existing>> pending_;
  // What this batch adds to each day count (day_counts.h); merged in at commit, one operand per
  // key however many events share it.
  absl::flat_hash_map<DayCountId, int64_t> day_deltas_;
  // The load in progress, if any: its batches are staged here.
  std::unique_ptr<LoadStage> load_;
};

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_STORAGE_WRITER_H_
