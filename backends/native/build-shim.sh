#!/usr/bin/env bash
# Compiles the JNI shim (apexllama.c) against a built engine:
#   backends/native/build-shim.sh <engine-dir>   ->  <engine-dir>/lib/libapexllama.so (.dylib on macOS)
# The engine folder holds include/llama.h and lib/libllama.*; JAVA_HOME (or the java on PATH) gives jni.h.
set -euo pipefail

engine="${1:?usage: $0 <engine-dir>}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[[ -f "$engine/include/llama.h" ]] || { echo "build-shim: $engine/include/llama.h missing: not an engine folder (./apex native build)" >&2; exit 1; }

java_home="${JAVA_HOME:-}"
if [[ -z "$java_home" ]]; then
  java_bin="$(command -v java || true)"
  [[ -n "$java_bin" ]] || { echo "build-shim: set JAVA_HOME (a JDK with include/jni.h)" >&2; exit 1; }
  java_home="$(cd "$(dirname "$(readlink -f "$java_bin")")/.." && pwd)"
fi
[[ -f "$java_home/include/jni.h" ]] || { echo "build-shim: $java_home/include/jni.h missing: JAVA_HOME must be a JDK" >&2; exit 1; }

case "$(uname -s)" in
  Darwin) os_include=darwin; out=libapexllama.dylib; rpath=(-Wl,-rpath,@loader_path -Wl,-install_name,@rpath/libapexllama.dylib) ;;
  *)      os_include=linux;  out=libapexllama.so;    rpath=(-Wl,-rpath,'$ORIGIN') ;;
esac

"${CC:-cc}" -std=c11 -O2 -Wall -Wextra -Werror -shared -fPIC \
  -I"$java_home/include" -I"$java_home/include/$os_include" -I"$engine/include" \
  "$here/apexllama.c" -o "$engine/lib/$out.tmp" \
  -L"$engine/lib" -lllama "${rpath[@]}"
mv -f "$engine/lib/$out.tmp" "$engine/lib/$out"
echo "build-shim: $engine/lib/$out"
