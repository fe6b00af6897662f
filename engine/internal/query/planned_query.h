// Copyright: the Annals authors.
//
// A query planned on a snapshot: the snapshot, the scan context and the root stream, owned
// together so that the streams never outlive what they read. Query cursors, counts and
// aggregates all start here.
//
//   PlannedQuery p(store);
//   RETURN_IF_ERROR(p.Plan(query));
//   for (Stream* root = p.root.get(); root != nullptr && root->Valid(); root->Next()) ...
#ifndef ANNALS_INTERNAL_QUERY_PLANNED_QUERY_H_
#define ANNALS_INTERNAL_QUERY_PLANNED_QUERY_H_

#include <cstdint>
#include <memory>
#include <optional>

#include "absl/status/status.h"
#include "annals/query.h"
#include "internal/query/index_stream.h"
#include "internal/storage/read_view.h"
#include "internal/storage/store.h"
#include "internal/storage/versions.h"

namespace annals::internal {

struct PlannedQuery {
  explicit PlannedQuery(const Store* store);
  PlannedQuery(const PlannedQuery&) = delete;
  PlannedQuery& operator=(const PlannedQuery&) = delete;

  // Sets the context from `query` (range, order, as-of time) and builds the root stream;
  // `remaining` becomes the query's limit. FailedPrecondition: an as-of time before the pruning
  // point.
  absl::Status Plan(const Query& query);

  const ReadView view;
  QueryCounters counters;
  ScanContext ctx;
  std::optional<AsOf> as_of;
  std::unique_ptr<Stream> root;  // nullptr: empty result
  uint64_t remaining = UINT64_MAX;
};

// The exclusive end in system time of `as_of_us` (Query::as_of_us: every commit at or before it).
inline int64_t AsOfEnd(int64_t as_of_us) {
  return as_of_us == INT64_MAX ? INT64_MAX : as_of_us + 1;
}

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_QUERY_PLANNED_QUERY_H_
