# bench/lib.sh: what every bench/*/run.sh shares.  Source it from the
# repository root.
#
# bench_build [TARGET...]: chooses the build directory B ($VNDOC_BENCH_BUILD;
# else build/ when it is a Release build, as scripts/setup.sh makes it; else
# build-bench/, configured here as Release), and builds TARGET... (everything
# when none is given).  Sets B; exits with the build log on failure.
bench_build() {
  B=${VNDOC_BENCH_BUILD:-}
  if [[ -z $B ]]; then
    if [[ -f build/CMakeCache.txt ]] && grep -q '^CMAKE_BUILD_TYPE:[A-Z]*=Release$' build/CMakeCache.txt; then
      B=build
    else
      B=build-bench
    fi
  fi
  if [[ ! -f $B/CMakeCache.txt ]]; then
    echo "run.sh: configuring $B (Release)" >&2
    cmake -S . -B "$B" -DCMAKE_BUILD_TYPE=Release -DVNDOC_TESTS=OFF >/dev/null
  fi
  grep -q '^CMAKE_BUILD_TYPE:[A-Z]*=Release$' "$B/CMakeCache.txt" ||
    echo "run.sh: warning: $B is not a Release build; figures will be low" >&2
  local log targets=()
  log=$(mktemp)
  (($# > 0)) && targets=(--target "$@")
  if ! cmake --build "$B" "${targets[@]}" -j"$(nproc)" >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "run.sh: building ${*:-everything} in $B failed" >&2
    exit 1
  fi
  rm -f "$log"
}
