// Copyright: the Annals authors.
//
// Prints Annals' verdict for each string of a case file (tests/edtf/edtf_js_cases.tsv) in the
// format of peer.mjs, so that compare_peer.py can diff the two: `accept<TAB>min_ms<TAB>max_ms`
// (the span [start, end) as its first and last millisecond, `-inf`/`inf` when open or unknown) or
// `reject`. Uses only the public API (annals/time.h).
// Usage: edtf_probe CASES.tsv
#include <cstdint>
#include <fstream>
#include <iostream>
#include <string>

#include "annals/time.h"

namespace {

int64_t FloorDiv(int64_t n, int64_t d) { return n / d - (n % d < 0 ? 1 : 0); }

std::string Verdict(const std::string& text) {
  const absl::StatusOr<annals::EventTime> t = annals::ParseTime(text);
  if (!t.ok()) return "reject";
  const int64_t start = t->start_us();
  const int64_t end = t->end_us();
  const std::string min =
      start == annals::kMinusInfinity ? "-inf" : std::to_string(FloorDiv(start, 1000));
  // The last millisecond the span touches: ceil(end / 1000) - 1.
  const std::string max =
      end == annals::kPlusInfinity ? "inf" : std::to_string(-FloorDiv(-end, 1000) - 1);
  return "accept\t" + min + "\t" + max;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: edtf_probe CASES.tsv\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::cerr << "edtf_probe: cannot read " << argv[1] << "\n";
    return 2;
  }
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t', line.find('\t') + 1);
    std::cout << Verdict(line.substr(tab + 1)) << "\n";
  }
  return 0;
}
