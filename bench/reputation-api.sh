#!/usr/bin/env bash
# Leaderboard API under load: seeds a private PostgreSQL with AGENTS agents and EVENTS events (default 1,000 and
# 1,000,000), scores them, then hammers GET /api/reputation/leaderboard on two API servers over the same database:
# straight from PostgreSQL (the baseline) and with the Redis cache. Prints p50/p90/p99/max and req/s for each, in the
# same run, and writes them to bench/results/. Starts its own postgres and redis-server (installed by
# scripts/ensure-services.sh when run as root).
# Usage: bench/reputation-api.sh [AGENTS] [EVENTS] [SECONDS] [CONCURRENCY]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
. "$ROOT/scripts/env.sh"
chaoschain_find_java
"$ROOT/scripts/ensure-services.sh"
cd "$ROOT"
# test-compile in the same reactor, so the classpath names the sibling modules' target/classes (node is built last,
# so the file ends up with its classpath)
CPFILE="$ROOT/node/target/bench-classpath.txt"
build() {
  ./mvnw -q -B "$@" -pl node -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$CPFILE" >/dev/null
}
build -o 2>/dev/null || build
exec "$JAVA_HOME/bin/java" -Xmx6g -cp "node/target/test-classes:node/target/classes:$(cat "$CPFILE")" \
  io.chaoschain.node.bench.ReputationApiBench \
  "${1:-1000}" "${2:-1000000}" "${3:-20}" "${4:-32}"
