"""Read ahead: have the engine read, while it has nothing else to do, the window the
writer is about to need.

Two such windows are known before the writer asks: the one that will start a step
further on once they have typed past the point where the window's start moves, and the
one at the cursor when a document opens or a model has just loaded. The engine reads a
background prefill only while no other request waits, and puts it aside for any that
comes, so reading ahead never delays a suggestion. One runs at a time: a newer one
cancels the older, unless it continues it (the writer typed on towards the move), when
the engine drops the older for it without losing what was read.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from writer_app.engine.client.suggestion_request import SuggestionPlan
from writer_app.engine.protocol import Finished
from writer_app.ui.bridge.engine_service import EngineService
from writer_app.ui.bridge.generation import Generation


class ReadAhead(QObject):
    """Send background prefills, one at a time; `on_read` hears of each plan read."""

    def __init__(self, bridge: EngineService, parent: QObject,
                 on_read: Callable[[SuggestionPlan], None] = lambda _plan: None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._on_read = on_read
        self._running: Generation | None = None
        self._prompt = ""
        self._suffix: str | None = None
        self._ready = False

    def want(self, plan: SuggestionPlan | None, *, ready: bool = False,
             ahead: bool = False) -> None:
        """Have `plan`'s prompt read in the background (nothing if it already is).

        Only `ready` makes it ready for the suggestion at a pause (token healing, a
        short window at a new place: a slow model pays a call for healing); without,
        the text is read as far as it goes, and a later read finishes it. `ahead`: a
        window the writer has not reached (see Generate)."""
        same_suffix = plan is not None and plan.suffix == self._suffix
        if plan is None or (self._running is not None and plan.prompt == self._prompt
                            and same_suffix and self._ready >= ready):
            return
        # As the engine's rule (background_reading.continues): the text after the cursor
        # the same, the text before it grown.
        continued = bool(self._prompt) and same_suffix and plan.prompt.startswith(self._prompt)
        if continued and len(plan.prompt) - len(self._prompt) < plan.refresh_chars:
            return
        if not continued:
            self.stop()
        # Without a stop rule the engine reads the prompt only (see Generate).
        generation = self._bridge.generate(plan.prompt, plan.sampling, suffix=plan.suffix,
                                           stop_rule=plan.stop_rule if ready else None,
                                           background=True, ahead=ahead)
        if generation is None:
            return
        self._running, self._prompt, self._ready = generation, plan.prompt, ready
        self._suffix = plan.suffix
        generation.released.connect(lambda: self._on_released(generation))
        generation.finished.connect(lambda finished: self._on_finished(finished, plan))

    def give_way(self, plan: SuggestionPlan) -> None:
        """A suggestion for `plan` is asked. A read of its prompt made ready for it is
        left running: the engine reads the chunk it is in on for the suggestion, then
        ends it (cancelled, the chunk would be lost). Any other read is cancelled."""
        if (self._running is not None and self._ready and plan.prompt == self._prompt
                and plan.suffix == self._suffix):
            self._running = None
        else:
            self.stop()

    def stop(self) -> None:
        if self._running is not None:
            self._running.cancel()
            self._running = None

    def _on_finished(self, finished: Finished, plan: SuggestionPlan) -> None:
        if finished.reason == "prefilled":
            self._on_read(plan)

    def _on_released(self, generation: Generation) -> None:
        if self._running is generation:
            self._running = None
