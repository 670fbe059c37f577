#!/usr/bin/env bash
# Installs the Debian 12 packages that NetVirt Designer needs and that are missing: only
# those, and quietly when everything is there. Sourced by run.sh and test.sh.
set -euo pipefail

NETVIRT_BUILD_PACKAGES=(
  cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools
  qt6-l10n-tools libqt6opengl6-dev libgl-dev
  libboost-dev libpcap-dev libzstd-dev nlohmann-json3-dev libbenchmark-dev libgraphviz-dev
)
# What the tests use beyond the build: the fuzzers and sanitizers (clang-14), a display
# server for GUI tests, tshark for the NVGRE interop test, iproute2 for namespaces,
# poppler-utils (pdfinfo, pdftotext) to read back the exported PDFs and review reports,
# openvswitch-switch (an independent NVGRE endpoint for the interop test), netcat-openbsd
# (TCP payload through the emulator).
NETVIRT_TEST_PACKAGES=(
  clang-14 libclang-rt-14-dev xvfb xauth tshark iproute2 zstd iputils-ping poppler-utils
  openvswitch-switch netcat-openbsd
)

netvirt_install_missing() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing missing packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
