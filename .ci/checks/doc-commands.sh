#!/usr/bin/env bash
# Every `dotnet` command that README.md and docs/ give a user runs here as written, so a doc
# cannot drift from what works. The commands are read from the files (code blocks and inline
# code); each one must match a rule below, and a command no rule knows fails the check, so a new
# command in the docs gets a rule here. Commands that another part of CI already runs verbatim
# (it extracts them from the same files) are only listed.
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }

# `dotnet …` (optionally after VAR=value) at the start of a line in a bash block, or as inline code.
python3 - README.md docs/*.md >"$work/commands" <<'PY'
import re, sys
seen = []
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    fence_language = None  # None outside a fenced block
    for line in text.splitlines():
        fence = re.match(r"^\s*```(\w*)", line)
        if fence:
            fence_language = fence.group(1) if fence_language is None else None
            continue
        in_shell = fence_language in ("bash", "sh", "shell", "console")
        if fence_language is not None and not in_shell:
            continue
        candidates = [line.strip()] if in_shell else re.findall(r"`([^`]*\bdotnet [^`]*)`", line)
        for candidate in candidates:
            candidate = re.sub(r"\s+#.*$", "", candidate).strip()
            if re.match(r"^([A-Z_][A-Z0-9_]*=\S+\s+)*dotnet\s", candidate) and candidate not in seen:
                seen.append(candidate)
print("\n".join(seen))
PY
[ -s "$work/commands" ] || { echo "FAIL: no dotnet command found in README.md and docs/"; exit 1; }

run() { # run LABEL COMMAND: runs COMMAND through bash from the repository root, log in $work
  local label=$1 command=$2
  echo "   running: $command"
  if ! (cd "$root" && bash -c "$command") >"$work/$label.log" 2>&1; then
    tail -n 40 "$work/$label.log"; return 1
  fi
}

while IFS= read -r command; do
  echo "== $command"
  case "$command" in
    "dotnet test Clarify.Typed.sln")
      echo "   run verbatim by .ci/run (step 1)" ;;
    "dotnet run --project samples/Clarify.Typed.Quickstart")
      echo "   run verbatim by .ci/checks/quickstart.sh" ;;
    "dotnet run --project src/Clarify.Typed.Emulator -- "*"--https"*)
      echo "   run verbatim, probed over https and stopped by .ci/checks/emulator-https.sh" ;;
    "dotnet run --project src/Clarify.Typed.Emulator -- "*)
      echo "   run verbatim, probed and stopped by .ci/checks/emulator-standalone.sh" ;;
    "dotnet pack "*" -o <folder>")
      # The placeholder is the user's choice of folder.
      feed="$work/feed"
      if run pack "${command/<folder>/$feed}"; then
        package=$(basename "$(awk '{print $3}' <<<"$command")")
        ls "$feed/$package".*.nupkg >/dev/null 2>&1 || fail "$command made no $package .nupkg"
        ls "$feed/$package".*.snupkg >/dev/null 2>&1 || fail "$command made no $package .snupkg"
      else
        fail "$command"
      fi ;;
    "CLARIFY_UPDATE_PUBLIC_API=1 dotnet test "*)
      # Rewrites the approved API files: on an unchanged API it must leave them as they are.
      approved=(tests/Clarify.Typed.PublicApi.Tests/*.approved.txt)
      mkdir -p "$work/approved" && cp "${approved[@]}" "$work/approved/"
      if run public-api "$command"; then
        for file in "${approved[@]}"; do
          cmp -s "$file" "$work/approved/$(basename "$file")" ||
            { diff "$work/approved/$(basename "$file")" "$file" | head -20; fail "$command changed $file: the pinned API is out of date"; }
        done
      else
        fail "$command"
      fi
      cp "$work/approved/"* tests/Clarify.Typed.PublicApi.Tests/ ;;
    "dotnet run -c Release --project bench/Clarify.Typed.Benchmarks -- "*"--job short"*)
      # The full run takes minutes and its numbers mean nothing on a shared machine: its dry
      # run (every benchmark once) proves the command and every benchmark work.
      dry="${command/--job short/--job dry}"
      if run benchmarks "$dry"; then
        found=$(grep -oE "Found [0-9]+ benchmark" "$work/benchmarks.log" | grep -oE "[0-9]+" | head -1)
        executed=$(grep -oE "executed benchmarks: [0-9]+" "$work/benchmarks.log" | grep -oE "[0-9]+" | tail -1)
        grep -E "Found [0-9]+ benchmark|Global total time" "$work/benchmarks.log"
        [ -n "$found" ] && [ "$found" = "$executed" ] || fail "$dry found ${found:-no} benchmarks but executed ${executed:-none}"
        ! grep -q "Benchmarks with issues" "$work/benchmarks.log" ||
          { grep -A 10 "Benchmarks with issues" "$work/benchmarks.log"; fail "$dry: a benchmark failed"; }
      else
        fail "$dry"
      fi ;;
    "dotnet run -c Release --project bench/Clarify.Typed.Benchmarks -- --allocation-profile")
      # The profile's own numbers need 400,000 calls a client; 20,000 prove the command and its table.
      if run allocation-profile "CLARIFY_ALLOCATION_PROFILE_CALLS=20000 $command"; then
        grep -q "^In memory, B per call over 20,000 calls" "$work/allocation-profile.log" && grep -q "^| Type | Raw call" "$work/allocation-profile.log" ||
          { tail -n 20 "$work/allocation-profile.log"; fail "$command printed no allocation table"; }
      else
        fail "$command"
      fi ;;
    "dotnet run -c Release --project bench/Clarify.Typed.Benchmarks -- --loopback-interleaved")
      # 300 rounds take ~20 s; 5 prove the command, the loopback server and the table.
      if run loopback-interleaved "CLARIFY_INTERLEAVED_ROUNDS=5 $command"; then
        grep -q "^| ClarifyClient.SelectItemsAsync | " "$work/loopback-interleaved.log" ||
          { tail -n 20 "$work/loopback-interleaved.log"; fail "$command printed no comparison table"; }
      else
        fail "$command"
      fi ;;
    "dotnet user-secrets set "*)
      # Run where a user runs it: in their own project, which has a UserSecretsId.
      app="$work/user-app"
      mkdir -p "$app" "$work/home"
      printf '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net10.0</TargetFramework><UserSecretsId>clarify-typed-doc-check</UserSecretsId></PropertyGroup></Project>\n' >"$app/app.csproj"
      if (cd "$app" && HOME="$work/home" bash -c "$command") >"$work/user-secrets.log" 2>&1; then
        key=$(awk '{print $4}' <<<"$command" | tr -d '"')
        (cd "$app" && HOME="$work/home" dotnet user-secrets list) | grep -qF "$key = " || fail "$command did not store $key"
      else
        cat "$work/user-secrets.log"; fail "$command"
      fi ;;
    *)
      fail "no rule in .ci/checks/doc-commands.sh runs this command from the docs: add one" ;;
  esac
done <"$work/commands"

[ "$status" -eq 0 ] && echo "every dotnet command in README.md and docs/ ran as written"
exit "$status"
