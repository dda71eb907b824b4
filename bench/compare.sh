#!/usr/bin/env bash
# Before/after in one BenchmarkDotNet run: builds Clarify.Typed as it was at each given commit
# (into artifacts/baseline/, git-ignored) and runs the benchmarks once per commit and once for
# the working tree, as jobs of one run, so their rows sit side by side under the same load.
#   bash bench/compare.sh <commit>... -- <BenchmarkDotNet arguments, e.g. --filter '*AuthLayer*' --job short>
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
baselines=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
  commit=$(git rev-parse --short "$1^{commit}")
  out="$root/artifacts/baseline/$commit"
  dll="$out/src/Clarify.Typed/bin/Release/net10.0/Clarify.Typed.dll"
  # A commit never changes, so neither does its build: made once.
  if [ ! -f "$dll" ]; then
    rm -rf "$out" && mkdir -p "$out"
    # The library and what its build needs (the generator it packs, the shared build settings).
    git archive "$commit" Directory.Build.props Directory.Packages.props global.json src/Clarify.Typed generators | tar -x -C "$out"
    echo "building Clarify.Typed at $commit" >&2
    dotnet build "$out/src/Clarify.Typed/Clarify.Typed.csproj" -c Release -f net10.0 -nologo -v q >&2
  fi
  baselines+=(--baseline "$commit=$dll")
  shift
done
[ "${1:-}" = "--" ] && shift
dotnet run -c Release --project bench/Clarify.Typed.Benchmarks -- "${baselines[@]}" "$@"
