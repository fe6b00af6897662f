// Copyright: the Annals authors.
//
// Reading versions in system time (HISTORY.md; keys in format.h): which versions a reader sees
// as of a system time, the versions of one id, and the changes of a period. Every function reads
// through one ReadView.
//
//   ASSIGN_OR_RETURN(AsOf as_of, ResolveAsOf(view, end));      // refused before the pruning point
//   ASSIGN_OR_RETURN(bool seen, CurrentVisible(view, as_of, number));  // a current version
//   bool closed_seen = as_of.Covers(system_from, system_to);           // a closed one
#ifndef ANNALS_INTERNAL_STORAGE_VERSIONS_H_
#define ANNALS_INTERNAL_STORAGE_VERSIONS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "internal/storage/read_view.h"
#include "internal/storage/record_codec.h"
#include "rocksdb/slice.h"

namespace annals::internal {

// The database as it stood just before system time `end`: the versions opened before `end` and
// not closed before it.
struct AsOf {
  int64_t end = 0;
  // Event numbers from here on were allocated at or after `end`; every smaller one before it.
  uint64_t first_invisible = 0;
  // Whether a closed version [from, to) was current just before `end`.
  bool Covers(int64_t from, int64_t to) const { return from < end && to >= end; }
};

// FailedPrecondition when `end` is before the pruning point (the answer would be incomplete).
absl::StatusOr<AsOf> ResolveAsOf(const ReadView& view, int64_t end);

// FailedPrecondition, naming what asked, when `end` is before the pruning point.
absl::Status CheckNotPruned(const ReadView& view, int64_t end, std::string_view what);

// Whether the current version of `number` was opened before as_of.end: the number was allocated
// before it, and no replacement opened the version at or after it.
absl::StatusOr<bool> CurrentVisible(const ReadView& view, const AsOf& as_of, uint64_t number);

// The record of closed version (number, system_from), pinned into `out` (the history value
// without its system time). DataLoss if it is missing or damaged.
absl::Status FetchClosedRecord(const ReadView& view, uint64_t number, int64_t system_from,
                               rocksdb::PinnableSlice* out);

// The system time of the commit that allocated event number `number`.
absl::StatusOr<int64_t> OpenedAt(const ReadView& view, uint64_t number);

struct StoredVersion {
  uint64_t event_number = 0;
  int64_t system_from = 0;
  std::optional<int64_t> system_to;  // nullopt: the current version
  StoredEvent stored;
};

// Every version of `id` kept, oldest first; empty for an id never seen (or wholly pruned).
absl::StatusOr<std::vector<StoredVersion>> VersionsOf(const ReadView& view, std::string_view id);

// The version of `id` current as of `as_of`; nullopt when there was none.
absl::StatusOr<std::optional<StoredEvent>> VersionAsOf(const ReadView& view, const AsOf& as_of,
                                                       std::string_view id);

// One change of a commit (HISTORY.md, `annals changes`).
struct CommitChange {
  int64_t system_time = 0;
  enum Op { kPut, kReplace, kDelete } op = kPut;
  std::string id;
  std::optional<StoredEvent> stored;  // the version opened; nullopt for kDelete
};

// Calls `fn` for every change committed in [since_end, until_end), in commit order (within a
// commit, by event number); stops when `fn` returns false. FailedPrecondition when `since_end` is
// before the pruning point.
absl::Status ForEachChange(const ReadView& view, int64_t since_end, int64_t until_end,
                           absl::FunctionRef<bool(const CommitChange&)> fn);

// The first and last commit times; nullopt when nothing was ever committed.
struct CommitSpan {
  int64_t first = 0;
  int64_t last = 0;
};
absl::StatusOr<std::optional<CommitSpan>> Commits(const ReadView& view);

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_STORAGE_VERSIONS_H_
