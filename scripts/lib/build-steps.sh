# Shared by the build scripts: logging with elapsed time, temp-dir cleanup on exit, and steps with a heartbeat.
# Source it after setting BUILD_TAG (the prefix of every log line); add temp dirs to WORK_DIRS to have them removed.
# shellcheck shell=bash

START=$SECONDS
WORK_DIRS=()
CHILD_PID=""

log() {
  printf '[%s +%ds] %s\n' "$BUILD_TAG" "$((SECONDS - START))" "$*" >&2
}

die() {
  log "error: $*"
  exit 1
}

# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
  if [[ -n "$CHILD_PID" ]]; then
    kill "$CHILD_PID" 2>/dev/null || true
  fi
  local dir
  for dir in "${WORK_DIRS[@]+"${WORK_DIRS[@]}"}"; do
    rm -rf "$dir"
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# run_step NAME CMD...: runs CMD, printing a heartbeat with the elapsed time every 30 s while it runs.
run_step() {
  local name=$1
  shift
  local step_start=$SECONDS
  log "$name"
  "$@" &
  CHILD_PID=$!
  local next_beat=$((step_start + 30))
  while kill -0 "$CHILD_PID" 2>/dev/null; do
    sleep 1
    if ((SECONDS >= next_beat)); then
      log "  still running: $name ($((SECONDS - step_start))s)"
      next_beat=$((next_beat + 30))
    fi
  done
  local rc=0
  wait "$CHILD_PID" || rc=$?
  CHILD_PID=""
  if ((rc != 0)); then
    die "$name failed (exit $rc after $((SECONDS - step_start))s): $*"
  fi
  log "  done: $name ($((SECONDS - step_start))s)"
}

