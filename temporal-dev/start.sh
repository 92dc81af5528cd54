#!/usr/bin/env bash
# Starts the local Temporal dev server in the background (SQLite in temporal-dev/data), raises the
# namespace's retention and registers the search attributes. Idempotent. When TEMPORAL_ADDRESS
# names another server, starts nothing and only registers the search attributes there.
set -euo pipefail
# shellcheck source=temporal-dev/lib.sh
. "$(dirname "$0")/lib.sh"

usage() {
  cat <<USAGE
usage: temporal-dev/start.sh
  Starts the dev server on $LOCAL_ADDRESS (UI $UI_URL), data in $DATA_DIR.
  Exit codes: 0 serving, 1 failed (see the message and $LOG_FILE), 2 usage, 3 port taken.
  Environment: APEX_TEMPORAL_PORT, APEX_TEMPORAL_UI_PORT, APEX_TEMPORAL_IP, APEX_TEMPORAL_DATA_DIR,
  APEX_TEMPORAL_RETENTION_DAYS, APEX_TEMPORAL_START_TIMEOUT, TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE.
USAGE
}

no_arguments "$@"

wait_until_serving() {
  local pid=$1 deadline=$((SECONDS + START_TIMEOUT))
  until is_serving; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PID_FILE"
      tail -n 20 "$LOG_FILE" >&2 || true
      die "the dev server exited during start-up (log above, full log: $LOG_FILE)"
    fi
    [ "$SECONDS" -lt "$deadline" ] \
      || die "the dev server (pid $pid) did not answer on $LOCAL_ADDRESS within ${START_TIMEOUT}s; see $LOG_FILE, or temporal-dev/stop.sh"
    sleep 0.2
  done
}

check_port_free() {
  local port=$1 what=$2 owner
  port_in_use "$port" || return 0
  owner=$(port_owner "$port" || true)
  DIE_CODE=3 die "port $port ($what) is already in use by ${owner:-another process}. Stop it, or use other ports: APEX_TEMPORAL_PORT=... APEX_TEMPORAL_UI_PORT=... temporal-dev/start.sh"
}

start_server() {
  check_port_free "$PORT" "Temporal gRPC"
  check_port_free "$UI_PORT" "Temporal Web UI"
  mkdir -p "$DATA_DIR"
  echo "=== $(date '+%Y-%m-%d %H:%M:%S') temporal-dev/start.sh" >>"$LOG_FILE"
  # --namespace default would reset the retention of the existing namespace; it always exists.
  # No UI newsfeed: it would fetch from the internet on every page load.
  set -- --db-filename "$DB_FILE" --ip "$IP" --port "$PORT" --ui-port "$UI_PORT" --log-level warn \
    --ui-disable-news-fetch
  [ "$NAMESPACE" = default ] || set -- "$@" --namespace "$NAMESPACE"
  # The server outlives this script: it must not keep a descriptor it inherited open, such as the
  # one `flock LOCK command` holds its lock on (the lock would stay held while the server runs).
  (
    for fd in /dev/fd/*; do
      fd=${fd##*/}
      case $fd in '' | *[!0-9]* | 0 | 1 | 2) continue ;; esac
      eval "exec $fd>&-" 2>/dev/null || true
    done
    exec nohup "$TEMPORAL_BIN" server start-dev "$@" </dev/null >>"$LOG_FILE" 2>&1
  ) &
  echo $! >"$PID_FILE"
  say "starting the dev server (pid $!) on $LOCAL_ADDRESS"
  wait_until_serving "$!"
}

# Closed workflows are deleted after the retention period (24h by default on the dev server).
ensure_retention() {
  local seconds=$((RETENTION_DAYS * 86400)) described ttl
  described=$(tcli operator namespace describe -n "$NAMESPACE" -o json 2>&1) \
    || die "could not describe namespace $NAMESPACE: $described"
  ttl=$(echo "$described" | sed -n 's/.*"workflowExecutionRetentionTtl": *"\([0-9]*\)s".*/\1/p')
  [ "$ttl" != "$seconds" ] || return 0
  tcli operator namespace update -n "$NAMESPACE" --retention "$((RETENTION_DAYS * 24))h" >/dev/null \
    || die "could not set the retention of namespace $NAMESPACE to $RETENTION_DAYS days"
  say "namespace $NAMESPACE keeps closed workflows for $RETENTION_DAYS days (was ${ttl:-?}s)"
}

# Registers missing search attributes; an unregistered one would fail every workflow task.
ensure_search_attributes() {
  local registered name type have out added=""
  registered=$(tcli operator search-attribute list -n "$NAMESPACE") \
    || die "could not list the search attributes of namespace $NAMESPACE on $TARGET_ADDRESS"
  while read -r name type; do
    have=$(echo "$registered" | awk -v n="$name" '$1 == n { print $2 }')
    if [ -z "$have" ]; then
      if ! out=$(tcli operator search-attribute create -n "$NAMESPACE" --name "$name" --type "$type" 2>&1) \
        && ! echo "$out" | grep -qi 'already exists'; then
        die "could not register search attribute $name ($type): $out"
      fi
      added="$added $name"
    elif [ "$have" != "$type" ]; then
      die "search attribute $name is registered as $have in namespace $NAMESPACE on $TARGET_ADDRESS, but APEX needs $type; a type cannot change: use another namespace (TEMPORAL_NAMESPACE) or, locally, a fresh data dir"
    fi
  done < <(search_attributes)
  [ -z "$added" ] || say "registered search attributes:$added"
}

[ -x "$TEMPORAL_BIN" ] || { say "no temporal CLI in $BIN_DIR yet; installing it"; "$DEV_DIR/install.sh"; }

if [ "$MODE" = external ]; then
  say "TEMPORAL_ADDRESS=$TARGET_ADDRESS is not the local dev server; not starting one"
  is_serving || die "no Temporal server answers at $TARGET_ADDRESS"
  ensure_search_attributes
  say "using $TARGET_ADDRESS (namespace $NAMESPACE)"
  exit 0
fi

acquire_lock
if pid=$(running_pid); then
  if is_serving; then
    say "already running (pid $pid) on $LOCAL_ADDRESS"
  else
    say "pid $pid is starting; waiting for it"
    wait_until_serving "$pid"
  fi
else
  if [ -f "$PID_FILE" ]; then
    say "removing stale pid file $PID_FILE (pid $(cat "$PID_FILE") is not a running dev server)"
    rm -f "$PID_FILE"
  fi
  start_server
fi
# Search attributes first: registering one rewrites the namespace record and, right after a
# retention update, was seen to put the old retention back.
ensure_search_attributes
ensure_retention
say "serving on $LOCAL_ADDRESS, namespace $NAMESPACE, UI $UI_URL, data $DB_FILE"
