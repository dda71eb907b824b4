#!/usr/bin/env bash
# The Redis suite (tests/Clarify.Typed.Redis.Tests) a second time, against Debian's redis-server
# instead of the embedded Garnet: installs redis-server when it is missing (CI runs as root),
# starts it on a free loopback port with nothing persisted, and runs the suite with
# CLARIFY_TEST_REDIS set. Its trx goes to $CLARIFY_CI_CHECK_TRX when .ci/run sets it, so every
# test counts in the totals; the check itself fails when Redis cannot be had or any test fails.
set -uo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
redis_pid=""
trap '[ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null; rm -rf "$work"' EXIT
started=$SECONDS

if ! command -v redis-server >/dev/null; then
  echo "== redis-server is missing: installing it (apt-get install -y redis-server)"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y redis-server >"$work/apt.log" 2>&1; then
    # A fresh image may have no package lists yet.
    DEBIAN_FRONTEND=noninteractive apt-get update >>"$work/apt.log" 2>&1
    DEBIAN_FRONTEND=noninteractive apt-get install -y redis-server >>"$work/apt.log" 2>&1
  fi
  if ! command -v redis-server >/dev/null; then
    tail -n 20 "$work/apt.log"
    echo "FAIL: redis-server is not installed and 'apt-get install -y redis-server' did not install it (see above):"
    echo "      install it (as root: apt-get update && apt-get install -y redis-server) or put it on PATH"
    exit 1
  fi
fi
redis-server --version

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
echo "== starting redis-server on 127.0.0.1:$port"
redis-server --bind 127.0.0.1 --port "$port" --dir "$work" --save "" --appendonly no --daemonize no \
  >"$work/redis.log" 2>&1 &
redis_pid=$!
ready=""
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'PING\r\n' >&3 && timeout 1 head -c 5 <&3 | grep -q PONG) 2>/dev/null; then
    ready=yes; break
  fi
  kill -0 "$redis_pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$ready" ]; then
  cat "$work/redis.log"; echo "FAIL: redis-server did not answer PING on 127.0.0.1:$port"; exit 1
fi

trx="${CLARIFY_CI_CHECK_TRX:-$work/trx}"
echo "== dotnet test tests/Clarify.Typed.Redis.Tests with CLARIFY_TEST_REDIS=127.0.0.1:$port"
CLARIFY_TEST_REDIS="127.0.0.1:$port" dotnet test tests/Clarify.Typed.Redis.Tests -nologo \
  --logger "trx;LogFilePrefix=redis-server" --results-directory "$trx"
test_status=$?
read -r passed failed skipped < <(python3 .ci/lib/trx-totals.py "$trx")
echo "redis-server suite: $passed passed, $failed failed, $skipped skipped (dotnet test exit $test_status) in $((SECONDS - started)) s"
if [ "$test_status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  echo "FAIL: the Redis suite against redis-server"; exit 1
fi
echo "redis-server: OK"
