#!/usr/bin/env bash
# bench/data/run.sh [ROWS]: loads a ROWS-row (default 100,000) flat
# registration sheet as CSV and as XLSX with vndoc's loaders and prints rows
# per second and peak RSS for each.  See bench/README.md.  Environment:
#   VNDOC_BENCH_BUILD=DIR  build directory (default build-bench, configured
#                          here as Release if it is not there)
#   VNDOC_BENCH_RUNS=K     loads of each file, fastest kept (default 3)
set -euo pipefail

ROWS=${1:-100000}
[[ $ROWS =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/data/run.sh [ROWS]" >&2; exit 2; }
RUNS=${VNDOC_BENCH_RUNS:-3}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"

B=${VNDOC_BENCH_BUILD:-build-bench}
if [[ ! -f $B/CMakeCache.txt ]]; then
  echo "run.sh: configuring $B (Release)" >&2
  cmake -S . -B "$B" -DCMAKE_BUILD_TYPE=Release -DVNDOC_TESTS=OFF >/dev/null
fi
grep -q '^CMAKE_BUILD_TYPE:[A-Z]*=Release$' "$B/CMakeCache.txt" ||
  echo "run.sh: warning: $B is not a Release build; figures will be low" >&2
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! cmake --build "$B" --target bench_data -j"$(nproc)" >"$log" 2>&1; then
  cat "$log" >&2
  echo "run.sh: building bench_data in $B failed" >&2
  exit 1
fi

work=$B/bench-data
[[ $ROWS == 100000 ]] || work=$B/bench-data-$ROWS
if [[ ! -f $work/registrations.csv || ! -f $work/registrations.xlsx ]]; then
  echo "run.sh: generating $ROWS rows into $work" >&2
  python3 "$here/generate.py" "$work" "$ROWS"
fi
printf 'bench/data: %s rows, %s units of 5; CSV %.1f MB, XLSX %.1f MB; best of %d\n' "$ROWS" $(((ROWS + 4) / 5)) \
  "$(awk -v b="$(wc -c <"$work/registrations.csv")" 'BEGIN { print b / 1048576 }')" \
  "$(awk -v b="$(wc -c <"$work/registrations.xlsx")" 'BEGIN { print b / 1048576 }')" "$RUNS"
for f in csv xlsx; do
  "$B/bench/bench_data" -r "$RUNS" "$work/registrations.$f"
done
