#!/usr/bin/env bash
# scripts/layout-hashes.sh BUILD [EXTRA_DIR...]: the bytes of every render
# the layout engine makes of our documents, as `sha256  NAME.pdf` and
# `sha256  NAME.dump` lines, sorted.  A refactor of src/layout/ records
# these first (on the unmodified code) and compares after each step: the
# same lines prove that no output byte moved (issue 17).
#
# The documents: every .docx of tests/fixtures/fidelity, every unpacked
# fixture folder of tests/fixtures/render (vndoc render reads a folder as a
# package, as the unit tests do), and the three templates the build packs
# (BUILD/templates) merged with samples/lai-chau.json as bench/fidelity/run.sh
# merges them.  Each EXTRA_DIR adds its .docx files (for example a corpus
# outside the repository); a document that fails to render is recorded with
# the hash of its error message, so a change in failures shows too.
#
#   scripts/layout-hashes.sh build-a > /tmp/before.txt
#   ... change the code, rebuild ...
#   scripts/layout-hashes.sh build-a | diff /tmp/before.txt -
#
# Environment: VNDOC_HASH_KEEP=DIR keeps the PDFs and dumps in DIR.
set -euo pipefail

[[ $# -ge 1 ]] || { echo "usage: $0 BUILD_DIR [EXTRA_DIR...]" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
B=$(cd "$1" && pwd)
shift
vndoc=$B/src/vndoc
[[ -x $vndoc ]] || { echo "$0: no $vndoc (build first)" >&2; exit 1; }
work=${VNDOC_HASH_KEEP:-$(mktemp -d)}
[[ -n ${VNDOC_HASH_KEEP:-} ]] || trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in" "$work/out"
cd "$root"

# name<TAB>input, one a line.
inputs=()
for f in tests/fixtures/fidelity/*.docx; do
  inputs+=("fidelity-$(basename "$f" .docx)"$'\t'"$f")
done
for d in tests/fixtures/render/*/; do
  [[ -f $d/word/document.xml ]] || continue
  inputs+=("render-$(basename "$d")"$'\t'"${d%/}")
done
data=samples/lai-chau.json
"$vndoc" merge "$B/templates/ke-hoach.docx" "$data" -o "$work/in/ke-hoach.docx"
"$vndoc" merge "$B/templates/bieu-dang-ky.docx" "$data" --scope don_vi.0 -o "$work/in/bieu-dang-ky-1.docx"
"$vndoc" merge "$B/templates/bieu-dang-ky.docx" "$data" --scope don_vi.1 -o "$work/in/bieu-dang-ky-2.docx"
"$vndoc" merge "$B/templates/tong-hop.docx" "$data" -o "$work/in/tong-hop.docx"
for f in "$work"/in/*.docx; do
  inputs+=("template-$(basename "$f" .docx)"$'\t'"$f")
done
for x in "$@"; do
  for f in "$x"/*.docx; do
    [[ -f $f ]] && inputs+=("extra-$(basename "$f" .docx)"$'\t'"$f")
  done
done

for entry in "${inputs[@]}"; do
  name=${entry%%$'\t'*}
  in=${entry#*$'\t'}
  out=$work/out/$name
  if ! "$vndoc" render "$in" -o "$out.pdf" 2>"$out.err"; then
    # Record the failure (its message), not a missing line.
    mv "$out.err" "$out.pdf"
  fi
  if ! "$vndoc" render "$in" --dump-layout >"$out.dump" 2>"$out.err"; then
    cat "$out.err" >>"$out.dump"
  fi
done
(cd "$work/out" && sha256sum -- *.pdf *.dump) | LC_ALL=C sort -k2
