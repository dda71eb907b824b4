#!/usr/bin/env bash
# The standalone emulator starts with `dotnet run`, writes a credentials file for itself,
# issues a token for those credentials, serves an RPC call with it, and stops on SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
app_pid=""
cleanup() { [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

dotnet build src/Clarify.Typed.Emulator/Clarify.Typed.Emulator.csproj -f net10.0 -nologo -v q
dotnet run --no-build -f net10.0 --project src/Clarify.Typed.Emulator -- \
  --port 0 --write-credentials "$work/clarify-credentials.json" >"$work/out.log" 2>&1 &
app_pid=$!

for _ in $(seq 1 300); do
  [ -s "$work/clarify-credentials.json" ] && grep -q "Press Ctrl+C" "$work/out.log" && break
  kill -0 "$app_pid" 2>/dev/null || { cat "$work/out.log"; exit 1; }
  sleep 0.2
done
cat "$work/out.log"
grep -q "clientSecret:     \*\*\*" "$work/out.log"   # the banner redacts the secret by default

python3 - "$work/clarify-credentials.json" <<'PY'
import json, sys, urllib.parse, urllib.request
creds = json.load(open(sys.argv[1]))
api = creds["apiUrl"]
form = urllib.parse.urlencode({
    "grant_type": "client_credentials",
    "client_id": creds["credentials"]["clientId"],
    "client_secret": creds["credentials"]["clientSecret"],
    "audience": api,
}).encode()
token = json.load(urllib.request.urlopen(api + "oauth/token", form))
assert token["token_type"] == "Bearer" and token["expires_in"] == 86400, token
request = urllib.request.Request(api + "rpc", json.dumps({"jsonrpc": "2.0", "id": 1, "method": "clarify.selectItems", "params": {}}).encode(),
                                 {"Content-Type": "application/json", "Authorization": "Bearer " + token["access_token"]})
response = json.load(urllib.request.urlopen(request))
assert response["result"]["data"] == [], response
print("standalone emulator served a token and clarify.selectItems at", api)
PY

kill -TERM "$app_pid"
for _ in $(seq 1 100); do kill -0 "$app_pid" 2>/dev/null || { app_pid=""; break; }; sleep 0.1; done
[ -z "$app_pid" ] || { echo "the emulator did not stop on SIGTERM"; exit 1; }
