#!/usr/bin/env bash
# bench/collect/run.sh [N...]: `vndoc collect` on N filled forms (default
# 100 and 1000): the forms are written by `vndoc batch --no-pdf` from
# bench/batch/generate.py's data (N distinct units, the sample's 1-3
# individuals each), then read back in one call, to JSON and to XLSX.
# Prints the wall time, the CPU time (user + system: the fair figure on a
# shared machine), forms per CPU second and peak RSS of each, pinned to one
# core (collect is single-threaded), and checks that what came back passes
# `vndoc check`.
# Target (issue 15): 1,000 forms in under 5 s, memory flat as N grows.
# Environment: VNDOC_BENCH_BUILD=DIR as bench/lib.sh; VNDOC_BENCH_KEEP=1
# keeps the forms.
set -euo pipefail

sizes=("$@")
((${#sizes[@]})) || sizes=(100 1000)
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
[[ -x /usr/bin/time ]] || { echo "run.sh: GNU time (/usr/bin/time) is needed" >&2; exit 1; }

source bench/lib.sh
bench_build vndoc vndoc_templates
vndoc=$B/src/vndoc
export VNDOC_TEMPLATES=$B/templates
work=$B/bench-collect
mkdir -p "$work"

printf '%-7s %-6s %9s %9s %10s %9s\n' forms out seconds "cpu s" forms/s "peak MB"
for n in "${sizes[@]}"; do
  data=$work/units-$n.json
  [[ -f $data ]] || python3 bench/batch/generate.py "$n" "$data"
  forms=$work/forms-$n
  if [[ ! -d $forms ]]; then
    "$vndoc" batch "$data" -o "$work/batch-$n" --no-pdf -q -j "$(nproc)"
    mkdir -p "$forms"   # the forms as they come back: one folder, a file each
    k=0
    for f in "$work/batch-$n"/*/bieu-dang-ky.docx; do
      k=$((k + 1)); mv "$f" "$forms/$(printf '%05d' $k)-$(basename "$(dirname "$f")").docx"
    done
    rm -rf "$work/batch-$n"
  fi
  for ext in json xlsx; do
    out=$work/back-$n.$ext
    /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" taskset -c 0 "$vndoc" collect "$forms" -o "$out" -q
    read -r secs user sys kb < "$work/time.txt"
    awk -v n="$n" -v e="$ext" -v s="$secs" -v u="$user" -v y="$sys" -v k="$kb" \
      'BEGIN { c = u + y; printf "%-7d %-6s %9.2f %9.2f %10.0f %9.1f\n", n, e, s, c, (c > 0 ? n / c : 0), k / 1024 }'
    "$vndoc" check "$out" | grep -q "every rule of the plan holds ($n units)" ||
      { echo "run.sh: $out does not hold the $n units, each passing vndoc check" >&2; exit 1; }
  done
  [[ ${VNDOC_BENCH_KEEP:-0} == 1 ]] || rm -rf "$forms"
done
