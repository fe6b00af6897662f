#!/usr/bin/env bash
# Runs the tests under sanitizers, each configuration in its own build directory:
#   tsan  ThreadSanitizer (build-tsan): concurrency_test and database_test.
#   asan  AddressSanitizer + UndefinedBehaviorSanitizer (build-asan): the whole ctest suite,
#         with the CLI built (the crash and CLI tests need it).
# Usage: scripts/sanitize.sh [tsan|asan|all]   (default: all). Exits non-zero on any report.
# Environment: CC / CXX pick the compiler (default: CMake's choice; gcc and clang both work).
#
# Only the project's own code is instrumented: Debian's RocksDB, abseil and Cap'n Proto
# libraries are not. ThreadSanitizer therefore cannot see synchronization done inside them with
# plain atomics or futexes (pthread mutexes it does see), and may report a race between two of
# our accesses that such a library actually orders. scripts/tsan_suppressions.txt lists each
# suppression with the reason; it is empty unless a report was shown to be of that kind.
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"

configure() {  # configure DIR FLAGS TOOLS
  cmake -S . -B "$1" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DANNALS_BUILD_BENCH=OFF \
    -DANNALS_BUILD_TOOLS="$3" -DCMAKE_C_FLAGS="$2" -DCMAKE_CXX_FLAGS="$2" \
    -DCMAKE_EXE_LINKER_FLAGS="$2" -DCMAKE_SHARED_LINKER_FLAGS="$2" >/dev/null
}

run_tsan() {
  configure build-tsan "-fsanitize=thread -fno-omit-frame-pointer" OFF
  cmake --build build-tsan -j2 --target concurrency_test database_test
  export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 history_size=4 \
suppressions=$PWD/scripts/tsan_suppressions.txt"
  for t in concurrency_test database_test; do
    echo "sanitize: $t under ThreadSanitizer" >&2
    ./build-tsan/tests/$t --gtest_brief=1
  done
}

run_asan() {
  configure build-asan \
    "-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer" ON
  cmake --build build-asan -j2
  export ASAN_OPTIONS="detect_leaks=1 abort_on_error=1 detect_stack_use_after_return=1"
  export UBSAN_OPTIONS="print_stacktrace=1 halt_on_error=1"
  echo "sanitize: ctest under AddressSanitizer + UndefinedBehaviorSanitizer" >&2
  ctest --test-dir build-asan --output-on-failure -j2
}

case "$what" in
  tsan) run_tsan ;;
  asan) run_asan ;;
  all) run_tsan && run_asan ;;
  *) echo "usage: $0 [tsan|asan|all]" >&2; exit 2 ;;
esac
echo "sanitize: $what clean" >&2
