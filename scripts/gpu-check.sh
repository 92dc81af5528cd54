#!/usr/bin/env bash
# GPU readiness in one run, on a machine with nvcc and an NVIDIA GPU (issue 12, point 5):
#   1. builds the CUDA engine (scripts/native-build.sh --cuda),
#   2. runs llama-bench on it, all layers on the GPU,
#   3. runs the native backend's contract test on it (needs a JDK 21+ and Maven's dependencies),
#   4. runs the five-workers-at-once throughput benchmark against one worker
#      (scripts/bench-workers.sh throughput) with APEX_LLM_BACKEND=native_cuda.
# Every step says whether it ran, and when not, why; the figures go to $OUT/gpu-check.txt when OUT
# is set (the lent device machine's result folder), else to gpu-check.txt here. Exits non-zero
# when a step that could run failed; a step skipped for a missing prerequisite is not a failure.
#
#   scripts/gpu-check.sh [--source DIR]
#
# Offline machines: point APEX_NATIVE_SDIST at the llama-cpp-python sdist (or pass --source with a
# llama.cpp tree) and APEX_GGUF_MODEL_PATH at a model, since neither can be downloaded there.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
report="${OUT:-$root}/gpu-check.txt"
mkdir -p "$(dirname "$report")"
: >"$report"
failed=0

say() { echo "$*" | tee -a "$report" >&2; }
step() { say ""; say "== $*  [$(date -u '+%H:%M:%S')]"; }
# Runs a command, keeping its output in the report; a non-zero exit marks the check failed.
record() {
  local status
  "$@" 2>&1 | tee -a "$report" >&2
  status=${PIPESTATUS[0]}
  [ "$status" = 0 ] || { say "FAILED (exit $status): $*"; failed=1; }
  return "$status"
}

step "machine"
say "host $(uname -srm); $(getconf _NPROCESSORS_ONLN) CPUs"
if command -v nvidia-smi >/dev/null 2>&1; then
  nvidia-smi --query-gpu=name,memory.total,driver_version,compute_cap --format=csv,noheader 2>&1 | tee -a "$report" >&2
else
  say "nvidia-smi not found: no NVIDIA driver visible"
fi
command -v nvcc >/dev/null 2>&1 && say "$(nvcc --version | tail -n 2 | head -n 1)" || say "nvcc not found"

java_ok=false
jdk=""
for d in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
  if [ -n "$d" ] && [ -x "$d/bin/javac" ] \
    && [ "$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$d/release" 2>/dev/null)" -ge 21 ] 2>/dev/null; then
    jdk="$d"
    break
  fi
done
if [ -n "$jdk" ]; then
  export JAVA_HOME="$jdk" PATH="$jdk/bin:$PATH"
  java_ok=true
  say "JDK: $jdk"
else
  unset JAVA_HOME
  say "JDK: none 21 or newer found (JAVA_HOME, /usr/lib/jvm): the JNI shim, the contract test and the worker benchmark need one"
fi

step "1. CUDA engine"
engine=""
if ! command -v nvcc >/dev/null 2>&1; then
  say "NOT RUN: nvcc is not on PATH, so there is no CUDA engine to build (install the CUDA toolkit)"
else
  start=$SECONDS
  if engine="$(scripts/native-build.sh --cuda "$@" 2> >(tee -a "$report" >&2))"; then
    say "engine: $engine ($((SECONDS - start)) s)"
    cat "$engine/engine.json" >>"$report"
  else
    say "FAILED: scripts/native-build.sh --cuda $*"
    engine=""
    failed=1
  fi
fi

step "model"
model="$(scripts/fetch-default-model.sh 2>>"$report")" || model=""
[ -n "$model" ] && say "model: $model" \
  || say "no model: scripts/fetch-default-model.sh could not fetch it (offline?); set APEX_GGUF_MODEL_PATH"

step "2. llama-bench on the GPU"
if [ -z "$engine" ] || [ -z "$model" ]; then
  say "NOT RUN: $([ -z "$engine" ] && echo "no CUDA engine" || echo "no model")"
else
  record "$engine/bin/llama-bench" -m "$model" -ngl 999 -p 512 -n 128 -r 5
  # The CPU threads the CPU figures in docs/performance.md use, for comparison on this machine.
  record "$engine/bin/llama-bench" -m "$model" -ngl 0 -t 2 -p 0 -n 128 -r 3
fi

step "3. native contract test on the CUDA engine"
if [ -z "$engine" ] || [ -z "$model" ]; then
  say "NOT RUN: $([ -z "$engine" ] && echo "no CUDA engine" || echo "no model")"
elif ! $java_ok; then
  say "NOT RUN: no JDK 21+ on this machine (Maven and the test need one)"
elif [ ! -f "$engine/lib/libapexllama.so" ]; then
  say "NOT RUN: the engine has no JNI shim (lib/libapexllama.so); see step 1's output"
else
  APEX_NATIVE_ENGINE="$engine" APEX_GGUF_MODEL_PATH="$model" APEX_LLM_BACKEND=native_cuda \
    record ./mvnw -B -ntp -pl backends -am verify -Dspotless.check.skip=true \
    -Dtest='NativeEngineTest' -Dit.test='LlamaNativeBackendIT,NativeLoadIT' \
    -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
fi

step "4. five workers at once against one worker (native_cuda)"
if [ -z "$engine" ] || [ -z "$model" ] || ! $java_ok || [ ! -f "$engine/lib/libapexllama.so" ]; then
  say "NOT RUN: needs the CUDA engine with its JNI shim, the model and a JDK 21+ (see above)"
else
  APEX_NATIVE_ENGINE="$engine" APEX_GGUF_MODEL_PATH="$model" APEX_LLM_BACKEND=native_cuda \
    record scripts/bench-workers.sh throughput 128
fi

step "done"
say "$([ "$failed" = 0 ] && echo "every step that could run passed" || echo "a step FAILED (above)"); report: $report"
exit "$failed"
