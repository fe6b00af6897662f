// Copyright: the Annals authors.
//
// The summary scans behind Database::Stats: cheap reads, no full scan of the records.
#ifndef ANNALS_INTERNAL_MAINTENANCE_SUMMARY_H_
#define ANNALS_INTERNAL_MAINTENANCE_SUMMARY_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "internal/storage/read_view.h"

namespace annals::internal {

// Counts dictionary entries (one read per entry, not per event).
struct DictionaryCounts {
  uint64_t actors = 0;  // with at least one event
  uint64_t types = 0;
};
absl::StatusOr<DictionaryCounts> CountDictionary(const ReadView& view);

struct SpanBounds {
  std::optional<int64_t> min_start_us;
  std::optional<int64_t> max_end_us;
};
// Reads a few entries of each span class of the time index.
absl::StatusOr<SpanBounds> ComputeSpanBounds(const ReadView& view);

// What Stats reports about the versions current as of a system time (Query::as_of_us): one
// pass over them.
struct SummaryAsOf {
  uint64_t events = 0;
  uint64_t actors = 0;  // distinct by lookup key
  uint64_t types = 0;
  SpanBounds bounds;
};
absl::StatusOr<SummaryAsOf> SummarizeAsOf(const ReadView& view, int64_t as_of_us);

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_MAINTENANCE_SUMMARY_H_
