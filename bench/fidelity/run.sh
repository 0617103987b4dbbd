#!/usr/bin/env bash
# bench/fidelity/run.sh [DIR]: renders a set of DOCX files with vndoc and
# with LibreOffice (soffice --headless --convert-to pdf, one call for all)
# and compares the two PDFs word by word from pdftotext -bbox-layout
# (compare.py): page count, words on the same page and line, words drawn
# anywhere, median word position difference, the first page where the
# layouts part, vndoc's warnings and render time (over 10 s: a failure).
# Targets (issue 4): same page count, >= 98% of the words on the same page
# and line, median difference < 2 pt.  A document vndoc refuses counts as
# missed.
#
# DIR: every *.docx in DIR (e.g. ../shared/corpus/real).  Where NAME.pdf
# lies beside NAME.docx (Word's own export: ../shared/corpus/word),
# LibreOffice's PDF and vndoc's are each compared with it too.  The first
# differing page of the worst documents is written side by side (vndoc
# left) into BUILD/bench/fidelity-NAME-OF-DIR/worst/; the results as JSON
# into results.json beside it.
#
# Without DIR, the set: every .docx in tests/fixtures/fidelity/ (written by LibreOffice,
# see make.sh there; 17-bang-kieu by gen_docx.py, as Word writes a document)
# and our three templates merged with
# samples/lai-chau.json: ke-hoach, bieu-dang-ky for two units (don_vi.0,
# don_vi.1) and tong-hop.  See bench/README.md.  Environment:
#   VNDOC_BENCH_BUILD=DIR   build directory (default: build if it is a
#                           Release build, else build-bench, configured here)
#   VNDOC_FIDELITY_DETAILS=N  list the first N differing words/lines per
#                           document (default 6 without DIR, else 0: none)
#   VNDOC_FIDELITY_IMAGES=0   do not write docs/images/render-*.png (no DIR)
#   VNDOC_FIDELITY_WORST=N    side-by-side pages of the N worst (default 5)
# LibreOffice's PDFs are kept in BUILD/bench/lo-cache/ by the SHA-256 of the
# DOCX (and LibreOffice's version), so a corpus is converted once.
# Needs: soffice, pdftotext, pdftoppm (poppler-utils), python3.
# Exit status: 0 when every document meets the targets, 1 otherwise.
set -euo pipefail

corpus=
if (($# > 0)); then
  [[ -d $1 ]] || { echo "usage: bench/fidelity/run.sh [DIR]: $1 is not a folder" >&2; exit 2; }
  corpus=$(cd "$1" && pwd)
fi
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
for t in soffice pdftotext pdftoppm python3 timeout sha256sum; do
  command -v $t >/dev/null || { echo "run.sh: $t is needed" >&2; exit 1; }
done

# 1. vndoc, optimized (the same choice of build directory as bench/merge).
source bench/lib.sh
bench_build
log=$(mktemp)
profile=$(mktemp -d)
trap 'rm -rf "$log" "$profile"' EXIT
vndoc=$B/src/vndoc
T=$B/templates

# 2. The documents.
work=$(cd "$B" && pwd)/bench/fidelity
[[ -n $corpus ]] && work=$work-$(basename "$corpus")
rm -rf "$work"
mkdir -p "$work/docx" "$work/lo" "$work/vndoc" "$work/txt"
if [[ -n $corpus ]]; then
  shopt -s nullglob
  for f in "$corpus"/*.docx; do ln -s "$f" "$work/docx/"; done
  shopt -u nullglob
  details=${VNDOC_FIDELITY_DETAILS:-0}
else
  data=samples/lai-chau.json
  "$vndoc" merge "$T/ke-hoach.docx" "$data" -o "$work/docx/ke-hoach.docx"
  "$vndoc" merge "$T/bieu-dang-ky.docx" "$data" --scope don_vi.0 -o "$work/docx/bieu-dang-ky-1.docx"
  "$vndoc" merge "$T/bieu-dang-ky.docx" "$data" --scope don_vi.1 -o "$work/docx/bieu-dang-ky-2.docx"
  "$vndoc" merge "$T/tong-hop.docx" "$data" -o "$work/docx/tong-hop.docx"
  cp tests/fixtures/fidelity/*.docx "$work/docx/"
  details=${VNDOC_FIDELITY_DETAILS:-6}
fi
names=()
for f in "$work"/docx/*.docx; do [[ -e $f ]] && names+=("$(basename "$f" .docx)"); done
((${#names[@]} > 0)) || { echo "run.sh: no .docx in ${corpus:-the set}" >&2; exit 1; }
lo_version=$(soffice --version 2>/dev/null | awk 'NR == 1 {print $1, $2}')
if [[ -n $corpus ]]; then
  echo "bench/fidelity: ${#names[@]} documents of $corpus; $lo_version"
else
  echo "bench/fidelity: ${#names[@]} documents ($(ls tests/fixtures/fidelity/*.docx | wc -l) from tests/fixtures/fidelity, 4 from the templates); $lo_version"
fi

# 3. LibreOffice: one call for the documents not converted before (a
# private profile); its PDFs are kept by the DOCX's hash.
cache=$B/bench/lo-cache
mkdir -p "$cache"
todo=$(mktemp -d)
trap 'rm -rf "$log" "$profile" "$todo"' EXIT
declare -A hash
for n in "${names[@]}"; do
  hash[$n]=$( (sha256sum <"$work/docx/$n.docx"; echo "$lo_version") | sha256sum | cut -c1-64)
  [[ -f $cache/${hash[$n]}.pdf ]] || ln -s "$(readlink -f "$work/docx/$n.docx")" "$todo/${hash[$n]}.docx"
done
if compgen -G "$todo/*.docx" >/dev/null; then
  echo "LibreOffice: converting $(ls "$todo" | wc -l) documents"
  soffice -env:UserInstallation=file://"$profile" --headless --convert-to pdf \
    --outdir "$cache" "$todo"/*.docx >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
fi

# 4. vndoc (10 s each at most), and the words of all.
manifest=$work/manifest.tsv
: >"$manifest"
for n in "${names[@]}"; do
  if [[ ! -f $cache/${hash[$n]}.pdf ]]; then
    echo "run.sh: LibreOffice wrote no PDF of $n.docx: left out" >&2
    continue
  fi
  cp "$cache/${hash[$n]}.pdf" "$work/lo/$n.pdf"
  pdftotext -bbox-layout "$work/lo/$n.pdf" "$work/txt/$n.lo.html"
  word=-
  if [[ -n $corpus && -f $corpus/$n.pdf ]]; then
    word=$work/txt/$n.word.html
    pdftotext -bbox-layout "$corpus/$n.pdf" "$word"
  fi
  start=$(date +%s%N)
  rc=0
  timeout 10 "$vndoc" render "$work/docx/$n.docx" -o "$work/vndoc/$n.pdf" 2>"$work/vndoc/$n.err" || rc=$?
  secs=$(( ($(date +%s%N) - start) / 1000000 ))
  secs=$(printf '%d.%03d' $((secs / 1000)) $((secs % 1000)))
  warnings=$(grep -c '^vndoc: warning: ' "$work/vndoc/$n.err" || true)
  if ((rc == 0)); then
    pdftotext -bbox-layout "$work/vndoc/$n.pdf" "$work/txt/$n.vndoc.html"
    status=ok
    vn_html=$work/txt/$n.vndoc.html
    vn_pdf=$work/vndoc/$n.pdf
  else
    status=refused
    ((rc == 124)) && status=timeout
    vn_html=-
    vn_pdf=-
    echo "run.sh: vndoc render $n.docx: $status (exit $rc): $(grep -v '^vndoc: warning: ' "$work/vndoc/$n.err" | head -c 300)" >&2
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$status" "$secs" "$warnings" \
    "$work/txt/$n.lo.html" "$work/lo/$n.pdf" "$vn_html" "$vn_pdf" "$word" >>"$manifest"
done

# 5. The tables.
status=0
images=()
[[ -n $corpus ]] && images=(--images "$work/worst" --worst "${VNDOC_FIDELITY_WORST:-5}")
python3 "$here/compare.py" --details "$details" --json "$work/results.json" "${images[@]}" "$manifest" || status=$?
python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["libreoffice"]
sys.exit(0 if r and all(x.get("pass") for x in r) else 1)' "$work/results.json" || status=1

# 6. Page 1 of ke-hoach, side by side in the README.
if [[ -z $corpus && ${VNDOC_FIDELITY_IMAGES:-1} != 0 && -f $work/vndoc/ke-hoach.pdf ]]; then
  mkdir -p docs/images
  pdftoppm -r 60 -f 1 -l 1 -singlefile -png "$work/vndoc/ke-hoach.pdf" docs/images/render-vndoc
  pdftoppm -r 60 -f 1 -l 1 -singlefile -png "$work/lo/ke-hoach.pdf" docs/images/render-libreoffice
  echo "page 1 of ke-hoach: docs/images/render-vndoc.png, docs/images/render-libreoffice.png"
fi
echo "PDFs and words: $work/{lo,vndoc,txt}; results: $work/results.json"
exit $status
