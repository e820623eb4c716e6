"""Prefill: have the engine read the prompt between the last keystroke and the pause.

PREFILL_DELAY_MS after the writer's last edit or cursor move, the engine is asked to
evaluate the prompt the pause would send, so the suggestion starts with nothing left to
evaluate. One prefill runs at a time; the latest text is sent when it ends. A running
prefill of a place the writer has left is cancelled, so it never delays the new one.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from writer_app.engine.client.suggestion_request import PREFILL_DELAY_MS, SuggestionPlan
from writer_app.ui.bridge.engine_service import EngineService
from writer_app.ui.bridge.generation import Generation

# A prompt that starts with a running prefill's prompt, less this many characters at
# its end (a word being retyped, a sentence being rephrased), reuses its work.
KEEP_SLACK_CHARS = 80


class PromptPrefill(QObject):
    """Send prefill requests for the plan a pause would send."""

    sent = Signal()  # a prefill is due: the writer has stopped for a moment

    def __init__(self, bridge: EngineService, plan: Callable[[], SuggestionPlan | None],
                 pause_pending: Callable[[], bool], parent: QObject) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._plan = plan
        self._pause_pending = pause_pending
        self._running: Generation | None = None
        self._running_prompt = ""
        self._again = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREFILL_DELAY_MS)
        self._timer.timeout.connect(self._prefill)

    def schedule(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def pending(self) -> bool:
        return self._timer.isActive()

    @Slot()
    def _prefill(self) -> None:
        if not self._pause_pending():
            return  # the pause came first (or nothing is to be asked)
        self.sent.emit()
        plan = self._plan()
        if self._running is not None:
            if plan is None or not self.make_way(plan.prompt):
                self._again = True  # once the engine is done with the running one
            return
        if plan is not None:
            self._running_prompt = plan.prompt
            self._running = self._bridge.generate(
                plan.prompt, plan.sampling, suffix=plan.suffix, stop_rule=plan.stop_rule,
                prefill=True)
            if self._running is not None:
                self._running.released.connect(self._on_released)

    def make_way(self, prompt: str) -> bool:
        """Cancel the running prefill unless `prompt` continues its text; return whether
        it was cancelled (its end then sends the latest prefill, if one is still due)."""
        running = self._running
        if running is None or prompt.startswith(self._running_prompt[:-KEEP_SLACK_CHARS]):
            return False
        self._again = True
        running.cancel()
        return True

    @Slot()
    def _on_released(self) -> None:
        """The engine is done with the prefill: send the latest one, if one is due."""
        self._running = None
        if self._again:
            self._again = False
            self._prefill()
