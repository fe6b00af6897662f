// Copyright: the Annals authors.
//
// The ingest progress line on stderr, redrawn at most ten times a second and
// only when stderr is a terminal: the count and rate, and when the input's
// size is known (a file, compressed or not) the percent done and the time
// left:
//   ingesting: 1,234,567 events (98,765/s)  42%  about 12 s left
#ifndef ANNALS_TOOLS_PROGRESS_H_
#define ANNALS_TOOLS_PROGRESS_H_

#include <chrono>
#include <cstdint>
#include <string>

#include "input_position.h"

namespace annals::cli {

class Progress {
 public:
  // Draws nothing unless `enabled`.
  explicit Progress(bool enabled);

  // The input being read from now on (its position gives the percent).
  void SetInput(const InputPosition& position);

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
  InputPosition position_;
  Clock::time_point start_;
  Clock::time_point input_start_;
  Clock::time_point last_draw_;
};

// The progress line's text (without the leading "\r\033[K"): `fraction` < 0 when
// the input's size is unknown.
std::string ProgressText(uint64_t count, double seconds, double fraction, double input_seconds);

}  // namespace annals::cli

#endif  // ANNALS_TOOLS_PROGRESS_H_
