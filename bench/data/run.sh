#!/usr/bin/env bash
# bench/data/run.sh [ROWS]: loads a ROWS-row (default 100,000) flat
# registration sheet as CSV and as XLSX with vndoc's loaders and prints rows
# per second and peak RSS for each.  See bench/README.md.  Environment:
#   VNDOC_BENCH_BUILD=DIR  build directory (default: as bench/lib.sh chooses;
#                          build-bench/ is configured as Release if needed)
#   VNDOC_BENCH_RUNS=K     loads of each file, fastest kept (default 3)
set -euo pipefail

ROWS=${1:-100000}
[[ $ROWS =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/data/run.sh [ROWS]" >&2; exit 2; }
RUNS=${VNDOC_BENCH_RUNS:-3}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"

source bench/lib.sh
bench_build bench_data

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
