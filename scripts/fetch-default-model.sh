#!/usr/bin/env bash
# Puts the default GGUF model (SmolLM2-135M-Instruct, Q4_1) at models/ and checks its sha256, or
# names APEX_GGUF_MODEL_PATH when that points elsewhere. The pins and the cache live in
# scripts/fetch-model.sh. Prints the model's path on stdout; everything else goes to stderr.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
default="$root/models/SmolLM2-135M-Instruct.Q4_1.gguf"

if [[ -n "${APEX_GGUF_MODEL_PATH:-}" && "${APEX_GGUF_MODEL_PATH}" != "$default" ]]; then
  [[ -f "$APEX_GGUF_MODEL_PATH" ]] || { echo "fetch-default-model: APEX_GGUF_MODEL_PATH=$APEX_GGUF_MODEL_PATH does not exist" >&2; exit 1; }
  echo "fetch-default-model: using APEX_GGUF_MODEL_PATH=$APEX_GGUF_MODEL_PATH; nothing to fetch" >&2
  echo "$APEX_GGUF_MODEL_PATH"
  exit 0
fi

APEX_FETCH_PROG=fetch-default-model exec "$root/scripts/fetch-model.sh" smollm2
