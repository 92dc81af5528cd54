#!/usr/bin/env bash
# Decode tokens/s and time to first token: LlamaCppBackend against a bare java-llama.cpp loop.
# Usage: scripts/bench-backends.sh [model.gguf] [threads] [runs] [tokens]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
model="${1:-$("$root/scripts/fetch-default-model.sh")}"
mvn -q -B -pl backends test-compile
mvn -q -B -pl backends dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
java --enable-native-access=ALL-UNNAMED \
  -cp "backends/target/test-classes:backends/target/classes:$(cat backends/target/bench.classpath)" \
  dev.apex.backends.llamacpp.DecodeBenchmark "$model" "${2:-2}" "${3:-8}" "${4:-128}"
