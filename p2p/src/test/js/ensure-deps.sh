#!/usr/bin/env bash
# Installs the pinned js-libp2p reference peer (used by the interop tests and bench/p2p) unless node_modules already
# matches package-lock.json.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
stamp=node_modules/.chaoschain-lock
if [[ -f "$stamp" ]] && cmp -s package-lock.json "$stamp"; then
  echo "js interop peer: node_modules is current"
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "error: the p2p interop tests need Node.js 20+ with npm; install it or pass -DskipInterop" >&2
  exit 1
fi
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
cp package-lock.json "$stamp"
