#!/usr/bin/env bash
# bench/merge/run.sh [N]: merges each of two templates (a form with plain
# tags; a payment request with expressions and filters) with N records
# (default 1000) with vndoc and with docxtemplater (its expressions parser
# for the second), on one core, and prints documents per second for each,
# their ratio (target: vndoc >= 20x on both) and peak RSS.
# See bench/README.md.  Environment:
#   VNDOC_BENCH_BUILD=DIR  build directory to use (default: build if it is a
#                          Release build, else build-bench, configured here)
#   VNDOC_BENCH_RUNS=K     runs of each side, best kept (default 3)
#   VNDOC_BENCH_CPU=K      the CPU both sides are pinned to (default: the
#                          first this shell may use)
#   VNDOC_BENCH_PIN=0      do not pin both sides to one CPU with taskset
set -euo pipefail

N=${1:-1000}
[[ $N =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/merge/run.sh [N]" >&2; exit 2; }
RUNS=${VNDOC_BENCH_RUNS:-3}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"

command -v node >/dev/null || { echo "run.sh: node (>= 18) is needed for the docxtemplater side" >&2; exit 1; }

# 1. docxtemplater, pizzip and angular-expressions, at the versions
# package-lock.json pins.
if [[ ! -f $here/node_modules/docxtemplater/package.json || ! -f $here/node_modules/pizzip/package.json ||
      ! -f $here/node_modules/angular-expressions/package.json ]]; then
  echo "run.sh: npm ci (docxtemplater, pizzip, angular-expressions)" >&2
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi

# 2. bench_merge, optimized.
source bench/lib.sh
bench_build bench_merge
log=$(mktemp)
trap 'rm -f "$log"' EXIT
exe=$B/bench/bench_merge

# 3. Inputs: the two fixture templates packed, N records for each.
work=$B/bench/merge-$N
mkdir -p "$work"
node "$here/fixture/generate.mjs" "$work" "$N" 2>/dev/null

# One core: both sides pinned to the first CPU this shell may use.
pin=()
if [[ ${VNDOC_BENCH_PIN:-1} != 0 ]] && command -v taskset >/dev/null; then
  cpu=${VNDOC_BENCH_CPU:-$(awk '/^Cpus_allowed_list/ { split($2, a, /[-,]/); print a[1] }' /proc/self/status)}
  pin=(taskset -c "${cpu:-0}")
fi
timer=()
if [[ -x /usr/bin/time ]] && /usr/bin/time -v true >/dev/null 2>&1; then
  timer=(/usr/bin/time -v -o "$work/time.txt")
fi

# run LABEL CMD...: runs RUNS times, keeps the best docs/s in $best and the
# peak RSS (kB) of that run in $rss.
run() {
  local label=$1 line rate r k
  shift
  best=0 rss=
  for ((k = 1; k <= RUNS; k++)); do
    rm -f "$work/time.txt"
    line=$("${timer[@]}" "${pin[@]}" "$@" 2>"$log" | tail -n 1) || { cat "$log" >&2; exit 1; }
    rate=$(awk '{ for (i = 1; i < NF; i++) if ($(i + 1) == "docs/s") print $i }' <<<"$line")
    r=
    [[ -f $work/time.txt ]] && r=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time.txt")
    echo "  run $k: $line${r:+ (peak RSS $r kB)}" >&2
    if awk -v a="$rate" -v b="$best" 'BEGIN { exit !(a > b) }'; then
      best=$rate rss=$r
    fi
  done
  printf '%s: %s docs/s (best of %d)%s\n' "$label" "$best" "$RUNS" "${rss:+, peak RSS $rss kB}"
}

# 4. bench TEMPLATE DATA LABEL [--expressions]: checks that record 1 merged
# by both reads the same, then times both sides and prints the ratio.
ratios=()
bench() {
  local tmpl=$work/$1 data=$work/$2 label=$3 v vr d
  shift 3
  echo "bench/merge: $label: $N documents, template $(basename "$tmpl") ($(wc -c <"$tmpl") bytes), one thread${pin:+, pinned to CPU ${pin[2]}}"
  # Equivalence: the first record merged by both must read the same.
  rm -rf "$work/check-vndoc" "$work/check-dt"
  "$exe" -n 1 -w 0 -o "$work/check-vndoc" "$tmpl" "$data" >/dev/null 2>"$log" || { cat "$log" >&2; exit 1; }
  node "$here/docxtemplater.mjs" "$@" -n 1 -w 0 -o "$work/check-dt" "$tmpl" "$data" >/dev/null 2>"$log" || { cat "$log" >&2; exit 1; }
  if node "$here/compare.mjs" "$work/check-vndoc/00001.docx" "$work/check-dt/00001.docx" 2>"$log"; then
    echo "check: record 1 merged by both reads the same ($(grep -o '[0-9]* paragraphs' "$log"))"
  else
    cat "$log" >&2
    echo "run.sh: warning: vndoc and docxtemplater merged record 1 differently (see above)" >&2
  fi
  run "vndoc (compiled once)" "$exe" "$tmpl" "$data"
  v=$best
  run "vndoc (template re-read for every document)" "$exe" --recompile "$tmpl" "$data"
  vr=$best
  run "docxtemplater $(node -p "require('$here/node_modules/docxtemplater/package.json').version")${*:+ $*}" \
    node "$here/docxtemplater.mjs" "$@" "$tmpl" "$data"
  d=$best
  awk -v v="$v" -v vr="$vr" -v d="$d" 'BEGIN {
    printf "vndoc/docxtemplater = %.1fx (target >= 20x)%s\n", v / d, (v / d >= 20 ? "" : "  ** below target **")
    printf "vndoc re-reading the template/docxtemplater = %.1fx\n", vr / d
  }'
  ratios+=("$label $(awk -v v="$v" -v d="$d" 'BEGIN { printf "%.1fx", v / d }')")
}

bench template.docx data.json "the form"
echo
bench template-expr.docx data-expr.json "expressions and filters" --expressions
echo
echo "summary: ${ratios[0]}, ${ratios[1]} (target >= 20x on both)"
