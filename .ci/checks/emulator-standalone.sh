#!/usr/bin/env bash
# The standalone emulator, started with the command docs/emulator.md and the README give, as
# written (from the repository root, port and file included): it writes a credentials file for
# itself, issues a token for those credentials, serves an RPC call with it, and stops on SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
source .ci/lib/standalone-emulator.sh
trap 'emulator_cleanup; rm -rf "$work"' EXIT
command=$(grep -E '^dotnet run --project src/Clarify.Typed.Emulator -- ' docs/emulator.md | grep -v -- '--https' | head -1)
readme=$(grep -m1 -oE 'dotnet run --project src/Clarify.Typed.Emulator -- [^`]*' README.md)
[ "$command" = "$readme" ] || { echo "README.md and docs/emulator.md give different commands:"; echo "  $readme"; echo "  $command"; exit 1; }
credentials=$(sed -E 's/.*--write-credentials ([^ ]+).*/\1/' <<<"$command")
start_documented_emulator "$command" "$work/out.log"
grep -q "clientSecret:     \*\*\*" "$work/out.log"   # the banner redacts the secret by default

python3 - "$credentials" <<'PY'
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

stop_emulator
