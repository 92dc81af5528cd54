#!/usr/bin/env bash
# Builds APEX's native engine: llama.cpp's shared libraries, headers and llama-bench, compiled for
# this machine into a cache keyed by llama.cpp version, backend and cmake flags (docs/backends.md).
#
#   scripts/native-build.sh [--source DIR] [--cpu | --cuda] [--force]
#   scripts/native-build.sh --status      the engines in the cache, the current one marked
#
# The source is the llama.cpp tree vendored in a pinned PyPI sdist of llama-cpp-python (sha256
# checked), or a local llama.cpp checkout with --source. CPU instruction sets come from what the
# CPU reports *and* a tiny program per set that must run here (never -march=native: a VM can report
# AMX or AVX-512 it then faults on). CUDA when nvcc is on PATH (--cpu to skip), Metal on macOS.
# The engine is built in a temporary folder and renamed into place, so a killed build never leaves
# a half engine; the cmake build tree is kept until success so a rerun resumes it.
# Prints the engine's folder on stdout; everything else goes to stderr.
set -euo pipefail

# The one place for the engine's defaults.
SDIST_PACKAGE="llama-cpp-python"
SDIST_VERSION="0.3.36"
SDIST_FILE="llama_cpp_python-${SDIST_VERSION}.tar.gz"
SDIST_SHA256="832db0699007f1be95a7e41ef12e88926b02ba836461e36a36372db2760c1a2e"
# The sdist records the vendored llama.cpp commit in .git/modules/vendor/llama.cpp/HEAD (read
# from the tarball) and in its CHANGELOG ("update llama.cpp to ggml-org/llama.cpp@0c1e57098").
NATIVE_HOME="${APEX_NATIVE_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/apex/native}"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${PYTHON:-python3}"
started=$SECONDS

log() { echo "native-build: $*" >&2; }
die() { log "$*"; exit 1; }

usage() {
  sed -n 's/^#   //p' "${BASH_SOURCE[0]}" >&2
  exit "${1:-2}"
}

source_dir=""
backend=""
force=false
status=false
while [ $# -gt 0 ]; do
  case "$1" in
    --source) [ $# -ge 2 ] || usage; source_dir="$(cd "$2" 2>/dev/null && pwd)" || die "--source $2: no such folder"; shift ;;
    --source=*) source_dir="$(cd "${1#--source=}" 2>/dev/null && pwd)" || die "$1: no such folder" ;;
    --cpu) backend=cpu ;;
    --cuda) backend=cuda ;;
    --force) force=true ;;
    --status) status=true ;;
    -h | --help) usage 0 ;;
    *) log "unknown argument: $1"; usage ;;
  esac
  shift
done

# The engines in the cache, the current one first, from their engine.json.
if $status; then
  current="$(readlink "$NATIVE_HOME/current" 2>/dev/null || true)"
  found=false
  for json in "$NATIVE_HOME"/*/engine.json; do
    # current is a link to one of them, not an engine of its own.
    [ -f "$json" ] && [ ! -L "${json%/engine.json}" ] || continue
    found=true
    "${PYTHON:-python3}" - "$json" "$current" <<'PY'
import json, os, sys
path, current = sys.argv[1:]
e = json.load(open(path))
folder = os.path.dirname(path)
shim = any(os.path.exists(os.path.join(folder, "lib", n)) for n in ("libapexllama.so", "libapexllama.dylib"))
mark = "current" if os.path.basename(folder) == current else "cached "
print(f"{mark}  llama.cpp {e['llama_cpp']} {e['backend']} [{' '.join(e['cpu_features']) or 'generic'}] "
      f"from {e['source']}, built in {e['build_seconds']} s, JNI shim {'built' if shim else 'missing'}: {folder}")
PY
  done
  $found || { log "no engine in $NATIVE_HOME: run ./apex native build"; exit 1; }
  exit 0
fi

os="$(uname -s)"
arch="$(uname -m)"
jobs="$(getconf _NPROCESSORS_ONLN 2>/dev/null || sysctl -n hw.ncpu 2>/dev/null || echo 2)"

install_hint() {
  # $1: Debian package, $2: Homebrew formula or macOS step
  if [ "$os" = Darwin ]; then echo "$2"; else echo "apt-get install $1"; fi
}

# ---- tools ---------------------------------------------------------------------------------------
command -v cmake >/dev/null 2>&1 || die "cmake not found; install it ($(install_hint cmake 'brew install cmake'))"
CXX="${CXX:-$(command -v c++ || command -v g++ || command -v clang++ || true)}"
CC="${CC:-$(command -v cc || command -v gcc || command -v clang || true)}"
[ -n "$CXX" ] && [ -n "$CC" ] || die "no C/C++ compiler found; install one ($(install_hint g++ 'xcode-select --install'))"
export CC CXX

if [ -z "$backend" ]; then
  if [ "$os" = Darwin ] && [ "$arch" = arm64 ]; then backend=metal
  elif command -v nvcc >/dev/null 2>&1; then backend=cuda
  else backend=cpu
  fi
fi
if [ "$backend" = cuda ]; then
  command -v nvcc >/dev/null 2>&1 || die "--cuda: nvcc not found; install the CUDA toolkit (nvidia-cuda-toolkit, or NVIDIA's cuda-toolkit package) and put nvcc on PATH"
fi

sha256() {
  if command -v sha256sum >/dev/null; then sha256sum "$1" | cut -d' ' -f1; else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

# ---- CPU instruction sets ------------------------------------------------------------------------
probe_dir="$(mktemp -d "${TMPDIR:-/tmp}/apex-native-probe.XXXXXX")"
trap 'rm -rf "$probe_dir"' EXIT

# Compiles a program that uses one instruction set and runs it: 0 when this CPU (and OS) runs it.
probe() {
  local name=$1 flags=$2 body=$3
  printf '#include <immintrin.h>\n#include <stdio.h>\nint main(int argc, char **argv) {\n  volatile int v = argc;\n  %s\n}\n' \
    "$body" >"$probe_dir/$name.c"
  # shellcheck disable=SC2086 # flags is a list of compiler options
  "$CC" -O1 $flags "$probe_dir/$name.c" -o "$probe_dir/$name" 2>/dev/null && "$probe_dir/$name" >/dev/null 2>&1
}

cpu_reports() {
  # $1: a flag name as /proc/cpuinfo spells it. macOS (Intel) reports them in sysctl, upper case.
  if [ -r /proc/cpuinfo ]; then
    grep -m1 -E '^(flags|Features)' /proc/cpuinfo | tr ' ' '\n' | grep -qx "$1"
  else
    sysctl -n machdep.cpu.features machdep.cpu.leaf7_features 2>/dev/null | tr ' ' '\n' \
      | tr '[:upper:]' '[:lower:]' | tr -d '._' | grep -qx "$(echo "$1" | tr -d '_')"
  fi
}

# name | cpuinfo flag | cmake option | compiler flags | a statement that uses it
X86_SETS='
avx|avx|GGML_AVX|-mavx|__m256 a = _mm256_set1_ps((float)v); a = _mm256_add_ps(a, a); return (int)_mm256_cvtss_f32(a) == 2 * v ? 0 : 1;
avx2|avx2|GGML_AVX2|-mavx2|__m256i a = _mm256_set1_epi32(v); a = _mm256_add_epi32(a, a); return _mm256_extract_epi32(a, 3) == 2 * v ? 0 : 1;
fma|fma|GGML_FMA|-mavx -mfma|__m256 a = _mm256_set1_ps((float)v); a = _mm256_fmadd_ps(a, a, a); return (int)_mm256_cvtss_f32(a) == v * v + v ? 0 : 1;
f16c|f16c|GGML_F16C|-mavx -mf16c|__m128 a = _mm_cvtph_ps(_mm_cvtps_ph(_mm_set1_ps((float)v), 0)); return (int)_mm_cvtss_f32(a) == v ? 0 : 1;
bmi2|bmi2|GGML_BMI2|-mbmi2|return (int)_pdep_u32((unsigned)v, 0xffu) == v ? 0 : 1;
avx512|avx512f|GGML_AVX512|-mavx512f|__m512i a = _mm512_set1_epi32(v); a = _mm512_add_epi32(a, a); return _mm512_reduce_add_epi32(a) == 32 * v ? 0 : 1;
avx512_vbmi|avx512vbmi|GGML_AVX512_VBMI|-mavx512f -mavx512vbmi|__m512i a = _mm512_permutexvar_epi8(_mm512_set1_epi8(0), _mm512_set1_epi8((char)v)); return _mm512_reduce_add_epi32(a) != 0 ? 0 : 1;
avx512_vnni|avx512_vnni|GGML_AVX512_VNNI|-mavx512f -mavx512vnni|__m512i a = _mm512_dpbusd_epi32(_mm512_setzero_si512(), _mm512_set1_epi8((char)v), _mm512_set1_epi8(1)); return _mm512_reduce_add_epi32(a) == 64 * v ? 0 : 1;
avx512_bf16|avx512_bf16|GGML_AVX512_BF16|-mavx512f -mavx512bf16|__m512bh a = _mm512_cvtne2ps_pbh(_mm512_set1_ps((float)v), _mm512_set1_ps((float)v)); __m512 s = _mm512_dpbf16_ps(_mm512_setzero_ps(), a, a); return (int)_mm512_reduce_add_ps(s) == 32 * v * v ? 0 : 1;
avx_vnni|avx_vnni|GGML_AVX_VNNI|-mavx2 -mavxvnni|__m256i a = _mm256_dpbusd_avx_epi32(_mm256_setzero_si256(), _mm256_set1_epi8((char)v), _mm256_set1_epi8(1)); return _mm256_extract_epi32(a, 0) == 4 * v ? 0 : 1;
'

cpu_features=()
cpu_flags=()
# The probes' answer depends on the CPU, the OS and the compiler only: kept per machine so that a
# cache hit costs about a second.
probe_key="$( { echo "$arch"; grep -m1 -E '^(flags|Features)' /proc/cpuinfo 2>/dev/null \
  || sysctl -n machdep.cpu.features machdep.cpu.leaf7_features hw.optional 2>/dev/null || true; "$CC" --version 2>&1 | head -n1; } \
  | sha256 /dev/stdin | cut -c1-12)"
probe_cache="$NATIVE_HOME/.cpu-$probe_key"
if [ -s "$probe_cache" ]; then
  while read -r kind value; do
    case "$kind" in feature) cpu_features+=("$value") ;; flag) cpu_flags+=("$value") ;; esac
  done <"$probe_cache"
else
case "$arch" in
  x86_64 | amd64)
    # AMX is left off: VMs report AMX tiles they fault on, and using them needs an OS permission
    # request that a plain probe does not make.
    while IFS='|' read -r name reported option cflags body; do
      [ -n "$name" ] || continue
      if cpu_reports "$reported" && probe "$name" "$cflags" "$body"; then
        cpu_features+=("$name")
        cpu_flags+=("-D$option=ON")
      else
        cpu_flags+=("-D$option=OFF")
      fi
    done <<<"$X86_SETS"
    ;;
  arm64 | aarch64)
    # Arm: dot product, fp16 and int8 matrix multiply are what ggml's quantized kernels use.
    arm_arch="armv8.2-a"
    probe_arm() {
      printf '#include <arm_neon.h>\nint main(int argc, char **argv) {\n  volatile int v = argc;\n  %s\n}\n' "$2" >"$probe_dir/$1.c"
      "$CC" -O1 "-march=$arm_arch+$1" "$probe_dir/$1.c" -o "$probe_dir/$1" 2>/dev/null && "$probe_dir/$1" >/dev/null 2>&1
    }
    probe_arm dotprod 'int32x4_t a = vdotq_s32(vdupq_n_s32(0), vdupq_n_s8((int8_t)v), vdupq_n_s8(1)); return vgetq_lane_s32(a, 0) == 4 * v ? 0 : 1;' \
      && cpu_features+=(dotprod)
    probe_arm fp16 'float16x8_t a = vaddq_f16(vdupq_n_f16((float16_t)v), vdupq_n_f16((float16_t)v)); return (int)vgetq_lane_f16(a, 0) == 2 * v ? 0 : 1;' \
      && cpu_features+=(fp16)
    probe_arm i8mm 'int32x4_t a = vmmlaq_s32(vdupq_n_s32(0), vdupq_n_s8((int8_t)v), vdupq_n_s8(1)); return vgetq_lane_s32(a, 0) == 8 * v ? 0 : 1;' \
      && cpu_features+=(i8mm)
    for feature in ${cpu_features[@]+"${cpu_features[@]}"}; do arm_arch="$arm_arch+$feature"; done
    cpu_flags+=("-DGGML_CPU_ARM_ARCH=$arm_arch")
    ;;
  *) log "unknown CPU architecture $arch: building with ggml's generic CPU code" ;;
esac
mkdir -p "$NATIVE_HOME"
{ printf 'feature %s\n' ${cpu_features[@]+"${cpu_features[@]}"}; printf 'flag %s\n' ${cpu_flags[@]+"${cpu_flags[@]}"}; } \
  | grep -v ' $' >"$probe_cache.tmp" || true
mv -f "$probe_cache.tmp" "$probe_cache"
fi

# ---- cmake flags (they name the build) -----------------------------------------------------------
cmake_flags=(
  -DCMAKE_BUILD_TYPE=Release
  -DBUILD_SHARED_LIBS=ON
  -DGGML_NATIVE=OFF
  -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=OFF
  -DLLAMA_BUILD_TOOLS=ON -DLLAMA_BUILD_COMMON=ON -DLLAMA_OPENSSL=OFF
  "${cpu_flags[@]}"
)
case "$backend" in
  cuda)
    # One architecture, the GPU's own, when a GPU answers: compiling for every arch takes hours.
    cuda_arch="${APEX_CUDA_ARCHITECTURES:-}"
    if [ -z "$cuda_arch" ] && command -v nvidia-smi >/dev/null 2>&1; then
      cuda_arch="$(nvidia-smi --query-gpu=compute_cap --format=csv,noheader 2>/dev/null | head -n1 | tr -d ' .')"
    fi
    [ -n "$cuda_arch" ] || { cuda_arch="80;86;89;90"; log "no GPU answered nvidia-smi: building for CUDA architectures $cuda_arch"; }
    cmake_flags+=(-DGGML_CUDA=ON "-DCMAKE_CUDA_ARCHITECTURES=$cuda_arch")
    ;;
  metal) cmake_flags+=(-DGGML_METAL=ON -DGGML_METAL_EMBED_LIBRARY=ON) ;;
  cpu) [ "$os" != Darwin ] || cmake_flags+=(-DGGML_METAL=OFF) ;;
esac
if [ "$os" = Darwin ]; then
  cmake_flags+=(-DCMAKE_BUILD_WITH_INSTALL_RPATH=ON "-DCMAKE_INSTALL_RPATH=@loader_path;@loader_path/../lib" -DCMAKE_INSTALL_NAME_DIR=@rpath)
else
  # Libraries find each other, and llama-bench finds them, wherever the engine folder is moved.
  cmake_flags+=(-DCMAKE_BUILD_WITH_INSTALL_RPATH=ON "-DCMAKE_INSTALL_RPATH=\$ORIGIN;\$ORIGIN/../lib")
fi

# ---- source --------------------------------------------------------------------------------------
mkdir -p "$NATIVE_HOME"
fetch_sdist() {
  local dest="$NATIVE_HOME/src/$SDIST_FILE" tmp
  if [ -f "$dest" ] && [ "$(sha256 "$dest")" = "$SDIST_SHA256" ]; then return 0; fi
  mkdir -p "$NATIVE_HOME/src"
  tmp="$dest.partial.$$"
  if [ -n "${APEX_NATIVE_SDIST:-}" ]; then
    log "using APEX_NATIVE_SDIST=$APEX_NATIVE_SDIST"
    cp "$APEX_NATIVE_SDIST" "$tmp"
  else
    log "downloading $SDIST_PACKAGE==$SDIST_VERSION sdist from PyPI (77 MB)"
    # Python, not curl: the tests' machines already need python3, not always curl. A mirror may
    # answer with relative file URLs, hence urljoin.
    "$python" - "https://pypi.org/pypi/$SDIST_PACKAGE/json" "$SDIST_VERSION" "$SDIST_FILE" "$tmp" <<'PY' \
      || { rm -f "$tmp"; die "could not download $SDIST_FILE from PyPI (set APEX_NATIVE_SDIST to a downloaded copy, or use --source DIR)"; }
import json, shutil, sys, urllib.parse, urllib.request
index, version, filename, dest = sys.argv[1:]
with urllib.request.urlopen(index, timeout=60) as r:
    files = json.load(r)["releases"].get(version, [])
urls = [urllib.parse.urljoin(index, f["url"]) for f in files if f["packagetype"] == "sdist" and f["filename"] == filename]
if not urls:
    sys.exit(f"PyPI lists no {filename}")
with urllib.request.urlopen(urls[0], timeout=60) as r, open(dest, "wb") as out:
    shutil.copyfileobj(r, out, 1 << 20)
PY
  fi
  [ "$(sha256 "$tmp")" = "$SDIST_SHA256" ] || { rm -f "$tmp"; die "sha256 mismatch for $SDIST_FILE (expected $SDIST_SHA256)"; }
  mv -f "$tmp" "$dest"
}

if [ -n "$source_dir" ]; then
  [ -f "$source_dir/CMakeLists.txt" ] && [ -f "$source_dir/include/llama.h" ] \
    || die "--source $source_dir is not a llama.cpp tree (no CMakeLists.txt and include/llama.h)"
  commit=""
  # Only the checkout's own HEAD: a plain tree inside some other repository must not borrow its commit.
  if [ "$(git -C "$source_dir" rev-parse --show-toplevel 2>/dev/null)" = "$source_dir" ]; then
    commit="$(git -C "$source_dir" rev-parse HEAD)"
  fi
  if [ -n "$commit" ]; then
    version="${commit:0:7}"
    [ -z "$(git -C "$source_dir" status --porcelain --untracked-files=no 2>/dev/null)" ] || version="$version-dirty"
  else
    # Not a git checkout: name it by its contents so two different trees never share a key.
    commit=unknown
    version="dir$(cd "$source_dir" && { find CMakeLists.txt include src ggml common tools/llama-bench -type f 2>/dev/null || true; } \
      | LC_ALL=C sort | xargs cat | sha256 /dev/stdin | cut -c1-7)"
  fi
  origin="dir:$source_dir"
  origin_sha256=""
else
  # Engines of different keys share the sdist and its unpacked tree: one fetches, the others wait.
  exec 7>"$NATIVE_HOME/.lock-src"
  command -v flock >/dev/null 2>&1 && flock 7
  # The commit, read once from the verified sdist (reading it means inflating 77 MB).
  commit_stamp="$NATIVE_HOME/src/$SDIST_FILE.commit"
  commit="$(cat "$commit_stamp" 2>/dev/null || true)"
  if ! [[ "$commit" =~ ^[0-9a-f]{40}$ ]]; then
    fetch_sdist
    commit="$(tar -xzOf "$NATIVE_HOME/src/$SDIST_FILE" "llama_cpp_python-$SDIST_VERSION/.git/modules/vendor/llama.cpp/HEAD" | tr -d '[:space:]')"
    [[ "$commit" =~ ^[0-9a-f]{40}$ ]] || die "$SDIST_FILE records no llama.cpp commit"
    echo "$commit" >"$commit_stamp"
  fi
  version="${commit:0:7}"
  origin="pypi:$SDIST_PACKAGE==$SDIST_VERSION"
  origin_sha256="$SDIST_SHA256"
fi

flags_hash="$(printf '%s\n' "$backend" "${cmake_flags[@]}" | sha256 /dev/stdin | cut -c1-8)"
key="$version-$backend-$flags_hash"
engine="$NATIVE_HOME/$key"

# The JNI shim (backends/native/, the Java backend's half) is compiled into the engine folder; it
# needs a JDK's jni.h, so without a JDK the engine is still built (llama-bench runs) and this says so.
build_shim() {
  local shim="$root/backends/native/build-shim.sh" lib
  [ -x "$shim" ] || return 0
  lib="$engine/lib/$(if [ "$os" = Darwin ]; then echo libapexllama.dylib; else echo libapexllama.so; fi)"
  if [ -f "$lib" ] && [ -z "$(find "$root/backends/native" -type f -newer "$lib" -print -quit)" ]; then return 0; fi
  if [ -z "${JAVA_HOME:-}" ] && ! command -v java >/dev/null 2>&1; then
    log "no JDK (JAVA_HOME unset, no java on PATH): the JNI shim is not built, so the Java backend cannot use this engine yet"
    return 0
  fi
  log "building the JNI shim: $shim $engine"
  "$shim" "$engine" >&2 || die "the JNI shim did not build ($shim $engine)"
}

finish() {
  ln -sfn "$key" "$NATIVE_HOME/current.tmp" && mv -fT "$NATIVE_HOME/current.tmp" "$NATIVE_HOME/current" 2>/dev/null \
    || { rm -f "$NATIVE_HOME/current"; ln -s "$key" "$NATIVE_HOME/current"; }
  log "$1: llama.cpp $version ($origin), backend $backend, CPU ${cpu_features[*]:-generic}"
  log "engine: $engine ($((SECONDS - started)) s)"
  echo "$engine"
}

# One build per key at a time (CI and a user, or two workers): the second waits, then hits the cache.
exec 8>"$NATIVE_HOME/.lock-$key"
command -v flock >/dev/null 2>&1 && flock 8

if [ -f "$engine/engine.json" ] && ! $force; then
  build_shim
  finish "cache hit"
  exit 0
fi

# ---- build ---------------------------------------------------------------------------------------
src="$source_dir"
if [ -z "$src" ]; then
  src="$NATIVE_HOME/src/llama.cpp-$version"
  if [ ! -f "$src/CMakeLists.txt" ]; then
    fetch_sdist
    log "unpacking llama.cpp $version from $SDIST_FILE"
    rm -rf "$src.tmp"
    mkdir -p "$src.tmp"
    tar -xzf "$NATIVE_HOME/src/$SDIST_FILE" -C "$src.tmp" --strip-components=3 "llama_cpp_python-$SDIST_VERSION/vendor/llama.cpp"
    # Its .git points into the sdist's module store, which is not unpacked; the commit is passed in.
    rm -f "$src.tmp/.git"
    mv -f "$src.tmp" "$src"
  fi
fi
exec 7>&-

build_dir="$NATIVE_HOME/.build/$key"
mkdir -p "$NATIVE_HOME/.build"
log "building llama.cpp $version for $backend (CPU: ${cpu_features[*]:-generic}) with $jobs jobs; about 10 min on 2 cores"
cmake -S "$src" -B "$build_dir" "${cmake_flags[@]}" -DLLAMA_BUILD_COMMIT="${commit:0:7}" >"$NATIVE_HOME/.build/$key.log" 2>&1 \
  || { tail -n 30 "$NATIVE_HOME/.build/$key.log" >&2; die "cmake configure failed; log: $NATIVE_HOME/.build/$key.log"; }
nice -n 10 cmake --build "$build_dir" --config Release -j "$jobs" --target llama llama-bench >>"$NATIVE_HOME/.build/$key.log" 2>&1 \
  || { grep -E 'error|Error' "$NATIVE_HOME/.build/$key.log" | tail -n 20 >&2; die "build failed; log: $NATIVE_HOME/.build/$key.log"; }

out="$(mktemp -d "$NATIVE_HOME/.tmp-$key.XXXXXX")"
chmod 755 "$out"  # mktemp makes it private; the engine is read by every worker
mkdir -p "$out/lib" "$out/include/common" "$out/bin"
bin="$build_dir/bin"
cp -P "$bin"/lib*.so* "$out/lib/" 2>/dev/null || cp -P "$bin"/lib*.dylib "$out/lib/" 2>/dev/null \
  || die "the build produced no shared libraries in $bin"
cp "$bin/llama-bench" "$out/bin/"
cp "$src"/include/*.h "$src"/ggml/include/*.h "$out/include/"
cp "$src"/common/*.h "$out/include/common/" 2>/dev/null || true

# A binary that faults on an instruction this CPU lacks dies here, not in a worker.
"$out/bin/llama-bench" --help >/dev/null 2>&1 \
  || die "the built llama-bench does not run on this machine (flags: ${cmake_flags[*]}); log: $NATIVE_HOME/.build/$key.log"

build_seconds=$((SECONDS - started))
"$python" - "$out/engine.json" "$version" "$commit" "$origin" "$origin_sha256" "$backend" "$build_seconds" \
  "${cpu_features[*]:-}" "${cmake_flags[@]}" <<'PY'
import json, sys
path, version, commit, origin, sha, backend, seconds, features, *flags = sys.argv[1:]
with open(path, "w") as f:
    json.dump({"llama_cpp": version, "llama_cpp_commit": commit, "source": origin, "sha256": sha,
               "backend": backend, "cpu_features": features.split(), "cmake_flags": flags,
               "build_seconds": int(seconds)}, f, indent=2)
    f.write("\n")
PY

rm -rf "$engine"
mv -f "$out" "$engine"
rm -rf "$build_dir" "$NATIVE_HOME/.build/$key.log"
build_shim
finish "built"
