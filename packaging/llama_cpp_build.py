"""Build llama-cpp-python the way Local Writer needs it, and install it into a venv.

    python packaging/llama_cpp_build.py native     the developer setup: fast on this CPU
    python packaging/llama_cpp_build.py portable   installers: runs on every CPU of its kind
    python packaging/llama_cpp_build.py native --gpu cuda     (or vulkan) with a GPU backend

`--gpu auto` (the default) keeps the GPU backend of the build already installed, so a
setup run after `--gpu cuda` keeps CUDA.

Run it with the Python of the virtual environment to install into. Why not a plain
`pip install llama-cpp-python`:

- pip's default build is `-march=native`. On a CPU with AMX (Intel Xeon since Sapphire
  Rapids) that compiles in llama.cpp's AMX kernels, which crashed every decode on such a
  machine (SIGSEGV in ggml_backend_amx_mul_mat); and a build made on a machine with
  AVX-512 dies with SIGILL on one without. `native` keeps -march=native for speed but
  leaves the AMX instructions out; `portable` compiles no CPU-specific code into the
  main libraries and builds the CPU backend several times (x86-64 baseline up to
  AVX-512), each a library of its own that llama.cpp picks at run time by what the CPU
  offers (the engine loads them: llama-cpp-python 0.3.36 does not).
- pip's wheel cache does not key on CMAKE_ARGS: once one build is cached, pip hands it
  out for any flags. The wheels built here are cached under a key made of everything
  that shapes the build: the flags, the code of this file (its patches included; not its
  comments), the pinned source archive, and for a `native` build the processor and what
  the compiler makes of -march=native on it (a cache shared between machines must not
  hand one CPU's build to another). The venv is told which one it holds, so a venv
  holding another build (an old crashing one) is fixed.
- The source archive is checked against its sha256 (PyPI's) before anything is built.
- llama-cpp-python builds the multimodal library and llama.cpp's "common" library with
  its HTTP server code; the app loads neither. Leaving them out saves minutes of
  compiling on a first setup.

The sdist is patched in a scratch copy (each patch checks that its anchor is there, and
CMake checks that the variants were found, so a new version that moved things fails
loudly instead of building something else).
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

VERSION = "0.3.36"
# sha256 of llama_cpp_python-0.3.36.tar.gz as PyPI lists it (76,589,250 bytes).
SDIST_SHA256 = "832db0699007f1be95a7e41ef12e88926b02ba836461e36a36372db2760c1a2e"
# The key sees this file's code; raise this when something outside it changes what gets
# built (a toolchain that builds differently, say).
RECIPE_REVISION = 1
# Written into the wheel's llama_cpp package: the engine reads it to name the build in
# messages and to key what it remembers about a model per build.
BUILD_INFO = "local_writer_build.json"

# The CPU variants a portable x86-64 build carries: each runs on every CPU with its
# features, and llama.cpp picks the best one the CPU can run. Left out of upstream's
# list: sapphirerapids, the only one with AMX (see above); and ivybridge, piledriver,
# cannonlake, cascadelake and cooperlake, which a neighbour serves nearly as fast, to
# keep the build shorter.
DROPPED_X86_VARIANTS = ("ivybridge", "piledriver", "cannonlake", "cascadelake", "cooperlake",
                        "sapphirerapids")
_NO_AMX = "-mno-amx-tile -mno-amx-int8 -mno-amx-bf16"

_INSTALL_VARIANTS = """
# Local Writer: install each CPU variant of a GGML_BACKEND_DL build beside libggml.
get_property(_lw_targets DIRECTORY vendor/llama.cpp/ggml/src PROPERTY BUILDSYSTEM_TARGETS)
set(_lw_variants "")
foreach(_lw_target ${_lw_targets})
    if (_lw_target MATCHES "^ggml-cpu-" AND NOT _lw_target MATCHES "-feats$")
        llama_cpp_python_install_target(${_lw_target})
        list(APPEND _lw_variants ${_lw_target})
    endif()
endforeach()
if (GGML_CPU_ALL_VARIANTS AND NOT _lw_variants)
    message(FATAL_ERROR "Local Writer: no ggml-cpu-* variant target in vendor/llama.cpp/"
                        "ggml/src: the wheel would hold no CPU backend. Update the patches "
                        "in packaging/llama_cpp_build.py for this llama-cpp-python.")
endif()
message(STATUS "Local Writer: installing CPU variants ${_lw_variants}")
"""


def say(message: str) -> None:
    print(f"llama.cpp build: {message}", file=sys.stderr, flush=True)


def is_x86() -> bool:
    return platform.machine().lower() in ("x86_64", "amd64", "i686", "x86")


def cmake_args(profile: str, gpu: str) -> list[str]:
    """Return the CMake arguments of a profile on this platform."""
    args = ["-DLLAVA_BUILD=OFF"]
    if profile == "native":
        args.append("-DGGML_NATIVE=ON")
        if is_x86() and sys.platform != "win32":  # MSVC never compiles ggml's AMX code
            args += [f"-DCMAKE_C_FLAGS={_NO_AMX}", f"-DCMAKE_CXX_FLAGS={_NO_AMX}"]
    elif sys.platform == "darwin":
        # Apple's compiler targets the first Apple Silicon by default, which every later
        # one runs; an Intel Mac build is plain x86-64 (llama-cpp-python's own choice).
        args.append("-DGGML_NATIVE=OFF")
    else:
        args += ["-DGGML_NATIVE=OFF", "-DGGML_BACKEND_DL=ON", "-DGGML_CPU_ALL_VARIANTS=ON"]
    if gpu == "cuda":
        args.append("-DGGML_CUDA=ON")
    elif gpu == "vulkan":
        args.append("-DGGML_VULKAN=ON")
    return args


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise SystemExit(f"llama.cpp build: {path.name} has no {old!r}: update the patches "
                         f"in {Path(__file__).name} for this llama-cpp-python")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def patch_sources(source: Path, info: dict[str, object]) -> None:
    """Patch the unpacked sdist: no common library, variants installed, no AMX variant."""
    top = source / "CMakeLists.txt"
    _replace(top, 'set(LLAMA_BUILD_COMMON ON CACHE BOOL "Build llama.cpp common library" FORCE)',
             'set(LLAMA_BUILD_COMMON OFF CACHE BOOL "Build llama.cpp common library" FORCE)')
    _replace(top, "    llama_cpp_python_install_target(ggml-cpu)\n",
             "    llama_cpp_python_install_target(ggml-cpu)\n" + _INSTALL_VARIANTS)
    variants = source / "vendor" / "llama.cpp" / "ggml" / "src" / "CMakeLists.txt"
    lines = variants.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = []
    for name in DROPPED_X86_VARIANTS:
        marker = f"ggml_add_cpu_backend_variant({name} "
        if not any(marker in line for line in lines):
            raise SystemExit(f"llama.cpp build: no {name} variant in {variants}")
    for line in lines:
        if not any(f"ggml_add_cpu_backend_variant({name} " in line
                   for name in DROPPED_X86_VARIANTS):
            kept.append(line)
    variants.write_text("".join(kept), encoding="utf-8")
    (source / "llama_cpp" / BUILD_INFO).write_text(json.dumps(info, indent=1) + "\n",
                                                   encoding="utf-8")


def recipe_digest(source: str | None = None) -> str:
    """Return a digest of this file's code (or of `source`), blind to its comments,
    docstrings and layout: editing those rebuilds nothing."""
    tree = ast.parse(source if source is not None
                     else Path(__file__).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (isinstance(body, list) and body and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)):
            node.body = body[1:] or [ast.Pass()]  # type: ignore[attr-defined]
    return hashlib.sha256(ast.dump(tree).encode("utf-8")).hexdigest()


def processor_name() -> str:
    """Return the processor's model as the system names it ("" if it does not)."""
    if sys.platform == "win32":  # "Intel64 Family 6 Model 143 Stepping 8, GenuineIntel"
        return os.environ.get("PROCESSOR_IDENTIFIER", "") or platform.processor()
    if sys.platform == "darwin":
        return _output(["sysctl", "-n", "machdep.cpu.brand_string"])
    fields = _cpuinfo()
    return " ".join(fields[name] for name in ("vendor_id", "cpu family", "model", "model name",
                                              "CPU implementer", "CPU part", "CPU variant")
                    if fields.get(name))


def _cpuinfo() -> dict[str, str]:
    """Return the fields of the first processor in /proc/cpuinfo ({} where there is none)."""
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return {}
    fields: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip():
            if fields:
                break  # the first processor is enough: they are alike
            continue
        name, _, value = line.partition(":")
        fields[name.strip()] = value.strip()
    return fields


def native_target() -> str:
    """Return what -march=native means here: the compiler's predefined macros for it,
    or, without a compiler that answers, the processor's feature flags."""
    flag = "-march=native" if is_x86() else "-mcpu=native"
    for compiler in (os.environ.get("CC", ""), "cc", "gcc", "clang"):
        if compiler and shutil.which(compiler):
            macros = _output([compiler, flag, "-dM", "-E", "-x", "c", os.devnull])
            if macros:
                return hashlib.sha256(
                    "\n".join(sorted(macros.splitlines())).encode()).hexdigest()
    fields = _cpuinfo()
    flags = fields.get("flags") or fields.get("Features") or _output(
        ["sysctl", "-n", "machdep.cpu.features", "machdep.cpu.leaf7_features"])
    return " ".join(sorted(flags.split()))


def _output(command: list[str]) -> str:
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False,
                                timeout=60)
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


def build_key(profile: str, gpu: str) -> tuple[str, dict[str, object]]:
    """Return the cache key of a build and the description shipped inside it."""
    args = cmake_args(profile, gpu)
    # A native build runs only on a CPU like the one it was compiled on.
    cpu = [processor_name(), native_target()] if profile == "native" else []
    material = json.dumps([RECIPE_REVISION, recipe_digest(), VERSION, SDIST_SHA256, profile,
                           gpu, args, DROPPED_X86_VARIANTS, _INSTALL_VARIANTS, sys.platform,
                           platform.machine(), cpu]).encode()
    key = hashlib.sha256(material).hexdigest()[:16]
    info: dict[str, object] = {"key": key, "version": VERSION, "profile": profile,
                               "gpu": gpu, "cmake_args": args, "machine": platform.machine()}
    if cpu:
        info["processor"] = cpu[0]
    return key, info


def verify_archive(archive: Path) -> None:
    """Stop unless `archive` is the source archive pinned by SDIST_SHA256."""
    digest = hashlib.sha256()
    with archive.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    if digest.hexdigest() != SDIST_SHA256:
        raise SystemExit(
            f"llama.cpp build: {archive.name} is not the llama-cpp-python {VERSION} source "
            f"archive this recipe was written for: its sha256 is {digest.hexdigest()}, "
            f"PyPI's is {SDIST_SHA256}. Nothing was built. A proxy or mirror may have "
            f"served another file, or pip's cache holds a damaged one (`pip cache purge`, "
            f"then run the setup again).")


def cache_root() -> Path:
    if os.environ.get("LOCAL_WRITER_WHEEL_CACHE"):
        return Path(os.environ["LOCAL_WRITER_WHEEL_CACHE"])
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "local-writer" / "llama-cpp-python"


def pip(*args: str, env: dict[str, str] | None = None) -> None:
    subprocess.run([sys.executable, "-m", "pip", *args], check=True, env=env)


def build_wheel(profile: str, gpu: str) -> Path:
    """Return the wheel of this build, building and caching it if needed."""
    key, info = build_key(profile, gpu)
    folder = cache_root() / key
    wheels = sorted(folder.glob("llama_cpp_python-*.whl"))
    if wheels:
        return wheels[-1]
    with tempfile.TemporaryDirectory(prefix="llama-cpp-build-") as scratch:
        work = Path(scratch)
        say(f"fetching llama-cpp-python {VERSION}'s source")
        pip("download", "--quiet", "--no-deps", "--no-binary", ":all:", "--dest", str(work),
            f"llama-cpp-python=={VERSION}")
        archive = next(work.glob("llama_cpp_python-*.tar.gz"))
        verify_archive(archive)
        with tarfile.open(archive) as tar:
            if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later
                tar.extractall(work, filter="data")
            else:
                tar.extractall(work)  # PyPI's sdist of the pinned version
        source = next(path for path in work.iterdir() if path.is_dir())
        patch_sources(source, info)
        args = cmake_args(profile, gpu)
        say(f"compiling llama.cpp ({profile}{', ' + gpu if gpu != 'cpu' else ''}): "
            f"{' '.join(args)}; this takes minutes")
        env = {**os.environ, "CMAKE_ARGS": " ".join(_quoted(arg) for arg in args)}
        env.pop("FORCE_CMAKE", None)
        started = time.monotonic()
        built = work / "wheel"
        pip("wheel", "--quiet", "--no-deps", "--no-cache-dir", "--wheel-dir", str(built),
            str(source), env=env)
        say(f"compiled in {time.monotonic() - started:.0f} s")
        wheel = next(built.glob("llama_cpp_python-*.whl"))
        folder.mkdir(parents=True, exist_ok=True)
        # Into place in one step: a build cut short leaves no wheel to be trusted later.
        partial = folder / (wheel.name + ".partial")
        shutil.copyfile(wheel, partial)
        os.replace(partial, folder / wheel.name)
        return folder / wheel.name


def _quoted(arg: str) -> str:
    # scikit-build-core splits CMAKE_ARGS like a shell does.
    return f'"{arg}"' if " " in arg else arg


def installed_info() -> dict[str, object]:
    """Return what the build installed in this Python says of itself ({} if none)."""
    probe = ("import importlib.util, pathlib, sys\n"
             "spec = importlib.util.find_spec('llama_cpp')\n"
             "if spec is None or spec.origin is None: sys.exit(0)\n"
             f"info = pathlib.Path(spec.origin).parent / {BUILD_INFO!r}\n"
             "print(info.read_text() if info.exists() else '')\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=False)
    try:
        info = json.loads(result.stdout or "{}")
    except ValueError:
        return {}
    return info if isinstance(info, dict) else {}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("profile", choices=("native", "portable"))
    parser.add_argument("--gpu", choices=("auto", "cpu", "cuda", "vulkan"), default="auto")
    parser.add_argument("--print-args", action="store_true",
                        help="print the CMake arguments and exit")
    args = parser.parse_args(argv)
    installed = installed_info()
    if args.gpu == "auto":
        kept = installed.get("gpu") if installed.get("profile") == args.profile else None
        args.gpu = kept if kept in ("cuda", "vulkan") else "cpu"
    if args.print_args:
        print(" ".join(cmake_args(args.profile, args.gpu)))
        return 0
    key, _info = build_key(args.profile, args.gpu)
    if installed.get("key") == key:
        return 0
    wheel = build_wheel(args.profile, args.gpu)
    say(f"installing {wheel.name} ({args.profile} build {key})")
    # Out first: pip keeps an installed 0.3.36 when offered another build of 0.3.36.
    pip("uninstall", "--quiet", "--yes", "llama-cpp-python")
    pip("install", "--quiet", str(wheel))
    return 0


if __name__ == "__main__":
    sys.exit(main())
