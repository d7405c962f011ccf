#!/usr/bin/env bash
# Makes sure the servers the integration tests start by themselves are installed: PostgreSQL (initdb + postgres) and
# redis-server. The tests launch their own throw-away instances on free ports; nothing here starts a system service.
# As root it installs missing Debian packages with apt-get; otherwise it says what to install and fails.
set -euo pipefail

have_postgres() {
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1
}

have_redis() {
  command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ]
}

missing=()
have_postgres || missing+=(postgresql)
have_redis || missing+=(redis-server)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "error: the tests need ${missing[*]}; install them (sudo apt-get install -y ${missing[*]}) or run ./run-tests as root" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: the tests need ${missing[*]} and this machine has no apt-get; install them and put them on PATH" >&2
  exit 1
fi

echo "installing ${missing[*]} for the integration tests (apt-get)..." >&2
export DEBIAN_FRONTEND=noninteractive
# The packages' own services are not wanted: the tests start private instances. policy-rc.d stops apt from starting them.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && created_policy=1
fi
trap 'if [ "$created_policy" = 1 ]; then rm -f "$policy"; fi' EXIT
apt-get update -qq >&2 || { echo "error: apt-get update failed; check that the Debian mirrors are reachable" >&2; exit 1; }
apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 || {
  echo "error: apt-get install ${missing[*]} failed" >&2
  exit 1
}
have_postgres && have_redis || { echo "error: ${missing[*]} installed but not found; check /usr/lib/postgresql/*/bin" >&2; exit 1; }
