"""Run work off the GUI thread and hear its result on it: `run_in_background`.

The shape of Anki's QueryOp and TaskManager: `work` is a plain function with no widget
in reach, run by one long-lived pool of at most MAX_THREADS threads (a thread per job does
not scale, and a burst of searches would start a burst of threads); `on_done(result)` or
`on_failed(exception)` then runs on the GUI thread. Results travel as a queued signal of
one dispatcher that lives as long as the application, never of an object that may be
deleted while a worker emits on it; on the GUI thread the dispatcher drops the answer if
the job's `owner` is gone (a dialog closed) or the job was cancelled (a newer search
replaces an older one). `wait_for_background_jobs` lets the app wait, with a bound, for
the jobs still running when it quits (an export being written).

The pool's threads are Python daemon threads, not a QThreadPool: PySide destroys a
QThreadPool it owns when the application ends, and its destructor waits without bound,
so one job stuck in a call that never returns (a keychain waiting on the system) kept
the process from exiting. Past the bound, a daemon thread does not.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from shiboken6 import Shiboken

from writer_app.core.errors import WriterError
from writer_app.ui.i18n import say, tx

T = TypeVar("T")
P = TypeVar("P")

MAX_THREADS = 4  # a download, a search, a model header and an export at once
log = logging.getLogger(__name__)


def failure_words(error: BaseException) -> str:
    """Say a failed job's exception in the writer's words."""
    if isinstance(error, WriterError):
        return say(error)
    return tx("HubJobs", "Unexpected error: {problem}").format(
        problem=f"{type(error).__name__}: {error}")


class BackgroundJob(Generic[T]):
    """A job started by run_in_background."""

    def __init__(self, owner: QObject) -> None:
        self._owner: QObject | None = owner

    def cancel(self) -> None:
        """Deliver nothing of this job; one not started yet does not run."""
        self._owner = None

    @property
    def cancelled(self) -> bool:
        return self._owner is None

    def _listening(self) -> bool:
        """Whether an answer may still be delivered (asked on the GUI thread)."""
        owner = self._owner
        return owner is not None and Shiboken.isValid(owner)


class _Dispatcher(QObject):
    """Run callables on the GUI thread, queued from any thread."""

    delivered = Signal(object)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.delivered.connect(self._on_delivered)

    @Slot(object)
    def _on_delivered(self, call: Callable[[], None]) -> None:
        call()


class _Pool:
    """At most `size` daemon threads taking jobs from one queue, made as jobs need them."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._jobs: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._unfinished = 0  # queued and running
        self._changed = threading.Condition()

    def submit(self, job: Callable[[], None]) -> None:
        with self._changed:
            self._unfinished += 1
            if self._unfinished > len(self._threads) and len(self._threads) < self._size:
                thread = threading.Thread(target=self._serve, daemon=True,
                                          name=f"background-{len(self._threads) + 1}")
                self._threads.append(thread)
                thread.start()
        self._jobs.put(job)

    def _serve(self) -> None:
        while True:
            job = self._jobs.get()
            try:
                job()  # catches everything itself
            finally:
                with self._changed:
                    self._unfinished -= 1
                    self._changed.notify_all()

    def wait(self, timeout_s: float) -> bool:
        with self._changed:
            return self._changed.wait_for(lambda: self._unfinished == 0, timeout_s)

    @property
    def threads(self) -> int:
        return len(self._threads)


_pool = _Pool(MAX_THREADS)
_dispatchers: dict[int, _Dispatcher] = {}


def _dispatcher() -> _Dispatcher:
    """Return the application's dispatcher, made on the GUI thread at the first job."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("run_in_background needs a QApplication")
    dispatcher = _dispatchers.get(id(app))
    if dispatcher is None or not Shiboken.isValid(dispatcher):
        dispatcher = _Dispatcher(app)  # lives, and is deleted, with the application
        _dispatchers.clear()
        _dispatchers[id(app)] = dispatcher
    return dispatcher


def run_in_background(work: Callable[[], T], on_done: Callable[[T], None],
                      on_failed: Callable[[BaseException], None], *, owner: QObject,
                      name: str = "background") -> BackgroundJob[T]:
    """Run `work()` in the pool; call `on_done(result)` or `on_failed(exception)` on the
    GUI thread, unless `owner` is deleted or the job cancelled first."""
    return _start(lambda _report: work(), on_done, on_failed, None, owner=owner, name=name)


def run_with_progress(work: Callable[[Callable[[P], None]], T],
                      on_progress: Callable[[P], None], on_done: Callable[[T], None],
                      on_failed: Callable[[BaseException], None], *, owner: QObject,
                      name: str = "background") -> BackgroundJob[T]:
    """As run_in_background, and `work(report)` may call `report(progress)`, which
    calls `on_progress(progress)` on the GUI thread (pass a copy, not a value the
    thread goes on changing)."""
    return _start(work, on_done, on_failed, on_progress, owner=owner, name=name)


def wait_for_background_jobs(timeout_s: float = 5.0) -> bool:
    """Wait until no job is queued or running, at most `timeout_s`; False if some still
    are (their threads do not keep the process alive)."""
    return _pool.wait(timeout_s)


def _start(work: Callable[[Callable[[P], None]], T], on_done: Callable[[T], None],
           on_failed: Callable[[BaseException], None],
           on_progress: Callable[[P], None] | None, *, owner: QObject,
           name: str) -> BackgroundJob[T]:
    job: BackgroundJob[T] = BackgroundJob(owner)
    dispatcher = _dispatcher()

    def deliver(call: Callable[[], None], *, last: bool = False) -> None:
        def on_gui_thread() -> None:
            if job._listening():
                if last:
                    job.cancel()  # one answer per job
                call()

        try:
            dispatcher.delivered.emit(on_gui_thread)
        except RuntimeError:
            pass  # the application is gone: nobody is waiting any more

    def report(progress: P) -> None:
        if on_progress is not None and not job.cancelled:
            deliver(lambda: on_progress(progress))

    def run() -> None:
        if job.cancelled:
            return  # cancelled while it waited for a thread
        thread = threading.current_thread()
        pool_name, thread.name = thread.name, f"{thread.name}: {name}"
        try:
            result = work(report)
        except BaseException as exc:
            if not isinstance(exc, WriterError):
                log.error("background job %s failed", name, exc_info=exc)
            deliver(lambda error=exc: on_failed(error), last=True)  # `exc` ends here
        else:
            deliver(lambda: on_done(result), last=True)
        finally:
            thread.name = pool_name

    _pool.submit(run)
    return job
