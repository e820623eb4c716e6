"""Keep the layers honest: each imports only the layers below it, however it imports.

The rules read the real import graph (tests/import_graph.py): relative imports,
`from writer_app import ui`, imports inside functions and `importlib.import_module` count,
and so does what a module reaches through the modules it imports. Where a layer must run
without a package, its modules are also imported in a Python that cannot import it.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from tests.import_graph import COMPUTED, PACKAGE, Edge, ImportGraph, matches

ROOT = PACKAGE.parent

# What each part may not import, directly or through anything it imports.
FORBIDDEN = {
    "core": ("PySide6", "llama_cpp", "huggingface_hub", "httpx2"),
    # Models on disk and on the Hub: plain Python below the engine and the widgets.
    "hub": ("PySide6", "llama_cpp"),
    # What the engine process runs and what the editor runs to talk to it meet only in
    # the protocol (engine/protocol.py) and the shared rules beside it.
    "engine": ("PySide6",),
    "engine/process": ("writer_app.engine.client",),
    "engine/client": ("writer_app.engine.process", "llama_cpp"),
    # OpenAI-compatible servers: plain Python, HTTP only.
    "remote": ("PySide6", "llama_cpp", "huggingface_hub"),
    # The command line runs where only the engine's libraries exist (see ON_DEMAND).
    "cli": ("PySide6", "writer_app.ui"),
    # Exports: QtGui's text layout and writers, python-docx; no widgets, no engine.
    "export": ("PySide6.QtWidgets", "llama_cpp", "huggingface_hub", "httpx2"),
    # The window's process never loads llama.cpp (a native crash stays in the engine's
    # process); what composes the window sits above it.
    "ui": ("llama_cpp", "huggingface_hub", "httpx2", "writer_app.engine.process",
           "writer_app.app", "writer_app.cli", "writer_app.bench", "writer_app.self_test",
           "writer_app.startup_report"),
    # The bridge to the engine is a service: QtCore only.
    "ui/bridge": ("PySide6.QtGui", "PySide6.QtWidgets"),
    # Where settings and data live, computed without Qt.
    "paths.py": ("PySide6",),
}
# The lower layers name the only parts of writer_app they may import (the package's own
# empty __init__ aside): each builds on the core, and nothing builds on what is above it.
ONLY_FROM = {
    "core": ("writer_app.core",),
    "hub": ("writer_app.core", "writer_app.hub"),
    "remote": ("writer_app.core", "writer_app.remote"),
    # A server can write instead of llama.cpp: engine/process/remote_engine.py.
    "engine": ("writer_app.core", "writer_app.remote", "writer_app.engine"),
    "export": ("writer_app.core", "writer_app.export"),
    "paths.py": (),
}
# Packages a part may not import itself but may load through the layer that owns them:
# the widgets download through hub/ and ask servers through remote/.
THROUGH = {"ui": ("huggingface_hub", "httpx2")}
# Imports inside a function that lead from the command line to Qt, each run only by the
# command that needs it; the rest of the command line runs without Qt.
ON_DEMAND = {
    ("writer_app.cli.main", "writer_app.app"): "no subcommand: the window opens",
    ("writer_app.cli.main", "writer_app.self_test"): "--self-test checks the window too",
    ("writer_app.cli.export", "writer_app.export.command"):
        "export lays out and writes with QtGui's text document and PDF writer",
    ("writer_app.bench.runner", "writer_app.bench.big_document"): "times the real window",
    ("writer_app.bench.runner", "writer_app.bench.responsiveness"): "times the real window",
    ("writer_app.bench.runner", "writer_app.bench.gui_session"): "opens the real window",
    ("writer_app.bench.runner", "writer_app.bench.startup"): "times the window's start",
}
# The parts of ui/, lowest first: a part imports only itself and the rows above its own.
UI_ORDER = (
    # Small shared pieces: translation, menu entries, Python indices as Qt positions.
    ("i18n.py", "menu_actions.py", "text_positions.py"),
    # The engine as a QtCore service: no widget may be needed to talk to it.
    ("bridge",),
    # Pieces more than one feature shows: the notice bar, what a status line shows.
    ("widgets",),
    # The writing surface and everything painted on it.
    ("editor",),
    # Views and checks that work on the editor.
    ("markdown", "spelling"),
    # The features the window composes; none knows another.
    ("tasks", "documents", "models", "preferences"),
    # The composition: the main window, its menus and bars.
    ("window",),
)
MAX_LINES = 400


@cache
def graph() -> ImportGraph:
    return ImportGraph()


def banned(layer: str, name: str, *, direct: bool) -> bool:
    """Return whether `layer` may not import `name` (directly, or through others)."""
    rules = FORBIDDEN.get(layer, ())
    if not direct:
        rules = tuple(r for r in rules if r not in THROUGH.get(layer, ()))
    if any(matches(name, rule) for rule in rules):
        return True
    allowed = ONLY_FROM.get(layer)
    return (allowed is not None and name.startswith("writer_app.")
            and not any(matches(name, a) for a in allowed))


def chain_text(chain: list[Edge]) -> str:
    return " → ".join(str(edge) for edge in chain)


def violations(layer: str) -> list[str]:
    """Return, for each import that leaves the layer and leads to a banned name, the
    shortest chain of imports that gets there."""
    own = set(graph().in_folder(layer))
    found: dict[Edge, list[Edge]] = {}
    for module in own:
        for name, chain in graph().reach(module, ON_DEMAND).items():
            # A chain through another module of the layer is reported from that module.
            if not chain or chain[0].target in own or not banned(
                    layer, name, direct=len(chain) == 1):
                continue
            if len(chain) < len(found.setdefault(chain[0], chain)):
                found[chain[0]] = chain
    return sorted(chain_text(chain) for chain in found.values())


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports(layer: str) -> None:
    assert graph().in_folder(layer), layer
    found = violations(layer)
    assert found == [], "\n".join(found)


def test_imports_from_the_command_line_to_qt_are_each_named() -> None:
    """Each exception is an import inside a function that exists: none outlives its code
    (made eager, the same import is no exception: the graph follows it to Qt)."""
    lazy = {(e.source, e.target) for edges in graph().edges.values() for e in edges
            if e.lazy}
    assert set(ON_DEMAND) - lazy == set()


def test_every_import_names_its_module() -> None:
    """An import whose name is computed when it runs would hide from every rule here."""
    computed = [str(edge) for edges in graph().edges.values() for edge in edges
                if edge.target == COMPUTED]
    assert computed == []


def hidden_packages(layer: str) -> tuple[str, ...]:
    rules = FORBIDDEN[layer]
    return tuple(r for r in rules if not r.startswith("writer_app")
                 and r not in THROUGH.get(layer, ()))


@pytest.mark.parametrize("layer", sorted(k for k in FORBIDDEN if hidden_packages(k)))
def test_layer_imports_where_its_forbidden_packages_are_missing(layer: str) -> None:
    """Import every module of the layer in a Python that cannot import those packages."""
    modules = graph().in_folder(layer)
    result = subprocess.run(
        [sys.executable, "-m", "tests.import_without", ",".join(hidden_packages(layer)),
         *modules], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    problems = json.loads(result.stdout)
    assert problems == {}, "\n\n".join(f"{m}: {why}" for m, why in problems.items())


def ui_part(module: str) -> str:
    """Return the ui/ folder or top module a module belongs to ("editor", "i18n.py")."""
    parts = module.split(".")[2:]
    return parts[0] if len(parts) > 1 or (PACKAGE / "ui" / parts[0]).is_dir() else (
        parts[0] + ".py")


def test_ui_parts_import_only_the_rows_above_their_own() -> None:
    row = {part: index for index, parts in enumerate(UI_ORDER) for part in parts}
    modules = graph().in_folder("ui")
    parts = {ui_part(m) for m in modules if m != "writer_app.ui"}
    assert parts - set(row) == set(), "give each ui part its row in UI_ORDER"
    assert set(row) - parts == set(), "UI_ORDER names a part that no longer exists"
    upward = [str(edge) for module in modules if module != "writer_app.ui"
              for edge in graph().edges[module]
              if matches(edge.target, "writer_app.ui") and edge.target != "writer_app.ui"
              and (other := ui_part(edge.target)) != ui_part(module)
              and row[other] >= row[ui_part(module)]]
    assert upward == [], "\n".join(upward)


def test_every_folder_is_a_package_and_every_module_is_short() -> None:
    """A newcomer reads the tree as a table of contents: no module over ~400 lines."""
    for folder in [PACKAGE, *(p for p in PACKAGE.rglob("*") if p.is_dir())]:
        if folder.name != "__pycache__":
            assert (folder / "__init__.py").exists(), folder
    long = {path.relative_to(PACKAGE).as_posix(): lines for path in PACKAGE.rglob("*.py")
            if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def users_of(*packages: str) -> set[str]:
    """Return the modules (paths in writer_app/) that import any of `packages` themselves."""
    return {graph().paths[module].relative_to(PACKAGE).as_posix()
            for module, edges in graph().edges.items()
            if any(matches(e.target, p) for e in edges for p in packages)}


def test_only_the_adapter_imports_llama_cpp() -> None:
    # The benchmark's baseline is llama-cpp-python called directly, by definition; the
    # engine's llama_build names the build and loads its backend libraries.
    assert users_of("llama_cpp") == {"engine/process/llama_calls.py",
                                     "engine/process/llama_build.py",
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
    def folders(*packages: str) -> set[str]:
        return {Path(user).parts[0] for user in users_of(*packages)}

    assert folders("huggingface_hub") == {"hub"}
    assert folders("httpx2") == {"hub", "remote"}
