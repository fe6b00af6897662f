#!/usr/bin/env bash
# Runs the tests under sanitizers, each configuration in its own build directory:
#   tsan  ThreadSanitizer (build-tsan): concurrency_test, database_test and load_test (a bulk
#         load writes its families' tables on several threads).
#   asan  AddressSanitizer + UndefinedBehaviorSanitizer (build-asan): the whole ctest suite,
#         with the CLI built (the crash and CLI tests need it).
# Usage: scripts/sanitize.sh [tsan|asan|all]   (default: all). Exits non-zero on any report.
# Environment: CC / CXX pick the compiler (default: CMake's choice; gcc and clang both work).
#
# Only the project's own code is instrumented: Debian's RocksDB, abseil and Cap'n Proto
# libraries are not, so ThreadSanitizer cannot see synchronization they do with atomics or
# futexes, and reports races that such a library actually orders:
#  - RocksDB copies keys and values into its memtable with memcpy, which TSan intercepts and
#    records as writes, and publishes them through atomic skip-list pointers it cannot see; every
#    later read of that memory looked like a race. ignore_noninstrumented_modules=1 makes TSan
#    ignore the interceptors called from uninstrumented libraries, which removes exactly these.
#  - absl::Mutex, which serializes Database::Put and Delete, is invisible to TSan, so concurrent
#    writers look unsynchronized. The test of concurrent writers
#    (ConcurrencyTest.PutsFromManyThreadsAreSerialized) is left out of the TSan run; readers
#    racing one writer thread, which is what TSan can judge, stay in.
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
  cmake --build build-tsan -j2 --target concurrency_test database_test load_test
  export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 history_size=7 \
ignore_noninstrumented_modules=1"
  echo "sanitize: concurrency_test, database_test, load_test under ThreadSanitizer" >&2
  ./build-tsan/tests/concurrency_test --gtest_brief=1 \
    --gtest_filter=-ConcurrencyTest.PutsFromManyThreadsAreSerialized
  ./build-tsan/tests/database_test --gtest_brief=1
  ./build-tsan/tests/load_test --gtest_brief=1
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
