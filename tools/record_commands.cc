// Copyright: the Annals authors.
//
// Commands on events by id, and the whole-database export:
//   annals get ID...      the events as NDJSON; a missing id is an error (exit 1)
//                         after the rest
//   annals show ID...     the events for a person to read (event_view.h)
//   annals delete ID...   removes them atomically; reports missing ids likewise
//   annals backup DEST    a consistent copy of the database
//   annals export         every event as NDJSON, in the order first stored
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "annals/database.h"
#include "annals/record_io.h"
#include "cli_common.h"
#include "commands.h"
#include "event_view.h"
#include "output_table.h"
#include "pager.h"
#include "system_time_text.h"

namespace annals::cli {
namespace {

int ReportMissingId(const std::string& id) {
  return ReportError(absl::StrCat("no event with id \"", id, "\""), kExitUser);
}

}  // namespace

int RunGet(const std::string& db_path, const std::vector<std::string>& ids,
           const std::string& as_of) {
  std::unique_ptr<Database> db;
  if (int rc = OpenForRead(db_path, &db); rc != kExitOk) return rc;
  int rc = kExitOk;
  for (const std::string& id : ids) {
    if (Stdout::broken()) return kExitOk;
    absl::StatusOr<Event> event = db->Get(id, LastMicroOf(as_of));
    if (event.ok()) {
      Stdout::Line(FormatJsonRecord(*event));
    } else if (absl::IsNotFound(event.status())) {
      Stdout::Flush();
      rc = ReportStatus(event.status());  // names the id (and the as-of time)
    } else {
      Stdout::Flush();
      return ReportStatus(event.status());
    }
  }
  return rc;
}

int RunShow(const std::string& db_path, const std::vector<std::string>& ids, bool no_pager) {
  std::unique_ptr<Database> db;
  if (int rc = OpenForRead(db_path, &db); rc != kExitOk) return rc;
  if (!no_pager) EnablePager();
  const size_t width = TerminalWidth();
  int rc = kExitOk;
  bool first = true;
  for (const std::string& id : ids) {
    if (Stdout::broken()) return kExitOk;
    absl::StatusOr<Event> event = db->Get(id);
    if (event.ok()) {
      if (!first) Stdout::Line("");
      first = false;
      Stdout::Lines(FormatEventView(*event, width));
    } else if (absl::IsNotFound(event.status())) {
      Stdout::Flush();
      rc = ReportMissingId(id);
    } else {
      Stdout::Flush();
      return ReportStatus(event.status());
    }
  }
  return rc;
}

int RunDelete(const std::string& db_path, const std::vector<std::string>& ids) {
  std::unique_ptr<Database> db;
  if (int rc = OpenForWrite(db_path, &db, /*create=*/false); rc != kExitOk) return rc;
  absl::StatusOr<std::vector<bool>> existed = db->Delete(ids);
  if (!existed.ok()) return ReportStatus(existed.status());
  int rc = kExitOk;
  uint64_t deleted = 0;
  for (size_t i = 0; i < ids.size() && i < existed->size(); ++i) {
    if ((*existed)[i]) {
      ++deleted;
    } else {
      rc = ReportMissingId(ids[i]);
    }
  }
  std::string summary = absl::StrCat("deleted ", Plural(deleted, "event"), "\n");
  std::fwrite(summary.data(), 1, summary.size(), stderr);
  return rc;
}

int RunBackup(const std::string& db_path, const std::string& dest) {
  std::unique_ptr<Database> db;
  if (int rc = OpenForWrite(db_path, &db, /*create=*/false); rc != kExitOk) return rc;
  if (absl::Status s = db->Backup(dest); !s.ok()) return ReportStatus(s);
  std::string summary = absl::StrCat("backed up ", db_path, " to ", dest, "\n");
  std::fwrite(summary.data(), 1, summary.size(), stderr);
  return kExitOk;
}

int RunExport(const std::string& db_path, const std::string& as_of) {
  std::unique_ptr<Database> db;
  if (int rc = OpenForRead(db_path, &db); rc != kExitOk) return rc;
  absl::StatusOr<std::unique_ptr<Cursor>> cursor = db->Scan(LastMicroOf(as_of));
  if (!cursor.ok()) return ReportStatus(cursor.status());
  while (!Stdout::broken() && (*cursor)->Next()) Stdout::Line(FormatJsonRecord((*cursor)->event()));
  if (Stdout::broken()) return kExitOk;
  if (absl::Status status = (*cursor)->status(); !status.ok()) return ReportStatus(status);
  return kExitOk;
}

}  // namespace annals::cli
