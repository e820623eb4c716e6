"""Name this computer's processor and the instruction sets llama.cpp cares about.

For messages a writer can pass on ("this processor: … with AVX2, AVX-512") and for the
choices that depend on the CPU. Read from what the system says (/proc/cpuinfo, sysctl,
Windows' IsProcessorFeaturePresent); nothing here executes an instruction to find out.
"""

from __future__ import annotations

import contextlib
import functools
import platform
import subprocess
import sys
from pathlib import Path

# Flag as the system names it -> the name a release note would use, in the order of a
# processor's generations.
_NOTABLE = (
    ("sse4_2", "SSE4.2"), ("avx", "AVX"), ("f16c", "F16C"), ("fma", "FMA"),
    ("avx2", "AVX2"), ("bmi2", "BMI2"), ("avx_vnni", "AVX-VNNI"), ("avx512f", "AVX-512"),
    ("avx512_vbmi", "AVX-512 VBMI"), ("avx512_vnni", "AVX-512 VNNI"),
    ("avx512_bf16", "AVX-512 BF16"), ("amx_tile", "AMX-TILE"), ("amx_int8", "AMX-INT8"),
    ("amx_bf16", "AMX-BF16"),
    # ARM
    ("asimd", "NEON"), ("asimddp", "DOTPROD"), ("i8mm", "I8MM"), ("sve", "SVE"),
    ("sve2", "SVE2"), ("sme", "SME"),
)
# Windows' PF_* numbers for the features it reports (winnt.h).
_WINDOWS_FEATURES = {"sse4_2": 38, "avx": 39, "avx2": 40, "avx512f": 41, "asimd": 19,
                     "asimddp": 43}
# macOS sysctl names (lower-cased words of machdep.cpu.*features; hw.optional.arm.*).
_MAC_NAMES = {"sse4.2": "sse4_2", "avx1.0": "avx", "avx2": "avx2", "fma": "fma",
              "f16c": "f16c", "bmi2": "bmi2", "avx512f": "avx512f",
              "avx512vnni": "avx512_vnni", "avx512vbmi": "avx512_vbmi"}


@functools.cache
def cpu_flags() -> frozenset[str]:
    """Return the processor's feature flags in Linux's spelling (empty if unknown)."""
    if sys.platform.startswith("linux"):
        return _linux_flags(Path("/proc/cpuinfo"))
    if sys.platform == "darwin":
        return _mac_flags()
    if sys.platform == "win32":
        return _windows_flags()
    return frozenset()


def _linux_flags(cpuinfo: Path) -> frozenset[str]:
    try:
        text = cpuinfo.read_text(errors="replace")
    except OSError:
        return frozenset()
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip() in ("flags", "Features"):  # x86, ARM
            return frozenset(value.split())
    return frozenset()


def _sysctl(name: str) -> str:
    try:
        result = subprocess.run(["sysctl", "-n", name], capture_output=True, text=True,
                                timeout=3, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout.strip()


def _mac_flags() -> frozenset[str]:
    if platform.machine() == "arm64":
        flags = {"asimd"}
        for name, flag in (("FEAT_DotProd", "asimddp"), ("FEAT_I8MM", "i8mm"),
                           ("FEAT_SME", "sme")):
            if _sysctl(f"hw.optional.arm.{name}") == "1":
                flags.add(flag)
        return frozenset(flags)
    words = f"{_sysctl('machdep.cpu.features')} {_sysctl('machdep.cpu.leaf7_features')}"
    return frozenset(_MAC_NAMES.get(word.lower(), word.lower()) for word in words.split())


def _windows_flags() -> frozenset[str]:
    flags: set[str] = set()
    with contextlib.suppress(AttributeError, OSError):
        import ctypes

        present = ctypes.windll.kernel32.IsProcessorFeaturePresent  # type: ignore[attr-defined]
        flags = {flag for flag, number in _WINDOWS_FEATURES.items() if present(number)}
    return frozenset(flags)


@functools.cache
def cpu_name() -> str:
    """Return the processor's marketing name, or the architecture if none is told."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError):
            for line in Path("/proc/cpuinfo").read_text(errors="replace").splitlines():
                key, _, value = line.partition(":")
                if key.strip() in ("model name", "Model", "Hardware") and value.strip():
                    return value.strip()
    elif sys.platform == "darwin":
        name = _sysctl("machdep.cpu.brand_string")
        if name:
            return name
    return platform.processor() or platform.machine() or "an unknown processor"


def notable_features(flags: frozenset[str] | None = None) -> list[str]:
    """Return the features llama.cpp uses that the processor has, by their usual names."""
    flags = cpu_flags() if flags is None else flags
    return [name for flag, name in _NOTABLE if flag in flags]


def has_amx(flags: frozenset[str] | None = None) -> bool:
    """Return whether the processor has Intel's AMX matrix units."""
    flags = cpu_flags() if flags is None else flags
    return bool(flags & {"amx_tile", "amx_int8", "amx_bf16"})


# x86-64-v2, what Qt 6 and NumPy are built for: SSE3, SSSE3, CMPXCHG16B, SSE4.1, SSE4.2
# and POPCNT, by their bits in CPUID leaf 1's ECX (LAHF in 64-bit mode, the last of v2, is
# on every CPU that has these).
_BASELINE_BITS = {0: "SSE3", 9: "SSSE3", 13: "CMPXCHG16B", 19: "SSE4.1", 20: "SSE4.2",
                  23: "POPCNT"}
# void cpuid(uint32 leaf, uint32 subleaf, uint32 out[4]), System V calling convention:
# push rbx; mov r8, rdx; mov eax, edi; mov ecx, esi; cpuid; mov [r8], eax;
# mov [r8+4], ebx; mov [r8+8], ecx; mov [r8+12], edx; pop rbx; ret
_CPUID_CODE = bytes.fromhex("534989d089f889f10fa241890041895804418948084189500c5bc3")


def cpuid(leaf: int, subleaf: int = 0) -> tuple[int, int, int, int] | None:
    """Run the CPUID instruction (x86-64 Linux and macOS); None where it cannot be run.

    Asked of the processor itself, not of /proc/cpuinfo: an emulator (qemu-user) answers
    as the CPU it emulates, so the check below can be tested on older CPU models.
    """
    if platform.machine().lower() not in ("x86_64", "amd64") or sys.platform == "win32":
        return None
    try:
        import ctypes
        import mmap

        page = mmap.mmap(-1, mmap.PAGESIZE,
                         prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)
    except (OSError, ValueError, AttributeError):
        return None  # a system that forbids executable pages: nothing is known
    try:
        page.write(_CPUID_CODE)
        address = ctypes.addressof(ctypes.c_char.from_buffer(page))
        registers = (ctypes.c_uint32 * 4)()
        function = ctypes.CFUNCTYPE(None, ctypes.c_uint32, ctypes.c_uint32,
                                    ctypes.POINTER(ctypes.c_uint32 * 4))(address)
        function(leaf, subleaf, ctypes.byref(registers))
        result = (registers[0], registers[1], registers[2], registers[3])
        del function, address
        return result
    finally:
        with contextlib.suppress(BufferError):
            page.close()


def missing_baseline() -> list[str]:
    """Name what an x86-64 processor lacks of x86-64-v2 ([] if nothing, or not known)."""
    if sys.platform == "win32":
        flags = cpu_flags()
        return [] if not flags or "sse4_2" in flags else ["SSE4.2"]
    registers = cpuid(1)
    if registers is None:
        return []
    ecx = registers[2]
    return [name for bit, name in _BASELINE_BITS.items() if not ecx >> bit & 1]


def describe_cpu() -> str:
    """Say which processor this is and what it offers, in one line."""
    features = notable_features()
    offers = ", ".join(features) if features else "no features this system reports"
    return f"{cpu_name()} ({platform.machine()}) with {offers}"
