// Copyright: the Annals authors.
//
// Paging long output on a terminal, as git does: when stdout is a terminal and
// a command's output grows past one screen, it goes through $PAGER (default
// `less -FRX`; an empty $PAGER or `cat` means no pager) from then on.
//
//   if (!flags.no_pager) EnablePager();  // before the first Stdout::Line
//   ... Stdout::Line(...) ...             // Finish() waits for the pager
#ifndef ANNALS_TOOLS_PAGER_H_
#define ANNALS_TOOLS_PAGER_H_

#include <cstddef>
#include <string>

namespace annals::cli {

// The terminal's height in lines: of stdout's terminal, else $LINES, else 24.
size_t TerminalRows();

// The pager command: $PAGER, else "less -FRX". "" when paging is off ($PAGER
// set to "" or "cat").
std::string PagerCommand();

// Makes Stdout hold its output while stdout is a terminal, and start the pager
// once more lines than TerminalRows() are held. No effect when stdout is not a
// terminal or PagerCommand() is "".
void EnablePager();

// Starts `command` with `/bin/sh -c`, its stdin a pipe that replaces this
// process's stdout. Returns its process id, or -1 (stdout unchanged) when it
// cannot be started.
int StartPager(const std::string& command);

// Closes stdout and waits for the pager `pid` to exit.
void WaitForPager(int pid);

}  // namespace annals::cli

#endif  // ANNALS_TOOLS_PAGER_H_
