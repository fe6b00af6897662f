// Copyright: the Annals authors.
//
// Child processes for multi-process tests. A test binary re-executes itself (/proc/self/exe) in a
// "role": a fresh process with no state inherited from the test (forking a process that has
// RocksDB's background threads would leave the child without them). The role runs from a gtest
// global environment, before any test, and exits.
//
//   // at namespace scope in the test file:
//   int Writer(const std::vector<std::string>& args, int out_fd) { ...; return 0; }
//   ANNALS_CHILD_ROLES({{"writer", &Writer}});
//   // in a test:
//   ChildProcess child("writer", {db_path});
//   std::optional<std::string> line = child.ReadLine();  // what the role wrote to out_fd
//   child.Kill();
//
// Thread safety: a ChildProcess is used by one thread at a time.
#ifndef ANNALS_CRASH_CHILD_PROCESS_H_
#define ANNALS_CRASH_CHILD_PROCESS_H_

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace annals::testing {

// A role: runs in the child with the arguments given to ChildProcess; `out_fd` is the write end
// of the pipe the parent reads with ReadLine. Returns the exit code.
using ChildRole = int (*)(const std::vector<std::string>& args, int out_fd);

inline constexpr char kRoleEnv[] = "ANNALS_TEST_ROLE";
inline constexpr int kOutFd = 3;  // the pipe's write end in the child

// Runs the role named in $ANNALS_TEST_ROLE, if any, and exits with its code.
class ChildRoleEnvironment : public ::testing::Environment {
 public:
  explicit ChildRoleEnvironment(std::map<std::string, ChildRole> roles)
      : roles_(std::move(roles)) {}
  void SetUp() override {
    const char* role = getenv(kRoleEnv);
    if (role == nullptr) return;
    auto it = roles_.find(role);
    if (it == roles_.end()) _exit(100);
    std::vector<std::string> args;
    for (int i = 0;; ++i) {
      const char* a = getenv(("ANNALS_TEST_ARG" + std::to_string(i)).c_str());
      if (a == nullptr) break;
      args.push_back(a);
    }
    _exit(it->second(args, kOutFd));
  }

 private:
  std::map<std::string, ChildRole> roles_;
};

#define ANNALS_CHILD_ROLES(...)                                                        \
  [[maybe_unused]] ::testing::Environment* const annals_child_roles_env_ =             \
      ::testing::AddGlobalTestEnvironment(new ::annals::testing::ChildRoleEnvironment( \
          std::map<std::string, ::annals::testing::ChildRole>(__VA_ARGS__)))

// Writes all of `text` to `fd`; false on error.
inline bool WriteAll(int fd, const std::string& text) {
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

class ChildProcess {
 public:
  // Starts this test binary again, running `role` with `args`. Its stdout and stderr go to the
  // test's stderr; what it writes to its out_fd is read by ReadLine.
  ChildProcess(const std::string& role, const std::vector<std::string>& args) {
    std::vector<std::string> env = {std::string(kRoleEnv) + "=" + role};
    for (size_t i = 0; i < args.size(); ++i) {
      env.push_back("ANNALS_TEST_ARG" + std::to_string(i) + "=" + args[i]);
    }
    Start({SelfExe()}, env, /*output=*/"");
  }

  // Runs the program argv[0] with its stdout and stderr appended to the file `output`.
  ChildProcess(const std::vector<std::string>& argv, const std::string& output) {
    Start(argv, {}, output);
  }

  // The path of the running executable.
  static std::string SelfExe() {
    char self[4096];
    const ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    return n > 0 ? std::string(self, static_cast<size_t>(n)) : "";
  }

  ~ChildProcess() {
    Kill();
    if (read_fd_ >= 0) close(read_fd_);
  }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }

  // The next line (without '\n') the child wrote; nullopt at end of input or after
  // `timeout_ms` without a full line.
  std::optional<std::string> ReadLine(int timeout_ms = 30000) {
    while (true) {
      if (size_t nl = buffer_.find('\n'); nl != std::string::npos) {
        std::string line = buffer_.substr(0, nl);
        buffer_.erase(0, nl + 1);
        return line;
      }
      pollfd p{read_fd_, POLLIN, 0};
      if (poll(&p, 1, timeout_ms) <= 0) return std::nullopt;
      char chunk[4096];
      ssize_t n = read(read_fd_, chunk, sizeof(chunk));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return std::nullopt;
      buffer_.append(chunk, static_cast<size_t>(n));
    }
  }

  // Kills the child with SIGKILL (if still running) and reaps it.
  void Kill() {
    if (pid_ <= 0) return;
    kill(pid_, SIGKILL);
    Wait();
  }

  // False once the child has exited (it is then reaped; Wait returns its status).
  bool Running() {
    if (pid_ <= 0) return false;
    if (waitpid(pid_, &status_, WNOHANG) != pid_) return true;
    pid_ = -1;
    return false;
  }

  // Waits for the child to exit; its wait status (see waitpid).
  int Wait() {
    if (pid_ <= 0) return status_;
    while (waitpid(pid_, &status_, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
    return status_;
  }

 private:
  void Start(std::vector<std::string> argv, std::vector<std::string> env,
             const std::string& output) {
    for (char** e = environ; *e != nullptr; ++e) env.push_back(*e);
    std::vector<char*> envp, args;
    for (std::string& e : env) envp.push_back(e.data());
    for (std::string& a : argv) args.push_back(a.data());
    envp.push_back(nullptr);
    args.push_back(nullptr);
    int fds[2];
    EXPECT_EQ(pipe2(fds, O_CLOEXEC), 0);
    const int out =
        output.empty() ? dup(2) : open(output.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    pid_ = fork();
    if (pid_ == 0) {  // only async-signal-safe calls until exec
      if (fds[1] == kOutFd) {
        fcntl(kOutFd, F_SETFD, 0);
      } else {
        dup2(fds[1], kOutFd);  // the copy does not have O_CLOEXEC
      }
      dup2(out, 1);
      dup2(out, 2);
      execve(args[0], args.data(), envp.data());
      _exit(127);
    }
    close(out);
    close(fds[1]);
    read_fd_ = fds[0];
  }

  pid_t pid_ = -1;
  int read_fd_ = -1;
  int status_ = 0;
  std::string buffer_;
};

}  // namespace annals::testing

#endif  // ANNALS_CRASH_CHILD_PROCESS_H_
