#!/usr/bin/env bash
# How time and memory grow with the size of a plan: synthetic plans (scripts/gen-plan.py) of
# the seed's size (1×: 26 tasks, 86 appendix rows), ten times that (10×), and 25,000
# appendix rows, each built (DOCX and PDF) by the release binary. Prints the median wall
# time of a few runs and the peak resident memory (/usr/bin/time -f %M), and the ratios to 1×.
# The machine may be shared: read the medians, and the ratios rather than the absolute times.
# Usage: scripts/scale-run.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-target}/release/vanban"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# name|tasks|rows
sizes=("1x|26|86" "10x|260|860" "25000-rows|26|25000")

# Median wall time (s) of $runs runs of "$@", and the largest peak RSS (KB) seen.
measure() {
  local t m times=() peak=0
  for _ in $(seq "$runs"); do
    read -r t m < <(/usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1)
    times+=("$t")
    [ "$m" -gt "$peak" ] && peak=$m
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v n="$runs" -v peak="$peak" '
    { t[NR] = $1 } END { printf "%s %s\n", (n % 2) ? t[(n + 1) / 2] : (t[n / 2] + t[n / 2 + 1]) / 2, peak }'
}

printf '%-11s %6s %6s %10s %10s %8s %8s %7s\n' size tasks rows "time (s)" "peak (MB)" "× time" "× mem" pages
base_t="" base_m=""
for s in "${sizes[@]}"; do
  IFS='|' read -r name tasks rows <<<"$s"
  python3 scripts/gen-plan.py "$work/$name" --tasks "$tasks" --rows "$rows"
  "$bin" build "$work/$name" -o "$work/out-$name" >/dev/null 2>&1 || { echo "$name: build failed" >&2; exit 1; }
  # --lam-lai: a build whose inputs did not change is skipped otherwise.
  read -r t m < <(measure "$bin" build "$work/$name" -o "$work/out-$name" --lam-lai)
  pages=$(pdfinfo "$work/out-$name/ke-hoach.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
  if [ -z "$base_t" ]; then base_t=$t base_m=$m; fi
  awk -v n="$name" -v k="$tasks" -v r="$rows" -v t="$t" -v m="$m" -v bt="$base_t" -v bm="$base_m" -v p="${pages:-?}" \
    'BEGIN { printf "%-11s %6d %6d %10.3f %10.1f %8.1f %8.1f %7s\n", n, k, r, t, m / 1024, t / bt, m / bm, p }'
done
