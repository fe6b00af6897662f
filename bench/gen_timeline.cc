// Copyright: the Annals authors.
//
// annals-gen: writes a synthetic timeline as NDJSON (see timeline_generator.h for its shape).
// The same flags always give the same bytes.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "bench/bench_flags.h"
#include "bench/timeline_generator.h"

namespace {

constexpr char kUsage[] =
    "usage: annals-gen [--events N] [--seed S] [--shape news|short] [--actors N] [--out FILE]\n"
    "  Writes N synthetic event records (NDJSON) to FILE or stdout.\n"
    "  --events N  records to write (default 100000)\n"
    "  --seed S    random seed (default 1)\n"
    "  --shape S   news (default): timeline_generator.h; short: short records, few attrs,\n"
    "              many small actors\n"
    "  --actors N  distinct actors (default 50000, short: 500000)\n"
    "  --out FILE  output file (default: stdout)";

int Run(int argc, char** argv) {
  annals_bench::Flags flags(argc, argv, kUsage);
  annals_bench::TimelineOptions options;
  options.events = flags.Uint("events", options.events);
  options.seed = flags.Uint("seed", options.seed);
  const std::string shape = flags.String("shape", "news");
  if (!annals_bench::ApplyShape(shape, &options)) flags.Fail("--shape must be news or short");
  options.actors = static_cast<uint32_t>(flags.Uint("actors", options.actors));
  const std::string path = flags.String("out", "");
  flags.Finish();
  if (options.actors < 2) flags.Fail("--actors must be at least 2");

  FILE* out = path.empty() ? stdout : std::fopen(path.c_str(), "wb");
  if (out == nullptr) {
    std::fprintf(stderr, "annals-gen: error: cannot write %s: %s\n", path.c_str(),
                 std::strerror(errno));
    return 1;
  }
  annals_bench::TimelineGenerator gen(options);
  std::string buffer;
  buffer.reserve(1 << 20);
  bool ok = true;
  while (!gen.done() && ok) {
    gen.Next(&buffer);
    if (buffer.size() >= (1 << 20) || gen.done()) {
      ok = std::fwrite(buffer.data(), 1, buffer.size(), out) == buffer.size();
      buffer.clear();
    }
  }
  ok = std::fflush(out) == 0 && ok;
  if (out != stdout) ok = std::fclose(out) == 0 && ok;
  if (!ok) {
    std::fprintf(stderr, "annals-gen: error: writing %s failed: %s\n",
                 path.empty() ? "stdout" : path.c_str(), std::strerror(errno));
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) { return Run(argc, argv); }
