// Copyright: the Annals authors.
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "annals/annals.h"
#include "bench/runners.h"
#include "bench/sqlite_queries.h"

namespace annals_bench {
namespace {

double Since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

struct StmtDeleter {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Stmt = std::unique_ptr<sqlite3_stmt, StmtDeleter>;

// One connection. Every error becomes an absl::Status naming the database.
class Connection {
 public:
  ~Connection() { Close(); }

  absl::Status Open(const std::string& path, uint64_t cache_bytes) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
        SQLITE_OK) {
      return Error("open");
    }
    path_ = path;
    return Exec(absl::StrCat("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; ",
                             "PRAGMA cache_size=-", cache_bytes / 1024, ";"));
  }
  void Close() {
    if (db_ != nullptr) sqlite3_close_v2(db_);
    db_ = nullptr;
  }

  absl::Status Exec(const std::string& sql) {
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) return Error(sql);
    return absl::OkStatus();
  }

  absl::StatusOr<Stmt> Prepare(const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v3(db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr) !=
        SQLITE_OK) {
      return Error(sql);
    }
    return Stmt(s);
  }

  // Steps a statement that returns no rows, then resets it.
  absl::Status Run(sqlite3_stmt* s) {
    const int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) return Error(sqlite3_sql(s));
    return absl::OkStatus();
  }

  absl::Status Error(const std::string& what) const {
    return absl::InternalError(absl::StrCat("sqlite ", path_, ": ", what, ": ",
                                            db_ != nullptr ? sqlite3_errmsg(db_) : "no memory"));
  }

  sqlite3* db() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

void BindText(sqlite3_stmt* s, int i, const std::string& v) {
  sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}

std::string Schema(bool cls) {
  const std::string c = cls ? "cls INTEGER NOT NULL, " : "";
  const std::string ci = cls ? "cls, " : "";
  return absl::StrCat(
      "CREATE TABLE events(id INTEGER PRIMARY KEY, ext_id TEXT NOT NULL UNIQUE, ", c,
      "start_us INTEGER NOT NULL, end_us INTEGER NOT NULL, type TEXT, title TEXT, "
      "record TEXT NOT NULL);"
      "CREATE TABLE event_actors(event_id INTEGER NOT NULL, actor TEXT NOT NULL COLLATE NOCASE, ",
      c, "start_us INTEGER NOT NULL, end_us INTEGER NOT NULL, PRIMARY KEY(event_id, actor)) ",
      "WITHOUT ROWID;",
      // Roles, for `actor = ? AND role = ?` (the actor_role kind): every (actor, role) an event
      // names, the role '' when it has none, clustered by actor and role.
      "CREATE TABLE event_roles(event_id INTEGER NOT NULL, actor TEXT NOT NULL COLLATE NOCASE, "
      "role TEXT NOT NULL, ",
      c, "start_us INTEGER NOT NULL, end_us INTEGER NOT NULL, ", "PRIMARY KEY(actor, role, ", ci,
      "start_us, event_id)) WITHOUT ROWID;",
      "CREATE INDEX event_roles_by_event ON event_roles(event_id);",
      "CREATE INDEX event_actors_by_actor ON event_actors(actor, ", ci, "start_us, end_us);",
      "CREATE INDEX events_by_start ON events(", ci, "start_us, end_us);",
      "CREATE INDEX events_by_type ON events(type, ", ci, "start_us, end_us);");
}

// The statements of the load.
struct Loader {
  Stmt find, insert_event, update_event, delete_actors, insert_actor, delete_roles, insert_role;
  bool cls = false;
};

absl::Status PrepareLoader(Connection& c, bool cls, Loader* l) {
  l->cls = cls;
  const std::string col = cls ? ", cls" : "", val = cls ? ", ?7" : "";
  auto prepare = [&](Stmt* out, const std::string& sql) -> absl::Status {
    absl::StatusOr<Stmt> s = c.Prepare(sql);
    if (!s.ok()) return s.status();
    *out = std::move(*s);
    return absl::OkStatus();
  };
  absl::Status s = prepare(&l->find, "SELECT id, record FROM events WHERE ext_id = ?1");
  if (s.ok()) {
    s = prepare(&l->insert_event,
                absl::StrCat("INSERT INTO events(ext_id, start_us, end_us, type, title, record",
                             col, ") VALUES(?1, ?2, ?3, ?4, ?5, ?6", val, ")"));
  }
  if (s.ok()) {
    s = prepare(&l->update_event,
                absl::StrCat("UPDATE events SET start_us = ?2, end_us = ?3, type = ?4, ",
                             "title = ?5, record = ?6", cls ? ", cls = ?7" : "", " WHERE id = ?1"));
  }
  if (s.ok()) s = prepare(&l->delete_actors, "DELETE FROM event_actors WHERE event_id = ?1");
  if (s.ok()) s = prepare(&l->delete_roles, "DELETE FROM event_roles WHERE event_id = ?1");
  if (s.ok()) {
    s = prepare(&l->insert_role,
                absl::StrCat("INSERT OR IGNORE INTO event_roles(event_id, actor, role, start_us, ",
                             "end_us", col, ") VALUES(?1, ?2, ?3, ?4, ?5", cls ? ", ?6" : "", ")"));
  }
  if (s.ok()) {
    s = prepare(&l->insert_actor,
                absl::StrCat("INSERT OR IGNORE INTO event_actors(event_id, actor, start_us, end_us",
                             col, ") VALUES(?1, ?2, ?3, ?4", cls ? ", ?5" : "", ")"));
  }
  return s;
}

// Stores one parsed record (its raw line in `record`): insert, or update keeping the row id.
absl::Status Store(Connection& c, Loader& l, const annals::Event& e, const std::string& record) {
  const int64_t start = e.time.start_us(), end = e.time.end_us();
  const int cls = SqliteSpanClass(start, end);
  sqlite3_stmt* find = l.find.get();
  BindText(find, 1, e.id);
  int64_t id = 0;
  const int rc = sqlite3_step(find);
  if (rc == SQLITE_ROW) {
    id = sqlite3_column_int64(find, 0);
    const char* old = reinterpret_cast<const char*>(sqlite3_column_text(find, 1));
    const bool same = record == std::string_view(old, sqlite3_column_bytes(find, 1));
    sqlite3_reset(find);
    if (same) return absl::OkStatus();
  } else {
    sqlite3_reset(find);
    if (rc != SQLITE_DONE) return c.Error("find");
  }
  sqlite3_stmt* ev = id != 0 ? l.update_event.get() : l.insert_event.get();
  if (id != 0) {
    sqlite3_bind_int64(ev, 1, id);  // update: the row id as ?1
  } else {
    BindText(ev, 1, e.id);
  }
  sqlite3_bind_int64(ev, 2, start);
  sqlite3_bind_int64(ev, 3, end);
  if (e.type.empty()) {
    sqlite3_bind_null(ev, 4);
  } else {
    BindText(ev, 4, e.type);
  }
  BindText(ev, 5, e.title);
  BindText(ev, 6, record);
  if (l.cls) sqlite3_bind_int(ev, 7, cls);
  if (absl::Status s = c.Run(ev); !s.ok()) return s;
  if (id != 0) {
    sqlite3_bind_int64(l.delete_actors.get(), 1, id);
    if (absl::Status s = c.Run(l.delete_actors.get()); !s.ok()) return s;
    sqlite3_bind_int64(l.delete_roles.get(), 1, id);
    if (absl::Status s = c.Run(l.delete_roles.get()); !s.ok()) return s;
  } else {
    id = sqlite3_last_insert_rowid(c.db());
  }
  sqlite3_stmt* a = l.insert_actor.get();
  for (const annals::Actor& actor : e.actors) {
    sqlite3_bind_int64(a, 1, id);
    BindText(a, 2, actor.name);
    sqlite3_bind_int64(a, 3, start);
    sqlite3_bind_int64(a, 4, end);
    if (l.cls) sqlite3_bind_int(a, 5, cls);
    if (absl::Status s = c.Run(a); !s.ok()) return s;
    sqlite3_stmt* r = l.insert_role.get();
    sqlite3_bind_int64(r, 1, id);
    BindText(r, 2, actor.name);
    BindText(r, 3, actor.role);
    sqlite3_bind_int64(r, 4, start);
    sqlite3_bind_int64(r, 5, end);
    if (l.cls) sqlite3_bind_int(r, 6, cls);
    if (absl::Status s = c.Run(r); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status Load(const std::string& input, Connection& c, bool cls, EngineResult* r) {
  std::ifstream in(input, std::ios::binary);
  if (!in) return absl::NotFoundError("cannot read " + input);
  const auto start = std::chrono::steady_clock::now();
  const double cpu_start = ProcessCpuSeconds();
  if (absl::Status s = c.Exec(Schema(cls)); !s.ok()) return s;
  Loader loader;
  if (absl::Status s = PrepareLoader(c, cls, &loader); !s.ok()) return s;
  if (absl::Status s = c.Exec("BEGIN"); !s.ok()) return s;
  std::string line;
  size_t in_batch = 0;
  uint64_t line_number = 0;
  while (true) {
    const auto t0 = std::chrono::steady_clock::now();
    if (!std::getline(in, line)) break;
    ++line_number;
    if (line.empty()) continue;
    absl::StatusOr<annals::Event> e = annals::ParseJsonRecord(line);
    r->parse_seconds += Since(t0);
    if (!e.ok())
      return absl::InvalidArgumentError(
          absl::StrCat(input, ":", line_number, ": ", e.status().message()));
    ++r->loaded;
    if (absl::Status s = Store(c, loader, *e, line); !s.ok()) return s;
    if (++in_batch == kBatch) {
      in_batch = 0;
      if (absl::Status s = c.Exec("COMMIT; BEGIN"); !s.ok()) return s;
    }
  }
  if (absl::Status s = c.Exec("COMMIT"); !s.ok()) return s;
  r->load_seconds = Since(start);
  r->load_cpu_seconds = ProcessCpuSeconds() - cpu_start;
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<EngineResult> RunSqlite(const std::string& input, const std::string& db_path,
                                       const std::vector<QueryKind>& mix, const MixOptions& options,
                                       bool class_hint) {
  EngineResult r;
  r.engine = class_hint ? "sqlite-cls" : "sqlite";
  if (!options.reuse_databases || !std::filesystem::exists(db_path)) {
    Connection c;
    if (absl::Status s = c.Open(db_path, options.cache_bytes); !s.ok()) return s;
    if (absl::Status s = Load(input, c, class_hint, &r); !s.ok()) return s;
    const auto t0 = std::chrono::steady_clock::now();
    if (absl::Status s = c.Exec("ANALYZE"); !s.ok()) return s;
    r.after_seconds = Since(t0);
  }  // closing the last connection checkpoints and removes the WAL
  r.disk_bytes = DiskBytes(db_path) + DiskBytes(db_path + "-wal") + DiskBytes(db_path + "-shm");
  Connection c;
  if (absl::Status s = c.Open(db_path, options.cache_bytes); !s.ok()) return s;
  {
    absl::StatusOr<Stmt> count = c.Prepare("SELECT count(*) FROM events");
    if (!count.ok()) return count.status();
    if (sqlite3_step(count->get()) == SQLITE_ROW) r.stored = sqlite3_column_int64(count->get(), 0);
  }
  std::vector<Stmt> stmts;
  for (const QueryKind& kind : mix) {
    absl::StatusOr<Stmt> s = c.Prepare(SqliteQuerySql(kind.shape, class_hint));
    if (!s.ok()) return s.status();
    r.notes.push_back(absl::StrCat(kind.name, " plan: ", SqliteQueryPlan(c.db(), s->get())));
    stmts.push_back(std::move(*s));
  }
  absl::Status s = RunMix(
      mix,
      [&](const QueryKind& kind, const QueryParams& p, bool keep, DrawResult* out, KindResult*) {
        const size_t k = &kind - mix.data();
        return SqliteRunQuery(c.db(), stmts[k].get(), kind.shape, p, keep, out);
      },
      options, &r);
  if (!s.ok()) return s;
  stmts.clear();
  c.Close();
  r.peak_rss_kb = PeakRssKb();
  return r;
}

}  // namespace annals_bench
