#!/usr/bin/env bash
# The main job on the bundled move-house example (DESIGN.md): builds what it needs,
# simulates a year of move-house journeys (as-is scenario), binds them to the designed
# journey, prints the watermelon verdict and the worst handoffs, and writes the
# annotated journey map, the A0 wall poster and its A4 sheets under out/.
set -euo pipefail

cd "$(dirname "$0")/.."
# JOURNEY_BIN=path/to/journey uses a binary you built yourself instead.
if [ -z "${JOURNEY_BIN:-}" ]; then
  scripts/setup.sh >/dev/null
fi
journey=${JOURNEY_BIN:-build/cli/journey}
spec=examples/move-house/move-house.journey
out=out
journeys=${JOURNEYS:-5000}
mkdir -p "$out"

section() { printf '\n== %s\n' "$1"; }

section "The designed journey: $spec"
"$journey" spec check "$spec"

section "Simulating $journeys move-house journeys (scenario as_is, seed 42) -> $out/sim/"
"$journey" simulate --spec "$spec" --scenario as_is --journeys "$journeys" --seed 42 --out "$out/sim"
log=$out/sim/events.csv
"$journey" info "$log" | sed -n '1,9p'

section "How the log binds to the designed touchpoints"
"$journey" spec bind "$spec" "$log" | head -8

section "Outside and inside: the watermelon verdict"
"$journey" watermelon "$log" --spec "$spec" | sed -n '1,18p'
"$journey" watermelon "$log" --spec "$spec" --json > "$out/watermelon.json"

section "Where work passes between departments: the worst handoffs"
"$journey" handoffs "$log" --spec "$spec" | sed -n '/^Worst handoffs/,/^$/p'
"$journey" handoffs "$log" --spec "$spec" --json > "$out/handoffs.json"

section "Maps and posters"
"$journey" map "$log" --spec "$spec" -o "$out/map.svg"
"$journey" map "$log" --spec "$spec" -o "$out/map.pdf"
"$journey" poster "$log" --spec "$spec" --size A0 --landscape -o "$out/poster-A0.pdf"
"$journey" poster "$log" --spec "$spec" --size A0 --landscape --tile A4 -o "$out/poster-A0-on-A4.pdf"
"$journey" dfg "$log" --json > "$out/dfg.json"

cat <<EOF

Wrote under $out/:
  sim/events.csv, sim/journeys.csv   the simulated log and its ground truth
  watermelon.json, handoffs.json     every figure for BI (docs/cli/)
  map.svg, map.pdf                   the annotated journey map
  poster-A0.pdf                      the A0 wall poster (landscape)
  poster-A0-on-A4.pdf                the same poster on A4 sheets, assembly sheet first
  dfg.json                           the directly-follows graph
EOF
