#!/usr/bin/env bash
# Gas per claim of RewardDistributor against Uniswap's MerkleDistributor (bytecode from the pinned npm package
# @uniswap/merkle-distributor) on one Anvil devnet, at each recipient count given (default 10000 100000), on the same
# recipients and amounts. At the first count every Java-built proof is also checked on chain (eth_call of claim).
# The Java side is incentives/src/test/java/io/chaoschain/incentives/merkle/ClaimGasBench.java.
# Usage: bench/incentives/claim-gas.sh [N...]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
. "$ROOT/scripts/env.sh"
chaoschain_find_java || exit 1
chaoschain_npm_ci "$ROOT" || exit 1
cd "$ROOT"
CPFILE="$ROOT/incentives/target/bench-classpath.txt"
LOG="$ROOT/target/bench-incentives-build.log"
build() {
  ./mvnw -q -B -Dskip.npm=true "$@" -pl incentives -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$CPFILE"
}
mkdir -p "$(dirname "$LOG")"
if ! build -o >"$LOG" 2>&1; then
  chaoschain_step "building incentives' test classes (mvnw -pl incentives -am test-compile)" "$LOG" build || exit 1
fi
[ $# -gt 0 ] || set -- 10000 100000
exec "$JAVA_HOME/bin/java" -Xmx3g -Dchaoschain.root="$ROOT" \
  -cp "incentives/target/classes:incentives/target/test-classes:$(cat "$CPFILE")" \
  io.chaoschain.incentives.merkle.ClaimGasBench "$@"
