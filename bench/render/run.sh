#!/usr/bin/env bash
# bench/render/run.sh: seconds per document to turn DOCX into PDF, vndoc
# against LibreOffice, on the documents of bench/fidelity (every .docx in
# tests/fixtures/fidelity/ and the three templates merged with
# samples/lai-chau.json: ke-hoach, bieu-dang-ky for two units, tong-hop).
#   vndoc:        `vndoc render X.docx -o X.pdf` for each file in turn, the
#                 whole loop timed (process start-up included), best of RUNS;
#                 and ONE `vndoc render f1 f2 ... --outdir D` call, as
#                 LibreOffice is run (fonts kept from one file to the next);
#   LibreOffice:  ONE `soffice --headless --convert-to pdf --outdir D f1 f2 ...`
#                 call over all the files, wall time including start-up,
#                 best of RUNS (after one untimed call that creates the
#                 private profile).
# Prints seconds per document for each and the ratio (target: vndoc at least
# 50 times faster per document).
#   floor:        bench_render_floor over the same files in one process:
#                 Pango and Cairo alone shaping and drawing the lines vndoc
#                 laid out (one PangoLayout per line, same fonts, to a PDF
#                 surface), against vndoc's own read + layout + PDF of the
#                 same files in that process, both in CPU time (target:
#                 vndoc within 1.3x).  Documents vndoc fails to render are left
# out of both sides (and named).  See bench/README.md.  Environment:
#   VNDOC_BENCH_BUILD=DIR  build directory (as bench/merge/run.sh)
#   VNDOC_BENCH_RUNS=K     timed runs of each side, best kept (default 3)
#   VNDOC_BENCH_PIN=1      pin both sides to one CPU with taskset (default:
#                          not pinned; LibreOffice uses several threads)
#   VNDOC_BENCH_CPU=K      that CPU (default: the first this shell may use)
#   VNDOC_BENCH_CALLGRIND=1  also count the instructions of one pass of each
#                          side of the floor under callgrind (valgrind): the
#                          same ratio, unmoved by other work on the machine
set -euo pipefail

RUNS=${VNDOC_BENCH_RUNS:-3}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
command -v soffice >/dev/null || { echo "run.sh: soffice (LibreOffice) is needed" >&2; exit 1; }

source bench/lib.sh
bench_build
log=$(mktemp)
profile=$(mktemp -d)
trap 'rm -rf "$log" "$profile"' EXIT
vndoc=$B/src/vndoc
T=$B/templates

pin=()
if [[ ${VNDOC_BENCH_PIN:-0} != 0 ]] && command -v taskset >/dev/null; then
  cpu=${VNDOC_BENCH_CPU:-$(awk '/^Cpus_allowed_list/ { split($2, a, /[-,]/); print a[1] }' /proc/self/status)}
  pin=(taskset -c "${cpu:-0}")
fi

# The documents (the same as bench/fidelity's).
work=$B/bench/render
rm -rf "$work"
mkdir -p "$work/docx" "$work/vndoc" "$work/lo"
data=samples/lai-chau.json
"$vndoc" merge "$T/ke-hoach.docx" "$data" -o "$work/docx/ke-hoach.docx"
"$vndoc" merge "$T/bieu-dang-ky.docx" "$data" --scope don_vi.0 -o "$work/docx/bieu-dang-ky-1.docx"
"$vndoc" merge "$T/bieu-dang-ky.docx" "$data" --scope don_vi.1 -o "$work/docx/bieu-dang-ky-2.docx"
"$vndoc" merge "$T/tong-hop.docx" "$data" -o "$work/docx/tong-hop.docx"
cp tests/fixtures/fidelity/*.docx "$work/docx/"
files=()
skipped=()
pages=0
for f in "$work"/docx/*.docx; do
  n=$(basename "$f" .docx)
  if "$vndoc" render "$f" -o "$work/vndoc/$n.pdf" 2>"$log"; then
    files+=("$f")
    pages=$((pages + $(pdfinfo "$work/vndoc/$n.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')))
  else
    skipped+=("$n")
  fi
done
N=${#files[@]}
((N > 0)) || { echo "run.sh: vndoc rendered none of the documents" >&2; exit 1; }
echo "bench/render: $N documents, $pages pages (by vndoc)${pin:+, pinned to CPU ${pin[2]}}; $(soffice --version 2>/dev/null | awk '{print $1, $2}')"
((${#skipped[@]} == 0)) || echo "left out (vndoc render fails): ${skipped[*]}"

# best_of LABEL CMD...: runs CMD RUNS times and prints the fastest wall
# time in seconds; each run's time goes to standard error under LABEL
# (no LABEL: not shown).
best_of() {
  local label=$1 best= t0 t1 t k
  shift
  for ((k = 1; k <= RUNS; k++)); do
    t0=$(date +%s.%N)
    "$@"
    t1=$(date +%s.%N)
    t=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
    [[ -z $label ]] || echo "  $label run $k: $t s for $N documents" >&2
    if [[ -z $best ]] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$t; fi
  done
  echo "$best"
}

# vndoc: a process per document, the loop timed.
each() {
  for f in "${files[@]}"; do
    "${pin[@]}" "$vndoc" render "$f" -o "$work/vndoc/$(basename "$f" .docx).pdf"
  done
}
# vndoc: one call over all the files.
one_call() { "${pin[@]}" "$vndoc" render "${files[@]}" --outdir "$work/vndoc" 2>/dev/null; }
# vndoc: one call, a worker process per core (-j 0), unless pinned.
jobs=$(nproc)
((${#pin[@]} == 0)) || jobs=1
one_call_j() { "${pin[@]}" "$vndoc" render -j "$jobs" "${files[@]}" --outdir "$work/vndoc" 2>/dev/null; }
# vndoc's process start-up alone (dynamic linking of cairo, pango, glib...):
# `vndoc --help` once per document.
startup() { for f in "${files[@]}"; do "${pin[@]}" "$vndoc" --help >/dev/null; done; }
# LibreOffice: one call over all the files (after an untimed call that
# creates the profile).
lo() {
  rm -f "$work"/lo/*.pdf
  "${pin[@]}" soffice -env:UserInstallation=file://"$profile" --headless --convert-to pdf \
    --outdir "$work/lo" "${files[@]}" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
}

best_v=$(best_of vndoc each)
best_o=$(best_of "vndoc one-call" one_call)
best_j=$(best_of "vndoc one-call -j $jobs" one_call_j)
best_s=$(best_of "" startup)
lo
best_l=$(best_of "LibreOffice (one call)" lo)
floor_out=$("${pin[@]}" "$B/bench/bench_render_floor" -r "$RUNS" "${files[@]}")
best_f=$(awk '/^floor:/ { print $2 }' <<<"$floor_out")
best_p=$(awk '/^vndoc:/ { print $2 }' <<<"$floor_out")
lines=$(awk '/^floor:/ { print $7 }' <<<"$floor_out")
# The floor again, under callgrind: instructions of floor_draw and
# vndoc_once (bench_render_floor.c), one pass each after the untimed one.
cg_v=0 cg_f=0
if [[ ${VNDOC_BENCH_CALLGRIND:-0} != 0 ]]; then
  command -v valgrind >/dev/null || { echo "run.sh: VNDOC_BENCH_CALLGRIND=1 needs valgrind" >&2; exit 1; }
  cg=$(mktemp)
  valgrind --tool=callgrind --dump-instr=no --callgrind-out-file="$cg" \
    "$B/bench/bench_render_floor" -r 1 "${files[@]}" >/dev/null 2>"$log" || { cat "$log" >&2; exit 1; }
  read -r cg_v cg_f < <(callgrind_annotate --inclusive=yes "$cg" | awk '
    / [^ ]*:vndoc_once / { gsub(",", "", $1); v = $1 }
    / [^ ]*:floor_draw / { gsub(",", "", $1); f = $1 }
    END { printf "%.0f %.0f\n", v, f }')
  rm -f "$cg"
fi
made=$(ls "$work"/lo/*.pdf 2>/dev/null | wc -l)
((made == N)) || echo "run.sh: warning: LibreOffice wrote $made PDFs for $N documents" >&2

awk -v cgv="$cg_v" -v cgf="$cg_f" -v v="$best_v" -v o="$best_o" -v f="$best_f" -v ip="$best_p" -v lines="$lines" -v j="$best_j" -v jobs="$jobs" -v l="$best_l" -v s="$best_s" -v n="$N" -v p="$pages" -v runs="$RUNS" 'BEGIN {
  printf "vndoc render:       %.4f s per document (%.3f s for %d documents, %d pages; best of %d)\n", v / n, v, n, p, runs
  printf "vndoc 1 call:       %.4f s per document (%.3f s for %d documents, --outdir; best of %d): %.1fx faster than LibreOffice\n", o / n, o, n, runs, l / o
  printf "vndoc 1 call -j %d:  %.4f s per document (%.3f s for %d documents, %d worker processes; best of %d): %.1fx faster than LibreOffice\n", jobs, j / n, j, n, jobs, runs, l / j
  printf "LibreOffice 1 call: %.4f s per document (%.3f s for %d documents, start-up included; best of %d)\n", l / n, l, n, runs
  r = l / v
  printf "vndoc is %.1fx faster per document (target >= 50x)%s\n", r, (r >= 50 ? "" : "  ** below target **")
  printf "(of vndoc'"'"'s %.4f s, %.4f s is process start-up: vndoc --help takes that; without it vndoc would be %.1fx faster)\n", v / n, s / n, (v > s ? l / (v - s) : 0)
  printf "floor:              %.4f s CPU per document (%.3f s for %d documents, %d lines: Pango + Cairo alone, one layout per line; best of %d)\n", f / n, f, n, lines, runs
  printf "vndoc in process:   %.4f s CPU per document (%.3f s: read, layout, PDF; best of %d): %.2fx the floor (target <= 1.3x)%s\n", ip / n, ip, runs, ip / f, (ip / f <= 1.3 ? "" : "  ** above target **")
  if (cgf > 0)
    printf "instructions (callgrind, one pass each): vndoc %.0f, floor %.0f: %.2fx the floor\n", cgv, cgf, cgv / cgf
}'
