#!/usr/bin/env bash
# Installs every Debian 12 package Annals needs (as root) and builds the project.
# Usage: scripts/setup.sh [--no-build] [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(cmake g++ make pkg-config ninja-build
  librocksdb-dev rocksdb-tools libcapnp-dev capnproto libabsl-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libcli11-dev rapidjson-dev libutf8proc-dev zlib1g-dev libzstd-dev
  libxxhash-dev libsqlite3-dev sqlite3 python3 clang-format libarchive-dev chromium)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "setup: installing ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Node and npm fetch the timeline page's pinned JavaScript (web/package-lock.json) and the edtf.js
# peer of the time-model differential test (tests/edtf/package-lock.json). Debian's `npm` conflicts
# with a nodesource `nodejs` that already brings npm: install them only when npm is missing.
if ! command -v npm >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "setup: installing nodejs npm" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
for dir in web tests/edtf; do
  if [ ! -f $dir/node_modules/.package-lock.json ] ||
     [ $dir/package-lock.json -nt $dir/node_modules/.package-lock.json ]; then
    echo "setup: npm ci in $dir/" >&2
    (cd $dir && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  fi
done

build=1
if [ "${1:-}" = "--no-build" ]; then build=0; shift; fi
BUILD_DIR="${1:-build}"
if [ "$build" -eq 1 ]; then
  # ANNALS_CMAKE_FLAGS: extra configure flags (CI passes -DANNALS_WERROR=ON).
  # shellcheck disable=SC2086
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo ${ANNALS_CMAKE_FLAGS:-} >/dev/null
  cmake --build "$BUILD_DIR" -j2
fi
