#!/usr/bin/env bash
# Sets everything up, loads the sample timeline (examples/seed-timeline.jsonl, from a news article
# of October 2024) into a fresh database and prints a few timeline queries.
# Usage: scripts/demo.sh [DB_DIR]   (default: build/demo.db, replaced on every run)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build >/dev/null
DB="${1:-build/demo.db}"
rm -rf "$DB"
annals=build/tools/annals
# Tables fit the terminal; off a terminal they are 100 columns unless COLUMNS says otherwise.
run() { echo; echo "\$ annals$(printf ' %q' "$@")"; "$annals" --db "$DB" "$@"; }
run ingest examples/seed-timeline.jsonl
run query --actor "Mark Rutte" --format table
run query --actor NATO --from 2024-10 --to 2024-11 --format table
run query --from 2024-10-15 --to 2024-10-15 --format table
run actors --format table
run count --by month --from 2024-07 --to 2024-11 --format table
run related --actor "Mark Rutte" --format table
run timeline --actor NATO --from 2024-07 --to 2024-11 -o build/nato-timeline.html
echo "(a self-contained page: open build/nato-timeline.html in a browser)"
