"""The llama.cpp the setup builds: for this CPU but without AMX (whose kernels crashed every
decode on Sapphire Rapids Xeons), cached under a key of its flags, and installed as asked.

This machine may have no AMX; the tests prove the fix by what it changes: the compiler
flags leave AMX out even when compiling for a CPU that has it, and the installed
libraries hold no AMX kernel.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import platform
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from types import ModuleType

import llama_cpp
import pytest

ROOT = Path(__file__).resolve().parent.parent
LIBRARIES = Path(llama_cpp.__file__).resolve().parent / "lib"
X86 = platform.machine().lower() in ("x86_64", "amd64")


def recipe() -> ModuleType:
    spec = importlib.util.spec_from_file_location("llama_cpp_build",
                                                  ROOT / "packaging" / "llama_cpp_build.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not X86 or shutil.which("cc") is None, reason="x86-64 with a C compiler")
def test_the_native_flags_leave_amx_out_even_on_a_cpu_that_has_it() -> None:
    args = recipe().cmake_args("native", "cpu")
    assert "-DGGML_NATIVE=ON" in args
    flags = next(arg for arg in args if arg.startswith("-DCMAKE_C_FLAGS=")).split("=", 1)[1]
    assert "-DCMAKE_CXX_FLAGS=" + flags in args

    def defines(*options: str) -> str:
        # What -march=native turns into on a Sapphire Rapids Xeon; ggml adds it after
        # CMAKE_C_FLAGS, and the explicit -mno-amx-* must still win.
        result = subprocess.run(["cc", *options, "-march=sapphirerapids", "-dM", "-E", "-"],
                                input="", capture_output=True, text=True, check=True)
        return result.stdout

    assert "__AMX_INT8__" in defines()  # the compiler would compile ggml's AMX kernels
    with_fix = defines(*flags.split())
    assert "__AMX" not in with_fix
    assert "__AVX512VNNI__" in with_fix  # the rest of the CPU is still used


def test_the_portable_build_chooses_kernels_at_run_time_and_carries_no_amx() -> None:
    module = recipe()
    args = module.cmake_args("portable", "cpu")
    assert "-DGGML_NATIVE=OFF" in args
    if sys.platform != "darwin":
        assert {"-DGGML_BACKEND_DL=ON", "-DGGML_CPU_ALL_VARIANTS=ON"} <= set(args)
    assert "sapphirerapids" in module.DROPPED_X86_VARIANTS  # the only variant with AMX
    assert "-DLLAVA_BUILD=OFF" in args  # the app never loads the multimodal library
    assert module.cmake_args("portable", "cuda")[-1] == "-DGGML_CUDA=ON"


def test_the_patches_fail_loudly_where_the_sources_moved(tmp_path: Path) -> None:
    module = recipe()
    (tmp_path / "CMakeLists.txt").write_text("project(llama_cpp)\n")
    with pytest.raises(SystemExit, match="update the patches"):
        module.patch_sources(tmp_path, {})


def test_each_build_has_a_key_of_its_own() -> None:
    module = recipe()
    native, info = module.build_key("native", "cpu")
    portable, _ = module.build_key("portable", "cpu")
    cuda, _ = module.build_key("portable", "cuda")
    assert len({native, portable, cuda}) == 3
    assert info["profile"] == "native"
    assert info["cmake_args"] == module.cmake_args("native", "cpu")


def test_a_native_build_is_keyed_to_the_processor_it_was_compiled_on(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache shared between machines (a home folder on NFS, a CI cache) must not hand
    a -march=native build made on one CPU to another, where it would die of SIGILL."""
    module = recipe()
    here = module.build_key("native", "cpu")[0]
    portable = module.build_key("portable", "cpu")[0]
    monkeypatch.setattr(module, "native_target", lambda: "avx512f avx512vnni amx_int8")
    assert module.build_key("native", "cpu")[0] != here
    monkeypatch.setattr(module, "processor_name", lambda: "AuthenticAMD 25 1 AMD EPYC 7B13")
    elsewhere = module.build_key("native", "cpu")[0]
    assert elsewhere != here
    assert module.build_key("portable", "cpu")[0] == portable  # runs on every CPU alike
    monkeypatch.undo()
    assert module.build_key("native", "cpu")[0] == here  # and the same CPU, the same key


def test_what_native_means_here_is_read_from_the_compiler_or_the_processor() -> None:
    module = recipe()
    assert module.native_target()
    if sys.platform == "linux" and X86:
        assert module.processor_name()


def test_a_change_to_the_recipe_code_changes_the_key_and_a_comment_does_not(
        monkeypatch: pytest.MonkeyPatch) -> None:
    module = recipe()
    source = (ROOT / "packaging" / "llama_cpp_build.py").read_text(encoding="utf-8")
    digest = module.recipe_digest(source)
    assert module.recipe_digest() == digest
    commented = source.replace("def patch_sources(", "# a new comment\ndef patch_sources(")
    assert module.recipe_digest(commented.replace('"""Patch the unpacked sdist',
                                                  '"""Patch, reworded, the sdist')) == digest
    patched = source.replace('kept.append(line)', 'kept.append(line.replace("-O3", "-O2"))')
    assert patched != source
    assert module.recipe_digest(patched) != digest
    key = module.build_key("portable", "cpu")[0]
    monkeypatch.setattr(module, "recipe_digest", lambda: "another recipe")
    assert module.build_key("portable", "cpu")[0] != key


def fake_sdist(path: Path) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        data = b"cmake_minimum_required(VERSION 3.21)\n"
        member = tarfile.TarInfo("llama_cpp_python-0.3.36/CMakeLists.txt")
        member.size = len(data)
        tar.addfile(member, io.BytesIO(data))
    return path


def test_a_source_archive_that_is_not_the_pinned_one_builds_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    module = recipe()
    assert len(module.SDIST_SHA256) == 64
    monkeypatch.setenv("LOCAL_WRITER_WHEEL_CACHE", str(tmp_path / "cache"))
    calls: list[tuple[str, ...]] = []

    def pip(*args: str, env: dict[str, str] | None = None) -> None:
        calls.append(args)
        if args[0] == "download":  # a mirror serving another file under the same name
            fake_sdist(Path(args[args.index("--dest") + 1]) / "llama_cpp_python-0.3.36.tar.gz")

    monkeypatch.setattr(module, "pip", pip)
    with pytest.raises(SystemExit, match="its sha256 is [0-9a-f]{64}, PyPI's is "
                                         + module.SDIST_SHA256):
        module.build_wheel("portable", "cpu")
    assert [call[0] for call in calls] == ["download"]  # nothing compiled
    assert not list((tmp_path / "cache").rglob("*.whl"))


def test_the_pinned_archive_passes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    module = recipe()
    archive = fake_sdist(tmp_path / "llama_cpp_python-0.3.36.tar.gz")
    monkeypatch.setattr(module, "SDIST_SHA256", hashlib.sha256(archive.read_bytes()).hexdigest())
    module.verify_archive(archive)


CMAKE_PROBE = """
cmake_minimum_required(VERSION 3.21)
project(probe LANGUAGES NONE)
function(llama_cpp_python_install_target target)
    set_property(GLOBAL APPEND PROPERTY PROBE_INSTALLED ${target})
endfunction()
add_subdirectory(vendor/llama.cpp/ggml/src)
"""


@pytest.mark.skipif(shutil.which("cmake") is None, reason="needs CMake")
@pytest.mark.parametrize(("targets", "installed"), [
    (["ggml-cpu-x64", "ggml-cpu-x64-feats", "ggml-cpu-haswell", "ggml-base"],
     "ggml-cpu-x64;ggml-cpu-haswell"),
    (["ggml-cpu", "ggml-base"], None),  # upstream renamed its variants: stop, do not ship none
])
def test_cmake_stops_when_the_variant_patch_finds_no_variant(
        tmp_path: Path, targets: list[str], installed: str | None) -> None:
    module = recipe()
    ggml = tmp_path / "vendor" / "llama.cpp" / "ggml" / "src"
    ggml.mkdir(parents=True)
    (ggml / "CMakeLists.txt").write_text(
        "".join(f"add_custom_target({target})\n" for target in targets))
    (tmp_path / "CMakeLists.txt").write_text(
        CMAKE_PROBE + module._INSTALL_VARIANTS
        + "get_property(done GLOBAL PROPERTY PROBE_INSTALLED)\n"
          "message(STATUS \"probe installed: ${done}\")\n")
    result = subprocess.run(["cmake", "-S", str(tmp_path), "-B", str(tmp_path / "build"),
                             "-DGGML_CPU_ALL_VARIANTS=ON"],
                            capture_output=True, text=True, check=False)
    if installed is None:
        assert result.returncode != 0
        assert "no ggml-cpu-* variant target" in result.stderr
    else:
        assert result.returncode == 0, result.stderr
        assert f"probe installed: {installed}" in result.stdout


def test_the_setup_installed_the_build_it_asked_for() -> None:
    """pip's wheel cache hands out any cached build whatever CMAKE_ARGS say: the setup
    builds and caches its own, and this venv holds exactly that one."""
    info = json.loads((LIBRARIES.parent / "local_writer_build.json").read_text())
    key, _ = recipe().build_key("native", "cpu")
    assert info["profile"] == "native"
    assert info["key"] == key
    assert not list(LIBRARIES.glob("*mtmd*"))  # no multimodal library was built


@pytest.mark.skipif(not X86, reason="AMX is an x86-64 feature")
def test_the_installed_llama_cpp_holds_no_amx_kernel() -> None:
    system = llama_cpp.llama_print_system_info().decode()
    assert "AMX_INT8 = 1" not in system
    if shutil.which("nm") is None or sys.platform != "linux":
        pytest.skip("nm reads the symbols of Linux libraries")
    for library in LIBRARIES.glob("libggml-cpu*.so"):
        symbols = subprocess.run(["nm", "-D", "--defined-only", str(library)],
                                 capture_output=True, text=True, check=True).stdout
        amx = [line.split()[-1] for line in symbols.splitlines()
               if "amx" in line.lower() and "ggml_cpu_has_amx" not in line]
        assert amx == [], f"{library.name} holds AMX kernels: {amx[:5]}"


def test_safe_mode_turns_extra_buffer_types_off_for_one_construction() -> None:
    import llama_cpp.llama_cpp as api

    from writer_app.engine.process.llama_build import safe_model_params

    assert api.llama_model_default_params().use_extra_bufts
    with safe_model_params():
        assert not api.llama_model_default_params().use_extra_bufts
    assert api.llama_model_default_params().use_extra_bufts


def test_the_recipe_and_the_engine_name_the_build_file_alike() -> None:
    from writer_app.engine.process.llama_build import BUILD_INFO

    assert recipe().BUILD_INFO == BUILD_INFO
