#!/usr/bin/env bash
# Times the whole process (start, read YAML, write DOCX and PDF, exit) on the seed plan, and
# its peak memory. Usage: scripts/time-build.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-50}"
cargo build --release --quiet
bin=target/release/vanban
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$bin" build plans/phu-son-2023-2025 -o "$out" >/dev/null 2>&1
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 3 --runs "$runs" -N "$bin build plans/phu-son-2023-2025 -o $out"
else
  start=$(date +%s%N)
  for _ in $(seq "$runs"); do "$bin" build plans/phu-son-2023-2025 -o "$out" >/dev/null 2>&1; done
  end=$(date +%s%N)
  echo "mean: $(( (end - start) / runs / 1000 )) µs over $runs runs"
fi
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f "peak memory: %M KB" "$bin" build plans/phu-son-2023-2025 -o "$out" >/dev/null
fi
