#!/usr/bin/env bash
# Exactly once under fire: runs the bundled tasks (24) on the stub backend at concurrency 4, once
# undisturbed and then APEX_CHAOS_RUNS times (default 1) while SIGKILLing random worker processes
# (APEX_CHAOS_KILLS, default 12) and stopping and restarting the dev server once; compares each
# chaos run's rows with the undisturbed run's and prints rows, distinct ids, outcomes that differ,
# episodes run more than once, wall times, and the longest wait to recover after a disruption.
# Usage: scripts/chaos.sh [out-dir]   (default runs/chaos-<time>; an out-dir that already holds
# an undisturbed run reuses it; see docs/reliability.md)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/runs/chaos-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
kills_wanted="${APEX_CHAOS_KILLS:-12}"
restart_after_kill=$(( kills_wanted / 2 ))
say() { printf 'chaos: %s\n' "$*" >&2; }
now() { date +%s.%N; }
# Starts the dev server without the descriptors this script inherited: run under
# `flock /tmp/apex-heavy.lock`, a server started with the lock's descriptor would hold the lock
# for as long as it runs.
start_server() (
  for fd in /proc/"$BASHPID"/fd/*; do
    fd=${fd##*/}
    if [ "$fd" -gt 2 ]; then eval "exec $fd>&-"; fi
  done
  exec "$root/temporal-dev/start.sh"
) >&2
temporal() { "$root/temporal-dev/bin/temporal" --address "${TEMPORAL_ADDRESS:-127.0.0.1:${APEX_TEMPORAL_PORT:-7233}}" "$@"; }

start_server
[ "${APEX_NO_BUILD:-}" = 1 ] || "$root/apex" --help >/dev/null # builds once; every run then uses the same build
export APEX_NO_BUILD=1
eval_args=(eval --backend stub --all --concurrency 4)
# The fleet's state file: the pids to kill (see Fleet.stateDir).
state_file="$root/.apex/fleet-${APEX_METRICS_PORT_BASE:-9460}/workers.json"

run_eval() { # run_eval NAME [ARGS...]: one batch into $out/NAME, its wall time in $out/NAME.wall
  local name=$1 start
  shift
  start=$(now)
  "$root/apex" "${eval_args[@]}" "$@" --out "$out/$name" >"$out/$name.out" 2>"$out/$name.err" \
    || { say "the $name run failed; see $out/$name.err"; tail -n 5 "$out/$name.err" >&2; return 1; }
  echo "$(now) - $start" | bc >"$out/$name.wall"
}

chaos() { # chaos NAME: a batch into $out/NAME under fire; what was done when in $out/NAME-disruptions.tsv
  local run=$1 job kills=0 name pid stopped workers
  say "chaos run -> $out/$run ($kills_wanted kills, one dev-server restart)"
  : >"$out/$run-disruptions.tsv"
  # APEX_CHAOS_ARGS: more eval flags for the chaos runs, e.g. --heartbeat-timeout-s 10.
  # shellcheck disable=SC2086
  run_eval "$run" ${APEX_CHAOS_ARGS:-} &
  job=$!
  until grep -q 'workers ready in' "$out/$run.err" 2>/dev/null; do
    kill -0 "$job" 2>/dev/null || { say "the $run run ended before its workers were ready"; return 1; }
    sleep 0.5
  done
  while kill -0 "$job" 2>/dev/null && [ "$kills" -lt "$kills_wanted" ]; do
    sleep "$(( RANDOM % 5 + 2 ))"
    mapfile -t workers < <(jq -r '.workers[] | "\(.name) \(.pid)"' "$state_file" 2>/dev/null)
    [ "${#workers[@]}" -gt 0 ] || continue
    read -r name pid <<<"${workers[RANDOM % ${#workers[@]}]}"
    if kill -9 "$pid" 2>/dev/null; then
      kills=$((kills + 1))
      printf 'kill\t%s\t%s\t%s\n' "$(now)" "$name" "$pid" >>"$out/$run-disruptions.tsv"
      say "kill $kills: $name (pid $pid)"
    fi
    if [ "$kills" -eq "$restart_after_kill" ] && ! grep -q '^restart' "$out/$run-disruptions.tsv"; then
      stopped=$(now)
      "$root/temporal-dev/stop.sh" >&2
      sleep 3
      start_server
      printf 'restart\t%s\tserver\t%s\n' "$(now)" "$stopped" >>"$out/$run-disruptions.tsv"
      say "dev server stopped and started again"
    fi
  done
  wait "$job"
}

# --- comparison ---------------------------------------------------------------------------------
rows() { wc -l <"$1/results.jsonl" | tr -d ' '; }
distinct() { jq -r .instance_id "$1/results.jsonl" | sort -u | wc -l | tr -d ' '; }

# waits NAME: every Episode execution of that run's batch (more than one per id is a rerun) in
# $out/NAME-episodes.json, and in $out/NAME-waits.tsv each task's wait for a worker: from the
# scheduling of a workflow task or activity to the start of the attempt that ended it (an activity
# whose worker was killed ran again after its heartbeat timeout: that time is in its wait too).
ts='def ts: capture("^(?<s>[^.Z]+)(\\.(?<f>[0-9]+))?Z$") | ((.s + "Z") | fromdateiso8601) + ((.f // "0") | ("0." + .) | tonumber);'
waits() {
  local name=$1 id
  temporal workflow list -o json --limit 1000 \
    --query "ApexBatch=\"$(jq -r .batch_id "$out/$name/report.json")\" AND WorkflowType=\"Episode\"" >"$out/$name-episodes.json"
  : >"$out/$name-waits.tsv"
  for id in $(jq -r -s 'flatten | .[].execution.workflowId' "$out/$name-episodes.json" | sort -u); do
    temporal workflow show -w "$id" -o json \
      | jq -r --arg id "$id" "$ts"'
          .events as $all
          | ($all | map(select(.eventType | test("TASK_SCHEDULED$")) | {key: (.eventId | tostring), value: .})
              | from_entries) as $scheduled
          | $all[] | select(.eventType | test("(ACTIVITY|WORKFLOW)_TASK_STARTED$"))
          | $scheduled[(.activityTaskStartedEventAttributes // .workflowTaskStartedEventAttributes).scheduledEventId | tostring] as $s
          | "\($id)\t\(.eventTime | ts)\t\((.eventTime | ts) - ($s.eventTime | ts))\t\($s.activityTaskScheduledEventAttributes.activityType.name // "workflow task")"' \
      >>"$out/$name-waits.tsv"
  done
}
compare() { # compare RUN: the summary of chaos run RUN against the undisturbed one
  local run=$1
  waits "$run"
  fields='[.instance_id, .outcome, .resolved, .tokens_used, .llm_calls, .fail_to_pass_passed, .pass_to_pass_passed] | @tsv'
  differ=$(diff <(jq -r "$fields" "$out/calm/results.jsonl" | sort) \
    <(jq -r "$fields" "$out/$run/results.jsonl" | sort) | grep -c '^>' || true)
  runs=$(jq -s 'flatten | length' "$out/$run-episodes.json")
  rerun=$(jq -s 'flatten | group_by(.execution.workflowId) | map(select(length > 1)) | length' "$out/$run-episodes.json")
  # The longest wait to recover: over the workflow tasks and activities whose wait for a worker a
  # disruption hit (one that fell in the wait, or came at most a minute before it: a replacement
  # worker takes that long to start on a busy machine), the time from the later of the scheduling
  # and the first such disruption to the start of the attempt that ended it. The disruptions that
  # can hold up a task: the restart (from the moment the server served again), a kill of the episode
  # worker (it runs the workflows and the episode steps), and a kill of the activity's role worker.
  longest=$(awk -F'\t' '
    FNR == NR { at[NR] = $2; who[NR] = $3; what[NR] = $1 " of the " $3; n = NR; next }
    { started = $2; scheduled = $2 - $3
      role = $4 == "workflow task" ? "episodes" : tolower(substr($4, 1, index($4, ".") - 1))
      if (role == "episode") role = "episodes"
      first = ""
      for (i = 1; i <= n; i++)
        if ((who[i] == "server" || who[i] == "episodes" || who[i] == role) && at[i] < started \
            && at[i] > scheduled - 60 && (first == "" || at[i] < at[first])) first = i
      if (first == "") next
      w = started - (at[first] > scheduled ? at[first] : scheduled)
      if (w > best) { best = w; which = sprintf("%s, episode %s, after the %s", $4, $1, what[first]) } }
    END { printf "%.1f s (%s)", best, which ? which : "no task waited on a disruption" }' \
    "$out/$run-disruptions.tsv" "$out/$run-waits.tsv")
  calm_wait=$(sort -t$'\t' -k3,3gr "$out/calm-waits.tsv" | sed -n 1p | awk -F'\t' '{ printf "%.1f s (%s)", $3, $4 }')
  # How soon the fleet served again after the restart: the first task started after the server did.
  resumed=$(awk -F'\t' 'FNR == NR { if ($1 == "restart") at = $2; next }
    at != "" && $2 > at && (first == "" || $2 < first) { first = $2 }
    END { if (first != "") printf "%.1f", first - at; else printf "?" }' \
    "$out/$run-disruptions.tsv" "$out/$run-waits.tsv")
  kills_done=$(grep -c '^kill' "$out/$run-disruptions.tsv" || true)
  down=$(awk -F'\t' '$1 == "restart" { printf "%.1f", $2 - $4 }' "$out/$run-disruptions.tsv")

  {
    printf '%s:\n' "$run"
    printf 'rows: %s (undisturbed %s), distinct ids: %s\n' "$(rows "$out/$run")" "$(rows "$out/calm")" "$(distinct "$out/$run")"
    printf 'outcomes that differ from the undisturbed run: %s\n' "$differ"
    printf 'episode executions: %s, episodes run more than once: %s\n' "$runs" "$rerun"
    printf 'wall: %.0f s against %.0f s undisturbed\n' "$(cat "$out/$run.wall")" "$(cat "$out/calm.wall")"
    printf 'disruptions: %s SIGKILLs, 1 dev-server restart (down %s s; the first task started %s s after it served again)\n' "$kills_done" "${down:-?}" "$resumed"
    printf 'longest wait to recover after a disruption: %s\n' "$longest"
    printf 'longest wait for a worker undisturbed: %s\n' "$calm_wait"
  } | tee "$out/$run-summary.txt"
}

if [ "${APEX_CHAOS_COMPARE_ONLY:-}" = 1 ]; then # summaries again for the chaos runs in out-dir
  waits calm
  for run in $(cd "$out" && ls -d chaos-[0-9]* | grep -v '\.' | sort -V); do compare "$run"; done
  exit 0
fi
if [ ! -f "$out/calm/report.json" ]; then
  say "undisturbed run -> $out/calm"
  run_eval calm
fi
waits calm
for r in $(seq 1 "${APEX_CHAOS_RUNS:-1}"); do
  chaos "chaos-$r"
  compare "chaos-$r"
done
