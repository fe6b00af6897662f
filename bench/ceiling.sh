#!/usr/bin/env bash
# The single-machine ceiling: streams N generated records (annals-gen, no file) into one
# `annals ingest`, samples the database as it grows, then runs the macro benchmark's query mix
# on the result (Annals alone, through the API).
#
# Every SAMPLE seconds it prints one line: seconds since the start, events stored (`annals stats`,
# a reader opened beside the writer), the ingest rate since the last sample, bytes on disk per
# event, and the ingest process's resident and peak memory. At the end: the ingest's summary,
# CPU seconds, peak RSS, and the query report (p50/p99 wall and CPU per kind).
#
# Usage: bench/ceiling.sh EVENTS WORKDIR [SAMPLE_SECONDS]
#   env BUILD=build (annals-gen, annals-macro-bench and tools/annals are taken from there)
# The binaries are copied into WORKDIR first, so rebuilding during a long run does not touch them.
# Needs about 380 bytes of disk per event (news shape); the timeline itself is never written:
# the macro benchmark's copy goes to /dev/null (it only needs the generator's statistics).
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:?usage: bench/ceiling.sh EVENTS WORKDIR [SAMPLE_SECONDS]}"
WORK="${2:?usage: bench/ceiling.sh EVENTS WORKDIR [SAMPLE_SECONDS]}"
SAMPLE="${3:-60}"
BUILD="${BUILD:-build}"
[ -e "$WORK/annals.db" ] && { echo "ceiling: $WORK/annals.db exists" >&2; exit 2; }
mkdir -p "$WORK/bin"
cp "$BUILD/bench/annals-gen" "$BUILD/bench/annals-macro-bench" "$BUILD/tools/annals" "$WORK/bin/"
BIN="$WORK/bin"
DB="$WORK/annals.db"

echo "| seconds | events | events/s since last | disk bytes/event | ingest RSS MiB | ingest peak RSS MiB |"
echo "|---:|---:|---:|---:|---:|---:|"
start=$(date +%s)
# `time` of the whole pipeline's ingest side: user+sys CPU seconds and peak RSS (KiB).
"$BIN/annals-gen" --events "$N" --seed 1 |
  /usr/bin/time -f '%U %S %M' -o "$WORK/ingest.time" \
    "$BIN/annals" --db "$DB" ingest - 2>"$WORK/ingest.log" &
pipeline=$!
sleep 2
pid=$(pgrep -n -f "$BIN/annals --db $DB ingest" || true)
last_events=0
last_t=$start
while kill -0 "$pipeline" 2>/dev/null; do
  sleep "$SAMPLE"
  kill -0 "$pipeline" 2>/dev/null || break
  now=$(date +%s)
  # A sample that fails (a reader open, or du meeting a file the writer just deleted) is skipped,
  # not fatal: the load goes on.
  events=$({ "$BIN/annals" --db "$DB" stats --format json 2>>"$WORK/samples.err" || true; } |
    sed -n 's/^{"events":\([0-9]*\),.*/\1/p')
  [ -n "$events" ] || { echo "| $(( $(date +%s) - start )) | sample failed: $(tail -n 1 "$WORK/samples.err" 2>/dev/null) |"; continue; }
  disk=$(du -sb "$DB" 2>/dev/null | cut -f1 || true)
  [ -n "$disk" ] || continue
  rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status" 2>/dev/null || echo -)
  hwm=$(awk '/VmHWM/ {print int($2/1024)}' "/proc/$pid/status" 2>/dev/null || echo -)
  rate=$(( (events - last_events) / (now - last_t > 0 ? now - last_t : 1) ))
  per=$(( events > 0 ? disk / events : 0 ))
  echo "| $((now - start)) | $events | $rate | $per | $rss | $hwm |"
  last_events=$events
  last_t=$now
done
wait "$pipeline"
end=$(date +%s)
echo
echo "ingest: $(tail -n 1 "$WORK/ingest.log")"
read -r user sys peak <"$WORK/ingest.time"
echo "ingest wall seconds: $((end - start)); CPU seconds: $(echo "$user + $sys" | bc); peak RSS MiB: $((peak / 1024))"
echo "disk: $(du -sb "$DB" | cut -f1) bytes; $("$BIN/annals" --db "$DB" stats | head -n 1)"
echo
ln -sf /dev/null "$WORK/timeline.jsonl"
"$BIN/annals-macro-bench" --events "$N" --seed 1 --engines annals --workdir "$WORK" --reuse --keep \
  --budget 60
