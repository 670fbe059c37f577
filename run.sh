#!/usr/bin/env bash
# Installs what is missing, builds, and opens the designer on the bundled example. With no
# display it runs a headless demo of the command-line tools on the same example.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/deps.sh
netvirt_install_missing "${NETVIRT_BUILD_PACKAGES[@]}"
cmake --preset default >/dev/null
cmake --build --preset default

example=resources/examples/red-blue.json
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec build/app/netvirt-designer "$example" "$@"
fi

echo "No display: running the headless demo on $example"
exec scripts/demo.sh "$example"
