#!/usr/bin/env bash
# The whole test suite: installs what it needs, then builds and runs every
# test twice: a Debug build with warnings as errors (whose unit suites
# also run under valgrind), and an AddressSanitizer +
# UndefinedBehaviorSanitizer build; then runs each
# libFuzzer harness briefly (VNDOC_FUZZ_SECONDS, 20 by default; 0 skips).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh --test
jobs=$(nproc)
cmake -S . -B build-test -DCMAKE_BUILD_TYPE=Debug -DVNDOC_WERROR=ON >/dev/null
cmake --build build-test -j"$jobs"
ctest --test-dir build-test --output-on-failure -j"$jobs"
# valgrind over the unit suites (in-process, so it sees everything);
# ./.valgrindrc adds tests/valgrind.supp (fontconfig's own leaks).
for t in core package xml data data_flat data_stream tmpl vn spec layout_spec; do
  args=()
  [[ $t == spec ]] && args=(tests/spec/tmpl.txt)
  [[ $t == layout_spec ]] && args=(tests/spec/layout.txt)
  CK_FORK=no valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite \
    "build-test/tests/test_$t" "${args[@]}" >/dev/null
done
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DVNDOC_WERROR=ON -DVNDOC_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs"
if [[ "${VNDOC_FUZZ_SECONDS:-20}" != 0 ]]; then
  scripts/fuzz.sh "${VNDOC_FUZZ_SECONDS:-20}"
fi
