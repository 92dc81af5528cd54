#!/usr/bin/env bash
# Exactly once under fire: runs the bundled tasks (24) on the stub backend at concurrency 4 twice,
# once undisturbed and once while SIGKILLing random worker processes (APEX_CHAOS_KILLS, default 12)
# and stopping and restarting the dev server once, then compares the two runs' rows and prints
# rows, distinct ids, outcomes that differ, episodes run more than once, wall times, and the
# longest time an episode in flight waited for its next completed step after a disruption.
# Usage: scripts/chaos.sh [out-dir]   (default runs/chaos-<time>; see docs/reliability.md)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/runs/chaos-$(date +%Y%m%d-%H%M%S)}"
kills_wanted="${APEX_CHAOS_KILLS:-12}"
restart_after_kill=$(( kills_wanted / 2 ))
mkdir -p "$out"
say() { printf 'chaos: %s\n' "$*" >&2; }
now() { date +%s.%N; }
temporal() { "$root/temporal-dev/bin/temporal" --address "${TEMPORAL_ADDRESS:-127.0.0.1:${APEX_TEMPORAL_PORT:-7233}}" "$@"; }

"$root/temporal-dev/start.sh" >&2
[ "${APEX_NO_BUILD:-}" = 1 ] || "$root/apex" --help >/dev/null # builds once; both runs then use the same build
export APEX_NO_BUILD=1
eval_args=(eval --backend stub --all --concurrency 4)
# The fleet's state file: the pids to kill (see Fleet.stateDir).
state_file="$root/.apex/fleet-${APEX_METRICS_PORT_BASE:-9460}/workers.json"

run_eval() { # run_eval NAME: one batch into $out/NAME, its wall time in $out/NAME.wall
  local name=$1 start
  start=$(now)
  "$root/apex" "${eval_args[@]}" --out "$out/$name" >"$out/$name.out" 2>"$out/$name.err" &
  echo $! >"$out/$name.pid"
  wait "$(cat "$out/$name.pid")" || { say "the $name run failed; see $out/$name.err"; tail -n 5 "$out/$name.err" >&2; return 1; }
  echo "$(now) - $start" | bc >"$out/$name.wall"
}

say "undisturbed run -> $out/calm"
run_eval calm

say "chaos run -> $out/chaos ($kills_wanted kills, one dev-server restart)"
: >"$out/disruptions.tsv"
(
  run_eval chaos
) &
chaos_job=$!
until grep -q 'workers ready in' "$out/chaos.err" 2>/dev/null; do
  kill -0 "$chaos_job" 2>/dev/null || { say "the chaos run ended before its workers were ready"; exit 1; }
  sleep 0.5
done
kills=0
while kill -0 "$chaos_job" 2>/dev/null && [ "$kills" -lt "$kills_wanted" ]; do
  sleep "$(( RANDOM % 5 + 2 ))"
  [ -f "$state_file" ] || state_file="$root/.apex/workers.json" # before fleets had their own folder
  mapfile -t workers < <(jq -r '.workers[] | "\(.name) \(.pid)"' "$state_file" 2>/dev/null)
  [ "${#workers[@]}" -gt 0 ] || continue
  read -r name pid <<<"${workers[RANDOM % ${#workers[@]}]}"
  if kill -9 "$pid" 2>/dev/null; then
    kills=$((kills + 1))
    printf 'kill\t%s\t%s\t%s\n' "$(now)" "$name" "$pid" >>"$out/disruptions.tsv"
    say "kill $kills: $name (pid $pid)"
  fi
  if [ "$kills" -eq "$restart_after_kill" ] && ! grep -q '^restart' "$out/disruptions.tsv"; then
    stopped=$(now)
    "$root/temporal-dev/stop.sh" >&2
    sleep 3
    "$root/temporal-dev/start.sh" >&2
    printf 'restart\t%s\tserver\t%s\n' "$(now)" "$stopped" >>"$out/disruptions.tsv"
    say "dev server stopped and started again"
  fi
done
wait "$chaos_job" || { say "the chaos run failed; see $out/chaos.err"; exit 1; }

# --- comparison ---------------------------------------------------------------------------------
rows() { wc -l <"$1/results.jsonl" | tr -d ' '; }
distinct() { jq -r .instance_id "$1/results.jsonl" | sort -u | wc -l | tr -d ' '; }
fields='[.instance_id, .outcome, .resolved, .tokens_used, .llm_calls, .fail_to_pass_passed, .pass_to_pass_passed] | @tsv'
differ=$(diff <(jq -r "$fields" "$out/calm/results.jsonl" | sort) \
  <(jq -r "$fields" "$out/chaos/results.jsonl" | sort) | grep -c '^>' || true)
batch_id() { jq -r .batch_id "$1/report.json"; }
# Every Episode execution the batch started, closed or not: more than one per id is a rerun.
temporal workflow list -o json --limit 1000 \
  --query "ApexBatch=\"$(batch_id "$out/chaos")\" AND WorkflowType=\"Episode\"" >"$out/chaos-episodes.json"
runs=$(jq -s 'flatten | length' "$out/chaos-episodes.json")
rerun=$(jq -s 'flatten | group_by(.execution.workflowId) | map(select(length > 1)) | length' "$out/chaos-episodes.json")

# The longest wait: for each disruption, each episode open then, the time to its next completed
# activity (or its end); measured from the kill, or from the moment the restarted server served.
ts='def ts: capture("^(?<s>[^.Z]+)(\\.(?<f>[0-9]+))?Z$") | ((.s + "Z") | fromdateiso8601) + ((.f // "0") | ("0." + .) | tonumber);'
: >"$out/progress.tsv"
for id in $(jq -r -s 'flatten | .[].execution.workflowId' "$out/chaos-episodes.json" | sort -u); do
  temporal workflow show -w "$id" -o json \
    | jq -r --arg id "$id" "$ts"' .events[] | select(.eventType | test("ACTIVITY_TASK_COMPLETED|WORKFLOW_EXECUTION_STARTED|WORKFLOW_EXECUTION_COMPLETED")) | "\($id)\t\(.eventTime | ts)\t\(.eventType)"' \
    >>"$out/progress.tsv"
done
longest=$(awk -F'\t' '
  FNR == NR { kind[NR] = $1; at[NR] = $2; what[NR] = $3; n = NR; next }
  { ep = $1; t = $2 + 0; events[ep] = events[ep] " " t }
  END {
    best = 0; which = "-"
    for (i = 1; i <= n; i++) for (ep in events) {
      split(substr(events[ep], 2), list, " "); first = ""; started = 0; next_t = ""
      for (k in list) { v = list[k] + 0; if (first == "" || v < first) first = v
                        if (v > at[i] && (next_t == "" || v < next_t)) next_t = v }
      if (first < at[i] && next_t != "") { w = next_t - at[i]; if (w > best) { best = w; which = kind[i] " " what[i] } }
    }
    printf "%.1f s (after the %s)", best, which
  }' "$out/disruptions.tsv" "$out/progress.tsv")
kills_done=$(grep -c '^kill' "$out/disruptions.tsv" || true)
down=$(awk -F'\t' '$1 == "restart" { printf "%.1f", $2 - $4 }' "$out/disruptions.tsv")
calm_wall=$(cat "$out/calm.wall")
chaos_wall=$(cat "$out/chaos.wall")

{
  printf 'rows: %s (undisturbed %s), distinct ids: %s\n' "$(rows "$out/chaos")" "$(rows "$out/calm")" "$(distinct "$out/chaos")"
  printf 'outcomes that differ from the undisturbed run: %s\n' "$differ"
  printf 'episode executions: %s, episodes run more than once: %s\n' "$runs" "$rerun"
  printf 'wall: %.0f s against %.0f s undisturbed\n' "$chaos_wall" "$calm_wall"
  printf 'disruptions: %s SIGKILLs, 1 dev-server restart (down %s s)\n' "$kills_done" "${down:-?}"
  printf 'longest wait to recover: %s\n' "$longest"
} | tee "$out/summary.txt"
