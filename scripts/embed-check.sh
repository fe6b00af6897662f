#!/usr/bin/env bash
# Checks that Annals works as an installed package: installs it from BUILD_DIR into a temporary
# prefix, then configures, builds and runs examples/embed (copied out of the source tree) against
# that prefix alone, and checks the program's output. With the CLI built, the installed `annals`
# must also read the example's database.
# Usage: scripts/embed-check.sh [BUILD_DIR]   (default: build; configured if it is not yet)
# Exit status 0 only if every step passed; any failure prints "embed-check: FAILED: ...".
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
BUILD_DIR="${1:-build}"

fail() { echo "embed-check: FAILED: $*" >&2; exit 1; }
trap 'echo "embed-check: FAILED at line $LINENO: $BASH_COMMAND" >&2' ERR
step() { echo "embed-check: $*"; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/annals-embed-check.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
PREFIX="$WORK/prefix"

if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
  step "configuring $BUILD_DIR"
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
targets=(annals)
if grep -q '^ANNALS_BUILD_TOOLS:BOOL=ON' "$BUILD_DIR/CMakeCache.txt"; then targets+=(annals_cli); fi
step "building ${targets[*]} in $BUILD_DIR"
cmake --build "$BUILD_DIR" -j2 --target "${targets[@]}" >/dev/null

step "installing into $PREFIX"
cmake --install "$BUILD_DIR" --prefix "$PREFIX" >/dev/null
config="$(find "$PREFIX" -name annals-config.cmake -print -quit)"
[ -n "$config" ] || fail "no annals-config.cmake under $PREFIX"
for f in "$(dirname "$config")/annals-config-version.cmake" "$(dirname "$config")/annals-targets.cmake" \
  "$PREFIX/share/annals/event.capnp"; do
  [ -f "$f" ] || fail "not installed: ${f#"$PREFIX"/}"
done
for h in "$ROOT"/engine/include/annals/*.h; do
  cmp -s "$h" "$PREFIX/include/annals/$(basename "$h")" || fail "not installed: include/annals/$(basename "$h")"
done
[ -n "$(find "$PREFIX" -name 'libannals.*' -print -quit)" ] || fail "libannals not installed"
if [[ " ${targets[*]} " == *" annals_cli "* ]]; then
  [ -x "$PREFIX/bin/annals" ] || fail "bin/annals not installed"
fi

step "building examples/embed against $PREFIX only"
cp -r examples/embed "$WORK/src"
cmake -S "$WORK/src" -B "$WORK/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_PREFIX_PATH="$PREFIX" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF >"$WORK/configure.log" 2>&1 ||
  { cat "$WORK/configure.log" >&2; fail "configuring the example"; }
found="$(sed -n 's/^annals_DIR:PATH=//p' "$WORK/build/CMakeCache.txt")"
[ "$found" = "$(dirname "$config")" ] || fail "the example found annals in '$found', not in $PREFIX"
if grep -Fq "$ROOT/" "$WORK/build/build.ninja"; then fail "the example's build refers to the source tree $ROOT"; fi
cmake --build "$WORK/build" -j2 >"$WORK/build.log" 2>&1 ||
  { cat "$WORK/build.log" >&2; fail "building the example"; }

step "running the example"
DB="$WORK/timeline.db"
rc=0
"$WORK/build/embed_example" "$DB" >"$WORK/out.txt" || rc=$?
[ "$rc" -eq 0 ] || { cat "$WORK/out.txt"; fail "embed_example exited with status $rc"; }
sed 's/^/  | /' "$WORK/out.txt"

expect_line() { grep -Fxq -- "$1" "$WORK/out.txt" || fail "the example's output lacks the line: $1"; }
expect_prefix() { grep -Fq -- "$1" "$WORK/out.txt" || fail "the example's output lacks: $1"; }
expect_line "put: 5 added, 0 replaced, 0 unchanged"
expect_line "put again: 0 added, 0 replaced, 5 unchanged"
expect_prefix "bad record rejected: INVALID_ARGUMENT: "
expect_prefix 'get "no-such-event": NOT_FOUND: '
# The results of each query, in order.
got="$(awk '/^NATO, 2024-10 to 2024-11:$/{p=1;next} /^$/{p=0} p && /^  [^(]/' "$WORK/out.txt")"
want="  2024-10                Rutte: NATO will work with whoever wins the US election
  2024-10                North Korean troops reported in Russia"
[ "$got" = "$want" ] || fail "NATO query: got
$got"
got="$(awk '/^Kamala Harris and Donald Trump:$/{p=1;next} /^$/{p=0} p && /^  [^(]/' "$WORK/out.txt")"
want="  2024-10                Rutte: NATO will work with whoever wins the US election
  2024-11-05             US presidential election"
[ "$got" = "$want" ] || fail "all-of query: got
$got"
got="$(awk '/^Under way on 2024-10-15:$/{p=1;next} /^$/{p=0} p && /^  [^(]/' "$WORK/out.txt")"
want="  2022-02-24/..          Russia's war against Ukraine
  2024-10                Rutte: NATO will work with whoever wins the US election
  2024-10                North Korean troops reported in Russia"
[ "$got" = "$want" ] || fail "one-day query: got
$got"
expect_line "events involving Donald Trump: 3"
expect_prefix "stats: 5 events, 9 actors, 5 types, from 2017-01-20T00:00:00.000000Z to .."
expect_line "check: 5 events verified, no problems"
expect_line "read-only reader sees 5 events"
expect_prefix "read-only put: FAILED_PRECONDITION: "

if [ -x "$PREFIX/bin/annals" ]; then
  step "reading the example's database with the installed CLI"
  ids="$("$PREFIX/bin/annals" --db "$DB" query --actor NATO --from 2024-10 --to 2024-11 --format jsonl |
    sed -n 's/^{"id":"\([^"]*\)".*/\1/p' | tr '\n' ' ')"
  [ "$ids" = "rutte-berlin-unity north-korean-troops " ] || fail "annals query printed ids: $ids"
  "$PREFIX/bin/annals" --db "$DB" check >/dev/null || fail "annals check on the example's database"
fi
step "OK"
