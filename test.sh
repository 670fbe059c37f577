#!/usr/bin/env bash
# Installs what is missing, builds everything and runs every test through CTest.
# Usage: ./test.sh [ctest arguments…]   e.g. ./test.sh -L unit   or   ./test.sh -R tst_design_io
set -euo pipefail
cd "$(dirname "$0")"
source scripts/deps.sh
netvirt_install_missing "${NETVIRT_BUILD_PACKAGES[@]}" "${NETVIRT_TEST_PACKAGES[@]}"

preset=default
[ "${CI:-}" = "true" ] && preset=ci
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"

# The sanitizer build runs the fuzzers' regression inputs and short fuzzing sessions.
if [ "${NETVIRT_SKIP_SANITIZERS:-}" != "1" ] && [ -f tests/fuzz/CMakeLists.txt ]; then
  cmake --preset asan >/dev/null
  cmake --build --preset asan
fi

cd build
ctest --output-on-failure --no-tests=error -j2 "$@"
