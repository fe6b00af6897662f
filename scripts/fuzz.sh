#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) with clang-14 in build-fuzz and runs each for a bounded
# time from its seed corpus. Fails if any target finds a crash, a leak, undefined behaviour or a
# broken property; the input is left in build-fuzz/findings/<target>/.
# Usage: scripts/fuzz.sh [TARGET...]   (default: every fuzz/*_fuzzer.cc)
# Environment: FUZZ_SECONDS (default 30) per target; FUZZ_JOBS (default 1) parallel workers;
#              BUILD_DIR (default build-fuzz); CC / CXX (default clang-14 / clang++-14).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH="${FUZZ_SECONDS:-30}"
JOBS="${FUZZ_JOBS:-1}"
BUILD_DIR="${BUILD_DIR:-build-fuzz}"

if [ $# -gt 0 ]; then
  targets=("$@")
else
  targets=()
  for f in fuzz/*_fuzzer.cc; do targets+=("$(basename "$f" .cc)"); done
fi

# libFuzzer comes with clang-14 and its runtime package; install them on a machine without.
if [ -z "${CXX:-}" ]; then
  missing=()
  for p in clang-14 libclang-rt-14-dev; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

CC="${CC:-clang-14}" CXX="${CXX:-clang++-14}" cmake -S . -B "$BUILD_DIR" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DANNALS_FUZZ=ON \
  -DANNALS_BUILD_TESTS=OFF -DANNALS_BUILD_TOOLS=OFF -DANNALS_BUILD_BENCH=OFF >/dev/null
cmake --build "$BUILD_DIR" -j2 --target "${targets[@]}"

failed=()
for t in "${targets[@]}"; do
  name="${t%_fuzzer}"
  work="$BUILD_DIR/corpus/$t"          # grows while fuzzing; the seeds stay untouched
  findings="$BUILD_DIR/findings/$t"
  mkdir -p "$work" "$findings"
  args=(-max_total_time="$SECONDS_EACH" -print_final_stats=1 -artifact_prefix="$findings/"
        -timeout=10 -rss_limit_mb=2048 -max_len=65536)
  [ -f "fuzz/dicts/$name.dict" ] && args+=(-dict="fuzz/dicts/$name.dict")
  [ "$JOBS" -gt 1 ] && args+=(-fork="$JOBS")
  echo "fuzz: $t for ${SECONDS_EACH}s" >&2
  log="$BUILD_DIR/findings/$t.log"
  if ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
      "$BUILD_DIR/fuzz/$t" "${args[@]}" "$work" "fuzz/corpus/$t" >"$log" 2>&1; then
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$log" | sed "s/^/  $t: /" >&2
  else
    echo "fuzz: $t FAILED; see $log and $findings/" >&2
    grep -E "ERROR|property violated|SUMMARY" "$log" | head -5 >&2 || true
    failed+=("$t")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: findings in ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: no findings" >&2
