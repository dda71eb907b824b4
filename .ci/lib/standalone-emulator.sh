# Starts the standalone emulator with a command the docs give, as written, from the repository
# root, and stops it on SIGTERM. Source it, then:
#   start_documented_emulator "$command" LOG   # waits for the banner and every file the command writes
#   stop_emulator                              # fails when the emulator does not stop on SIGTERM
# Files the command writes (--write-credentials, --write-certificate) land in the root and are
# removed on exit; the command must not overwrite one that is there.
emulator_pid=""
emulator_files=()

emulator_cleanup() {
  [ -n "$emulator_pid" ] && kill "$emulator_pid" 2>/dev/null || true
  [ ${#emulator_files[@]} -eq 0 ] || rm -f "${emulator_files[@]}"
}

start_documented_emulator() {
  local command=$1 log=$2 file ready
  for file in $(grep -oE -- '--write-(credentials|certificate) [^ ]+' <<<"$command" | cut -d' ' -f2); do
    [ ! -e "$file" ] || { echo "$file already exists in the repository root; the command would overwrite it"; return 1; }
    emulator_files+=("$file")
  done
  echo "running: $command"
  $command >"$log" 2>&1 &
  emulator_pid=$!
  for _ in $(seq 1 900); do
    ready=$(grep -c "Press Ctrl+C" "$log" || true)
    for file in "${emulator_files[@]}"; do [ -s "$file" ] || ready=0; done
    if [ "$ready" -gt 0 ]; then cat "$log"; return 0; fi
    kill -0 "$emulator_pid" 2>/dev/null || { cat "$log"; echo "the emulator exited before it was ready"; return 1; }
    sleep 0.2
  done
  cat "$log"; echo "the emulator was not ready after 180 s"; return 1
}

stop_emulator() {
  kill -TERM "$emulator_pid"
  for _ in $(seq 1 100); do kill -0 "$emulator_pid" 2>/dev/null || { emulator_pid=""; return 0; }; sleep 0.1; done
  echo "the emulator did not stop on SIGTERM"; return 1
}
