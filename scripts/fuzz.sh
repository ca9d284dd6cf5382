#!/usr/bin/env bash
# Builds the libFuzzer targets of test/fuzz with clang and runs each for a bounded time
# (AGORA_FUZZ_SECONDS, default 60) on the corpus kept in the repo. A crash, a sanitizer report or
# a failed check in a target fails the run and leaves the input under build-fuzz/.
set -euo pipefail
cd "$(dirname "$0")/.."

build="${AGORA_FUZZ_BUILD_DIR:-build-fuzz}"
seconds="${AGORA_FUZZ_SECONDS:-60}"
CXX=clang++ cmake -S test/fuzz -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build "$build" -j "$(nproc)"

for target in json_body http_request; do
  # New inputs go to a scratch corpus: the repo's corpus is read, not written.
  mkdir -p "$build/corpus-$target" "$build/artifacts-$target"
  echo "fuzzing $target for ${seconds}s"
  "$build/fuzz_$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$build/artifacts-$target/" -print_final_stats=1 \
    "$build/corpus-$target" "test/fuzz/corpus/$target" 2>&1 | tail -n 12
done
