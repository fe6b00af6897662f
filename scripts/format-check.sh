#!/usr/bin/env bash
# Fails when a C++ source under engine/, tools/, tests/, bench/, fuzz/ or examples/ is not formatted
# as .clang-format says (clang-format 14, Debian's clang-format package). Prints the files that
# differ; `scripts/format-check.sh --fix` rewrites them.
set -euo pipefail
cd "$(dirname "$0")/.."
CLANG_FORMAT="${CLANG_FORMAT:-$(command -v clang-format || command -v clang-format-14 || true)}"
if [ -z "$CLANG_FORMAT" ]; then
  echo "format-check: clang-format not found (apt-get install clang-format)" >&2
  exit 2
fi
# Tracked files and new ones not yet added (a new source is checked before its first commit).
mapfile -t files < <(git ls-files --cached --others --exclude-standard \
  'engine/*.cc' 'engine/*.h' 'tools/*.cc' 'tools/*.h' 'tests/*.cc' \
  'tests/*.h' 'bench/*.cc' 'bench/*.h' 'fuzz/*.cc' 'fuzz/*.h' 'examples/*.cc')
if [ "${1:-}" = "--fix" ]; then
  "$CLANG_FORMAT" -i "${files[@]}"
  exit 0
fi
bad=0
for f in "${files[@]}"; do
  if ! "$CLANG_FORMAT" "$f" | cmp -s - "$f"; then
    echo "format-check: $f is not clang-formatted" >&2
    bad=1
  fi
done
[ "$bad" -eq 0 ] && echo "format-check: OK (${#files[@]} files)"
exit "$bad"
