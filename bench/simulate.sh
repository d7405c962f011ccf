#!/usr/bin/env bash
# Proposal simulation speed, whole process against whole process: `./chaoschain simulate --draft` (JVM start, fork,
# execute, every check, report) against a minimal viem + Anvil script (`node bench/simulate-baseline/simulate.mjs
# --runs 1`: fork, impersonate, execute, callTracer + prestateTracer) on the same draft proposal of a local devnet,
# the two alternating in the same run. Prints the medians of wall time and CPU time (user + system of the process
# and its children, Anvil included, from /usr/bin/time) and both ratios; then the median per proposal on a warm fork
# (`--repeat`: one process, the fork leased again and reverted between runs, as the node's warm pool does).
# Results also go to bench/results/simulate-*.txt.
# Usage: bench/simulate.sh [RUNS]   (default 11)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
. "$ROOT/scripts/env.sh"
RUNS=${1:-11}
PORT=${BENCH_PORT:-18545}
TIME=/usr/bin/time
if [ ! -x "$TIME" ]; then
  echo "error: bench/simulate.sh measures CPU time with /usr/bin/time; install it (apt-get install time) and retry" >&2
  exit 1
fi
chaoschain_find_java || exit 1
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

OURS=("$ROOT/chaoschain" simulate --rpc "$RPC" --block "$BLOCK" --draft "$WORK/draft.json" --format json --quiet)
BASE=(node "$ROOT/bench/simulate-baseline/simulate.mjs" --rpc "$RPC" --block "$BLOCK" --draft "$WORK/draft.json" --runs 1)
# one timed run: appends "wall_ms cpu_ms" to $1; the command's own output is discarded
timed() {
  local file=$1
  shift
  "$TIME" -f '%e %U %S' -o "$WORK/t" "$@" >/dev/null 2>"$WORK/last.err" || {
    case $? in 1) ;; *) echo "error: '$*' failed; last lines:" >&2; tail -n 20 "$WORK/last.err" >&2; exit 1 ;; esac
  }
  awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}' "$WORK/t" >>"$file"
}
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'; }
col() { awk -v c="$2" '{print $c}' "$1" | median; }

# warm-up: the first simulate run records the launcher's startup cache, assembled in the background; wait for it
echo "warm-up runs (the first records the JVM startup cache)..." >&2
"${OURS[@]}" >/dev/null 2>&1 || true
for _ in $(seq 1 120); do
  compgen -G "$ROOT/app/target/startup-cache/simulate-*.aotconf.*" >/dev/null || break
  sleep 1
done
"${OURS[@]}" >/dev/null 2>&1 || true
"${BASE[@]}" >/dev/null

: >"$WORK/ours.txt"
: >"$WORK/base.txt"
for _ in $(seq 1 "$RUNS"); do
  timed "$WORK/ours.txt" "${OURS[@]}"
  timed "$WORK/base.txt" "${BASE[@]}"
done
: >"$WORK/version.txt"
for _ in 1 2 3 4 5; do timed "$WORK/version.txt" "$ROOT/chaoschain" --version; done

"${OURS[@]}" --repeat "$RUNS" --out "$WORK/report.json" 2>"$WORK/warm.err" || true
WARM=$(grep -o 'median [0-9.]* ms per run' "$WORK/warm.err" | awk '{print $2}' || true)
if [ -z "$WARM" ]; then
  echo "error: chaoschain simulate --repeat reported no timing; last lines of its output:" >&2
  tail -n 20 "$WORK/warm.err" >&2
  exit 1
fi

OW=$(col "$WORK/ours.txt" 1) OC=$(col "$WORK/ours.txt" 2) BW=$(col "$WORK/base.txt" 1) BC=$(col "$WORK/base.txt" 2)
{
  echo "proposal: $(node -e "const d=require('$WORK/draft.json');console.log(d.description, d.actions.length+' action(s)')") at block $BLOCK"
  echo "machine: $(nproc) cores, $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "runs: $RUNS of each, alternating"
  echo "chaoschain simulate, whole process: median wall ${OW} ms, CPU ${OC} ms"
  echo "viem + Anvil baseline, whole process: median wall ${BW} ms, CPU ${BC} ms"
  echo "ratio ours / baseline: wall $(awk -v a="$OW" -v b="$BW" 'BEGIN {printf "%.2f", a/b}')x, CPU $(awk -v a="$OC" -v b="$BC" 'BEGIN {printf "%.2f", a/b}')x (target <= 1.00x)"
  echo "  ./chaoschain --version (launcher + JVM start): median wall $(col "$WORK/version.txt" 1) ms, CPU $(col "$WORK/version.txt" 2) ms"
  echo "warm fork (one process, fork reverted between runs): median ${WARM} ms per proposal over $RUNS runs (target <= 200 ms)"
  echo "  $(grep -o 'runs \[.*\]' "$WORK/warm.err")"
} | tee "$OUT"
