#!/usr/bin/env bash
# Scores a synthetic log of N feedback events (default 1,000,000) + 100,000 contributions with the CredRank engine and,
# in the same run, with the baseline (a fixed weighted average with no decay and no reviewer trust, as in the plan's
# prototype). Prints each run and the medians with their ratio. Target: 1 M feedback events scored in <= 2 s.
# Usage: bench/reputation-score.sh [N]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
. "$ROOT/scripts/env.sh"
chaoschain_find_java
cd "$ROOT"
./mvnw -q -B -o -pl reputation -am test-compile >/dev/null 2>&1 || ./mvnw -q -B -pl reputation -am test-compile
exec "$JAVA_HOME/bin/java" -Xmx4g -cp "reputation/target/classes:reputation/target/test-classes:core/target/classes:$(
  ./mvnw -q -B -o -pl reputation dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=runtime 2>/dev/null)" \
  io.chaoschain.reputation.scoring.ScoreBench "${1:-1000000}"
