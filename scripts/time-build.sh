#!/usr/bin/env bash
# Times the whole process (start, read YAML, write DOCX and PDF, exit) for the seed plan and
# its Q1 and year reports, the Q1 report's XLSX alone and the Q1 progress forms of every unit
# (`vanban phieu`), and the peak memory of each. Uses hyperfine when installed,
# otherwise its own loop (median, min, max). The machine may be shared: read the medians.
# Usage: scripts/time-build.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-50}"
cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-target}/release/vanban"
plan=plans/phu-son-2023-2025
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# name|arguments, one job per line (--lam-lai: an unchanged output is skipped otherwise;
# phieu always writes).
jobs=(
  "plan|build $plan -o $out --lam-lai"
  "report 2024-Q1|report $plan --ky 2024-Q1 -o $out --lam-lai"
  "report 2024|report $plan --ky 2024 -o $out --lam-lai"
  "report 2024-Q1 xlsx|report $plan --ky 2024-Q1 --format xlsx -o $out --lam-lai"
  "phieu 2024-Q1|phieu $plan --ky 2024-Q1 -o $out/phieu"
)

# Median, min and max in ms of $runs runs of the command "$@", timed by date(1).
own_loop() {
  local times=() start end
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    times+=("$(( (end - start) / 1000 ))")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v n="$runs" '
    { t[NR] = $1 }
    END {
      med = (n % 2) ? t[(n + 1) / 2] : (t[n / 2] + t[n / 2 + 1]) / 2
      printf "  median %.1f ms, min %.1f ms, max %.1f ms (%d runs)\n", med / 1000, t[1] / 1000, t[n] / 1000, n
    }'
}

for job in "${jobs[@]}"; do
  name=${job%%|*}
  read -ra args <<<"${job#*|}"
  echo "== $name: vanban ${args[*]}"
  "$bin" "${args[@]}" >/dev/null 2>&1 || { echo "  failed" >&2; exit 1; }
  if command -v hyperfine >/dev/null; then
    hyperfine --warmup 3 --runs "$runs" -N --export-json "$out/hf.json" "$bin ${args[*]}" >/dev/null
    # hyperfine's summary shows the mean; print the median and spread from its JSON.
    awk -F'[:,]' '
      /"median"/ { med = $2 } /"stddev"/ { sd = $2 } /"min"/ { lo = $2 } /"max"/ { hi = $2 }
      END { printf "  median %.1f ms, σ %.1f ms, min %.1f ms, max %.1f ms (hyperfine)\n",
                   med * 1000, sd * 1000, lo * 1000, hi * 1000 }' "$out/hf.json"
  else
    own_loop "$bin" "${args[@]}"
  fi
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "  peak memory %M KB" "$bin" "${args[@]}" 2>&1 >/dev/null | tail -1
  fi
done
