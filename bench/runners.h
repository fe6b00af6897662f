// Copyright: the Annals authors.
//
// The engines of the macro harness. Each loads the NDJSON timeline at `input` into a fresh
// database at `db_path`, closes it, measures its size, reopens it for reading and runs the query
// mix. Both read the input line by line and parse each record with the same Annals parser, so load
// figures differ only by storage work.
//
// Annals: annals::RecordReader::Json over the file and Database::Put in batches of kBatch with
// Options::bulk_ingest (the path of `annals ingest`); queries reopen the database read-only (as
// CLI reads do).
//
// SQLite: WAL, synchronous=NORMAL, a page cache as big as Annals' block cache, prepared
// statements, one transaction per kBatch records, upserts by ext_id (an identical record is left
// alone; a changed one keeps its row id, as Annals keeps its event number). Schema:
//   events(id INTEGER PRIMARY KEY, ext_id TEXT UNIQUE, start_us, end_us, type, title, record)
//   event_actors(event_id, actor COLLATE NOCASE, start_us, end_us, PRIMARY KEY(event_id, actor))
//     WITHOUT ROWID
//   indexes event_actors(actor, start_us, end_us), events(start_us, end_us),
//           events(type, start_us, end_us)   (covering the overlap test)
// ANALYZE runs after the load (reported apart, not in the ingest rate).
// Overlap is `start_us < to AND end_us > from`, open ends stored as INT64 min / max.
//   class_hint == false ("sqlite"): the plain overlap query; with an index on start it reads every
//     entry of the prefix that starts before `to`.
//   class_hint == true ("sqlite-cls"): the same span classes as Annals (class k: span <= 8^k s;
//     open end; open start) in a `cls` column, indexes (actor, cls, start_us, end_us) etc., and
//     one bounded arm per class, `cls = k AND start_us >= from - 8^k s AND start_us < to`,
//     combined with UNION ALL: SQLite given Annals' trick.
// Thread safety: each runner is used by one thread.
#ifndef ANNALS_BENCH_RUNNERS_H_
#define ANNALS_BENCH_RUNNERS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "bench/query_mix.h"
#include "bench/run_result.h"

namespace annals_bench {

inline constexpr size_t kBatch = 5000;

// `bulk`: loads through one bulk load (Database::StartLoad, `annals ingest --bulk`), reported as
// engine "annals-bulk".
absl::StatusOr<EngineResult> RunAnnals(const std::string& input, const std::string& db_path,
                                       const std::vector<QueryKind>& mix, const MixOptions& options,
                                       bool bulk);

absl::StatusOr<EngineResult> RunSqlite(const std::string& input, const std::string& db_path,
                                       const std::vector<QueryKind>& mix, const MixOptions& options,
                                       bool class_hint);

}  // namespace annals_bench

#endif  // ANNALS_BENCH_RUNNERS_H_
