#!/usr/bin/env bash
# The benchmarks build in Release and run: one dry, in-process pass over the in-memory hot-path
# benchmarks (a few seconds), which exercises the loopback server process, the token cache
# warm-up and the summary. CI never runs the real benchmarks: they take minutes and their
# numbers mean nothing on a shared machine. Numbers are in docs/benchmarks.md.
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
project=bench/Clarify.Typed.Benchmarks/Clarify.Typed.Benchmarks.csproj
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== building $project in Release"
dotnet build "$project" -c Release -nologo -clp:NoSummary || { echo "FAIL: the benchmarks do not build"; exit 1; }

echo "== dry run of AuthLayerBenchmarks (in process)"
cd "$work"
if ! dotnet "$root/bench/Clarify.Typed.Benchmarks/bin/Release/net10.0/Clarify.Typed.Benchmarks.dll" \
  --filter '*AuthLayerBenchmarks*' --job dry --inProcess >"$work/dry.log" 2>&1; then
  tail -n 60 "$work/dry.log"; echo "FAIL: the dry benchmark run failed"; exit 1
fi
grep -E "^\| (Method|ClarifyAuthenticationHandler)" "$work/dry.log"
rows=$(grep -cE "^\| ('Raw HttpClient, fixed header'|ClarifyAuthenticationHandler|'Naive SemaphoreSlim handler') " "$work/dry.log")
[ "$rows" -eq 3 ] || { tail -n 60 "$work/dry.log"; echo "FAIL: expected 3 benchmark rows in the summary, found $rows"; exit 1; }
echo "bench-smoke: OK"
