"""One request to the engine, as a handle: its own signals and its own cancel().

Whoever asks the engine for text listens to the handle it got back, and to nothing
else. `cancel()` disconnects the handle's signals before it tells the engine, so a
cancelled or superseded request can never deliver a piece, even one already on its way
(the shape of superqt's GeneratorWorker and Orange's ConcurrentMixin). Everything here
happens on the GUI thread: the bridge delivers the engine's messages there.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from writer_app.engine.protocol import Finished
from writer_app.ui.bridge.signals import disconnect_all


class Generation(QObject):
    """A running request: pieces, then finished or failed, unless cancelled first."""

    piece_received = Signal(str)
    finished = Signal(object)  # Finished
    failed = Signal(str)  # a message for the writer
    # The engine is done with the request (finished, failed, or its cancel confirmed):
    # for whoever must not send the next request before that, such as the prefill.
    released = Signal()

    def __init__(self, request_id: int, send_cancel: Callable[[int], None], *,
                 prefill: bool = False) -> None:
        super().__init__()
        self.request_id = request_id
        self.prefill = prefill
        self._send_cancel = send_cancel
        self._open = True  # may still deliver
        self._released = False

    @property
    def is_open(self) -> bool:
        """Return whether the request may still deliver pieces or its end."""
        return self._open

    def cancel(self) -> None:
        """Stop the request: no piece, end or failure of it reaches anyone after this."""
        if not self._open:
            return
        self._close()
        self._send_cancel(self.request_id)

    # --- for the bridge that runs the request ----------------------------------

    def deliver_piece(self, text: str) -> None:
        if self._open:
            self.piece_received.emit(text)

    def deliver_finished(self, finished: Finished) -> None:
        if self._open:
            self._open = False
            self.finished.emit(finished)
            self._close()
        self.release()

    def deliver_failed(self, error: str) -> None:
        if self._open:
            self._open = False
            self.failed.emit(error)
            self._close()
        self.release()

    def release(self) -> None:
        """Say, once, that the engine no longer works on the request."""
        if not self._released:
            self._released = True
            self.released.emit()
            disconnect_all(self.released)

    def _close(self) -> None:
        self._open = False
        disconnect_all(self.piece_received, self.finished, self.failed)

