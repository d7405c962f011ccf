#!/usr/bin/env bash
# Builds the reward tree of N random entries (default 100,000) and every entry's proof, with ours and, in the same run
# on the same entries, with the reference library @openzeppelin/merkle-tree; checks both roots are equal and prints
# the medians and their ratio. Target: ours <= 0.2x the library's time.
# The Java side is incentives/src/test/java/io/chaoschain/incentives/merkle/TreeBench.java.
# Usage: bench/incentives/tree.sh [N] [RUNS]
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
exec "$JAVA_HOME/bin/java" -Xmx3g -Dchaoschain.root="$ROOT" \
  -cp "incentives/target/classes:incentives/target/test-classes:$(cat "$CPFILE")" \
  io.chaoschain.incentives.merkle.TreeBench "${1:-100000}" "${2:-5}"
