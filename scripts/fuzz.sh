#!/usr/bin/env bash
# scripts/fuzz.sh [SECONDS]: builds the libFuzzer harnesses with clang
# (AddressSanitizer + UBSan, coverage in every library) into build-fuzz/
# and runs each for SECONDS (60 by default) from its seed corpus.  New
# inputs go to build-fuzz/corpus/NAME; a crash stops the script with the
# reproducer's path (copy it into tests/fuzz/corpus/NAME to keep it as a test).
# VNDOC_FUZZERS="shapes expr" runs only those (one at a time on a shared machine).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
fuzzers=(${VNDOC_FUZZERS:-tmpl json stream package xml csv xlsx layout collect shapes expr emf})
CC=clang cmake -S . -B build-fuzz -DVNDOC_FUZZ=ON -DVNDOC_BENCH=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target "${fuzzers[@]/#/fuzz_}" >/dev/null
for f in "${fuzzers[@]}"; do
  mkdir -p "build-fuzz/corpus/$f" "build-fuzz/crashes/$f"
  dict=()
  [[ -f "tests/fuzz/dict/$f.dict" ]] && dict=(-dict="tests/fuzz/dict/$f.dict")
  # Pango and GLib keep a few caches that LeakSanitizer, inside libFuzzer's
  # per-input check, reports for some inputs and never alone (a reported
  # input replayed by itself leaks nothing).  Leaks of ours in the layout
  # are found by the sanitizer build's replay of this corpus instead.
  [[ $f == layout || $f == shapes || $f == emf ]] && dict+=(-detect_leaks=0)
  echo "vndoc: fuzzing $f for ${seconds}s" >&2
  if ! LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0" "build-fuzz/tests/fuzz/fuzz_$f" -max_total_time="$seconds" -rss_limit_mb=4096 -max_len=262144 \
       -artifact_prefix="build-fuzz/crashes/$f/" -print_final_stats=1 "${dict[@]}" \
       "build-fuzz/corpus/$f" "tests/fuzz/corpus/$f" > "build-fuzz/fuzz-$f.log" 2>&1; then
    tail -40 "build-fuzz/fuzz-$f.log" >&2
    echo "vndoc: fuzz_$f found a crash: $(ls build-fuzz/crashes/$f/)" >&2
    exit 1
  fi
  grep -E "stat::number_of_executed_units|stat::new_units_added" "build-fuzz/fuzz-$f.log" | tr '\n' ' ' >&2
  echo >&2
done
