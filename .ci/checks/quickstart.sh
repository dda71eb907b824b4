#!/usr/bin/env bash
# The README's first command, as a new user runs it: the quickstart against the embedded
# emulator must exit 0, show every step, share one token, and never print the secret.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(mktemp)
trap 'rm -f "$out"' EXIT
command=$(grep -m1 -oE '^dotnet run --project [^ `]+' README.md)
echo "running: $command"
$command >"$out" 2>&1 || { cat "$out"; echo "quickstart exited with $?"; exit 1; }
cat "$out"
for expected in "1. Saved 3 signals" "4320 points" "3. Published 3 signals as items" "4. Selected 3 items" \
  "5. Hourly averages" "6. Wrote 60 live points through ClarifyWriter" "read back 20 points" "Token requests: 1 " "Quickstart completed."; do
  grep -qF "$expected" "$out" || { echo "missing from the quickstart's output: $expected"; exit 1; }
done
if grep -qF "quickstart-emulator-secret" "$out"; then echo "the quickstart printed its client secret"; exit 1; fi

# A failure must exit non-zero with a clear message: occupy the emulator's port and run again.
port=$(grep -oE '127\.0\.0\.1:[0-9]+' samples/Clarify.Typed.Quickstart/clarify-credentials.json | cut -d: -f2)
python3 -c "import socket,time; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('127.0.0.1', $port)); s.listen(); time.sleep(120)" &
blocker=$!
trap 'kill $blocker 2>/dev/null; rm -f "$out"' EXIT
sleep 1
status=0
$command --no-build >"$out" 2>&1 || status=$?
cat "$out"
[ "$status" -eq 1 ] || { echo "expected exit code 1 with the port taken, got $status"; exit 1; }
grep -qF "Quickstart failed" "$out" || { echo "no clear failure message with the port taken"; exit 1; }
echo "quickstart ok"
