"""Run Hub searches and downloads off the GUI thread; their results arrive as signals.

Each job is a plain function run in a Python thread. Its result, error or progress is
emitted from that thread; Qt queues the signal to the GUI thread, where it carries the
job's id so that the window can drop what belongs to a job it no longer waits for.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from itertools import count

from PySide6.QtCore import QObject, Signal, SignalInstance

from writer_app.core.errors import WriterError
from writer_app.ui.i18n import say, tx


class HubJobs(QObject):
    """Start jobs in threads and report them as signals on the GUI thread."""

    succeeded = Signal(int, object)  # job id, result
    failed = Signal(int, str)  # job id, a message for the writer
    progressed = Signal(int, object)  # job id, a downloader Progress

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids = count(1)

    def start(self, work: Callable[[Callable[[object], None]], object]) -> int:
        """Run `work(report_progress)` in a thread; return the job's id."""
        job = next(self._ids)

        def emit(signal: SignalInstance, *args: object) -> None:
            try:
                signal.emit(job, *args)
            except RuntimeError:
                pass  # the window was closed and deleted: nobody is waiting any more

        def run() -> None:
            try:
                result = work(lambda progress: emit(self.progressed, progress))
            except WriterError as exc:
                emit(self.failed, say(exc))
            except Exception as exc:
                # A bug must reach the writer as a message, not end a thread unseen.
                emit(self.failed, tx("HubJobs", "Unexpected error: {problem}").format(
                    problem=f"{type(exc).__name__}: {exc}"))
            else:
                emit(self.succeeded, result)

        # A daemon: quitting mid-download loses nothing, the bytes written are kept.
        threading.Thread(target=run, name=f"hub-job-{job}", daemon=True).start()
        return job
