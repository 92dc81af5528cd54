#!/usr/bin/env bash
# Reports whether the Temporal server APEX uses is running, and where.
set -euo pipefail
# shellcheck source=temporal-dev/lib.sh
. "$(dirname "$0")/lib.sh"

usage() {
  cat <<USAGE
usage: temporal-dev/status.sh [--env]
  Reports the dev server's state, pid, address, UI URL and files.
  --env  prints the settings as KEY=VALUE lines (for tools and tests) and exits 0
  Exit codes: 0 serving, 1 not running but a stale pid file is left, 2 usage,
              3 not running, 4 the process runs but does not answer (starting or stuck).
USAGE
}

case ${1:-} in
  "") ;;
  --env)
    cat <<ENV
TEMPORAL_ADDRESS=$TARGET_ADDRESS
TEMPORAL_NAMESPACE=$NAMESPACE
APEX_TEMPORAL_MODE=$MODE
APEX_TEMPORAL_UI_URL=$UI_URL
APEX_TEMPORAL_BIN=$TEMPORAL_BIN
APEX_TEMPORAL_DB=$DB_FILE
APEX_TEMPORAL_LOG=$LOG_FILE
APEX_TEMPORAL_PID_FILE=$PID_FILE
ENV
    exit 0
    ;;
  -h | --help) usage && exit 0 ;;
  *) usage >&2 && exit 2 ;;
esac

if [ "$MODE" = external ]; then
  if [ -x "$TEMPORAL_BIN" ] && is_serving; then
    echo "serving: $TARGET_ADDRESS (TEMPORAL_ADDRESS; not managed here), namespace $NAMESPACE"
    exit 0
  fi
  echo "not reachable: $TARGET_ADDRESS (TEMPORAL_ADDRESS; not managed here)"
  exit 3
fi

if pid=$(running_pid); then
  if is_serving; then
    echo "running: pid $pid"
    echo "address: $LOCAL_ADDRESS (namespace $NAMESPACE)"
    echo "web UI:  $UI_URL"
    echo "data:    $DB_FILE"
    echo "log:     $LOG_FILE"
    exit 0
  fi
  echo "not answering: pid $pid runs but $LOCAL_ADDRESS does not answer (starting, or stuck: see $LOG_FILE)"
  exit 4
fi
if [ -f "$PID_FILE" ]; then
  echo "not running: stale pid file $PID_FILE (pid $(cat "$PID_FILE")); start.sh or stop.sh removes it"
  exit 1
fi
echo "not running (data: $DB_FILE)"
port_in_use "$PORT" && echo "note: port $PORT is in use by $(port_owner "$PORT" || echo 'another process')"
exit 3
