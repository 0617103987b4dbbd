#!/usr/bin/env bash
# bench/batch/run.sh [N] [--memory] [--no-peers]: a registration file of N
# units (default 1000) through `vndoc batch` (DOCX + PDF for every unit,
# the plan and the summary), with 1 and 2 workers; prints units/s, pages/s,
# peak RSS and the speed-up.  Then, on a sample of K units, the same merge
# with docxtemplater and the same DOCX -> PDF conversion with LibreOffice,
# with the ratios.  See bench/README.md.
#   --memory     also runs 10,000 units with one worker and compares the peak
#                RSS with the N-unit figure (target: < 100 MB, <= +10%)
#   --no-peers   skip docxtemplater and LibreOffice
# Environment:
#   VNDOC_BENCH_BUILD=DIR  build directory (default: as bench/lib.sh chooses;
#                          build-bench/ is configured as Release if needed)
#   VNDOC_BENCH_RUNS=R     runs of each batch, fastest kept (default 1)
#   VNDOC_BENCH_K=K        units in the peers' sample (default 20)
#   VNDOC_BENCH_KEEP=1     keep the batches' output folders
set -euo pipefail

N=1000 MEMORY=0 PEERS=1
for a in "$@"; do
  case $a in
    --memory) MEMORY=1 ;;
    --no-peers) PEERS=0 ;;
    *) [[ $a =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/batch/run.sh [N] [--memory] [--no-peers]" >&2; exit 2; }
       N=$a ;;
  esac
done
RUNS=${VNDOC_BENCH_RUNS:-1}
K=${VNDOC_BENCH_K:-20}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"

[[ -x /usr/bin/time ]] && /usr/bin/time -v true >/dev/null 2>&1 ||
  { echo "run.sh: GNU time (/usr/bin/time, Debian package time) is needed" >&2; exit 1; }

# 1. vndoc, its templates and bench_merge, optimized.
source bench/lib.sh
targets=(vndoc vndoc_templates)
((PEERS)) && targets+=(bench_merge)
bench_build "${targets[@]}"
work=$B/bench-batch
mkdir -p "$work"
log=$work/log.txt
vndoc=$B/src/vndoc
tmpl=$B/templates/bieu-dang-ky.docx
export VNDOC_TEMPLATES=$B/templates

# data N: the registration file of N units (generated once).
data() {
  local f=$work/units-$1.json
  [[ -f $f ]] || python3 "$here/generate.py" "$1" "$f"
  echo "$f"
}

# batch LABEL N ARGS...: runs `vndoc batch` on N units RUNS times, keeps the
# fastest; sets secs, cpu (user + system s), rss (kB), files, pages and out
# (the output folder).
batch() {
  local label=$1 n=$2 d line s r c k
  shift 2
  d=$(data "$n")
  out=$work/out-$n
  secs= rss= cpu=
  for ((k = 1; k <= RUNS; k++)); do
    rm -rf "$out"
    s=$(date +%s.%N)
    if ! /usr/bin/time -v -o "$work/time.txt" "$vndoc" batch "$d" -o "$out" "$@" 2>"$log"; then
      cat "$log" >&2
      echo "run.sh: vndoc batch $* failed" >&2
      exit 1
    fi
    line=$(grep 'wrote .* files' "$log" | tail -n 1)
    files=$(sed -E 's/.*wrote ([0-9]+) files.*/\1/' <<<"$line")
    pages=$(sed -E 's/.*\(([0-9]+) pages\).*/\1/' <<<"$line")
    s=$(awk -v a="$s" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }')
    r=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time.txt")
    c=$(awk -F': ' '/User time|System time/ { t += $2 } END { print t }' "$work/time.txt")
    echo "  $label, run $k: $line; $s s (wall), $c s CPU, peak RSS $r kB" >&2
    if [[ -z $secs ]] || awk -v a="$s" -v b="$secs" 'BEGIN { exit !(a < b) }'; then
      secs=$s rss=$r cpu=$c
    fi
  done
  awk -v l="$label" -v n="$n" -v s="$secs" -v f="$files" -v p="$pages" -v r="$rss" -v c="$cpu" 'BEGIN {
    printf "%s: %d units in %.2f s = %.1f units/s, %d files, %d pages = %.1f pages/s, peak RSS %.1f MB (CPU %.2f s, %.0f%%)\n",
      l, n, s, n / s, f, p, p / s, r / 1024, c, 100 * c / s }'
}

echo "bench/batch: $N units (DOCX + PDF each, plus the plan and the summary), $(nproc) CPUs"

# 2. One worker, then two.
batch "-j 1" "$N" -j 1
t1=$secs rss1=$rss pages1=$pages
command -v pdfinfo >/dev/null &&
  echo "  of which the summary (tong-hop.pdf, every unit's registrations): $(pdfinfo "$out/tong-hop.pdf" | awk '/^Pages:/ { print $2 }') pages"
cp "$out/manifest.json" "$work/manifest-j1.json"
batch "-j 2" "$N" -j 2
t2=$secs
if cmp -s "$out/manifest.json" "$work/manifest-j1.json"; then
  echo "check: -j 2 wrote the same files as -j 1 (manifest.json identical)"
else
  echo "run.sh: warning: -j 1 and -j 2 manifests differ" >&2
fi
batch "-j 1 --no-pdf" "$N" -j 1 --no-pdf
t0=$secs
awk -v n="$N" -v t1="$t1" -v t2="$t2" -v t0="$t0" -v r="$rss1" -v p="$pages1" 'BEGIN {
  printf "speed-up 1 -> 2 workers: %.2fx (target >= 1.8x)%s\n", t1 / t2, (t1 / t2 >= 1.8 ? "" : "  ** below target **")
  printf "1 worker: %.2f s for %d units (target < 10 s at 1,000)%s\n", t1, n, (n == 1000 && t1 >= 10 ? "  ** above target **" : "")
  printf "1 worker: merge + write DOCX %.2f ms/document, PDF %.2f ms/document (%.2f ms/page)\n",
    t0 * 1000 / (n + 2), (t1 - t0) * 1000 / (n + 2), (t1 - t0) * 1000 / p
}'

# 3. Peak memory at 10,000 units against N units, one worker.
if ((MEMORY)); then
  M=10000
  batch "-j 1 (memory)" "$M" -j 1
  awk -v a="$rss1" -v b="$rss" -v n="$N" -v m="$M" 'BEGIN {
    printf "peak RSS %d units / %d units: %.1f MB / %.1f MB = %.3f (targets: < 100 MB, <= 1.10)%s\n",
      m, n, b / 1024, a / 1024, b / a, (b / 1024 < 100 && b / a <= 1.10 ? "" : "  ** above target **") }'
fi
[[ ${VNDOC_BENCH_KEEP:-0} == 1 ]] || rm -rf "$work/out-$N" "$work/out-10000"

# 4. Peers on K units: docxtemplater (the merge), LibreOffice (DOCX -> PDF).
((PEERS)) || exit 0
echo "peers: the first $K units"
dk=$(data "$K")
if [[ ! -f bench/merge/node_modules/docxtemplater/package.json || ! -f bench/merge/node_modules/pizzip/package.json ]]; then
  echo "run.sh: npm ci in bench/merge (docxtemplater, pizzip)" >&2
  (cd bench/merge && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
rm -rf "$work/peers"
mkdir -p "$work/peers"
P=$work/peers
M=$((K * 10 > 200 ? K * 10 : 200))
# vndoc's own forms for the K units (the files LibreOffice converts).
"$vndoc" batch "$dk" -o "$P/vndoc" -j 1 --no-pdf -q
i=0
mkdir -p "$P/docx"
while IFS= read -r f; do
  i=$((i + 1))
  cp "$P/vndoc/$f" "$P/docx/$(printf '%05d' "$i").docx"
done < <(python3 -c 'import json, sys
for e in json.load(open(sys.argv[1])):
    if e["unit"] is not None and e["file"].endswith(".docx"): print(e["file"])' "$P/vndoc/manifest.json")
dt=$(node "$here/docxtemplater.mjs" "$tmpl" "$dk" -k "$K" -n "$M" -o "$P/dt" --records "$P/records.json" 2>>"$log")
dtv=$(awk '{ for (i = 1; i < NF; i++) if ($(i + 1) == "docs/s") print $i }' <<<"$dt")
if node bench/merge/compare.mjs "$P/docx/00001.docx" "$P/dt/00001.docx" 2>"$log"; then
  echo "check: unit 1's form from vndoc batch and from docxtemplater read the same ($(grep -o '[0-9]* paragraphs' "$log"))"
else
  cat "$log" >&2
  echo "run.sh: warning: vndoc and docxtemplater merged unit 1 differently" >&2
fi
vm=$("$B/bench/bench_merge" -n "$M" "$tmpl" "$P/records.json" 2>>"$log")
vmv=$(awk '{ for (i = 1; i < NF; i++) if ($(i + 1) == "docs/s") print $i }' <<<"$vm")
echo "merge, $M documents from $K units, one thread, in memory:"
echo "  $dt (docxtemplater $(node -p "require('./bench/merge/node_modules/docxtemplater/package.json').version"))"
echo "  $vm (bench_merge)"
awk -v v="$vmv" -v d="$dtv" -v n="$N" -v t0="$t0" 'BEGIN {
  printf "  vndoc/docxtemplater = %.1fx; vndoc batch --no-pdf -j 1 (%d units, files written) %.1f docs/s = %.1fx\n",
    v / d, n, (n + 2) / t0, (n + 2) / t0 / d }'

# LibreOffice: the K forms in one call, with a fresh profile (created by a
# first, untimed call converting one form, which also gives the start-up).
if command -v soffice >/dev/null; then
  prof="file://$(cd "$P" && pwd)/lo-profile"
  lo() { /usr/bin/time -f '%e %M' -o "$P/lo-time.txt" soffice -env:UserInstallation="$prof" --headless \
    --convert-to pdf --outdir "$@" >/dev/null 2>>"$log"; cat "$P/lo-time.txt"; }
  lo "$P/lo-warm" "$P/docx/00001.docx" >/dev/null
  read -r lo1 lorss1 < <(lo "$P/lo-one" "$P/docx/00001.docx")
  read -r lok lorss < <(lo "$P/lo" "$P"/docx/*.docx)
  lopages=0
  for f in "$P"/lo/*.pdf; do lopages=$((lopages + $(pdfinfo "$f" | awk '/^Pages:/ { print $2 }'))); done
  mkdir -p "$P/render"
  s0=$(date +%s.%N)
  for f in "$P"/docx/*.docx; do "$vndoc" render "$f" -o "$P/render/$(basename "$f" .docx).pdf"; done
  vr=$(awk -v a="$s0" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
  vpages=0
  for f in "$P"/render/*.pdf; do vpages=$((vpages + $(pdfinfo "$f" | awk '/^Pages:/ { print $2 }'))); done
  echo "DOCX -> PDF, the same $K forms:"
  awk -v k="$K" -v lok="$lok" -v lo1="$lo1" -v lp="$lopages" -v lr="$lorss" -v vr="$vr" -v vp="$vpages" \
    -v t1="$t1" -v t0="$t0" -v n="$N" 'BEGIN {
    printf "  LibreOffice (%s): %d files in one call %.2f s = %.1f ms/document (one file alone: %.2f s; after start-up %.1f ms/document), %d pages, peak RSS %.1f MB\n",
      "soffice --convert-to pdf", k, lok, lok * 1000 / k, lo1, (lok - lo1) * 1000 / (k > 1 ? k - 1 : 1), lp, lr / 1024
    printf "  vndoc render, one process per file: %.2f s = %.1f ms/document, %d pages\n", vr, vr * 1000 / k, vp
    printf "  vndoc batch PDF time (%d units, -j 1, with PDF minus --no-pdf): %.1f ms/document\n", n, (t1 - t0) * 1000 / (n + 2)
    printf "  LibreOffice/vndoc render = %.1fx per document; LibreOffice after start-up/vndoc batch = %.1fx\n",
      lok / vr, ((lok - lo1) / (k > 1 ? k - 1 : 1)) / ((t1 - t0) / (n + 2)) }'
else
  echo "run.sh: soffice not found; LibreOffice comparison skipped" >&2
fi
