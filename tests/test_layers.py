"""Keep the layers honest: each imports only the layers below it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "writer_app"

FORBIDDEN = {
    "core": ("PySide6", "llama_cpp", "huggingface_hub", "httpx2", "writer_app.engine",
             "writer_app.hub", "writer_app.ui", "writer_app.app", "writer_app.cli"),
    # Models on disk and on the Hub: plain Python below the engine and the widgets.
    "hub": ("PySide6", "llama_cpp", "writer_app.engine", "writer_app.ui", "writer_app.app",
            "writer_app.cli"),
    # What the engine process runs and what the editor runs to talk to it meet only in
    # the protocol (engine/protocol.py) and the shared rules beside it.
    "engine": ("PySide6", "writer_app.ui", "writer_app.app", "writer_app.cli"),
    "engine/process": ("writer_app.engine.client",),
    "engine/client": ("writer_app.engine.process", "llama_cpp"),
    # OpenAI-compatible servers: plain Python, HTTP only.
    "remote": ("PySide6", "llama_cpp", "huggingface_hub", "writer_app.engine",
               "writer_app.hub", "writer_app.ui", "writer_app.app", "writer_app.cli"),
    # The command line runs where only the engine's libraries exist (cli/main.py opens
    # the window through writer_app.app, imported only when no subcommand is given).
    "cli": ("PySide6", "writer_app.ui"),
    # Exports: QtGui's text layout and writers, python-docx; no widgets, no engine.
    "export": ("PySide6.QtWidgets", "llama_cpp", "huggingface_hub", "httpx2",
               "writer_app.engine", "writer_app.hub", "writer_app.ui", "writer_app.app",
               "writer_app.cli"),
    "ui": ("llama_cpp", "huggingface_hub", "httpx2", "writer_app.engine.process",
           "writer_app.app", "writer_app.cli"),
    # The bridge to the engine is a service: QtCore only, and nothing of the widgets.
    "ui/bridge": ("PySide6.QtGui", "PySide6.QtWidgets", "writer_app.ui.editor",
                  "writer_app.ui.tasks", "writer_app.ui.documents", "writer_app.ui.models",
                  "writer_app.ui.preferences", "writer_app.ui.window"),
}
# Modules outside the folders above, and what they may not import.
LONE_MODULES = {
    "paths.py": ("PySide6",),
}
MAX_LINES = 400


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _check(path: Path, forbidden: tuple[str, ...]) -> None:
    for name in imported_modules(path):
        banned = [b for b in forbidden if name == b or name.startswith(b + ".")]
        assert banned == [], f"{path.relative_to(PACKAGE)} imports {name}"


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports(layer: str) -> None:
    files = sorted((PACKAGE / layer).rglob("*.py"))
    assert files
    for path in files:
        _check(path, FORBIDDEN[layer])


@pytest.mark.parametrize("module", sorted(LONE_MODULES))
def test_lone_module_imports(module: str) -> None:
    _check(PACKAGE / module, LONE_MODULES[module])


def test_every_folder_is_a_package_and_every_module_is_short() -> None:
    """A newcomer reads the tree as a table of contents: no module over ~400 lines."""
    for folder in [PACKAGE, *(p for p in PACKAGE.rglob("*") if p.is_dir())]:
        if folder.name != "__pycache__":
            assert (folder / "__init__.py").exists(), folder
    long = {path.relative_to(PACKAGE).as_posix(): lines for path in PACKAGE.rglob("*.py")
            if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_only_the_adapter_imports_llama_cpp() -> None:
    users = {path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*.py")
             if any(n.split(".")[0] == "llama_cpp" for n in imported_modules(path))}
    # The benchmark's baseline is llama-cpp-python called directly, by definition; the
    # engine's llama_build names the build and loads its backend libraries.
    assert users == {"engine/process/llama_calls.py", "engine/process/llama_build.py",
                     "bench/llama_baseline.py"}


def test_only_the_adapter_reaches_into_llama_cpp_python() -> None:
    """llama-cpp-python's private attributes (`_model`, `_ctx`, …) are used in one place."""
    for path in (PACKAGE / "engine").rglob("*.py"):
        if path.name == "llama_calls.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute):
                inner = node.value
                assert not (inner.attr in ("_llm", "llm") and node.attr.startswith("_")), (
                    f"{path.name}:{node.lineno} uses {inner.attr}.{node.attr}")


def test_only_the_hub_and_remote_packages_use_the_network() -> None:
    def users(*modules: str) -> set[str]:
        return {path.relative_to(PACKAGE).parts[0] for path in PACKAGE.rglob("*.py")
                if any(n.split(".")[0] in modules for n in imported_modules(path))}

    assert users("huggingface_hub") == {"hub"}
    assert users("httpx2") == {"hub", "remote"}
