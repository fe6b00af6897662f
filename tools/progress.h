// Copyright: the Annals authors.
//
// The ingest progress line on stderr: a count and a rate, redrawn at most ten
// times a second, and only when stderr is a terminal.
#ifndef ANNALS_TOOLS_PROGRESS_H_
#define ANNALS_TOOLS_PROGRESS_H_

#include <chrono>
#include <cstdint>

namespace annals::cli {

class Progress {
 public:
  // Draws nothing unless `enabled`.
  explicit Progress(bool enabled);

  // Reports `count` records read so far; redraws if the last redraw is old
  // enough.
  void Update(uint64_t count);

  // Erases the line so that the next message starts on a clean line.
  void Clear();

  // Seconds since construction.
  double ElapsedSeconds() const;

 private:
  using Clock = std::chrono::steady_clock;

  bool enabled_;
  bool drawn_ = false;
  Clock::time_point start_;
  Clock::time_point last_draw_;
};

}  // namespace annals::cli

#endif  // ANNALS_TOOLS_PROGRESS_H_
