// Copyright: the Annals authors.
//
// Minimal command-line flags for the benchmark tools: `--name VALUE`, `--name=VALUE` and boolean
// `--name`. Unknown flags and malformed numbers are usage errors (exit status 2).
//
//   annals_bench::Flags flags(argc, argv, "usage: annals-gen [--events N] ...");
//   uint64_t events = flags.Uint("events", 100000);
//   flags.Finish();  // rejects any flag nobody asked for
#ifndef ANNALS_BENCH_BENCH_FLAGS_H_
#define ANNALS_BENCH_BENCH_FLAGS_H_

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include "absl/strings/numbers.h"

namespace annals_bench {

class Flags {
 public:
  Flags(int argc, char** argv, std::string usage) : usage_(std::move(usage)) {
    for (int i = 1; i < argc; ++i) {
      std::string arg = argv[i];
      if (arg == "-h" || arg == "--help") {
        std::printf("%s\n", usage_.c_str());
        std::exit(0);
      }
      if (arg.rfind("--", 0) != 0) Fail("unexpected argument " + arg);
      arg = arg.substr(2);
      const size_t eq = arg.find('=');
      if (eq != std::string::npos) {
        values_[arg.substr(0, eq)] = arg.substr(eq + 1);
      } else if (i + 1 < argc && std::string(argv[i + 1]).rfind("--", 0) != 0) {
        values_[arg] = argv[++i];
      } else {
        values_[arg] = "";
      }
    }
  }

  std::string String(const std::string& name, const std::string& fallback) {
    auto it = values_.find(name);
    if (it == values_.end()) return fallback;
    std::string v = it->second;
    values_.erase(it);
    return v;
  }

  uint64_t Uint(const std::string& name, uint64_t fallback) {
    const std::string v = String(name, "\x01");
    if (v == "\x01") return fallback;
    uint64_t out;
    if (!absl::SimpleAtoi(v, &out)) Fail("--" + name + " needs a non-negative integer");
    return out;
  }

  bool Bool(const std::string& name) {
    const std::string v = String(name, "\x01");
    if (v == "\x01" || v == "false" || v == "0") return false;
    if (v.empty() || v == "true" || v == "1") return true;
    Fail("--" + name + " takes no value");
    return false;
  }

  // Fails on any flag not consumed by String/Uint/Bool.
  void Finish() {
    if (!values_.empty()) Fail("unknown flag --" + values_.begin()->first);
  }

  [[noreturn]] void Fail(const std::string& message) const {
    std::fprintf(stderr, "error: %s\n%s\n", message.c_str(), usage_.c_str());
    std::exit(2);
  }

 private:
  std::string usage_;
  std::map<std::string, std::string> values_;
};

}  // namespace annals_bench

#endif  // ANNALS_BENCH_BENCH_FLAGS_H_
