#!/usr/bin/env bash
# Times `annals count` / `annals related` against the `sqlite3` shell running the equivalent
# GROUP BY, as whole processes (startup included), on the databases annals-aggregate-bench leaves
# in its work directory. Prints a markdown table of median wall times over RUNS invocations and
# checks that both print the same number of rows.
# Usage: bench/cli_count_bench.sh WORKDIR [RUNS]    env ANNALS=path/to/annals
set -euo pipefail
cd "$(dirname "$0")/.."
WORK="${1:?usage: bench/cli_count_bench.sh WORKDIR [RUNS]}"
RUNS="${2:-20}"
ANNALS="${ANNALS:-build/tools/annals}"
for f in "$WORK/annals.db" "$WORK/sqlite.db"; do
  [ -e "$f" ] || { echo "cli_count_bench: $f missing: run annals-aggregate-bench --workdir $WORK" >&2; exit 2; }
done
us() { echo $(( $(date -u -d "$1" +%s) * 1000000 )); }
F=$(us 2015-01-01); T=$(us 2020-01-01); Y0=$(us 2019-01-01); Y1=$(us 2020-01-01)
MON=$(( F - (F - 345600000000) % 604800000000 ))

median_ms() {  # median wall time of RUNS runs of "$@"
  local t0 t1 all=()
  for _ in $(seq "$RUNS"); do
    t0=$(date +%s%N); "$@" >/dev/null; t1=$(date +%s%N)
    all+=($(( (t1 - t0) / 1000 )))
  done
  printf '%s\n' "${all[@]}" | sort -n | awk '{v[NR]=$1} END {printf "%.1f", v[int((NR+1)/2)]/1000}'
}

row() {  # name, then the annals arguments, then -- and the SQL
  local name="$1"; shift
  local args=()
  while [ "$1" != "--" ]; do args+=("$1"); shift; done
  local sql="$2"
  local a s
  a=$("$ANNALS" --db "$WORK/annals.db" "${args[@]}" --format csv | tail -n +2 | awk -F, '$2 != "0" || NF == 2' | wc -l)
  s=$(sqlite3 "$WORK/sqlite.db" "$sql" | wc -l)
  echo "| $name | $a | $s | $(median_ms "$ANNALS" --db "$WORK/annals.db" "${args[@]}" --format csv) | $(median_ms sqlite3 "$WORK/sqlite.db" "$sql") |"
}

echo "| kind | rows annals | rows sqlite3 | annals median ms | sqlite3 median ms |"
echo "|---|---:|---:|---:|---:|"
row "monthly, one actor, 5 years" count --by month --actor "United States" --from 2015 --to 2019 -- \
  "SELECT strftime('%Y-%m', start_us / 1000000, 'unixepoch'), count(*) FROM event_actors WHERE actor = 'United States' AND start_us >= $F AND start_us < $T GROUP BY 1"
row "weekly, a dyad, 5 years" count --by week --actor Russia --actor Ukraine --from 2015 --to 2019 -- \
  "SELECT (a.start_us - 345600000000) / 604800000000, count(*) FROM event_actors a JOIN event_actors b ON b.event_id = a.event_id AND b.actor = 'Ukraine' WHERE a.actor = 'Russia' AND a.start_us >= $MON AND a.start_us < $T AND a.end_us > $F GROUP BY 1"
row "top types, one year" count --by type --from 2019 --to 2019 -- \
  "SELECT coalesce(type, ''), count(*) FROM events WHERE start_us < $Y1 AND end_us > $Y0 GROUP BY type"
row "top 10 co-actors" related --actor "United States" --limit 10 -- \
  "SELECT lower(b.actor), count(*) FROM event_actors a JOIN event_actors b ON b.event_id = a.event_id AND b.actor <> a.actor WHERE a.actor = 'United States' GROUP BY b.actor ORDER BY 2 DESC, 1 LIMIT 10"
