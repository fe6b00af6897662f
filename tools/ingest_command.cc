// Copyright: the Annals authors.
//
// `annals ingest [FILE...]`: reads NDJSON, CSV, GDELT, ICEWS or ACLED records (optionally
// compressed: gzip, zstd, bzip2, xz, a zip holding one file) and stores them in batches. The first
// invalid record stops the command after everything before it has been committed; with
// --skip-invalid each invalid record is reported and skipped.
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "annals/database.h"
#include "annals/record_io.h"
#include "cli_common.h"
#include "commands.h"
#include "input_position.h"
#include "input_stream.h"
#include "progress.h"
#include "system_time_text.h"

namespace annals::cli {
namespace {

constexpr size_t kBatchSize = 5000;

// --format wins (main.cc admits only names ParseRecordFormat knows); else `.csv` after dropping
// a compression suffix is the generic CSV; else NDJSON. Dataset formats are never guessed.
RecordFormat FormatFor(const std::string& path, const std::string& flag) {
  if (!flag.empty()) return ParseRecordFormat(flag).value_or(RecordFormat::kJson);
  std::string name = path;
  for (const char* suffix : {".gz", ".zst", ".bz2", ".xz", ".zip"}) {
    if (absl::EndsWithIgnoreCase(name, suffix)) name.resize(name.size() - strlen(suffix));
  }
  return absl::EndsWithIgnoreCase(name, ".csv") ? RecordFormat::kCsv : RecordFormat::kJson;
}

std::string DisplayName(const std::string& path) { return path == "-" ? "<stdin>" : path; }

// The reader's message for a bad record. An invalid `time` is shown as the time parser words it
// (`invalid time "2024-13-01": month 13 out of range`, the form docs/cli.md promises): it quotes
// the text already, so the reader's `field "time": ` prefix is dropped.
std::string RecordError(absl::string_view message) {
  constexpr absl::string_view kTimeField = "field \"time\": ";
  if (absl::StartsWith(message, kTimeField) &&
      absl::StartsWith(message.substr(kTimeField.size()), "invalid time \"")) {
    message.remove_prefix(kTimeField.size());
  }
  return std::string(message);
}

class Ingester {
 public:
  Ingester(Database* db, const IngestFlags& flags)
      : db_(db), flags_(flags), progress_(IsTerminal(STDERR_FILENO)) {
    batch_.reserve(kBatchSize);
  }

  int Run(const std::vector<std::string>& paths) {
    if (flags_.bulk) {
      absl::StatusOr<std::unique_ptr<Load>> load = db_->StartLoad();
      if (!load.ok()) return ReportStatus(load.status());
      load_ = *std::move(load);
    }
    int rc = kExitOk;
    for (const std::string& path : paths) {
      rc = IngestInput(path);
      if (rc != kExitOk) break;
    }
    if (load_ != nullptr && !write_failed_) {  // also after an invalid record, as a batch would be
      int committed = CommitLoad();
      if (rc == kExitOk) rc = committed;
    }
    if (flags_.sync &&
        !write_failed_) {  // also after an invalid record: what was stored is made durable
      absl::Status synced = db_->Sync();
      if (!synced.ok() && rc == kExitOk) rc = ReportStatus(synced);
    }
    progress_.Clear();
    PrintSummary();
    if (rc == kExitOk && skipped_ > 0) rc = kExitUser;
    return rc;
  }

 private:
  int IngestInput(const std::string& path) {
    absl::StatusOr<std::unique_ptr<InputStream>> in = InputStream::Open(path);
    if (!in.ok()) return ReportError(in.status().message(), kExitUser);
    const RecordFormat format = FormatFor(path, flags_.format);
    std::unique_ptr<RecordReader> reader = RecordReader::ForFormat(format, (*in)->stream());
    name_ = DisplayName(path);
    json_guessed_ = format == RecordFormat::kJson && flags_.format.empty();
    progress_.SetInput(InputPosition::Find(path));
    if (path == "-" && IsTerminal(STDIN_FILENO)) {
      std::fprintf(stderr,
                   "annals: waiting for %s records on stdin (the terminal); end with Ctrl-D\n",
                   format == RecordFormat::kJson  ? "NDJSON"
                   : format == RecordFormat::kCsv ? "CSV"
                                                  : flags_.format.c_str());
    }
    return ReadRecords(*reader, **in);
  }

  int ReadRecords(RecordReader& reader, InputStream& in) {
    int64_t last_error_line = -1;
    while (true) {
      // Each record is normalized once, by the reader; PutNormalized does not repeat it.
      absl::StatusOr<std::optional<NormalizedEvent>> more = reader.NextNormalized();
      if ((!more.ok() || !more->has_value()) && !in.status().ok()) {
        return StopWith(in.status().message());
      }
      if (!more.ok()) {
        int64_t line = reader.line();
        std::string message =
            absl::StrCat(name_, ":", line, ": ", RecordError(more.status().message()),
                         Hint(line, more.status()));
        if (!flags_.skip_invalid) return StopWith(message);
        if (line == last_error_line) return StopQuietly();  // the reader cannot go on (CSV header)
        last_error_line = line;
        ++skipped_;
        progress_.Clear();
        ReportError(message, kExitUser);
        continue;
      }
      if (!more->has_value()) break;
      batch_.push_back(**std::move(more));
      progress_.Update(++read_);
      if (batch_.size() >= kBatchSize) {
        if (int rc = Commit(); rc != kExitOk) return rc;
      }
    }
    return Commit();
  }

  // For a first line that is not JSON at all when NDJSON was only assumed: how
  // to read CSV.
  std::string Hint(int64_t line, const absl::Status& error) const {
    if (!json_guessed_ || line != 1) return "";
    if (!absl::StartsWith(error.message(), "invalid JSON") &&
        !absl::StartsWith(error.message(), "not a JSON object")) {
      return "";
    }
    return " (reading NDJSON; if this is CSV, add --format csv)";
  }

  // Commits what came before the error, then reports it.
  int StopWith(absl::string_view message) {
    int rc = Commit();
    if (rc != kExitOk) return rc;
    progress_.Clear();
    return ReportError(message, kExitUser);
  }

  int StopQuietly() {
    int rc = Commit();
    return rc != kExitOk ? rc : kExitUser;
  }

  int Commit() {
    if (batch_.empty()) return kExitOk;
    std::vector<NormalizedEvent> batch;
    batch.swap(batch_);
    batch_.reserve(kBatchSize);
    absl::StatusOr<PutResult> put = load_ != nullptr ? load_->PutNormalized(std::move(batch))
                                                     : db_->PutNormalized(std::move(batch));
    if (!put.ok()) {
      progress_.Clear();
      write_failed_ = load_ != nullptr || !absl::IsInvalidArgument(put.status());
      if (load_ != nullptr) totals_ = PutResult{};  // the load failed: nothing of it is stored
      if (!absl::IsInvalidArgument(put.status())) return ReportStatus(put.status());
      return ReportError(absl::StrCat(name_, ": ", put.status().message()), kExitUser);
    }
    totals_.added += put->added;
    totals_.replaced += put->replaced;
    totals_.unchanged += put->unchanged;
    if (put->system_time_us != 0) {
      if (first_commit_ == 0) first_commit_ = put->system_time_us;
      last_commit_ = put->system_time_us;
    }
    return kExitOk;
  }

  // Commits the bulk load: the tables are written now, which takes a while for a large load.
  int CommitLoad() {
    progress_.Clear();
    absl::StatusOr<int64_t> committed = load_->Commit();
    load_.reset();
    if (!committed.ok()) {
      write_failed_ = true;
      totals_ = PutResult{};  // nothing of the load is stored
      return ReportStatus(committed.status());
    }
    first_commit_ = last_commit_ = *committed;
    return kExitOk;
  }

  void PrintSummary() {
    uint64_t stored = totals_.added + totals_.replaced + totals_.unchanged;
    std::string line = absl::StrCat(
        "ingested ", Plural(stored, "event"), " (", WithThousands(totals_.added), " new, ",
        WithThousands(totals_.replaced), " replaced, ", WithThousands(totals_.unchanged),
        " unchanged) in ", absl::StrFormat("%.1f", progress_.ElapsedSeconds()), " s");
    if (flags_.skip_invalid) {
      absl::StrAppend(&line, "; skipped ", Plural(skipped_, "invalid record"));
    }
    if (first_commit_ != 0) {
      absl::StrAppend(&line, "; system time ", FormatSystemTime(first_commit_));
      if (last_commit_ != first_commit_)
        absl::StrAppend(&line, " to ", FormatSystemTime(last_commit_));
    }
    line.push_back('\n');
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
  }

  Database* db_;
  const IngestFlags& flags_;
  std::unique_ptr<Load> load_;  // with --bulk, until committed
  Progress progress_;
  std::vector<NormalizedEvent> batch_;
  std::string name_;          // the input being read, as errors name it
  int64_t first_commit_ = 0;  // system times of the first and last commit (0: none)
  int64_t last_commit_ = 0;
  bool json_guessed_ = false;  // read as NDJSON for want of --format or a .csv name
  PutResult totals_;
  uint64_t read_ = 0;
  uint64_t skipped_ = 0;
  bool write_failed_ = false;  // the database refused a batch (a full disk): no --sync then
};

// Checks that every named input exists before the database is created.
int CheckInputsExist(const std::vector<std::string>& paths) {
  for (const std::string& path : paths) {
    struct stat st;
    if (path != "-" && ::stat(path.c_str(), &st) != 0) {
      return ReportError(absl::StrCat("cannot open ", path, ": ", ::strerror(errno)), kExitUser);
    }
  }
  return kExitOk;
}

}  // namespace

int RunIngest(const std::string& db_path, const IngestFlags& flags) {
  std::vector<std::string> paths = flags.files;
  if (paths.empty()) paths.push_back("-");
  if (int rc = CheckInputsExist(paths); rc != kExitOk) return rc;
  std::unique_ptr<Database> db;
  if (int rc = OpenForWrite(db_path, &db); rc != kExitOk) return rc;
  return Ingester(db.get(), flags).Run(paths);
}

}  // namespace annals::cli
