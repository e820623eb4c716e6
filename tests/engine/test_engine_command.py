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


def test_the_engine_runs_below_the_editors_priority() -> None:
    import sys
    import time

    import psutil

    from writer_app.engine.client.engine_client import EngineClient
    from writer_app.engine.process.priority import NICENESS

    client = EngineClient(lambda _message: None, lambda _how, _code: None)
    client.start()
    try:
        assert client.pid is not None
        engine = psutil.Process(client.pid)
        ours = psutil.Process().nice()
        deadline = time.monotonic() + 30
        # The engine lowers its priority once Python has started in it.
        while engine.nice() == ours and time.monotonic() < deadline:
            time.sleep(0.05)
        if sys.platform == "win32":
            assert engine.nice() == psutil.BELOW_NORMAL_PRIORITY_CLASS
        else:
            assert engine.nice() == min(19, ours + NICENESS)
    finally:
        client.stop()
