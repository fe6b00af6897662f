// Copyright: the Annals authors.
//
// What every `annals` command shares: exit codes, error reporting, opening the
// database, and writing to stdout so that a closed pipe ends the command
// quietly.
#ifndef ANNALS_TOOLS_CLI_COMMON_H_
#define ANNALS_TOOLS_CLI_COMMON_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "annals/database.h"

namespace annals::cli {

// Exit codes of the command line (docs/cli.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitUser = 1;     // bad input, missing id, missing database, busy database
inline constexpr int kExitUsage = 2;    // unknown flag, malformed flag value
inline constexpr int kExitDamaged = 3;  // damaged or unreadable database, `check` found damage

// Prints `annals: error: <message>` on stderr and returns `exit_code`.
int ReportError(absl::string_view message, int exit_code);

// The exit code for a failed engine call: kExitDamaged for damage and an
// unreadable database (DataLoss, Unimplemented, Internal, Unknown, Unavailable),
// else kExitUser: the environment's errors (ResourceExhausted for a full disk,
// PermissionDenied) are not damage.
int ExitCodeFor(const absl::Status& status);

// Reports a failed engine call as ReportError(status.message(),
// ExitCodeFor(status)).
int ReportStatus(const absl::Status& status);

// Opens `path` read-only without creating it. On failure prints the error and
// returns its exit code (a missing database: `no database at PATH (ingest
// creates one)`, kExitUser); else kExitOk.
int OpenForRead(const std::string& path, std::unique_ptr<Database>* db);

// Opens `path` for writing, creating it if missing. A database held by another
// writer gives an error naming it, kExitUser.
int OpenForWrite(const std::string& path, std::unique_ptr<Database>* db, bool create = true);

// True if file descriptor `fd` is a terminal.
bool IsTerminal(int fd);

// Buffered stdout that writes only whole lines. After the reader of a pipe has
// gone away (EPIPE) every write is dropped and broken() turns true: commands
// stop and exit quietly.
class Stdout {
 public:
  // Appends `text` and a newline.
  static void Line(std::string_view text);
  // Appends `text`, which must end in a newline.
  static void Lines(std::string_view text);
  // Writes out what is buffered. Returns false after a write error.
  static bool Flush();
  static bool broken();
  // Holds output instead of writing it until more than `rows` lines are held;
  // then starts the pager (pager.h) and writes everything through it. Output
  // that stays short is written by Flush() as usual.
  static void HoldForPager(size_t rows);
  // The first write error other than EPIPE, if any (errno value), else 0.
  static int error();
};

// Ends a command: flushes stdout, waits for a pager, and turns `exit_code` into
// the process's exit code (a closed pipe is not an error; another write error is
// kExitUser).
int Finish(int exit_code);

// 1234567 -> "1,234,567".
std::string WithThousands(uint64_t n);

// (1, "event") -> "1 event"; (1234, "event") -> "1,234 events".
std::string Plural(uint64_t n, std::string_view noun);

}  // namespace annals::cli

#endif  // ANNALS_TOOLS_CLI_COMMON_H_
