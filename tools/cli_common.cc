// Copyright: the Annals authors.
#include "cli_common.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "absl/strings/str_cat.h"
#include "pager.h"

namespace annals::cli {
namespace {

constexpr size_t kFlushBytes = 64 << 10;

struct StdoutState {
  std::string buffer;
  bool broken = false;
  int error = 0;
  size_t hold_rows = 0;  // > 0: holding output for the pager
  size_t held_lines = 0;
  int pager_pid = -1;
};

StdoutState& State() {
  static StdoutState* state = new StdoutState;
  return *state;
}

bool PathExists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

int ReportMissingDatabase(const std::string& path) {
  return ReportError(absl::StrCat("no database at ", path, " (ingest creates one)"), kExitUser);
}

// The engine's message, prefixed with the path unless it names it already.
int ReportOpenError(const std::string& path, const absl::Status& status) {
  std::string message(status.message());
  if (message.find(path) == std::string::npos) {
    message = absl::StrCat(path, ": ", message);
  }
  return ReportError(message, ExitCodeFor(status));
}

}  // namespace

int ReportError(absl::string_view message, int exit_code) {
  std::string line = absl::StrCat("annals: error: ", message, "\n");
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
  return exit_code;
}

int ExitCodeFor(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kDataLoss:
    case absl::StatusCode::kUnimplemented:
    case absl::StatusCode::kInternal:
    case absl::StatusCode::kUnknown:
    case absl::StatusCode::kUnavailable:
      return kExitDamaged;
    default:
      return kExitUser;
  }
}

int ReportStatus(const absl::Status& status) {
  return ReportError(status.message(), ExitCodeFor(status));
}

int OpenForRead(const std::string& path, std::unique_ptr<Database>* db) {
  if (!PathExists(path)) return ReportMissingDatabase(path);
  Options options;
  options.create_if_missing = false;
  options.read_only = true;
  options.cache_records = false;  // one command, then exit
  absl::StatusOr<std::unique_ptr<Database>> opened = Database::Open(path, options);
  if (absl::IsNotFound(opened.status())) return ReportMissingDatabase(path);
  if (!opened.ok()) return ReportOpenError(path, opened.status());
  *db = *std::move(opened);
  return kExitOk;
}

int OpenForWrite(const std::string& path, std::unique_ptr<Database>* db, bool create) {
  if (!create && !PathExists(path)) return ReportMissingDatabase(path);
  Options options;
  options.create_if_missing = create;
  options.read_only = false;
  options.sync = false;
  options.bulk_ingest = true;  // this process writes and never queries
  absl::StatusOr<std::unique_ptr<Database>> opened = Database::Open(path, options);
  if (!opened.ok()) return ReportOpenError(path, opened.status());
  *db = *std::move(opened);
  return kExitOk;
}

bool IsTerminal(int fd) { return ::isatty(fd) == 1; }

namespace {

// Writes out the buffer when it is large enough, unless held for the pager;
// starts the pager once the held text is longer than a screen.
void MaybeFlush(StdoutState& state, std::string_view appended) {
  if (state.hold_rows > 0) {
    state.held_lines += static_cast<size_t>(std::count(appended.begin(), appended.end(), '\n'));
    if (state.held_lines <= state.hold_rows && state.buffer.size() < 16 * kFlushBytes) return;
    state.hold_rows = 0;
    state.pager_pid = StartPager(PagerCommand());
  }
  if (state.buffer.size() >= kFlushBytes) Stdout::Flush();
}

}  // namespace

void Stdout::Line(std::string_view text) {
  StdoutState& state = State();
  if (state.broken || state.error != 0) return;
  state.buffer.append(text);
  state.buffer.push_back('\n');
  MaybeFlush(state, "\n");
}

void Stdout::Lines(std::string_view text) {
  StdoutState& state = State();
  if (state.broken || state.error != 0) return;
  state.buffer.append(text);
  MaybeFlush(state, text);
}

void Stdout::HoldForPager(size_t rows) { State().hold_rows = rows; }

bool Stdout::Flush() {
  StdoutState& state = State();
  size_t done = 0;
  while (done < state.buffer.size() && !state.broken && state.error == 0) {
    ssize_t n = ::write(STDOUT_FILENO, state.buffer.data() + done, state.buffer.size() - done);
    if (n >= 0) {
      done += static_cast<size_t>(n);
    } else if (errno == EPIPE) {
      state.broken = true;
    } else if (errno != EINTR) {
      state.error = errno;
    }
  }
  state.buffer.clear();
  return state.error == 0;
}

bool Stdout::broken() { return State().broken; }

int Stdout::error() { return State().error; }

int Finish(int exit_code) {
  Stdout::Flush();
  if (State().pager_pid >= 0) WaitForPager(State().pager_pid);
  if (Stdout::error() != 0) {
    return ReportError(absl::StrCat("writing output: ", ::strerror(Stdout::error())), kExitUser);
  }
  return exit_code;
}

std::string WithThousands(uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string Plural(uint64_t n, std::string_view noun) {
  return absl::StrCat(WithThousands(n), " ", absl::string_view(noun.data(), noun.size()),
                      n == 1 ? "" : "s");
}

}  // namespace annals::cli
