#!/usr/bin/env bash
# Installs the temporal CLI (the dev server) and tctl into temporal-dev/bin, built with `go install`.
# A build is cached outside the repository by version, so installing again, or into a fresh clone,
# is a copy.
set -euo pipefail
# shellcheck source=temporal-dev/lib.sh
. "$(dirname "$0")/lib.sh"

usage() {
  cat <<USAGE
usage: temporal-dev/install.sh [--force]
  Installs temporal v$TEMPORAL_CLI_VERSION and tctl v$TCTL_VERSION into $BIN_DIR.
  --force  rebuild even when the cache has the binaries
  Cache: \${APEX_CACHE_DIR:-\${XDG_CACHE_HOME:-\$HOME/.cache}/apex}/bin
USAGE
}

force=false
case ${1:-} in
  "") ;;
  --force) force=true ;;
  -h | --help) usage && exit 0 ;;
  *) usage >&2 && exit 2 ;;
esac

CACHE_DIR=${APEX_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/apex}/bin
PLATFORM=$(uname -s | tr '[:upper:]' '[:lower:]')-$(uname -m)

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
  mkdir -p "$(dirname "$cached")"
  mv "$tmp/$name" "$cached.tmp.$$" && mv "$cached.tmp.$$" "$cached"
  rm -rf "$tmp"
  say "built $name in $((SECONDS - started))s, cached at $cached"
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
  mkdir -p "$(dirname "$cached")"
  mv "$tmp/$name" "$cached.tmp.$$" && mv "$cached.tmp.$$" "$cached"
  rm -rf "$tmp"
  say "built $name in $((SECONDS - started))s, cached at $cached"
}

# install NAME MODULE_PATH VERSION [LDFLAGS]
install_tool() {
  local name=$1 module=$2 version=$3 ldflags=${4:-}
  local cached=$CACHE_DIR/$name-$version-$PLATFORM target=$BIN_DIR/$1
  if $force || [ ! -x "$cached" ]; then
    build "$name" "$module" "$version" "$cached" "$ldflags" || return 1
  fi
  if [ -x "$target" ] && cmp -s "$cached" "$target"; then
    say "$name v$version is up to date in $BIN_DIR"
    return 0
  fi
  mkdir -p "$BIN_DIR"
  cp "$cached" "$target.tmp.$$" && mv "$target.tmp.$$" "$target"
  say "installed $name v$version into $BIN_DIR"
}

install_tool temporal github.com/temporalio/cli/cmd/temporal "$TEMPORAL_CLI_VERSION" \
  "-X github.com/temporalio/cli/temporalcli.Version=$TEMPORAL_CLI_VERSION" \
  || die "could not install the temporal CLI v$TEMPORAL_CLI_VERSION (see above)"

# tctl is deprecated; APEX needs it only to start batches with `tctl workflow start`. The newest
# tag is tried first; where the module proxy refuses it, an older release that it serves.
install_tctl() {
  local version cached
  for version in $TCTL_VERSIONS; do
    cached=$CACHE_DIR/tctl-$version-$PLATFORM
    if ! $force && [ -x "$cached" ]; then
      break
    fi
    if build "tctl" github.com/temporalio/tctl/cmd/tctl "$version" "$cached" 2>/dev/null \
      || build_in_module tctl github.com/temporalio/tctl/cmd/tctl github.com/temporalio/tctl "$version" "$cached"; then
      break
    fi
    say "tctl v$version is not available here; trying an older release"
  done
  [ -x "$cached" ] || return 1
  if [ -x "$BIN_DIR/tctl" ] && cmp -s "$cached" "$BIN_DIR/tctl"; then
    say "tctl v$version is up to date in $BIN_DIR"
    return 0
  fi
  mkdir -p "$BIN_DIR"
  cp "$cached" "$BIN_DIR/tctl.tmp.$$" && mv "$BIN_DIR/tctl.tmp.$$" "$BIN_DIR/tctl"
  say "installed tctl v$version into $BIN_DIR"
}
install_tctl || say "warning: no tctl could be installed (see above); \`tctl workflow start\` will not work"
