"""Run work off the GUI thread and hear its result on it: `run_in_background`.

The shape of Anki's QueryOp: `work` is a plain function run in a Python thread, with
no widget in reach; `on_done(result)` or `on_failed(message)` then runs on the GUI
thread. The callbacks go through a relay owned by `owner`: once the owner is deleted
(a dialog closed), the relay is gone with it and nothing is delivered; `cancel()` on the
returned job drops its result the same way (a newer search replaces an older one).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, Signal

from writer_app.core.errors import WriterError
from writer_app.ui.bridge.signals import disconnect_all
from writer_app.ui.i18n import say, tx

T = TypeVar("T")
P = TypeVar("P")


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(str)
    progressed = Signal(object)


class BackgroundJob(Generic[T]):
    """A job started by run_in_background."""

    def __init__(self, relay: _Relay) -> None:
        self._relay: _Relay | None = relay

    def cancel(self) -> None:
        """Deliver nothing of this job (its thread runs on to its end, unheard)."""
        relay, self._relay = self._relay, None
        if relay is not None:
            relay.deleteLater()
            disconnect_all(relay.done, relay.failed, relay.progressed)

    @property
    def cancelled(self) -> bool:
        return self._relay is None


def run_in_background(work: Callable[[], T], on_done: Callable[[T], None],
                      on_failed: Callable[[str], None], *, owner: QObject,
                      name: str = "background") -> BackgroundJob[T]:
    """Run `work()` in a thread; call `on_done(result)` or `on_failed(message)` on the
    GUI thread, unless `owner` is deleted or the job cancelled first."""
    return _start(lambda _report: work(), on_done, on_failed, None, owner=owner, name=name)


def run_with_progress(work: Callable[[Callable[[P], None]], T],
                      on_progress: Callable[[P], None], on_done: Callable[[T], None],
                      on_failed: Callable[[str], None], *, owner: QObject,
                      name: str = "background") -> BackgroundJob[T]:
    """As run_in_background, and `work(report)` may call `report(progress)`, which
    calls `on_progress(progress)` on the GUI thread (pass a copy, not a value the
    thread goes on changing)."""
    return _start(work, on_done, on_failed, on_progress, owner=owner, name=name)


def _start(work: Callable[[Callable[[P], None]], T], on_done: Callable[[T], None],
           on_failed: Callable[[str], None], on_progress: Callable[[P], None] | None, *,
           owner: QObject, name: str) -> BackgroundJob[T]:
    relay = _Relay(owner)
    job: BackgroundJob[T] = BackgroundJob(relay)

    def finish(result: object) -> None:
        if not job.cancelled:
            job.cancel()  # the relay goes: one answer per job
            on_done(result)  # type: ignore[arg-type]

    def fail(message: str) -> None:
        if not job.cancelled:
            job.cancel()
            on_failed(message)

    relay.done.connect(finish)
    relay.failed.connect(fail)
    if on_progress is not None:
        relay.progressed.connect(on_progress)

    def emit(signal: str, value: object) -> None:
        try:
            getattr(relay, signal).emit(value)
        except RuntimeError:
            pass  # the owner was closed and deleted: nobody is waiting any more

    def run() -> None:
        try:
            result = work(lambda progress: emit("progressed", progress))
        except WriterError as exc:
            emit("failed", say(exc))
        except Exception as exc:
            # A bug must reach the writer as a message, not end a thread unseen.
            emit("failed", tx("HubJobs", "Unexpected error: {problem}").format(
                problem=f"{type(exc).__name__}: {exc}"))
        else:
            emit("done", result)

    # A daemon: quitting while it runs loses nothing the writer wrote.
    threading.Thread(target=run, name=name, daemon=True).start()
    return job
