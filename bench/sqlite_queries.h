// Copyright: the Annals authors.
//
// The SQL of the macro harness's query mix and its execution (schema and variants: runners.h).
// Parameters: ?1 from_us, ?2 to_us, ?3.. the actors in order, or the type.
// Results: ext_id and record, ordered by start, then by row id (first insertion), which is
// Annals' order (start, then first-stored).
// Thread safety: a statement is used by one thread at a time.
#ifndef ANNALS_BENCH_SQLITE_QUERIES_H_
#define ANNALS_BENCH_SQLITE_QUERIES_H_

#include <sqlite3.h>

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "bench/query_mix.h"
#include "bench/run_result.h"

namespace annals_bench {

// Longest span (µs) of finite class k: 1 s * 8^k, as in Annals.
int64_t SqliteMaxSpanUs(int k);
// The class of span [start, end): 0..13 finite, 14 open end, 15 open start.
int SqliteSpanClass(int64_t start_us, int64_t end_us);

std::string SqliteQuerySql(QueryShape shape, bool class_hint);

// Binds `p`, steps through every row (reading the id and the record) and resets the statement.
absl::Status SqliteRunQuery(sqlite3* db, sqlite3_stmt* stmt, QueryShape shape, const QueryParams& p,
                            bool keep_ids, DrawResult* out);

// EXPLAIN QUERY PLAN of the statement, one line.
std::string SqliteQueryPlan(sqlite3* db, sqlite3_stmt* stmt);

}  // namespace annals_bench

#endif  // ANNALS_BENCH_SQLITE_QUERIES_H_
