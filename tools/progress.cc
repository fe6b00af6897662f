// Copyright: the Annals authors.
#include "progress.h"

#include <cmath>
#include <cstdio>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli_common.h"

namespace annals::cli {
namespace {

constexpr std::chrono::milliseconds kRedrawInterval(100);
constexpr uint64_t kCheckEvery = 256;

std::string Duration(double seconds) {
  if (seconds < 60) return absl::StrFormat("%.0f s", std::ceil(seconds));
  const int64_t s = static_cast<int64_t>(std::ceil(seconds));
  if (s < 3600) return absl::StrFormat("%d min %02d s", s / 60, s % 60);
  return absl::StrFormat("%d h %02d min", s / 3600, (s % 3600) / 60);
}

}  // namespace

std::string ProgressText(uint64_t count, double seconds, double fraction, double input_seconds) {
  const uint64_t rate = seconds > 0 ? static_cast<uint64_t>(count / seconds) : 0;
  std::string text =
      absl::StrCat("ingesting: ", WithThousands(count), " events (", WithThousands(rate), "/s)");
  if (fraction < 0) return text;
  absl::StrAppend(&text, "  ", static_cast<int>(fraction * 100), "%");
  if (fraction > 0.001 && fraction < 1) {
    absl::StrAppend(&text, "  about ", Duration(input_seconds * (1 - fraction) / fraction),
                    " left");
  }
  return text;
}

Progress::Progress(bool enabled)
    : enabled_(enabled), start_(Clock::now()), input_start_(start_), last_draw_(start_) {}

void Progress::SetInput(const InputPosition& position) {
  position_ = position;
  input_start_ = Clock::now();
}

void Progress::Update(uint64_t count) {
  if (!enabled_ || count % kCheckEvery != 0) return;
  Clock::time_point now = Clock::now();
  if (now - last_draw_ < kRedrawInterval) return;
  last_draw_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double input_seconds = std::chrono::duration<double>(now - input_start_).count();
  const double fraction = position_.known() ? position_.Fraction() : -1;
  std::string line =
      absl::StrCat("\r\033[K", ProgressText(count, seconds, fraction, input_seconds));
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
