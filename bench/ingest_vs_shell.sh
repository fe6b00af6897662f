#!/usr/bin/env bash
# Ingest as a user runs it: `annals ingest timeline.jsonl` (and `ingest --bulk`) against the
# `sqlite3` shell loading
# the same events as pre-parsed SQL (a `.dump` of the macro benchmark's plain SQLite database,
# without its role table, so SQLite loads the events, their actors and three indexes, built after
# the rows as the shell does). Both into a fresh database, RUNS times each, alternating; prints
# user+system CPU seconds and wall seconds of every run and the ratios of the medians.
# Making the dump is not timed: that is the "pre-parsed" part, which favours SQLite.
# Usage: bench/ingest_vs_shell.sh WORKDIR [RUNS]    (WORKDIR from annals-macro-bench --keep)
#   env ANNALS=path/to/annals (default build/tools/annals)
set -euo pipefail
cd "$(dirname "$0")/.."
WORK="${1:?usage: bench/ingest_vs_shell.sh WORKDIR [RUNS]}"
RUNS="${2:-3}"
ANNALS="${ANNALS:-build/tools/annals}"
for f in "$WORK/timeline.jsonl" "$WORK/sqlite.db"; do
  [ -e "$f" ] || { echo "ingest_vs_shell: $f missing: run annals-macro-bench --keep --workdir $WORK" >&2; exit 2; }
done
# load.sql: the dump as the shell writes it (indexes built after the rows); load-indexed.sql: the
# same with the indexes created before the rows, as a schema script followed by inserts does.
SQL="$WORK/load.sql"
if [ ! -s "$SQL" ]; then
  sqlite3 "$WORK/sqlite.db" .dump | grep -v -e 'event_roles' -e '^INSERT INTO sqlite_stat1' >"$SQL"
fi
SQL_INDEXED="$WORK/load-indexed.sql"
if [ ! -s "$SQL_INDEXED" ]; then
  { grep -E '^(PRAGMA|BEGIN)' "$SQL"
    grep -E '^CREATE TABLE' "$SQL"
    grep -E '^CREATE INDEX' "$SQL"
    grep -v -E '^(PRAGMA|BEGIN|CREATE TABLE|CREATE INDEX)' "$SQL"; } >"$SQL_INDEXED"
fi
SCRATCH="$WORK/ingest-scratch"

run() {  # INPUT COMMAND...: prints "cpu_seconds wall_seconds" of COMMAND reading INPUT
  local input="$1" t
  shift
  local TIMEFORMAT='%3U %3S %3R'
  t=$( { time "$@" <"$input" >/dev/null 2>&1; } 2>&1 )
  awk '{printf "%.3f %.3f", $1 + $2, $3}' <<<"$t"
}

median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

a_cpu=() a_wall=() b_cpu=() b_wall=() s_cpu=() s_wall=() i_cpu=() i_wall=()
echo "| run | annals CPU s | annals wall s | annals --bulk CPU s | wall s | sqlite3 CPU s | sqlite3 wall s | sqlite3, indexes first: CPU s | wall s |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for i in $(seq "$RUNS"); do
  rm -rf "$SCRATCH" && mkdir -p "$SCRATCH"
  read -r ac aw <<<"$(run "$WORK/timeline.jsonl" "$ANNALS" --db "$SCRATCH/annals.db" ingest -)"
  read -r bc bw <<<"$(run "$WORK/timeline.jsonl" "$ANNALS" --db "$SCRATCH/bulk.db" ingest --bulk -)"
  read -r sc sw <<<"$(run "$SQL" sqlite3 "$SCRATCH/sqlite.db")"
  read -r ic iw <<<"$(run "$SQL_INDEXED" sqlite3 "$SCRATCH/indexed.db")"
  echo "| $i | $ac | $aw | $bc | $bw | $sc | $sw | $ic | $iw |"
  a_cpu+=("$ac") a_wall+=("$aw") b_cpu+=("$bc") b_wall+=("$bw") s_cpu+=("$sc") s_wall+=("$sw")
  i_cpu+=("$ic") i_wall+=("$iw")
done
events=$("$ANNALS" --db "$SCRATCH/annals.db" stats --format json | sed -n 's/^{"events":\([0-9]*\),.*/\1/p')
bulk=$("$ANNALS" --db "$SCRATCH/bulk.db" stats --format json | sed -n 's/^{"events":\([0-9]*\),.*/\1/p')
[ "$events" = "$bulk" ] || { echo "ingest_vs_shell: annals holds $events events, --bulk $bulk" >&2; exit 1; }
for db in sqlite indexed; do
  rows=$(sqlite3 "$SCRATCH/$db.db" "SELECT count(*) FROM events")
  [ "$events" = "$rows" ] || { echo "ingest_vs_shell: annals holds $events events, $db.db $rows" >&2; exit 1; }
done
rm -rf "$SCRATCH"
am=$(printf '%s\n' "${a_cpu[@]}" | median) aw=$(printf '%s\n' "${a_wall[@]}" | median)
bm=$(printf '%s\n' "${b_cpu[@]}" | median) bw=$(printf '%s\n' "${b_wall[@]}" | median)
sm=$(printf '%s\n' "${s_cpu[@]}" | median) sw=$(printf '%s\n' "${s_wall[@]}" | median)
im=$(printf '%s\n' "${i_cpu[@]}" | median) iw=$(printf '%s\n' "${i_wall[@]}" | median)
echo
echo "$events events each. Medians: annals $am s CPU, $aw s wall; annals --bulk $bm s CPU, $bw s wall;"
echo "sqlite3 $sm s CPU, $sw s wall;"
echo "sqlite3 with the indexes first $im s CPU, $iw s wall."
awk -v am="$am" -v aw="$aw" -v bm="$bm" -v bw="$bw" -v sm="$sm" -v sw="$sw" -v im="$im" -v iw="$iw" 'BEGIN {
  printf "sqlite3 time / annals time: dump %.2f (CPU), %.2f (wall); indexes first %.2f (CPU), %.2f (wall)\n",
    sm / am, sw / aw, im / am, iw / aw
  printf "sqlite3 time / annals --bulk time: dump %.2f (CPU), %.2f (wall); indexes first %.2f (CPU), %.2f (wall)\n",
    sm / bm, sw / bw, im / bm, iw / bw }'
