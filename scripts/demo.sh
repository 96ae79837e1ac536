#!/usr/bin/env bash
# The main job on the bundled move-house example: builds what it needs, simulates
# a move-house log (as-is scenario), checks and binds it to the designed journey,
# summarises it, and writes the maps under out/.
set -euo pipefail

cd "$(dirname "$0")/.."
scripts/setup.sh >/dev/null
journey=build/cli/journey
spec=examples/move-house/move-house.journey
out=out
mkdir -p "$out"

echo "== The designed journey: $spec"
"$journey" spec check "$spec"
echo
echo "== Simulating 5000 move-house journeys (scenario as_is, seed 42) -> $out/sim/"
"$journey" simulate --spec "$spec" --scenario as_is --journeys 5000 --seed 42 --out "$out/sim"
log=$out/sim/events.csv
echo
"$journey" info "$log" | sed -n '1,9p'
echo
echo "== How the log binds to the designed touchpoints"
"$journey" spec bind "$spec" "$log" | head -30
"$journey" dfg "$log" --json > "$out/dfg.json"
for ext in svg pdf; do
  "$journey" map "$log" --max-edges 40 -o "$out/map.$ext"
done
echo
echo "Wrote $out/sim/ (events.csv, journeys.csv), $out/dfg.json, $out/map.svg, $out/map.pdf"
