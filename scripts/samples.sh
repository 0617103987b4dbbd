#!/usr/bin/env bash
# scripts/samples.sh BUILD OUT: the main job on the bundled samples: the
# plan, the summary and every unit's form as DOCX and PDF, with
# manifest.json and report.txt, in OUT (vndoc batch).
set -euo pipefail
build=${1:-build} out=${2:-out}
"$build/src/vndoc" check samples/lai-chau.json
"$build/src/vndoc" batch samples/lai-chau.json -o "$out" --template "$build/templates"
