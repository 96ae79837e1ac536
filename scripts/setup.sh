#!/usr/bin/env bash
# Installs the Debian packages journeykit needs (only when something is missing),
# then configures and builds it with CMake (Release, build dir build/).
#
#   scripts/setup.sh                 install + configure + build
#   BUILD_DIR=b BUILD_TYPE=Debug CMAKE_ARGS="-DJOURNEY_SANITIZE=ON" scripts/setup.sh
set -euo pipefail

cd "$(dirname "$0")/.."

packages=(
  g++ cmake ninja-build pkg-config
  zlib1g-dev libcli11-dev catch2
  libgraphviz-dev libsqlite3-dev libcairo2-dev
  poppler-utils fonts-dejavu-core
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

BUILD_DIR=${BUILD_DIR:-build}
BUILD_TYPE=${BUILD_TYPE:-Release}
JOBS=${JOBS:-$(nproc)}
# shellcheck disable=SC2086
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE" ${CMAKE_ARGS:-} >/dev/null
cmake --build "$BUILD_DIR" -j "$JOBS"
