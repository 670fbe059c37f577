#!/usr/bin/env bash
# Installs what is missing, builds everything and runs every test through CTest:
#   1. the release build (warnings are errors under CI=true): unit, gui, privileged tests;
#   2. clang-14 with ASan+UBSan: the fuzz targets replay their corpora and fuzz for a while;
#   3. clang-14 with ThreadSanitizer: the emulator runtime tests.
# Usage: ./test.sh [ctest arguments for step 1…]   e.g. ./test.sh -L unit   or   ./test.sh -R tst_cli
# NETVIRT_SKIP_SANITIZERS=1 skips steps 2 and 3 (quick local runs).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/deps.sh
netvirt_install_missing "${NETVIRT_BUILD_PACKAGES[@]}" "${NETVIRT_TEST_PACKAGES[@]}"

preset=default
[ "${CI:-}" = "true" ] && preset=ci
status=0

cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
ctest --test-dir build --output-on-failure --no-tests=error -j2 -LE fuzz "$@" || status=1

if [ "${NETVIRT_SKIP_SANITIZERS:-}" != "1" ] && [ $# -eq 0 ]; then
  echo "== ASan + UBSan: fuzz targets"
  cmake --preset asan >/dev/null
  cmake --build --preset asan
  ctest --test-dir build-asan --output-on-failure --no-tests=error -L fuzz -j2 || status=1

  echo "== ThreadSanitizer: emulator runtime"
  cmake --preset tsan >/dev/null
  tsan_tests=$(cd tests/emulator && ls tst_runtime*.cpp 2>/dev/null | sed 's/\.cpp$//' | tr '\n' ' ')
  if [ -n "$tsan_tests" ]; then
    # shellcheck disable=SC2086
    cmake --build --preset tsan --target $tsan_tests
    # TSan options are compiled into the test binaries: tests/support/tsan_options.cpp.
    ctest --test-dir build-tsan --output-on-failure --no-tests=error \
          -R "^($(echo $tsan_tests | tr ' ' '|'))\$" || status=1
  fi
fi
exit $status
