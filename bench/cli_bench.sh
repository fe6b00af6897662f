#!/usr/bin/env bash
# Times whole process invocations, startup included, as a script that calls the CLI many times
# sees them: `annals query ...` against `sqlite3 DB "SELECT ..."` on databases that
# annals-macro-bench left behind (run it with --keep --workdir DIR first).
# Uses hyperfine when installed, else a timing loop (median and mean of RUNS invocations), and
# reports the median CPU time (user + system, bash's `time`, 1 ms resolution) of each command,
# which other processes on a shared machine do not inflate.
# Usage: bench/cli_bench.sh WORKDIR [RUNS]
#   env ANNALS=path/to/annals (default build/tools/annals)
set -euo pipefail
cd "$(dirname "$0")/.."
WORK="${1:?usage: bench/cli_bench.sh WORKDIR [RUNS]}"
RUNS="${2:-50}"
ANNALS="${ANNALS:-build/tools/annals}"
if [ ! -x "$ANNALS" ]; then
  echo "cli_bench: no annals CLI at $ANNALS: build the annals_cli target first" >&2
  exit 2
fi
for f in "$WORK/annals.db" "$WORK/sqlite.db"; do
  [ -e "$f" ] || { echo "cli_bench: $f missing: run annals-macro-bench --keep --workdir $WORK" >&2; exit 2; }
done

us() { echo $(( $(date -u -d "$1" +%s) * 1000000 )); }

# name | annals arguments | SQL
CASES=(
  "actor, one month|query --actor Russia --from 2015-03-01 --to 2015-03-31|SELECT e.record FROM event_actors a JOIN events e ON e.id = a.event_id WHERE a.actor = 'Russia' AND a.start_us < $(us 2015-04-01) AND a.end_us > $(us 2015-03-01) ORDER BY a.start_us, a.event_id"
  "two actors, one year|query --actor Russia --actor Ukraine --from 2014-01-01 --to 2014-12-31|SELECT e.record FROM event_actors a JOIN event_actors b ON b.event_id = a.event_id AND b.actor = 'Ukraine' JOIN events e ON e.id = a.event_id WHERE a.actor = 'Russia' AND a.start_us < $(us 2015-01-01) AND a.end_us > $(us 2014-01-01) ORDER BY a.start_us, a.event_id"
  "global, one day|query --from 2020-06-01 --to 2020-06-01|SELECT record FROM events WHERE start_us < $(us 2020-06-02) AND end_us > $(us 2020-06-01) ORDER BY start_us, id"
  "unknown actor, count|query --actor nobody --count|SELECT count(*) FROM event_actors WHERE actor = 'nobody'"
)

time_loop() {  # prints "median_wall_ms mean_wall_ms median_cpu_ms" of RUNS runs of "$@"
  local t0 t1 all=() cpu=() line
  local TIMEFORMAT='%3U %3S'
  for _ in $(seq "$RUNS"); do
    t0=$(date +%s%N)
    line=$( { time "$@" >/dev/null 2>&1; } 2>&1 )
    t1=$(date +%s%N)
    all+=($(( (t1 - t0) / 1000 )))
    cpu+=($(awk '{printf "%d", ($1 + $2) * 1000000}' <<< "$line"))
  done
  local cpu_med
  cpu_med=$(printf '%s\n' "${cpu[@]}" | sort -n | awk '{v[NR]=$1} END {printf "%.1f", v[int((NR+1)/2)]/1000}')
  printf '%s\n' "${all[@]}" | sort -n |
    awk -v c="$cpu_med" '{v[NR]=$1; s+=$1} END {printf "%.2f %.2f %s", v[int((NR+1)/2)]/1000, s/NR/1000, c}'
}

echo "| query | results annals | results sqlite3 | annals median ms | sqlite3 median ms | annals mean ms | sqlite3 mean ms | annals median CPU ms | sqlite3 median CPU ms |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for c in "${CASES[@]}"; do
  IFS='|' read -r name args sql <<< "$c"
  read -ra argv <<< "$args"
  # Actor names with spaces are not used above, so word splitting of $args is safe.
  n_annals=$("$ANNALS" --db "$WORK/annals.db" "${argv[@]}" --format jsonl | wc -l)
  n_sqlite=$(sqlite3 "$WORK/sqlite.db" "$sql" | wc -l)
  if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 3 --runs "$RUNS" --export-markdown "$WORK/hyperfine.md" \
      "$ANNALS --db $WORK/annals.db $args --format jsonl" "sqlite3 $WORK/sqlite.db \"$sql\"" >&2
  fi
  read -r a_med a_mean a_cpu <<< "$(time_loop "$ANNALS" --db "$WORK/annals.db" "${argv[@]}" --format jsonl)"
  read -r s_med s_mean s_cpu <<< "$(time_loop sqlite3 "$WORK/sqlite.db" "$sql")"
  echo "| $name | $n_annals | $n_sqlite | $a_med | $s_med | $a_mean | $s_mean | $a_cpu | $s_cpu |"
  [ "$n_annals" -eq "$n_sqlite" ] || { echo "cli_bench: result counts differ for $name" >&2; exit 1; }
done
