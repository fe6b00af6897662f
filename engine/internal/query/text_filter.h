// Copyright: the Annals authors.
//
// Query::text: a post-filter over the events of the rest of the query. Each
// whitespace-separated word must occur in the title; words and title are
// compared by the actor lookup key's folding (NFC, case-folded, whitespace
// collapsed), so "nato" finds "NATO" and "zelenský" finds "ZELENSKÝ".
//
//   ASSIGN_OR_RETURN(auto all, NewQueryCursor(store, WithoutText(query), counters));
//   return FilterByText(std::move(all), query);
//
// Cost: every event matching the rest of the query is fetched, matching or not.
#ifndef ANNALS_INTERNAL_QUERY_TEXT_FILTER_H_
#define ANNALS_INTERNAL_QUERY_TEXT_FILTER_H_

#include <cstdint>
#include <memory>

#include "absl/status/statusor.h"
#include "annals/query.h"

namespace annals::internal {

// `query` without its text and its limit: what the cursor under the filter runs.
annals::Query WithoutText(const annals::Query& query);

// The events of `all` whose title holds every word of `query.text`, at most
// `query.limit` of them, in the order of `all`.
std::unique_ptr<Cursor> FilterByText(std::unique_ptr<Cursor> all, const annals::Query& query);

// Runs `cursor` to its end: the number of events, or its error.
absl::StatusOr<uint64_t> CountAll(Cursor& cursor);

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_QUERY_TEXT_FILTER_H_
