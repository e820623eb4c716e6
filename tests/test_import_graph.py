"""The layer test's eyes: every way of importing is seen, and hiding a package works."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.import_graph import COMPUTED, Edge, ImportGraph

ROOT = Path(__file__).resolve().parent.parent

SOURCES = {
    "__init__.py": "",
    "core/__init__.py": "",
    "core/a.py": """
from . import b
from ..ui import window
from app import export
import importlib

importlib.import_module("app.hidden")


def later(name: str) -> None:
    from app.export import x
    importlib.import_module(name)
""",
    "core/b.py": "import PySide6.QtCore\n",
    "ui/__init__.py": "",
    "ui/window.py": "",
    "export/__init__.py": "",
    "export/x.py": "from PySide6.QtWidgets import QWidget\n",
    "hidden.py": "",
}


def write_package(folder: Path) -> Path:
    for name, text in SOURCES.items():
        (folder / "app" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "app" / name).write_text(text.lstrip("\n"), encoding="utf-8")
    return folder / "app"


def test_every_kind_of_import_is_an_edge(tmp_path: Path) -> None:
    graph = ImportGraph(write_package(tmp_path))
    assert {(e.target, e.line, e.lazy) for e in graph.edges["app.core.a"]} == {
        ("app.core", 1, False), ("app.core.b", 1, False),  # from . import b
        ("app.ui", 2, False), ("app.ui.window", 2, False),  # from ..ui import window
        ("app", 3, False), ("app.export", 3, False),  # from app import export
        ("importlib", 4, False), ("app.hidden", 6, False),
        ("app.export", 10, True), ("app.export.x", 10, True),
        (COMPUTED, 11, True),
    }


def test_what_a_module_reaches_comes_with_the_imports_that_lead_there(
        tmp_path: Path) -> None:
    graph = ImportGraph(write_package(tmp_path))
    reached = graph.reach("app.core.a")
    assert [str(edge) for edge in reached["PySide6.QtCore"]] == [
        "app.core.a:1 imports app.core.b", "app.core.b:1 imports PySide6.QtCore"]
    assert reached["PySide6.QtWidgets.QWidget"][0] == Edge("app.core.a", "app.export.x", 10,
                                                           lazy=True)
    # An import inside a function named as run on demand is not followed…
    assert "PySide6.QtWidgets" not in graph.reach("app.core.a", [("app.core.a",
                                                                  "app.export.x")])
    # …but the same pair imported when the module loads is.
    assert "PySide6.QtCore" in graph.reach("app.core.a", [("app.core.a", "app.core.b")])


def run_without(hidden: str, module: str, folder: Path) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(folder), str(ROOT)])}
    result = subprocess.run([sys.executable, "-m", "tests.import_without", hidden, module],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
                            check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_hidden_package_fails_its_importers_even_when_they_catch_the_error(
        tmp_path: Path) -> None:
    (tmp_path / "needs_qt.py").write_text("import PySide6.QtCore\n", encoding="utf-8")
    (tmp_path / "tries_qt.py").write_text(
        "try:\n    import PySide6.QtGui\nexcept ImportError:\n    pass\n", encoding="utf-8")
    (tmp_path / "plain.py").write_text("import json\n", encoding="utf-8")
    assert "hidden by the test" in run_without("PySide6", "needs_qt", tmp_path)["needs_qt"]
    assert run_without("PySide6.QtGui", "tries_qt", tmp_path) == {
        "tries_qt": "asked for PySide6.QtGui"}
    assert run_without("PySide6", "plain", tmp_path) == {}
