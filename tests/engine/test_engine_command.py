"""The engine process runs the app's own code, wherever the app was started from."""

from __future__ import annotations

import subprocess
from pathlib import Path

from writer_app.engine.client.engine_client import engine_command


def test_a_writer_app_folder_in_the_working_directory_is_not_imported(tmp_path: Path) -> None:
    # Started from a checkout (or any folder holding a writer_app), `python -m` would put
    # that folder first on the engine's path and run its code instead of the app's.
    decoy = tmp_path / "writer_app"
    decoy.mkdir()
    (decoy / "__init__.py").write_text("raise SystemExit(97)\n", encoding="utf-8")
    ended = subprocess.run(engine_command(), cwd=tmp_path, stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=120, check=False)
    assert ended.returncode == 0, ended.stderr.decode(errors="replace")
