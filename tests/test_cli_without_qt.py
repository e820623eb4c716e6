"""The command line runs where Qt is not installed: only the engine's libraries."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

NO_QT = Path(__file__).resolve().parent / "no_qt"


def run_without_qt(args: list[str], stdin: bytes = b"", timeout: float = 300,
                   python_args: tuple[str, ...] = ("-m", "writer_app"),
                   ) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(NO_QT), *filter(None, [os.environ.get("PYTHONPATH")])])}
    return subprocess.run([sys.executable, *python_args, *args], input=stdin,
                          capture_output=True, timeout=timeout, check=False, env=env)


def test_qt_is_really_hidden() -> None:
    result = run_without_qt([], python_args=("-c", "import PySide6.QtCore"))
    assert result.returncode == 1
    assert b"hidden by the test" in result.stderr
    opened = run_without_qt(["--self-test"], python_args=("-c", "import writer_app.app"))
    assert b"hidden by the test" in opened.stderr  # the window's modules do need Qt


def test_templates_list_runs_without_qt(writer_home: Path) -> None:
    result = run_without_qt(["templates", "list"])
    assert result.returncode == 0, result.stderr.decode()
    assert b"rewrite-shorten" in result.stdout


def test_models_list_runs_without_qt(writer_home: Path) -> None:
    result = run_without_qt(["models", "list"])
    assert result.returncode == 0, result.stderr.decode()
    assert b"gemma" in result.stdout.lower()


@pytest.mark.model
def test_complete_runs_without_qt(writer_home: Path) -> None:
    """The engine process it starts inherits the hiding, so neither side needs Qt."""
    result = run_without_qt(["complete", "--max-tokens", "8"],
                            b"The lighthouse keeper climbed the stairs and")
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().strip()
