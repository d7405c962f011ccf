#!/usr/bin/env bash
# Leaderboard API under load: seeds a private PostgreSQL with AGENTS agents and EVENTS events (default 1,000 and
# 1,000,000), scores them, then hammers GET /api/reputation/leaderboard on two API servers over the same database:
# straight from PostgreSQL (the baseline) and with the Redis cache. Prints p50/p90/p99/max and req/s for each, in the
# same run, and writes them to bench/results/. Starts its own postgres and redis-server (installed by
# scripts/ensure-services.sh when run as root). The bench itself is a class in node's tests:
# node/src/test/java/io/chaoschain/node/bench/ReputationApiBench.java.
# Usage: bench/reputation-api.sh [AGENTS] [EVENTS] [SECONDS] [CONCURRENCY]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
. "$ROOT/scripts/env.sh"
chaoschain_find_java || exit 1
chaoschain_npm_ci "$ROOT" || exit 1
"$ROOT/scripts/ensure-services.sh"
cd "$ROOT"
# test-compile in the same reactor, so the classpath names the sibling modules' target/classes (node is built last,
# so the file ends up with its classpath)
CPFILE="$ROOT/node/target/bench-classpath.txt"
LOG="$ROOT/target/bench-reputation-api-build.log"
build() {
  ./mvnw -q -B -Dskip.npm=true "$@" -pl node -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$CPFILE"
}
# offline first (everything is usually in ~/.m2 already), then with the registry
mkdir -p "$(dirname "$LOG")"
if ! build -o >"$LOG" 2>&1; then
  chaoschain_step "building node's test classes (mvnw -pl node -am test-compile)" "$LOG" build || exit 1
fi
# several test-jars on the classpath carry a logback-test.xml; naming node's keeps logback from listing them all
exec "$JAVA_HOME/bin/java" -Xmx6g -Dlogback.configurationFile="$ROOT/node/target/test-classes/logback-test.xml" \
  -cp "node/target/test-classes:node/target/classes:$(cat "$CPFILE")" \
  io.chaoschain.node.bench.ReputationApiBench \
  "${1:-1000}" "${2:-1000000}" "${3:-20}" "${4:-32}"
