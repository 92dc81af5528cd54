#!/bin/sh
# Sandbox overhead per command (bare vs sandboxed) and gold-validation time of a task set.
# Usage: tasks/benchmark-grading.sh [TASKS.jsonl] [--runs N] [--python ID] [--java ID]
MAIN=dev.apex.activities.grading.GradingBenchmark exec "$(dirname "$0")/derive-test-lists.sh" "$@"
