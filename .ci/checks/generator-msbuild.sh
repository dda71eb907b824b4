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
source .ci/lib/broken-credentials.sh

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
write_broken_credentials "$copy/clarify-credentials.json"
if dotnet build "$copy/Clarify.Typed.CredentialsSample.csproj" -nologo -clp:NoSummary "-p:ClarifyRepoRoot=$root/" >"$work/broken.log" 2>&1; then
  fail "the build with a broken credentials file succeeded"
fi
expect_broken_credentials_diagnostics "$work/broken.log" "clarify-credentials.json"

[ $status -eq 0 ] && echo "generator-msbuild: OK"
exit $status
