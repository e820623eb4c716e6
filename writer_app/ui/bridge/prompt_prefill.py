"""Read as the writer types: have the engine read the prompt a pause would send before
the pause comes.

The prompt at the cursor is sent as a background read at every word the writer ends, and
PREFILL_DELAY_MS after any other edit or move, so that a pause finds the text read up to
its last word or so, whatever the model's size. A background read yields to every
request (the suggestion at the pause aborts it and reads what little is left itself, or,
if it was made ready for that suggestion, lets it read its chunk on), and a newer prompt
that continues the running one replaces it in the engine without losing what it read;
one of another place cancels it, so that text the writer deleted, or left, is not read
on (see ReadAhead, which this uses).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from writer_app.engine.client.suggestion_request import PREFILL_DELAY_MS, SuggestionPlan
from writer_app.ui.bridge.engine_service import EngineService
from writer_app.ui.bridge.read_ahead import ReadAhead


class PromptPrefill(QObject):
    """Send background reads of the plan a pause would send."""

    sent = Signal()  # a read is due: the writer ended a word, or stopped for a moment

    def __init__(self, bridge: EngineService, plan: Callable[[], SuggestionPlan | None],
                 pause_pending: Callable[[], bool], parent: QObject,
                 on_read: Callable[[SuggestionPlan], None] = lambda _plan: None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._plan = plan
        self._pause_pending = pause_pending
        self._reading = ReadAhead(bridge, self, on_read)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREFILL_DELAY_MS)
        self._timer.timeout.connect(self._prefill)
        # A word's end is read once the key is painted: making the plan copies the
        # document's text, which in a book costs milliseconds the key should not wait.
        self._word_end = QTimer(self)
        self._word_end.setSingleShot(True)
        self._word_end.setInterval(0)
        self._word_end.timeout.connect(lambda: self._prefill(ready=False))

    def schedule(self, word_ended: bool = False) -> None:
        """Read the prompt soon: at once if the writer just ended a word (as far as it
        goes; the read after a moment's stop readies it for the pause)."""
        self._timer.start()
        if word_ended:
            self._word_end.start()

    def stop(self) -> None:
        self._timer.stop()
        self._word_end.stop()

    def pending(self) -> bool:
        return self._timer.isActive()

    @Slot()
    def _prefill(self, ready: bool = True) -> None:
        if not self._pause_pending():
            return  # the pause came first (or nothing is to be asked)
        self.sent.emit()
        plan = self._plan()
        if plan is None:
            self.make_way()
        else:
            self._reading.want(plan, ready=ready)

    def make_way(self, plan: SuggestionPlan | None = None) -> None:
        """A suggestion for `plan` is asked, and reads what is left itself (None: the
        place was left): see ReadAhead.give_way."""
        if plan is None:
            self._reading.stop()
        else:
            self._reading.give_way(plan)
