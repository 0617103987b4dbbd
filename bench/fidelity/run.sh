#!/usr/bin/env bash
# bench/fidelity/run.sh: renders a set of DOCX files with vndoc and with
# LibreOffice (soffice --headless --convert-to pdf, one call for all) and
# compares the two PDFs word by word from pdftotext -bbox-layout
# (compare.py): page count, words on the same page and line, median word
# position difference.  Targets (issue 4): same page count, >= 98% of the
# words on the same page and line, median difference < 2 pt.
#
# The set: every .docx in tests/fixtures/fidelity/ (written by LibreOffice,
# see make.sh there; 17-bang-kieu by gen_docx.py, as Word writes a document)
# and our three templates merged with
# samples/lai-chau.json: ke-hoach, bieu-dang-ky for two units (don_vi.0,
# don_vi.1) and tong-hop.  See bench/README.md.  Environment:
#   VNDOC_BENCH_BUILD=DIR   build directory (default: build if it is a
#                           Release build, else build-bench, configured here)
#   VNDOC_FIDELITY_DETAILS=N  list the first N differing words/lines per
#                           document (default 6; 0: none)
#   VNDOC_FIDELITY_IMAGES=0   do not write docs/images/render-*.png
# Needs: soffice, pdftotext, pdftoppm (poppler-utils), python3.
# Exit status: 0 when every document meets the targets, 1 otherwise.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
for t in soffice pdftotext pdftoppm python3; do
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
work=$B/bench/fidelity
rm -rf "$work"
mkdir -p "$work/docx" "$work/lo" "$work/vndoc" "$work/txt"
data=samples/lai-chau.json
"$vndoc" merge "$T/ke-hoach.docx" "$data" -o "$work/docx/ke-hoach.docx"
"$vndoc" merge "$T/bieu-dang-ky.docx" "$data" --scope don_vi.0 -o "$work/docx/bieu-dang-ky-1.docx"
"$vndoc" merge "$T/bieu-dang-ky.docx" "$data" --scope don_vi.1 -o "$work/docx/bieu-dang-ky-2.docx"
"$vndoc" merge "$T/tong-hop.docx" "$data" -o "$work/docx/tong-hop.docx"
cp tests/fixtures/fidelity/*.docx "$work/docx/"
names=()
for f in "$work"/docx/*.docx; do names+=("$(basename "$f" .docx)"); done
echo "bench/fidelity: ${#names[@]} documents ($(ls tests/fixtures/fidelity/*.docx | wc -l) from tests/fixtures/fidelity, 4 from the templates); $(soffice --version 2>/dev/null | awk '{print $1, $2}')"

# 3. LibreOffice: one call for all, a private profile.
soffice -env:UserInstallation=file://"$profile" --headless --convert-to pdf \
  --outdir "$work/lo" "$work"/docx/*.docx >"$log" 2>&1 || { cat "$log" >&2; exit 1; }

# 4. vndoc, and the words of both.
args=()
for n in "${names[@]}"; do
  [[ -f $work/lo/$n.pdf ]] || { echo "run.sh: LibreOffice wrote no $n.pdf" >&2; exit 1; }
  pdftotext -bbox-layout "$work/lo/$n.pdf" "$work/txt/$n.lo.html"
  if "$vndoc" render "$work/docx/$n.docx" -o "$work/vndoc/$n.pdf" 2>"$work/vndoc/$n.err"; then
    pdftotext -bbox-layout "$work/vndoc/$n.pdf" "$work/txt/$n.vndoc.html"
    args+=("$n" "$work/txt/$n.lo.html" "$work/txt/$n.vndoc.html")
  else
    echo "run.sh: vndoc render $n.docx failed: $(head -c 300 "$work/vndoc/$n.err")" >&2
    args+=("$n" "$work/txt/$n.lo.html" -)
  fi
done

# 5. The table.
status=0
python3 "$here/compare.py" --details "${VNDOC_FIDELITY_DETAILS:-6}" --json "$work/results.json" "${args[@]}" || status=$?
python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
sys.exit(0 if all(x.get("pass") for x in r) else 1)' "$work/results.json" || status=1

# 6. Page 1 of ke-hoach, side by side in the README.
if [[ ${VNDOC_FIDELITY_IMAGES:-1} != 0 && -f $work/vndoc/ke-hoach.pdf ]]; then
  mkdir -p docs/images
  pdftoppm -r 60 -f 1 -l 1 -singlefile -png "$work/vndoc/ke-hoach.pdf" docs/images/render-vndoc
  pdftoppm -r 60 -f 1 -l 1 -singlefile -png "$work/lo/ke-hoach.pdf" docs/images/render-libreoffice
  echo "page 1 of ke-hoach: docs/images/render-vndoc.png, docs/images/render-libreoffice.png"
fi
echo "PDFs and words: $work/{lo,vndoc,txt}"
exit $status
