# Sourced by ./chaoschain, ./run-tests and the bench scripts: finds a JDK >= 21, installs the pinned npm toolchain,
# and runs build steps whose failure prints one line and the tail of their log.
# chaoschain_find_java exports JAVA_HOME and puts its bin first on PATH; every function prints one clear line and
# returns 1 when it cannot do its job.

_cc_java_major() {
  "$1" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit}'
}

chaoschain_find_java() {
  local candidate major
  for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java 2>/dev/null)" \
      /usr/lib/jvm/*/bin/java /opt/java/*/bin/java /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    major=$(_cc_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null && [ -x "$(dirname "$candidate")/javac" ]; then
      JAVA_HOME=$(cd "$(dirname "$candidate")/.." && pwd -P)
      export JAVA_HOME
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "error: ChaosChain needs a JDK 21 or newer; install one (e.g. Temurin 21) or set JAVA_HOME to it" >&2
  return 1
}

chaoschain_npm_ci() {
  local root=$1
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "error: ChaosChain needs Node.js 20 or newer with npm (for Anvil, solc and OpenZeppelin); install it and retry" >&2
    return 1
  fi
  local stamp="$root/node_modules/.chaoschain-lock"
  if [ ! -f "$stamp" ] || ! cmp -s "$root/package-lock.json" "$stamp"; then
    echo "installing the pinned toolchain (npm ci: anvil, solc, @openzeppelin/contracts)..." >&2
    (cd "$root" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2) || {
      echo "error: npm ci failed; check that the npm registry is reachable" >&2
      return 1
    }
    cp "$root/package-lock.json" "$stamp"
  fi
}

# Runs a build step with its output in a log file. On failure prints one line naming the step and the log's last
# lines, and returns 1. Usage: chaoschain_step "building the node" LOGFILE command args...
chaoschain_step() {
  local step=$1 log=$2
  shift 2
  mkdir -p "$(dirname "$log")"
  if ! "$@" >"$log" 2>&1; then
    echo "error: $step failed; last lines of $log:" >&2
    tail -n 30 "$log" >&2
    return 1
  fi
}
