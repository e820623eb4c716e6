"""Start and memory: launch the app as a writer would and time it, in a fresh process.

The app is told (through its startup report) to say when its editor first paints and
when the model is ready, with the resident memory of its two processes, and then quit.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from writer_app.paths import HOME_ENV
from writer_app.startup_report import REPORT_ENV

TIMEOUT_S = 180
MIB = 1024 * 1024


@dataclass
class StartupFigures:
    editable_ms: float | None = None
    model_ready_ms: float | None = None
    gui_rss_bytes: int = 0
    engine_rss_bytes: int = 0

    def summary(self) -> dict[str, object]:
        def rounded(value: float | None) -> float | None:
            return round(value, 1) if value is not None else None

        return {
            "window_editable_ms": rounded(self.editable_ms),
            "model_ready_ms": rounded(self.model_ready_ms),
            "gui_rss_mib": round(self.gui_rss_bytes / MIB, 1),
            "engine_rss_mib": round(self.engine_rss_bytes / MIB, 1),
            "total_rss_mib": round((self.gui_rss_bytes + self.engine_rss_bytes) / MIB, 1),
        }


def app_command() -> list[str]:
    """Return the command that starts the GUI, from a checkout or a bundle."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-P", "-m", "writer_app"]


def measure(model_path: Path) -> StartupFigures:
    """Launch the app on `model_path` with empty settings and time its start."""
    figures = StartupFigures()
    with tempfile.TemporaryDirectory(prefix="writer-bench-start-") as home:
        env = {**os.environ, HOME_ENV: home, REPORT_ENV: "exit"}
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        launched = time.time()
        result = subprocess.run([*app_command(), "--model", str(model_path)], env=env,
                                capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    for line in result.stdout.splitlines():
        try:
            event = json.loads(line)
        except json.JSONDecodeError:
            continue
        elapsed = (event["time"] - launched) * 1000
        if event["event"] == "editable":
            figures.editable_ms = elapsed
        elif event["event"] == "model_ready":
            figures.model_ready_ms = elapsed
            figures.gui_rss_bytes = event["gui_rss"]
            figures.engine_rss_bytes = event["engine_rss"]
        elif event["event"] == "model_failed":
            raise RuntimeError(f"the app could not load the model: {event['detail']}")
    if figures.editable_ms is None or figures.model_ready_ms is None:
        raise RuntimeError("the app did not report its start "
                           f"(exit {result.returncode}): {result.stderr[-2000:]}")
    return figures
