#!/usr/bin/env bash
# Runs the p2p gossipsub benchmark: 30 Java nodes and 30 js-libp2p nodes on loopback, one after the other, same run.
# Extra arguments go to bench.mjs (e.g. --nodes 10 --messages 100 --rate 20 --burst 300 --only java).
# Works from a fresh clone: it builds the p2p module together with the modules it depends on, in one Maven reactor,
# and writes the build's output to p2p/target/bench-build.log; when a step fails it says which, and shows the log's end.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
# shellcheck source=../../scripts/env.sh
. "$ROOT/scripts/env.sh"
chaoschain_find_java
cd "$ROOT"

LOG="$ROOT/p2p/target/bench-build.log"
mkdir -p "$(dirname "$LOG")"
: >"$LOG"

# step DESCRIPTION COMMAND...: runs COMMAND with its output in $LOG; on failure prints one line and the log's tail
step() {
  local what=$1
  shift
  echo "bench/p2p: $what..." >&2
  if ! "$@" >>"$LOG" 2>&1; then
    echo "error: bench/p2p: $what failed (full log: $LOG); last lines:" >&2
    tail -n 30 "$LOG" >&2
    exit 1
  fi
}

if ! command -v node >/dev/null 2>&1; then
  echo "error: bench/p2p needs Node.js 20 or newer (it drives the nodes and runs the js-libp2p network); install it and retry" >&2
  exit 1
fi

# test-compile and the classpath in the same reactor, so chaoschain-core (and its test jar) resolve to this checkout's
# build output instead of a local repository that a fresh clone does not have
step "building p2p and the modules it depends on, and computing its test classpath" \
  ./mvnw -B -Dskip.npm=true -pl p2p -am test-compile org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
step "installing the pinned js-libp2p peer" bash p2p/src/test/js/ensure-deps.sh

CLASSPATH_FILE="$ROOT/p2p/target/bench.classpath"
if [[ ! -s "$CLASSPATH_FILE" ]]; then
  echo "error: bench/p2p: the build succeeded but wrote no classpath to $CLASSPATH_FILE (full log: $LOG)" >&2
  exit 1
fi
CP="$ROOT/p2p/target/test-classes:$ROOT/p2p/target/classes:$(cat "$CLASSPATH_FILE")"
exec node "$ROOT/bench/p2p/bench.mjs" --java-cp "$CP" "$@"
