#!/usr/bin/env bash
# Builds journeykit and runs the whole test suite twice: the Release build, then an
# AddressSanitizer + UndefinedBehaviorSanitizer build (build-asan/).
set -euo pipefail

cd "$(dirname "$0")/.."
JOBS=${JOBS:-$(nproc)}

echo "== Release build and tests"
CMAKE_ARGS="-DJOURNEY_WERROR=ON" scripts/setup.sh
ctest --test-dir build --output-on-failure -j "$JOBS"

echo "== Install and build a consumer against the installed package"
rm -rf build/install-test build/consumer
cmake --install build --prefix build/install-test >/dev/null
cmake -S tests/install -B build/consumer -G Ninja -DCMAKE_PREFIX_PATH="$PWD/build/install-test" >/dev/null
cmake --build build/consumer >/dev/null
got=$(build/consumer/consumer tests/data/logs/running-example.xes)
if [ "$got" != "0.1.0 6 42 16" ]; then
  echo "install test: consumer printed '$got', expected '0.1.0 6 42 16'"
  exit 1
fi
echo "install test: ok ($got)"
cmake -S examples/embed -B build/embed -G Ninja -DCMAKE_PREFIX_PATH="$PWD/build/install-test" >/dev/null
cmake --build build/embed >/dev/null
rm -rf build/embed-out
build/embed/journey_embed tests/data/logs/running-example.xes build/embed-out
test -s build/embed-out/dfg_edge.csv
echo "embed example: ok"

echo "== ASan+UBSan build and tests"
BUILD_DIR=build-asan BUILD_TYPE=RelWithDebInfo CMAKE_ARGS="-DJOURNEY_SANITIZE=ON -DJOURNEY_BUILD_BENCH=OFF -DJOURNEY_WERROR=ON -DJOURNEY_BUILD_HEADERS=ON" \
  scripts/setup.sh
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 LSAN_OPTIONS=suppressions="$PWD/tests/lsan.supp" \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j "$JOBS"
