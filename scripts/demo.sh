#!/usr/bin/env bash
# The headless demo of ./run.sh: what NetVirt Designer does, on the bundled example, without a
# display. Each step is a real `netvirt` command.
set -uo pipefail
cd "$(dirname "$0")/.."
design=${1:-resources/examples/red-blue.json}
nv=build/app/netvirt
step() { printf '\n\033[1m== %s\033[0m\n$ %s\n' "$1" "${*:2}"; "${@:2}"; }

step "Validate the design (the green-arrow rules)" "$nv" validate "$design"
step "A broken training design: every violation explained" "$nv" validate resources/examples/broken.json
step "The compiled HNV policy (lookup records, customer routes)" "$nv" policy "$design"
step "Trace: Red 10.1.1.7 to Red 10.1.1.8 on another host" "$nv" trace "$design" --from vm-red-web1 --to 10.1.1.8
step "Trace: Red to Blue's 10.1.1.8 (isolation)" "$nv" trace "$design" --from vm-red-web1 --to 10.2.2.8
step "Emulate for 3 seconds with built-in endpoints" "$nv" emulate "$design" --duration 3 --stats-interval 1000
exit 0
