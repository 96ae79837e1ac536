#!/usr/bin/env bash
# Fails if a public header (any */include/ tree) includes a third-party header:
# the libraries link their dependencies PRIVATE and hide them behind pimpls.
set -euo pipefail
cd "$(dirname "$0")/.."
pattern='#[[:space:]]*include[[:space:]]*[<"](sqlite3\.h|gvc\.h|cgraph\.h|graphviz/|pugixml\.hpp|boost/|CLI/|cairo|zlib\.h)'
found=$(grep -rnE "$pattern" --include='*.hpp' --include='*.h' lib/*/include journey-dsl/include miners/include 2>/dev/null || true)
if [ -n "$found" ]; then
  echo "public headers must not include third-party headers:"
  echo "$found"
  exit 1
fi
echo "public headers: no third-party includes"
