#!/usr/bin/env bash
# Installs the dependencies, builds vndoc and the templates, and produces
# the documents for the bundled samples in out/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DVNDOC_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)"
scripts/samples.sh build out
