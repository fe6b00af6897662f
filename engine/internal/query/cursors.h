// Copyright: the Annals authors.
//
// The Cursor implementations: query results (index hits, then records fetched in batches with
// MultiGet) and a scan of every record in event-number order. Each holds a snapshot for its
// whole life, so what it returns is one consistent state.
#ifndef ANNALS_INTERNAL_QUERY_CURSORS_H_
#define ANNALS_INTERNAL_QUERY_CURSORS_H_

#include <atomic>
#include <memory>

#include "absl/status/statusor.h"
#include "annals/query.h"
#include "internal/storage/store.h"

namespace annals::internal {

// Counters that outlive cursors: each cursor adds its counters here when destroyed.
struct SharedCounters {
  std::atomic<uint64_t> index_entries_scanned{0};
  std::atomic<uint64_t> events_returned{0};
  std::atomic<uint64_t> records_fetched{0};
  void Add(const QueryCounters& c);
  QueryCounters Get() const;
};

// REQUIRES: `store` and `totals` outlive the cursor.
absl::StatusOr<std::unique_ptr<Cursor>> NewQueryCursor(const Store* store, const Query& query,
                                                       SharedCounters* totals);

// Counts matches without fetching records.
absl::StatusOr<uint64_t> CountMatches(const Store* store, const Query& query,
                                      SharedCounters* totals);

// Every record, in event-number order; with `as_of_us`, the versions current then
// (Query::as_of_us). FailedPrecondition: before the pruning point.
absl::StatusOr<std::unique_ptr<Cursor>> NewScanCursor(
    const Store* store, std::optional<int64_t> as_of_us = std::nullopt);

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_QUERY_CURSORS_H_
