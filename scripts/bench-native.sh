#!/usr/bin/env bash
# Decode tokens/s side by side, in one run, same model and threads: llama-bench of the native
# engine build, the stock java-llama.cpp backend, and the native backend (APEX's JNI shim over the
# same build). Rounds alternate their order so drift on a shared machine falls on all three.
#
#   scripts/bench-native.sh [model.gguf] [threads] [rounds] [tokens]
#
# Defaults: the default model, 2 threads, 3 rounds, 128 tokens. Prints the medians and the two
# ratios issue 12 asks for (native ÷ llama-bench ≥ 0.95, native ÷ stock ≥ 1.4). Results in
# docs/performance.md (Native engine). Run it alone (flock /tmp/apex-heavy.lock on a shared box).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
model="${1:-$(scripts/fetch-default-model.sh)}"
threads="${2:-2}"
rounds="${3:-3}"
tokens="${4:-128}"
python="${PYTHON:-python3}"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME

log() { echo "bench-native: $*" >&2; }

engine="$(scripts/native-build.sh)"
export APEX_NATIVE_ENGINE="$engine"

log "compiling the benchmark harness"
./mvnw -q -B -ntp -pl backends -am test-compile -Dspotless.check.skip=true >&2
./mvnw -q -B -ntp -pl backends dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
classpath="backends/target/test-classes:backends/target/classes:$(cat backends/target/bench.classpath)"

# One JVM per backend and round: a worker holds one engine per process, and the stock library
# frees nothing on close. Prints the RESULT line's decode tok/s; keeps the prompt's length.
depth=""
jvm_tps() {
  local out="$root/backends/target/bench-$1"
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$classpath" \
    dev.apex.backends.llamacpp.BackendDecodeBenchmark "$1" "$model" "$threads" 5 "$tokens" \
    >"$out.out" 2>"$out.err" || return 1
  grep -v '^RESULT ' "$out.out" >&2 || true
  grep '^RESULT ' "$out.out" >"$out.result" || return 1
  sed -n 's/.* decode_tps=\([0-9.]*\).*/\1/p' "$out.result"
}

# llama-bench decodes from an empty cache (-d 0), as the issue's target is stated, and also after
# as many cached tokens as the backends' prompt holds (-d N): attention over those tokens costs
# time per token, so the second is the like-for-like figure. Prints "tps_at_0 tps_at_N".
llama_bench_tps() {
  "$engine/bin/llama-bench" -m "$model" -t "$threads" -n "$tokens" -p 0 -r 3 -d "0,${depth:-0}" -o json 2>/dev/null \
    | "$python" -c 'import json, sys; r = json.load(sys.stdin); print(" ".join("%.2f" % e["avg_ts"] for e in r))'
}

declare -A results=([llama-bench]="" [llama-bench-depth]="" [stock]="" [native]="")
run_one() {
  local tps=""
  case "$1" in
    llama-bench) tps="$(llama_bench_tps)" || true ;;
    stock) tps="$(jvm_tps llama_cpp_cpu)" || true ;;
    native) tps="$(jvm_tps native_cpu)" || true ;;
  esac
  if [ -z "$tps" ]; then
    log "round $round: $1 gave no figure$([ "$1" = llama-bench ] || echo " (backends/target/bench-$([ "$1" = stock ] && echo llama_cpp_cpu || echo native_cpu).err)")"
  elif [ "$1" = llama-bench ]; then
    log "round $round: llama-bench ${tps% *} tok/s at depth 0, ${tps#* } at depth ${depth:-0}"
    results[llama-bench]="${results[llama-bench]} ${tps% *}"
    results[llama-bench-depth]="${results[llama-bench-depth]} ${tps#* }"
  else
    log "round $round: $1 $tps tok/s"
    results[$1]="${results[$1]} $tps"
    # The backends' prompt length, for llama-bench's like-for-like run.
    [ -n "$depth" ] || depth="$(sed -n 's/.* prompt_tokens=\([0-9]*\).*/\1/p' "$root/backends/target/bench-$([ "$1" = stock ] && echo llama_cpp_cpu || echo native_cpu).result")"
  fi
}

log "engine $engine; model $(basename "$model"); $threads threads; $tokens tokens; $rounds rounds; load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
# The first round starts with a backend, so that llama-bench knows the prompt length.
orders=("stock native llama-bench" "llama-bench native stock")
for ((round = 1; round <= rounds; round++)); do
  for what in ${orders[$(((round - 1) % 2))]}; do run_one "$what"; done
done

"$python" - "$engine/engine.json" "$(basename "$model")" "$threads" "$tokens" "${depth:-0}" \
  "${results[llama-bench]}" "${results[llama-bench-depth]}" "${results[stock]}" "${results[native]}" <<'PY'
import json, statistics, sys
engine_json, model, threads, tokens, depth, *columns = sys.argv[1:]
engine = json.load(open(engine_json))
names = ["llama-bench -d 0 (engine build)", f"llama-bench -d {depth} (the backends' prompt length)",
         "stock java-llama.cpp backend", "native backend"]
medians = []
print(f"llama.cpp {engine['llama_cpp']} {engine['backend']} [{' '.join(engine['cpu_features'])}]; "
      f"model {model}; {threads} threads; {tokens} tokens")
print("| what | decode tok/s per round | median |")
print("| --- | --- | --- |")
for name, column in zip(names, columns):
    values = [float(v) for v in column.split()]
    median = statistics.median(values) if values else None
    medians.append(median)
    print(f"| {name} | {', '.join(f'{v:.1f}' for v in values) or 'no figure'} | "
          f"{f'{median:.1f}' if median else '-'} |")
bench, bench_depth, stock, native = medians
def ratio(label, a, b, target):
    if a and b:
        print(f"{label} = {a / b:.3f} (target >= {target}: {'met' if a / b >= target else 'NOT met'})")
    else:
        print(f"{label}: no figure")
ratio("native / llama-bench -d 0", native, bench, 0.95)
ratio(f"native / llama-bench -d {depth} (same cached context)", native, bench_depth, 0.95)
ratio("native / stock", native, stock, 1.4)
ratio(f"llama-bench -d {depth} / stock (what the engine build allows)", bench_depth, stock, 1.4)
PY
