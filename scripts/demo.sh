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
step "Trace: Red to an address outside its routing domain (isolation)" "$nv" trace "$design" --from vm-red-web1 --to 10.1.2.10
step "Trace: routed between VM subnets of one routing domain" "$nv" trace resources/examples/three-tier.json --from vm-ct-web1 --to 10.0.3.10
step "Emulate for 3 seconds with built-in endpoints" "$nv" emulate "$design" --duration 3 --stats-interval 1000
exit 0
