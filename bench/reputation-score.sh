#!/usr/bin/env bash
# Scores a synthetic log of N feedback events (default 1,000,000) + 100,000 contributions with the CredRank engine and,
# in the same run, with the baseline (a fixed weighted average with no decay and no reviewer trust, as in the plan's
# prototype). Prints each run and the medians with their ratio. Target: 1 M feedback events scored in <= 2 s.
# The bench is a class in reputation's tests: reputation/src/test/java/io/chaoschain/reputation/scoring/ScoreBench.java.
# Usage: bench/reputation-score.sh [N]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
. "$ROOT/scripts/env.sh"
chaoschain_find_java || exit 1
cd "$ROOT"
# one reactor for the build and the classpath, so core comes from core/target/classes, not from ~/.m2
CPFILE="$ROOT/reputation/target/bench-classpath.txt"
LOG="$ROOT/target/bench-reputation-score-build.log"
build() {
  ./mvnw -q -B -Dskip.npm=true "$@" -pl reputation -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=runtime -Dmdep.outputFile="$CPFILE"
}
mkdir -p "$(dirname "$LOG")"
if ! build -o >"$LOG" 2>&1; then
  chaoschain_step "building reputation's test classes (mvnw -pl reputation -am test-compile)" "$LOG" build || exit 1
fi
exec "$JAVA_HOME/bin/java" -Xmx4g -cp "reputation/target/classes:reputation/target/test-classes:$(cat "$CPFILE")" \
  io.chaoschain.reputation.scoring.ScoreBench "${1:-1000000}"
