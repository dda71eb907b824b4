#!/usr/bin/env bash
# The standalone emulator serves https with a certificate made at start-up and writes it as PEM;
# a client that trusts only that file (curl --cacert), decodes the access token as a JWT the way
# @clarify/api does, and speaks as @clarify/api 0.3.0 does (integration.SaveSignals with inputs and
# integration.Insert with X-API-Version 1.1beta2, clarify.SelectItems with 1.1beta1's {items, data})
# can save signals, insert and select items. It stops on SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
source .ci/lib/standalone-emulator.sh
trap 'emulator_cleanup; rm -rf "$work"' EXIT
command=$(grep -m1 -E '^dotnet run --project src/Clarify.Typed.Emulator -- .*--https' docs/emulator.md)
[ -n "$command" ] || { echo "docs/emulator.md gives no command for the https emulator"; exit 1; }
credentials=$(sed -E 's/.*--write-credentials ([^ ]+).*/\1/' <<<"$command")
certificate=$(sed -E 's/.*--write-certificate ([^ ]+).*/\1/' <<<"$command")
start_documented_emulator "$command" "$work/out.log"
grep -qF "curl --cacert" "$work/out.log" && grep -qF "$certificate" "$work/out.log"   # the banner says how to trust the certificate
grep -q "BEGIN CERTIFICATE" "$certificate"

api=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["apiUrl"])' "$credentials")
case "$api" in https://127.0.0.1:*/v1/) ;; *) echo "expected an https loopback apiUrl, got $api"; exit 1 ;; esac

# Without the certificate the connection is refused: it is trusted only where the client is told to.
if curl -sS -o /dev/null "${api}oauth/token" 2>"$work/untrusted.err"; then echo "curl trusted the emulator without --cacert"; exit 1; fi

client_id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["credentials"]["clientId"])' "$credentials")
client_secret=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["credentials"]["clientSecret"])' "$credentials")
integration=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["integration"])' "$credentials")
curl -sS --fail --cacert "$certificate" "${api}oauth/token" \
  --data-urlencode grant_type=client_credentials --data-urlencode "client_id=$client_id" \
  --data-urlencode "client_secret=$client_secret" --data-urlencode "audience=$api" >"$work/token.json"

# As @clarify/api: token.split('.')[1], base64 (url alphabet), JSON, and the claims it reads.
token=$(python3 - "$work/token.json" "$api" "$client_id" <<'PY'
import base64, json, sys
response = json.load(open(sys.argv[1]))
api, client_id = sys.argv[2], sys.argv[3]
token = response["access_token"]
payload = token.split(".")[1]
claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
for claim in ("exp", "aud", "azp", "iat", "iss", "scope", "sub"):
    assert claim in claims, (claim, claims)
assert claims["aud"] == [api], claims
assert claims["azp"] == client_id and claims["sub"] == client_id, claims
assert claims["exp"] - claims["iat"] in (response["expires_in"], response["expires_in"] + 1), (claims, response)
assert claims["iss"] == api[: api.index("/v1/")] + "/", claims
print(token)
PY
)

rpc() { # version, body
  curl -sS --fail --cacert "$certificate" "${api}rpc" -H "Authorization: Bearer $token" \
    -H "Content-Type: application/json" -H "X-API-Version: $1" -D "$work/headers" --data "$2"
  grep -qi "^x-api-version: $1" "$work/headers"   # the response echoes the version
}
rpc 1.1beta2 '{"jsonrpc":"2.0","id":"clarify-1","method":"integration.SaveSignals","params":{"integration":"'"$integration"'","createOnly":false,"inputs":{"boiler-temp":{"name":"Boiler temperature","type":"numeric","engUnit":"°C","labels":{"site":["oslo"]}}}}}' >"$work/save.json"
rpc 1.1beta2 '{"jsonrpc":"2.0","id":"clarify-2","method":"integration.Insert","params":{"integration":"'"$integration"'","data":{"times":["2024-05-01T10:00:00Z","2024-05-01T10:01:00Z"],"series":{"boiler-temp":[71.5,72.25]}}}}' >"$work/insert.json"

# Items come from signals published in the admin namespace (as an integration with admin access does).
signal=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["id"]=="clarify-1", r; s=r["result"]["signalsByInput"]["boiler-temp"]; assert s["created"], r; print(s["id"])' "$work/save.json")
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["result"]["signalsByInput"]["boiler-temp"]["created"] is False, r' "$work/insert.json"
rpc 1.1 '{"jsonrpc":"2.0","id":3,"method":"admin.publishSignals","params":{"integration":"'"$integration"'","itemsBySignal":{"'"$signal"'":{"name":"Boiler temperature","visible":true}}}}' >"$work/publish.json"
item=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["result"]["itemsBySignal"][sys.argv[2]]["id"])' "$work/publish.json" "$signal")

rpc 1.1beta1 '{"jsonrpc":"2.0","id":"clarify-4","method":"clarify.SelectItems","params":{"items":{"include":true,"filter":{"id":{"$in":["'"$item"'"]}},"limit":10,"skip":0},"data":{"include":true,"notBefore":"2024-05-01T00:00:00Z","before":"2024-05-02T00:00:00Z","rollup":null}}}' >"$work/select.json"
python3 - "$work/select.json" "$item" <<'PY'
import json, sys
response, item = json.load(open(sys.argv[1])), sys.argv[2]
assert response["id"] == "clarify-4" and "error" not in response, response
result = response["result"]
assert result["items"][item]["name"] == "Boiler temperature", result
assert result["data"]["times"] == ["2024-05-01T10:00:00Z", "2024-05-01T10:01:00Z"], result
assert result["data"]["series"][item] == [71.5, 72.25], result
print("https emulator served @clarify/api's token, integration.SaveSignals, integration.Insert and clarify.SelectItems")
PY

stop_emulator
