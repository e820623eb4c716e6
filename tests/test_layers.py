"""Keep the layers honest: each imports only the layers below it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "writer_app"

FORBIDDEN = {
    "core": ("PySide6", "llama_cpp", "huggingface_hub", "httpx2", "writer_app.engine",
             "writer_app.hub", "writer_app.ui", "writer_app.app"),
    # Models on disk and on the Hub: plain Python below the engine and the widgets.
    "hub": ("PySide6", "llama_cpp", "writer_app.engine", "writer_app.ui", "writer_app.app"),
    "engine": ("PySide6", "writer_app.ui", "writer_app.app"),
    # OpenAI-compatible servers: plain Python, HTTP only.
    "remote": ("PySide6", "llama_cpp", "huggingface_hub", "writer_app.engine",
               "writer_app.hub", "writer_app.ui", "writer_app.app"),
    "ui": ("llama_cpp", "huggingface_hub", "httpx2", "writer_app.engine.llama_engine",
           "writer_app.engine.engine_process", "writer_app.app", "writer_app.cli"),
}


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports(layer: str) -> None:
    files = sorted((PACKAGE / layer).glob("*.py"))
    assert files
    for path in files:
        for name in imported_modules(path):
            banned = [b for b in FORBIDDEN[layer] if name == b or name.startswith(b + ".")]
            assert banned == [], f"{path.relative_to(PACKAGE)} imports {name}"


def test_only_the_engine_module_imports_llama_cpp() -> None:
    users = {path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*.py")
             if any(n.split(".")[0] == "llama_cpp" for n in imported_modules(path))}
    # The benchmark's baseline is llama-cpp-python called directly, by definition; the
    # engine's llama_build names the build and loads its backend libraries.
    assert users == {"engine/llama_engine.py", "engine/llama_build.py",
                     "bench/llama_baseline.py"}


def test_only_the_hub_and_remote_packages_use_the_network() -> None:
    def users(*modules: str) -> set[str]:
        return {path.relative_to(PACKAGE).parts[0] for path in PACKAGE.rglob("*.py")
                if any(n.split(".")[0] in modules for n in imported_modules(path))}

    assert users("huggingface_hub") == {"hub"}
    assert users("httpx2") == {"hub", "remote"}
