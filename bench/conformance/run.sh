#!/usr/bin/env bash
# bench/conformance/run.sh [-v]: docxtemplater's own end-to-end fixtures
# (js/tests/e2e/fixtures.js in its npm package) merged with vndoc and
# compared with what each expects.  Prints "N of M fixtures inside the
# language pass", the failures with their reason, and the fixtures outside
# the language by reason (-v: each fixture).  See bench/README.md.
# Needs Node.js 18+ and the network once (npm ci).  Not run by ctest.
#   VNDOC_BENCH_BUILD=DIR  build directory (as bench/merge/run.sh)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
command -v node >/dev/null || { echo "run.sh: node (>= 18) is needed" >&2; exit 1; }

# 1. docxtemplater, pizzip and angular-expressions at the versions
#    package-lock.json pins.
if [[ ! -f $here/node_modules/docxtemplater/package.json || ! -f $here/node_modules/pizzip/package.json ||
      ! -f $here/node_modules/angular-expressions/package.json ]]; then
  echo "run.sh: npm ci (docxtemplater, pizzip, angular-expressions)" >&2
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi

# 2. vndoc.
source bench/lib.sh
bench_build vndoc
work=$B/bench/conformance
mkdir -p "$work"

# 3. The fixtures, exported, merged and compared.
node "$here/export.cjs" "$work/fixtures.json"
echo "bench/conformance: docxtemplater $(node -p "require('$here/node_modules/docxtemplater/package.json').version")"
node "$here/run.mjs" "$work/fixtures.json" "$B/src/vndoc" "$work/cases" "$@"
