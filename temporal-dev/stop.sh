#!/usr/bin/env bash
# Stops the local Temporal dev server: SIGTERM, then SIGKILL after APEX_TEMPORAL_STOP_TIMEOUT seconds.
set -euo pipefail
# shellcheck source=temporal-dev/lib.sh
. "$(dirname "$0")/lib.sh"

usage() {
  cat <<USAGE
usage: temporal-dev/stop.sh
  Stops the dev server whose pid is in $PID_FILE; no-op when it is not running.
  Exit codes: 0 stopped or not running, 1 still running after SIGKILL, 2 usage.
  Environment: APEX_TEMPORAL_STOP_TIMEOUT (seconds, default 20), APEX_TEMPORAL_DATA_DIR.
USAGE
}

no_arguments "$@"

# wait_gone PID SECONDS: true once the process has exited.
wait_gone() {
  local deadline=$((SECONDS + $2))
  while kill -0 "$1" 2>/dev/null; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.2
  done
}

[ "$MODE" = local ] || say "TEMPORAL_ADDRESS=$TARGET_ADDRESS is not managed here; stopping only a local dev server"
acquire_lock
if ! pid=$(running_pid); then
  if [ -f "$PID_FILE" ]; then
    say "removing stale pid file $PID_FILE (pid $(cat "$PID_FILE") is not a running dev server)"
    rm -f "$PID_FILE"
  fi
  say "not running"
  exit 0
fi

kill -TERM "$pid" 2>/dev/null || true
if ! wait_gone "$pid" "$STOP_TIMEOUT"; then
  say "pid $pid did not stop within ${STOP_TIMEOUT}s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
  wait_gone "$pid" 10 || die "pid $pid is still running after SIGKILL"
fi
rm -f "$PID_FILE"
say "stopped (pid $pid); data kept in $DB_FILE"
