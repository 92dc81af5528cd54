#!/usr/bin/env bash
# Orchestration cost on the local dev server with activities that answer at once: episodes per
# minute and activity round trips (p50/p95) at each concurrency. Usage:
#   scripts/bench-orchestration.sh [episodes] [concurrency,...]     (defaults: 40 1,8)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/temporal-dev/start.sh" >&2
APEX_MAIN=dev.apex.workers.bench.OrchestrationBench exec "$root/apex" "${1:-40}" "${2:-1,8}"
