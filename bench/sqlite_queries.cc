// Copyright: the Annals authors.
#include "bench/sqlite_queries.h"

#include <algorithm>
#include <limits>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace annals_bench {
namespace {

constexpr int kMaxFiniteClass = 13;
constexpr int kOpenEndClass = 14;
constexpr int kOpenStartClass = 15;

// SELECT `columns` FROM `table` WHERE `prefix` (may be empty) AND the row overlaps [?1, ?2).
// With class_hint: one bounded arm per span class, joined by `glue` (UNION ALL or UNION).
std::string Overlapping(const std::string& columns, const std::string& table,
                        const std::string& prefix, bool class_hint, const std::string& glue) {
  const std::string head = absl::StrCat("SELECT ", columns, " FROM ", table, " WHERE ",
                                        prefix.empty() ? "" : prefix + " AND ");
  if (!class_hint) return absl::StrCat(head, "start_us < ?2 AND end_us > ?1");
  std::vector<std::string> arms;
  for (int k = 0; k <= kMaxFiniteClass; ++k) {
    arms.push_back(absl::StrCat(head, "cls = ", k, " AND start_us >= ?1 - ", SqliteMaxSpanUs(k),
                                " AND start_us < ?2 AND end_us > ?1"));
  }
  arms.push_back(absl::StrCat(head, "cls = ", kOpenEndClass, " AND start_us < ?2"));
  arms.push_back(absl::StrCat(head, "cls = ", kOpenStartClass, " AND end_us > ?1"));
  return absl::StrJoin(arms, glue);
}

// Actor-based shapes: matching (event_id, start_us) pairs from event_actors, then the records.
std::string ActorSql(QueryShape shape, bool class_hint) {
  const bool any = shape == QueryShape::kAnyOf;
  const bool role = shape == QueryShape::kActorRole;
  const std::string prefix = any    ? "actor IN (?3, ?4, ?5)"
                             : role ? "actor = ?3 AND role = ?4"
                                    : "actor = ?3";
  std::string columns = "event_id, start_us";
  if (any && !class_hint) columns = "DISTINCT " + columns;
  std::string sql = absl::StrCat("SELECT e.ext_id, e.record FROM (",
                                 Overlapping(columns, role ? "event_roles" : "event_actors", prefix,
                                             class_hint, any ? " UNION " : " UNION ALL "),
                                 ") a ");
  if (shape == QueryShape::kAllOf) {
    absl::StrAppend(&sql, "JOIN event_actors b ON b.event_id = a.event_id AND b.actor = ?4 ");
  }
  absl::StrAppend(&sql, "JOIN events e ON e.id = a.event_id ORDER BY a.start_us, a.event_id");
  return sql;
}

// Event-based shapes (type, global): straight from events.
std::string EventSql(QueryShape shape, bool class_hint) {
  const std::string prefix = shape == QueryShape::kType ? "type = ?3" : "";
  if (!class_hint) {
    return absl::StrCat(Overlapping("ext_id, record", "events", prefix, false, ""),
                        " ORDER BY start_us, id");
  }
  return absl::StrCat(
      Overlapping("ext_id, record, start_us, id", "events", prefix, true, " UNION ALL "),
      " ORDER BY 3, 4");
}

}  // namespace

int64_t SqliteMaxSpanUs(int k) {
  int64_t span = 1'000'000;
  for (int i = 0; i < k; ++i) span *= 8;
  return span;
}

int SqliteSpanClass(int64_t start_us, int64_t end_us) {
  if (start_us == std::numeric_limits<int64_t>::min()) return kOpenStartClass;
  if (end_us == std::numeric_limits<int64_t>::max()) return kOpenEndClass;
  int k = 0;
  while (k < kMaxFiniteClass && end_us - start_us > SqliteMaxSpanUs(k)) ++k;
  return k;
}

std::string SqliteQuerySql(QueryShape shape, bool class_hint) {
  switch (shape) {
    case QueryShape::kActor:
    case QueryShape::kActorRole:
    case QueryShape::kAllOf:
    case QueryShape::kAnyOf:
      return ActorSql(shape, class_hint);
    case QueryShape::kType:
    case QueryShape::kGlobal:
      return EventSql(shape, class_hint);
  }
  return "";
}

absl::Status SqliteRunQuery(sqlite3* db, sqlite3_stmt* stmt, QueryShape shape, const QueryParams& p,
                            bool keep_ids, DrawResult* out) {
  sqlite3_bind_int64(stmt, 1, p.from_us);
  sqlite3_bind_int64(stmt, 2, p.to_us);
  if (shape == QueryShape::kType) {
    sqlite3_bind_text(stmt, 3, p.type.data(), static_cast<int>(p.type.size()), SQLITE_STATIC);
  }
  if (shape == QueryShape::kActorRole) {
    sqlite3_bind_text(stmt, 4, p.role.data(), static_cast<int>(p.role.size()), SQLITE_STATIC);
  }
  for (size_t i = 0; i < p.actors.size(); ++i) {
    const std::string& a = p.actors[i];
    sqlite3_bind_text(stmt, 3 + static_cast<int>(i), a.data(), static_cast<int>(a.size()),
                      SQLITE_STATIC);
  }
  int64_t record_bytes = 0;
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    const char* id = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    out->Add(std::string_view(id, sqlite3_column_bytes(stmt, 0)), keep_ids);
    sqlite3_column_text(stmt, 1);
    record_bytes += sqlite3_column_bytes(stmt, 1);
  }
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  if (rc != SQLITE_DONE) return absl::InternalError(absl::StrCat("sqlite: ", sqlite3_errmsg(db)));
  if (out->count > 0 && record_bytes == 0) return absl::DataLossError("sqlite: empty records");
  return absl::OkStatus();
}

std::string SqliteQueryPlan(sqlite3* db, sqlite3_stmt* stmt) {
  sqlite3_stmt* explain = nullptr;
  const std::string sql = absl::StrCat("EXPLAIN QUERY PLAN ", sqlite3_sql(stmt));
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &explain, nullptr) != SQLITE_OK) {
    return absl::StrCat("(no plan: ", sqlite3_errmsg(db), ")");
  }
  // Distinct steps in order of first appearance, with their multiplicity (one per class arm).
  std::vector<std::pair<std::string, int>> steps;
  while (sqlite3_step(explain) == SQLITE_ROW) {
    std::string step = reinterpret_cast<const char*>(sqlite3_column_text(explain, 3));
    auto it =
        std::find_if(steps.begin(), steps.end(), [&](const auto& s) { return s.first == step; });
    if (it == steps.end()) {
      steps.emplace_back(std::move(step), 1);
    } else {
      ++it->second;
    }
  }
  sqlite3_finalize(explain);
  return absl::StrJoin(steps, " | ", [](std::string* out, const auto& s) {
    absl::StrAppend(out, s.first, s.second > 1 ? absl::StrCat(" (x", s.second, ")") : "");
  });
}

}  // namespace annals_bench
