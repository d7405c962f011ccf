#!/usr/bin/env bash
# Runs the p2p gossipsub benchmark: 30 Java nodes and 30 js-libp2p nodes on loopback, one after the other, same run.
# Extra arguments go to bench.mjs (e.g. --nodes 10 --messages 100 --rate 20 --burst 300 --only java).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
. "$ROOT/scripts/env.sh"
chaoschain_find_java
cd "$ROOT"
./mvnw -B -q -pl p2p -am test-compile -DskipTests
./mvnw -B -q -pl p2p dependency:build-classpath -Dmdep.outputFile="$ROOT/p2p/target/bench.classpath" -Dmdep.includeScope=test >/dev/null
bash p2p/src/test/js/ensure-deps.sh
CP="$ROOT/p2p/target/test-classes:$ROOT/p2p/target/classes:$(cat "$ROOT/p2p/target/bench.classpath")"
exec node "$ROOT/bench/p2p/bench.mjs" --java-cp "$CP" "$@"
