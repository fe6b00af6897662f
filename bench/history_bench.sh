#!/usr/bin/env bash
# What history costs (spec HISTORY.md, "Cost"): the same generated events loaded into
#   plain    by this build, never revised;
#   revised  by this build, then 20% of the ids corrected three times and 2% deleted;
#   before   (when ANNALS_BEFORE names a build without history, e.g. one of commit e074ca0) by it,
# then disk per database and the median CPU time of each query kind as whole CLI processes, plus
# as-of queries on `revised`.
# Usage: bench/history_bench.sh WORKDIR [EVENTS] [RUNS]
#   env ANNALS (default build/tools/annals), GEN (default build/bench/annals-gen), ANNALS_BEFORE
set -euo pipefail
cd "$(dirname "$0")/.."
WORK="${1:?usage: bench/history_bench.sh WORKDIR [EVENTS] [RUNS]}"
EVENTS="${2:-300000}"
RUNS="${3:-30}"
ANNALS="${ANNALS:-build/tools/annals}"
GEN="${GEN:-build/bench/annals-gen}"
mkdir -p "$WORK"
rm -rf "$WORK"/*.db

"$GEN" --events "$EVENTS" --seed 7 --out "$WORK/events.jsonl"
# Corrections: every fifth record with a new title, three times over; deletions: every 50th id.
for round in 1 2 3; do
  awk -v r="$round" 'NR % 5 == 0 { sub(/"title":"/, "\"title\":\"(correction " r ") "); print }' \
    "$WORK/events.jsonl" > "$WORK/revision$round.jsonl"
done
awk 'NR % 50 == 0' "$WORK/events.jsonl" | sed -E 's/^\{"id":"([^"]*)".*/\1/' > "$WORK/deleted.txt"

"$ANNALS" --db "$WORK/plain.db" ingest "$WORK/events.jsonl" 2>/dev/null
"$ANNALS" --db "$WORK/revised.db" ingest "$WORK/events.jsonl" 2>/dev/null
sleep 0.01; AS_OF_LOADED=$(date -u +%Y-%m-%dT%H:%M:%S.%6NZ)
for round in 1 2 3; do "$ANNALS" --db "$WORK/revised.db" ingest "$WORK/revision$round.jsonl" 2>/dev/null; done
xargs -a "$WORK/deleted.txt" -n 1000 "$ANNALS" --db "$WORK/revised.db" delete 2>/dev/null
DBS=(plain revised)
if [ -n "${ANNALS_BEFORE:-}" ]; then
  "$ANNALS_BEFORE" --db "$WORK/before.db" ingest "$WORK/events.jsonl" 2>/dev/null
  DBS=(before plain revised)
fi

time_loop() {  # median CPU ms (user + system) per run of "$@": RUNS samples of 5 runs each
  local TIMEFORMAT='%3U %3S' cpu=() line
  for _ in $(seq "$RUNS"); do
    line=$( { time for _ in 1 2 3 4 5; do "$@" >/dev/null 2>&1; done; } 2>&1 )
    cpu+=($(awk '{printf "%d", ($1 + $2) * 1000000 / 5}' <<< "$line"))
  done
  printf '%s\n' "${cpu[@]}" | sort -n | awk '{v[NR]=$1} END {printf "%.1f", v[int((NR+1)/2)] / 1000}'
}

echo "| database | disk bytes | events | closed versions |"
echo "|---|---:|---:|---:|"
for db in "${DBS[@]}"; do
  bin="$ANNALS"; [ "$db" = before ] && bin="$ANNALS_BEFORE"
  bytes=$(du -sb "$WORK/$db.db" | cut -f1)
  events=$("$bin" --db "$WORK/$db.db" query --count)
  versions=$("$bin" --db "$WORK/$db.db" check 2>/dev/null | sed -nE 's/.* ([0-9,]+) closed versions?:.*/\1/p')
  echo "| $db | $bytes | $events | ${versions:-0} |"
done
echo
CASES=(
  "actor, one month|query --actor Russia --from 2015-03 --to 2015-03"
  "two actors, one year|query --actor Russia --actor Ukraine --from 2014 --to 2014"
  "global, one day|query --from 2020-06-01 --to 2020-06-01"
  "unknown actor, count|query --actor nobody --count"
  "count by month, one actor|count --by month --actor Russia --from 2015 --to 2019"
)
header="| query |"; rule="|---|"
for db in "${DBS[@]}"; do header+=" $db CPU ms |"; rule+="---:|"; done
header+=" revised as of load CPU ms | results (plain / revised / as of) |"; rule+="---:|---|"
echo "$header"; echo "$rule"
for c in "${CASES[@]}"; do
  IFS='|' read -r name args <<< "$c"
  read -ra argv <<< "$args"
  row="| $name |"
  for db in "${DBS[@]}"; do
    bin="$ANNALS"; [ "$db" = before ] && bin="$ANNALS_BEFORE"
    row+=" $(time_loop "$bin" --db "$WORK/$db.db" "${argv[@]}" --format jsonl) |"
  done
  row+=" $(time_loop "$ANNALS" --db "$WORK/revised.db" "${argv[@]}" --as-of "$AS_OF_LOADED" --format jsonl) |"
  n_plain=$("$ANNALS" --db "$WORK/plain.db" "${argv[@]}" --format jsonl | wc -l)
  n_rev=$("$ANNALS" --db "$WORK/revised.db" "${argv[@]}" --format jsonl | wc -l)
  n_asof=$("$ANNALS" --db "$WORK/revised.db" "${argv[@]}" --as-of "$AS_OF_LOADED" --format jsonl | wc -l)
  echo "$row $n_plain / $n_rev / $n_asof |"
  # As of the load, the revised database answers exactly what the plain one does (`recorded`
  # defaults to each database's own ingest time, so it is left out).
  strip() { sed -E 's/,"recorded":"[^"]*"//'; }
  if [ "$("$ANNALS" --db "$WORK/plain.db" "${argv[@]}" --format jsonl | strip | md5sum)" != \
       "$("$ANNALS" --db "$WORK/revised.db" "${argv[@]}" --as-of "$AS_OF_LOADED" --format jsonl | strip | md5sum)" ]; then
    echo "history_bench: $name as of the load differs from the plain database" >&2
    exit 1
  fi
done
