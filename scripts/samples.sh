#!/usr/bin/env bash
# scripts/samples.sh BUILD OUT: merges the bundled samples into the bundled
# templates: the plan, the summary, and one registration form per unit
# (out/bieu-dang-ky/NN.docx, NN the unit's position in the data).
set -euo pipefail
build=${1:-build} out=${2:-out}
vndoc="$build/src/vndoc" tpl="$build/templates" data=samples/lai-chau.json
mkdir -p "$out/bieu-dang-ky"
"$vndoc" merge "$tpl/ke-hoach.docx" "$data" -o "$out/ke-hoach.docx"
"$vndoc" merge "$tpl/tong-hop.docx" "$data" -o "$out/tong-hop.docx"
i=0
while :; do
  form="$out/bieu-dang-ky/$(printf '%02d' $((i + 1))).docx"
  if ! err=$("$vndoc" merge "$tpl/bieu-dang-ky.docx" "$data" --scope "don_vi.$i" -o "$form" 2>&1); then
    case $err in
      *"--scope don_vi.$i: no such value"*) break ;;   # past the last unit
      *) echo "$err" >&2; exit 1 ;;
    esac
  fi
  i=$((i + 1))
done
echo "vndoc: wrote $out/ke-hoach.docx, $out/tong-hop.docx and $i forms in $out/bieu-dang-ky/"
