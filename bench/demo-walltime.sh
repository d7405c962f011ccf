#!/usr/bin/env bash
# Wall time of `./chaoschain demo` after the first build (the build is excluded: it runs once before timing).
# Usage: bench/demo-walltime.sh [RUNS]   (default 3). Target: <= 90 s per run on a 2-core machine.
# Prints each run's wall time, the demo's own reported time, and min/median/max; writes bench/results/demo-walltime.txt.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
RUNS=${1:-3}
mkdir -p "$ROOT/bench/results"
out="$ROOT/bench/results/demo-walltime.txt"
echo "warming up: building once (not timed)..." >&2
"$ROOT/chaoschain" --version >/dev/null
times=()
for i in $(seq 1 "$RUNS"); do
  dir=$(mktemp -d)
  start=$(date +%s.%N)
  "$ROOT/chaoschain" demo --data-dir "$dir/demo" >"$dir/demo.log" 2>&1 || { echo "run $i failed; log: $dir/demo.log" >&2; tail -20 "$dir/demo.log" >&2; exit 1; }
  end=$(date +%s.%N)
  t=$(echo "$end - $start" | bc)
  # both nodes' summaries carry the same wall time; node A's is under ethereum-local/
  reported=$(grep -o '"wallTimeSeconds" : [0-9.]*' "$dir/demo/ethereum-local/summary.json" | awk '{print $3}' || true)
  echo "run $i: ${t}s wall (demo reports ${reported}s from start of command)" | tee -a "$out.tmp" >&2
  times+=("$t")
  rm -rf "$dir"
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
min=$(echo "$sorted" | head -1); max=$(echo "$sorted" | tail -1); med=$(echo "$sorted" | sed -n "$(( (RUNS + 1) / 2 ))p")
summary="demo wall time over $RUNS runs on $(nproc) cores: min ${min}s, median ${med}s, max ${max}s (target <= 90s; ratio median/target $(echo "scale=2; $med / 90" | bc))"
echo "$summary" | tee -a "$out.tmp"
mv "$out.tmp" "$out"
