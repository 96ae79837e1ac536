#!/usr/bin/env bash
# The main job on the bundled example: builds what it needs, then summarises the
# example log and writes its process map and DFG under out/.
set -euo pipefail

cd "$(dirname "$0")/.."
scripts/setup.sh >/dev/null
journey=build/cli/journey
log=tests/data/logs/receipt.xes.gz
mkdir -p out

echo "== The example log: $log"
"$journey" info "$log"
echo
echo "== Most frequent variants"
"$journey" variants "$log" --top 5
"$journey" dfg "$log" --json > out/dfg.json
for ext in svg pdf png; do
  "$journey" map "$log" --min-count 10 --durations -o "out/map.$ext"
done
echo
echo "Wrote out/dfg.json, out/map.svg, out/map.pdf, out/map.png"
