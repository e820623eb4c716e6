"""What the features report on the window's status bar, as they see it.

The documents and the models say there what happens, but the bar itself is the
window's (window/status_bar.py): they depend on this shape, and the window hands them
its bar.
"""

from __future__ import annotations

from typing import Protocol

from writer_app.ui.bridge.engine_service import EngineState


class StatusLine(Protocol):
    """The status bar's message and the labels that documents and models fill in."""

    def showMessage(self, text: str, timeout: int = 0) -> None: ...

    def show_format(self, label: str) -> None: ...

    def show_counts(self, text: str) -> None: ...

    def show_model(self, name: str, backend: str, safe_mode: str = "",
                   build: str = "") -> None: ...

    def show_engine_state(self, engine_state: EngineState, detail: str) -> None: ...

    def show_destination(self, url: str) -> None: ...
