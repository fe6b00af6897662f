// Copyright: the Annals authors.
//
// Commands on versions in system time (spec HISTORY.md):
//   annals history ID                    every version of the event, oldest first, as JSON lines
//   annals changes --since T [--until U] what was put, replaced or deleted in (T, U], in commit
//                                        order, as JSON lines: the catch-up feed
//   annals prune --before T              removes the versions closed before T
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "annals/database.h"
#include "annals/record_io.h"
#include "cli_common.h"
#include "commands.h"
#include "system_time_text.h"
#include "text_format.h"

namespace annals::cli {
int RunHistory(const std::string& db_path, const std::string& id) {
  std::unique_ptr<Database> db;
  if (int rc = OpenForRead(db_path, &db); rc != kExitOk) return rc;
  absl::StatusOr<std::vector<Version>> versions = db->History(id);
  if (!versions.ok()) return ReportStatus(versions.status());
  for (const Version& v : *versions) {
    if (Stdout::broken()) return kExitOk;
    Stdout::Line(absl::StrCat("{\"system_from\":", SystemTimeJson(v.system_from_us),
                              ",\"system_to\":", SystemTimeJson(v.system_to_us),
                              ",\"event\":", FormatJsonRecord(v.event), "}"));
  }
  return kExitOk;
}

int RunChanges(const std::string& db_path, const std::string& since, const std::string& until) {
  const std::optional<int64_t> after = LastMicroOf(since);
  const std::optional<int64_t> through = LastMicroOf(until);
  if (!after) return ReportError("changes needs --since TIME", kExitUsage);
  if (through && *through < *after) {
    return ReportError(
        absl::StrCat("inverted range: --until ", until, " ends before --since ", since, " does"),
        kExitUsage);
  }
  std::unique_ptr<Database> db;
  if (int rc = OpenForRead(db_path, &db); rc != kExitOk) return rc;
  absl::Status status = db->Changes(*after, through, [](const Change& c) {
    std::string line =
        absl::StrCat("{\"system_time\":", SystemTimeJson(c.system_time_us), ",\"op\":\"",
                     ChangeOpName(c.op), "\",\"id\":", JsonString(c.id));
    if (c.event) absl::StrAppend(&line, ",\"event\":", FormatJsonRecord(*c.event));
    line.push_back('}');
    Stdout::Line(line);
    return !Stdout::broken();
  });
  if (Stdout::broken()) return kExitOk;
  if (!status.ok()) return ReportStatus(status);
  return kExitOk;
}

int RunPrune(const std::string& db_path, const std::string& before) {
  absl::StatusOr<int64_t> end = SystemTimeEnd(before);
  if (!end.ok()) return ReportError(end.status().message(), kExitUsage);
  std::unique_ptr<Database> db;
  if (int rc = OpenForWrite(db_path, &db, /*create=*/false); rc != kExitOk) return rc;
  absl::StatusOr<uint64_t> removed = db->Prune(*end);
  if (!removed.ok()) return ReportStatus(removed.status());
  std::string summary =
      absl::StrCat("pruned ", Plural(*removed, "version"), " closed before ",
                   FormatSystemTime(*end), "; as-of reads before it are now refused\n");
  std::fwrite(summary.data(), 1, summary.size(), stderr);
  return kExitOk;
}

}  // namespace annals::cli
