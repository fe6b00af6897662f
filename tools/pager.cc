// Copyright: the Annals authors.
#include "pager.h"

#include <errno.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

#include "cli_common.h"

namespace annals::cli {

size_t TerminalRows() {
  struct winsize ws;
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0) return ws.ws_row;
  if (const char* lines = std::getenv("LINES"); lines != nullptr) {
    char* end = nullptr;
    const long n = std::strtol(lines, &end, 10);
    if (end != lines && *end == '\0' && n > 0) return static_cast<size_t>(n);
  }
  return 24;
}

std::string PagerCommand() {
  const char* pager = std::getenv("PAGER");
  if (pager == nullptr) return "less -FRX";
  const std::string command(pager);
  return command == "cat" ? "" : command;
}

void EnablePager() {
  if (!IsTerminal(STDOUT_FILENO) || PagerCommand().empty()) return;
  Stdout::HoldForPager(TerminalRows());
}

int StartPager(const std::string& command) {
  int fds[2];
  if (::pipe(fds) != 0) return -1;
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return -1;
  }
  if (pid == 0) {
    ::dup2(fds[0], STDIN_FILENO);
    ::close(fds[0]);
    ::close(fds[1]);
    ::setenv("LESS", "FRX", /*overwrite=*/0);
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::dup2(fds[1], STDOUT_FILENO);
  ::close(fds[0]);
  ::close(fds[1]);
  return pid;
}

void WaitForPager(int pid) {
  ::close(STDOUT_FILENO);
  // The user reads at their pace; ^C is for the pager (less), not for us.
  struct sigaction ignore = {}, old_int = {};
  ignore.sa_handler = SIG_IGN;
  ::sigaction(SIGINT, &ignore, &old_int);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  ::sigaction(SIGINT, &old_int, nullptr);
}

}  // namespace annals::cli
