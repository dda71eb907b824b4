#!/usr/bin/env bash
# The credentials generator inside a real MSBuild build: the sample must build and print its
# typed values with the secret redacted, and a copy of it with a broken clarify-credentials.json
# must fail with each diagnostic at clarify-credentials.json(line,col), exactly once (the copy
# also lists the file as an AdditionalFiles item itself, which the targets must not duplicate).
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
sample=samples/Clarify.Typed.CredentialsSample
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }

echo "== building the sample with its good credentials file"
if ! dotnet build "$sample/Clarify.Typed.CredentialsSample.csproj" -nologo -clp:NoSummary >"$work/good.log" 2>&1; then
  cat "$work/good.log"; fail "the sample does not build"
else
  out=$(dotnet run --no-build --project "$sample/Clarify.Typed.CredentialsSample.csproj" 2>&1)
  echo "$out"
  grep -q "IntegrationId = c0jd1g6qnk1emp4tq2ag" <<<"$out" || fail "the sample does not print its options"
  grep -q "ClientSecret = \*\*\*" <<<"$out" || fail "the sample does not redact the secret"
  ! grep -q "sample-client-secret-not-real" <<<"$out" || fail "the sample printed the secret"
fi

echo "== building a copy with a broken credentials file"
copy="$work/BrokenSample"
mkdir -p "$copy"
cp "$sample/Program.cs" "$copy/"
sed 's#</ClarifyRepoRoot>#</ClarifyRepoRoot>\n  </PropertyGroup>\n  <ItemGroup>\n    <AdditionalFiles Include="clarify-credentials.json" />\n  </ItemGroup>\n  <PropertyGroup>#' \
  "$sample/Clarify.Typed.CredentialsSample.csproj" >"$copy/Clarify.Typed.CredentialsSample.csproj"
cat >"$copy/clarify-credentials.json" <<'JSON'
{
  "apiUrl": "http://api.clarify.io/v1/",
  "integration": "c0jd1g6qnk1emp4tq2ag",
  "credentials": {
    "type": "client-credentials",
    "clientID": "<YOUR_CLIENT_ID>",
    "clientSecret": "<YOUR_CLIENT_SECRET>"
  }
}
JSON
if dotnet build "$copy/Clarify.Typed.CredentialsSample.csproj" -nologo -clp:NoSummary "-p:ClarifyRepoRoot=$root/" >"$work/broken.log" 2>&1; then
  fail "the build with a broken credentials file succeeded"
fi
# MSBuild repeats every error in its closing summary: count only what the compiler printed before it.
sed '/Build FAILED/,$d' "$work/broken.log" >"$work/compiler.log"
grep -E "CLARIFY[0-9]{3}" "$work/compiler.log" | sed "s#$work/##"
for expected in \
  "clarify-credentials.json(2,13): error CLARIFY005" \
  "clarify-credentials.json(4,3): error CLARIFY002" \
  "clarify-credentials.json(6,5): warning CLARIFY009" \
  "clarify-credentials.json(7,21): error CLARIFY008"; do
  count=$(grep -cF "$expected" "$work/compiler.log")
  [ "$count" -eq 1 ] || fail "expected '$expected' once, found $count times"
done
unexpected=$(grep -E "(error|warning) CLARIFY[0-9]{3}" "$work/compiler.log" | grep -vE "CLARIFY00(5|2|9|8)")
[ -z "$unexpected" ] || fail "unexpected diagnostics: $unexpected"

[ $status -eq 0 ] && echo "generator-msbuild: OK"
exit $status
