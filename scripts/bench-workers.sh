#!/usr/bin/env bash
# Worker fleet benchmarks (not tests): start-up to ready, memory of five workers against one, and
# aggregate decode tokens/s of five workers at once against one worker serving them in turn.
#
#   scripts/bench-workers.sh startup [runs]       # `./apex workers up` until all five roles are ready
#   scripts/bench-workers.sh memory               # RSS and PSS: five role workers against one
#   scripts/bench-workers.sh throughput [tokens]  # five generating at once against one in turn
#
# Uses APEX_METRICS_PORT_BASE (default 9460) and TEMPORAL_ADDRESS like the workers do; extra JVM
# flags for the workers go in APEX_WORKER_JAVA_OPTS. Results in docs/performance.md (Workers).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
base="${APEX_METRICS_PORT_BASE:-9460}"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME APEX_HOME="$root"
roles=(planner coder runner critic summarizer)

now_ms() { date +%s%3N; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
pss_kb() { awk '/^Pss:/ {print $2}' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }
ready() { curl -fs -o /dev/null --max-time 1 "http://127.0.0.1:$1/ready"; }
pid_of() { curl -fs --max-time 1 "http://127.0.0.1:$1/status" | sed -n 's/.*"pid":\([0-9]*\).*/\1/p'; }
# CPU time (user + system) a process has used so far, in ms.
cpu_ms() { awk -v t="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / t)}' "/proc/$1/stat" 2>/dev/null || echo 0; }

# Starts `./apex workers up` in the background and waits until the five role workers answer /ready.
fleet_up() {
  ./apex workers up >"$root/.apex/bench-up.log" 2>&1 &
  up_pid=$!
  local start i port pending
  start=$(now_ms)
  declare -gA ready_ms=() ready_cpu=()
  while :; do
    pending=0
    for i in "${!roles[@]}"; do
      port=$((base + i + 1))
      [ -n "${ready_ms[${roles[$i]}]:-}" ] && continue
      if ready "$port"; then
        ready_ms[${roles[$i]}]=$(($(now_ms) - start))
        ready_cpu[${roles[$i]}]=$(cpu_ms "$(pid_of "$port")")
      else
        pending=1
      fi
    done
    if [ -z "${ready_cpu[episodes]:-}" ] && ready "$base"; then
      ready_cpu[episodes]=$(cpu_ms "$(pid_of "$base")")
    fi
    [ "$pending" = 0 ] && break
    kill -0 "$up_pid" 2>/dev/null || { cat "$root/.apex/bench-up.log"; echo "workers up failed" >&2; exit 1; }
    [ $(($(now_ms) - start)) -gt 300000 ] && { echo "not ready after 300 s" >&2; exit 1; }
    sleep 0.1
  done
  all_ms=$(($(now_ms) - start))
}

# RSS and PSS of the five role workers, one line each and a total (sets total_rss, total_pss).
fleet_memory() {
  local i pid r p
  total_rss=0; total_pss=0
  echo "$1:"
  for i in "${!roles[@]}"; do
    pid=$(pid_of $((base + i + 1)))
    r=$(rss_kb "$pid"); p=$(pss_kb "$pid")
    total_rss=$((total_rss + r)); total_pss=$((total_pss + p))
    printf '  %-10s pid %-7s RSS %6d MiB  PSS %6d MiB\n' "${roles[$i]}" "$pid" $((r / 1024)) $((p / 1024))
  done
  printf '  five workers: RSS %d MiB, PSS %d MiB (load %s)\n' $((total_rss / 1024)) $((total_pss / 1024)) "$(load)"
}

fleet_down() {
  ./apex workers down >/dev/null
  wait "$up_pid" 2>/dev/null || true
}

mkdir -p .apex
case "${1:-startup}" in
  startup)
    runs="${2:-3}"
    ./apex workers status >/dev/null 2>&1 && { echo "apex workers are up already; ./apex workers down first" >&2; exit 1; }
    ./apex --help >/dev/null  # builds the launcher's class path first, outside the timing
    for run in $(seq 1 "$runs"); do
      before=$(load)
      fleet_up
      printf 'run %d: all five ready in %.1f s (' "$run" "$(echo "$all_ms / 1000" | bc -l)"
      for r in "${roles[@]}"; do printf '%s %.1f ' "$r" "$(echo "${ready_ms[$r]} / 1000" | bc -l)"; done
      cpu=0; for r in "${roles[@]}"; do cpu=$((cpu + ready_cpu[$r])); done
      printf ') load %s -> %s\n' "$before" "$(load)"
      printf '    CPU until ready: %.1f s for the five role workers (' "$(echo "$cpu / 1000" | bc -l)"
      for r in "${roles[@]}"; do printf '%s %.1f ' "$r" "$(echo "${ready_cpu[$r]} / 1000" | bc -l)"; done
      printf '); episode worker %.1f s; the CLI %.1f s\n' "$(echo "${ready_cpu[episodes]:-0} / 1000" | bc -l)" \
        "$(echo "$(cpu_ms "$up_pid") / 1000" | bc -l)"
      for r in "${roles[@]}"; do
        sed -n 's/.*ready: polling [^ ]* with [^ ]* on [^ ]* (\(.*\))$/    '"$r"': \1/p' ".apex/fleet-${APEX_METRICS_PORT_BASE:-9460}/logs/$r.log" | tail -n 1
      done
      fleet_down
      sleep 2
    done
    ;;
  memory)
    fleet_up
    sleep 2
    fleet_memory "after ready"
    total_rss_ready=$total_rss; total_pss_ready=$total_pss
    # One short episode through all roles, so each worker has served a call (heap and KV cache used).
    # (A fresh run directory each time: the same inputs would resume the finished batch.)
    run_dir="$root/.apex/bench-run-$(date +%s)"
    ./apex eval --instance-ids py-median-even --max-rounds 1 --max-completion-tokens 64 \
      --out "$run_dir" >/dev/null 2>&1 || echo "(the episode did not finish cleanly)"
    rm -rf "$run_dir"
    fleet_memory "after one episode"
    total_rss=$total_rss_ready; total_pss=$total_pss_ready
    fleet_down
    sleep 2
    # One role worker alone, started as the supervisor starts the planner (its JVM options and
    # class-data archive), on its own.
    cp="$(ls workers/target/launcher/apex-workers-*.jar | head -n 1):$(cat workers/target/launcher/classpath.txt)"
    archive="$(ls .apex/cds/role-workers-*.jsa 2>/dev/null | head -n 1)"
    APEX_HOME="$root" APEX_METRICS_PORT=$((base + 1)) "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
      --sun-misc-unsafe-memory-access=allow -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx512m -Xmn16m \
      ${archive:+-XX:SharedArchiveFile=$archive} -Xlog:cds=off -Xlog:cds+dynamic=off ${APEX_WORKER_JAVA_OPTS:-} \
      -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" dev.apex.workers.RoleWorker planner \
      >.apex/bench-one.log 2>&1 &
    one=$!
    until ready $((base + 1)); do kill -0 "$one" || { cat .apex/bench-one.log; exit 1; }; sleep 0.2; done
    sleep 2
    r=$(rss_kb "$one"); p=$(pss_kb "$one")
    printf 'one worker after ready: RSS %d MiB, PSS %d MiB\n' $((r / 1024)) $((p / 1024))
    printf 'ratio five/one after ready: RSS %.2f, PSS %.2f\n' "$(echo "$total_rss / $r" | bc -l)" "$(echo "$total_pss / $p" | bc -l)"
    kill "$one"; wait "$one" 2>/dev/null || true
    ;;
  throughput)
    tokens="${2:-128}"
    ./apex --help >/dev/null  # the launcher's build writes the class path (workers/target/launcher)
    ./mvnw -q -B -pl workers -am test-compile -Dspotless.check.skip=true >/dev/null
    cp="workers/target/test-classes:workers/target/classes:$(cat workers/target/launcher/classpath.txt)"
    exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
      -cp "$cp" dev.apex.workers.FleetThroughputBenchmark "$tokens"
    ;;
  *) sed -n '2,11p' "$0"; exit 2 ;;
esac
