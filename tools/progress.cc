// Copyright: the Annals authors.
#include "progress.h"

#include <cstdio>
#include <string>

#include "absl/strings/str_cat.h"
#include "cli_common.h"

namespace annals::cli {
namespace {

constexpr std::chrono::milliseconds kRedrawInterval(100);
constexpr uint64_t kCheckEvery = 256;

}  // namespace

Progress::Progress(bool enabled) : enabled_(enabled), start_(Clock::now()), last_draw_(start_) {}

void Progress::Update(uint64_t count) {
  if (!enabled_ || count % kCheckEvery != 0) return;
  Clock::time_point now = Clock::now();
  if (now - last_draw_ < kRedrawInterval) return;
  last_draw_ = now;
  double seconds = std::chrono::duration<double>(now - start_).count();
  uint64_t rate = seconds > 0 ? static_cast<uint64_t>(count / seconds) : 0;
  std::string line = absl::StrCat("\r\033[Kingesting: ", WithThousands(count), " events (",
                                  WithThousands(rate), "/s)");
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::Clear() {
  if (!drawn_) return;
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
  drawn_ = false;
}

double Progress::ElapsedSeconds() const {
  return std::chrono::duration<double>(Clock::now() - start_).count();
}

}  // namespace annals::cli
