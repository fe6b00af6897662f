#!/usr/bin/env bash
# Renders an `annals timeline` page in headless Chromium at 1280x800 and writes a PNG, with every
# network request made to fail (the page needs none).
# Usage: scripts/timeline-screenshot.sh PAGE.html OUT.png
set -euo pipefail
if [ $# -ne 2 ]; then echo "usage: $0 PAGE.html OUT.png" >&2; exit 2; fi
page="$(realpath "$1")"
out="$(realpath -m "$2")"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --window-size=1280,800 --hide-scrollbars \
  --virtual-time-budget=5000 --host-resolver-rules="MAP * ~NOTFOUND" \
  --disable-background-networking --disable-component-update --disable-sync --no-first-run \
  --user-data-dir="$profile" --screenshot="$out" "file://$page" 2>/dev/null
echo "wrote $out"
