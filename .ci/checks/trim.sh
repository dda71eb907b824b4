#!/usr/bin/env bash
# Publishes samples/Clarify.Typed.TrimCheck trimmed for linux-x64 and fails on any trim or AOT
# warning (IL2xxx/IL3xxx), then runs the trimmed app, which calls the client against an
# in-process fake of Clarify and writes and reads a [ClarifySignals] record's readings.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
log="$out/publish.log"
if ! dotnet publish samples/Clarify.Typed.TrimCheck/Clarify.Typed.TrimCheck.csproj -c Release -r linux-x64 \
    -p:PublishTrimmed=true -o "$out/app" >"$log" 2>&1; then
  cat "$log"
  echo "trim check: publish failed" >&2
  exit 1
fi
if grep -E "(warning|error) IL[23][0-9]{3}" "$log"; then
  echo "trim check: trimming reported the warnings above" >&2
  exit 1
fi
"$out/app/Clarify.Typed.TrimCheck"
echo "trim check: no IL2xxx/IL3xxx warnings; the trimmed app ran."
