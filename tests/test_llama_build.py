"""The llama.cpp the setup builds: for this CPU but without AMX (whose kernels crashed every
decode on Sapphire Rapids Xeons), cached under a key of its flags, and installed as asked.

This machine may have no AMX; the tests prove the fix by what it changes: the compiler
flags leave AMX out even when compiling for a CPU that has it, and the installed
libraries hold no AMX kernel.
"""

from __future__ import annotations

import importlib.util
import json
import platform
import shutil
import subprocess
import sys
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
