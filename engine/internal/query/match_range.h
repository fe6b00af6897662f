// Copyright: the Annals authors.
//
// Which index entries can match a query's time range, for both range semantics:
//   overlap (default)  start < to && end > from
//   within             from <= start && end <= to
// For within, a span class whose shortest span is longer than the range cannot hold a match and
// is not read at all, and the open classes are read only when the range is open on their side.
#ifndef ANNALS_INTERNAL_QUERY_MATCH_RANGE_H_
#define ANNALS_INTERNAL_QUERY_MATCH_RANGE_H_

#include <cstdint>

#include "internal/query/index_stream.h"
#include "internal/storage/span_class.h"

namespace annals::internal {

// The range of order times (span_class.h) of class `cls` that can hold a match.
OrderRange MatchRange(uint8_t cls, const ScanContext& ctx);

// True iff span [start, end) matches ctx's range.
inline bool InRange(const ScanContext& ctx, int64_t start, int64_t end) {
  if (ctx.within) return ctx.from_us <= start && end <= ctx.to_us;
  return start < ctx.to_us && end > ctx.from_us;
}

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_QUERY_MATCH_RANGE_H_
