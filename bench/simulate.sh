#!/usr/bin/env bash
# Proposal simulation speed: `chaoschain simulate` (fork + execute + every check + report) against a minimal viem +
# Anvil baseline (fork + impersonate + execute + callTracer + prestateTracer) on the same draft proposal of a local
# devnet, in the same run. Prints the medians and the ratio; results also go to bench/results/simulate-*.txt.
# Usage: bench/simulate.sh [RUNS]   (default 15)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
. "$ROOT/scripts/env.sh"
RUNS=${1:-15}
PORT=${BENCH_PORT:-18545}
WORK=$(mktemp -d)
RESULTS="$ROOT/bench/results"
mkdir -p "$RESULTS"
OUT="$RESULTS/simulate-$(date -u +%Y%m%dT%H%M%SZ).txt"
cleanup() { "$ROOT/chaoschain" devnet down --dir "$WORK/devnet" >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT

baseline_npm_ci() { (cd "$ROOT/bench/simulate-baseline" && npm ci --no-audit --no-fund); }
if [ ! -d "$ROOT/bench/simulate-baseline/node_modules" ]; then
  chaoschain_step "installing the baseline's viem (npm ci in bench/simulate-baseline)" "$WORK/npm.log" \
    baseline_npm_ci || exit 1
fi
# the launcher builds the jar on first use and prints its own error when that fails
"$ROOT/chaoschain" --version >/dev/null

echo "starting a devnet with the DAO (port $PORT)..." >&2
chaoschain_step "starting the devnet (chaoschain devnet up)" "$WORK/devnet.log" \
  "$ROOT/chaoschain" devnet up --dir "$WORK/devnet" --port "$PORT" --warmup-rounds 1 || exit 1
RPC=$(node -e "console.log(JSON.parse(require('fs').readFileSync('$WORK/devnet/devnet.json','utf8')).rpc)")
node "$ROOT/bench/simulate-baseline/make-draft.mjs" "$WORK/devnet/devnet.json" >"$WORK/draft.json"
BLOCK=$(curl -s -X POST -H 'content-type: application/json' --data '{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber","params":[]}' "$RPC" \
  | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>console.log(Number(JSON.parse(s).result)))")

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'; }

{
  echo "proposal: $(node -e "const d=require('$WORK/draft.json');console.log(d.description, d.actions.length+' action(s)')") at block $BLOCK"
  echo "machine: $(nproc) cores, $(uname -sr)"

  # ours, inside one process: N runs after the JVM started (what an agent or the endpoint pays per proposal)
  "$ROOT/chaoschain" simulate --rpc "$RPC" --block "$BLOCK" --draft "$WORK/draft.json" --format json --quiet \
    --repeat "$RUNS" --out "$WORK/report.json" 2>"$WORK/ours.err" || true
  OURS=$(grep -o 'median [0-9.]* ms per run' "$WORK/ours.err" | awk '{print $2}' || true)
  if [ -z "$OURS" ]; then
    echo "error: chaoschain simulate reported no timing; last lines of its output:" >&2
    tail -n 20 "$WORK/ours.err" >&2
    exit 1
  fi
  echo "chaoschain simulate, in process: median ${OURS} ms per proposal over $RUNS runs ($(grep -o 'runs \[.*\]' "$WORK/ours.err"))"

  # ours, whole process (JVM start included)
  : >"$WORK/proc.txt"
  for _ in $(seq 1 "$RUNS"); do
    s=$(date +%s%N)
    "$ROOT/chaoschain" simulate --rpc "$RPC" --block "$BLOCK" --draft "$WORK/draft.json" --format json --quiet >/dev/null || true
    echo $(( ($(date +%s%N) - s) / 1000000 )) >>"$WORK/proc.txt"
  done
  PROC=$(median <"$WORK/proc.txt")
  echo "chaoschain simulate, whole process: median ${PROC} ms over $RUNS runs"
  : >"$WORK/launcher.txt"
  for _ in 1 2 3; do
    s=$(date +%s%N); "$ROOT/chaoschain" --version >/dev/null; echo $(( ($(date +%s%N) - s) / 1000000 )) >>"$WORK/launcher.txt"
  done
  echo "  of which launcher + JVM start (./chaoschain --version): median $(median <"$WORK/launcher.txt") ms"

  # the baseline, inside one node process
  BASE_JSON=$(node "$ROOT/bench/simulate-baseline/simulate.mjs" --rpc "$RPC" --block "$BLOCK" --draft "$WORK/draft.json" --runs "$RUNS")
  BASE=$(node -e "console.log(JSON.parse(process.argv[1]).medianMs)" "$BASE_JSON")
  echo "viem + Anvil baseline, in process: median ${BASE} ms per proposal ($BASE_JSON)"
  echo "ratio (ours in process / baseline): $(awk -v a="$OURS" -v b="$BASE" 'BEGIN {printf "%.2f", a/b}')"
  echo "target: <= 1000 ms per proposal in process"
} | tee "$OUT"
