#!/usr/bin/env bash
# Smoke check of the benchmarks: builds them, checks that the generator is deterministic, runs every
# micro benchmark briefly and the macro harness on a small timeline (which exits 1 if Annals and
# SQLite return different results), then the layout probe on its database. Asserts nothing about
# timings.
# Usage: scripts/bench-smoke.sh [BUILD_DIR]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${1:-build}"
EVENTS="${BENCH_SMOKE_EVENTS:-20000}"

cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DANNALS_BUILD_BENCH=ON >/dev/null
cmake --build "$BUILD_DIR" -j2 --target annals-gen annals-micro-bench annals-macro-bench \
  annals-layout-probe

bench="$BUILD_DIR/bench"
work="$(mktemp -d "${TMPDIR:-/tmp}/annals-bench-smoke-XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "== generator: deterministic output"
"$bench/annals-gen" --events 5000 --seed 7 --out "$work/a.jsonl"
"$bench/annals-gen" --events 5000 --seed 7 > "$work/b.jsonl"
cmp "$work/a.jsonl" "$work/b.jsonl"
[ "$(wc -l < "$work/a.jsonl")" -eq 5000 ]

echo "== micro benchmarks"
"$bench/annals-micro-bench" --benchmark_min_time=0.01

echo "== macro harness ($EVENTS events)"
"$bench/annals-macro-bench" --events "$EVENTS" --draws 40 --budget 10 --workdir "$work/macro"

echo "== macro harness, two kinds (--kinds), two rounds (--rounds) on the databases left above"
"$bench/annals-macro-bench" --events "$EVENTS" --draws 20 --workdir "$work/macro" --reuse \
  --engines annals,sqlite --kinds actor_small,type_range --rounds 2

echo "== layout probe (records, covering entries, scan) on that database"
"$bench/annals-layout-probe" records "$work/macro/annals.db" "$work/records" compact
"$bench/annals-layout-probe" covering "$work/macro/annals.db" "$work/covering" compact
"$bench/annals-layout-probe" scan "$work/macro/annals.db" "$work/covering" compact

echo "bench-smoke: OK"
