#!/usr/bin/env bash
# Sets everything up (Debian packages, build) and runs the whole test suite with ctest.
# Usage: scripts/test.sh [BUILD_DIR]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${1:-build}"
scripts/setup.sh "$BUILD_DIR"
ctest --test-dir "$BUILD_DIR" --output-on-failure -j2
