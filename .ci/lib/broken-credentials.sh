# Sourced by the checks that build a broken clarify-credentials.json for real (through a project
# reference, through the package): one broken file and the diagnostics it must produce, each
# exactly once at its line and column. The sourcing script defines fail().

# write_broken_credentials FILE
write_broken_credentials() {
  cat >"$1" <<'JSON'
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
}

# expect_broken_credentials_diagnostics BUILD_LOG FILE: FILE is the path the compiler reports.
expect_broken_credentials_diagnostics() {
  local log=$1 file=$2 compiler="$1.compiler" expected count unexpected
  # MSBuild repeats every error in its closing summary: count only what the compiler printed before it.
  sed '/Build FAILED/,$d' "$log" >"$compiler"
  grep -E "CLARIFY[0-9]{3}" "$compiler"
  for expected in \
    "(2,13): error CLARIFY005" \
    "(4,3): error CLARIFY002" \
    "(6,5): warning CLARIFY009" \
    "(7,21): error CLARIFY008"; do
    count=$(grep -cF "$file$expected" "$compiler")
    [ "$count" -eq 1 ] || fail "expected '$file$expected' once, found $count times"
  done
  unexpected=$(grep -E "(error|warning) CLARIFY[0-9]{3}" "$compiler" | grep -vE "CLARIFY00(5|2|9|8)")
  [ -z "$unexpected" ] || fail "unexpected diagnostics: $unexpected"
}
