"""run_in_background: one bounded pool runs the jobs; the answer comes on the GUI thread,
a failure as the exception itself, or nothing at all once the owner is gone or the job
is cancelled; the app can wait for running jobs when it quits."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QCoreApplication, QObject, QThread
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from writer_app.core.errors import WriterError
from writer_app.core.said import said
from writer_app.ui.bridge.background import (
    MAX_THREADS,
    failure_words,
    run_in_background,
    run_with_progress,
    wait_for_background_jobs,
)


def test_the_answer_comes_on_the_gui_thread(qtbot: QtBot) -> None:
    owner = QObject()
    answers: list[tuple[int, bool]] = []
    worker: list[str] = []

    def work() -> int:
        worker.append(threading.current_thread().name)
        return 42

    run_in_background(work, lambda value: answers.append(
        (value, QThread.currentThread() is QApplication.instance().thread())),
        lambda _error: None, owner=owner, name="answer")
    qtbot.waitUntil(lambda: bool(answers))
    assert answers == [(42, True)]
    assert worker[0].endswith(": answer")  # a pool thread, named for its job meanwhile


def test_a_failure_arrives_as_the_exception_itself(qtbot: QtBot) -> None:
    owner = QObject()
    failures: list[BaseException] = []
    full = WriterError(said("Test", "The disk is full."))
    bug = KeyError("missing")

    def fail(error: BaseException) -> None:
        raise error

    run_in_background(lambda: fail(full), lambda _value: None, failures.append, owner=owner)
    run_in_background(lambda: fail(bug), lambda _value: None, failures.append, owner=owner)
    qtbot.waitUntil(lambda: len(failures) == 2)
    assert {id(error) for error in failures} == {id(full), id(bug)}
    assert failure_words(full) == "The disk is full."
    assert failure_words(bug) == "Unexpected error: KeyError: 'missing'"


def test_many_jobs_share_a_few_threads(qtbot: QtBot) -> None:
    owner = QObject()
    release = threading.Event()
    threads: set[int] = set()
    done: list[int] = []
    before = {thread.ident for thread in threading.enumerate()}

    def work(number: int) -> int:
        threads.add(threading.get_ident())
        release.wait(10)
        return number

    for number in range(4 * MAX_THREADS):
        run_in_background(lambda n=number: work(n), done.append, done.append, owner=owner,
                          name=f"job {number}")
    started = {thread.ident for thread in threading.enumerate()} - before
    release.set()
    qtbot.waitUntil(lambda: len(done) == 4 * MAX_THREADS)
    assert sorted(done) == list(range(4 * MAX_THREADS))
    assert len(threads) <= MAX_THREADS
    assert len(started) <= MAX_THREADS


def test_quitting_waits_for_running_jobs_but_not_for_ever(qtbot: QtBot) -> None:
    owner = QObject()
    running = threading.Event()
    release = threading.Event()
    finished: list[bool] = []

    def work() -> None:
        running.set()
        release.wait(10)
        finished.append(True)  # an export's last bytes, written before the app ends

    run_in_background(work, lambda _v: None, lambda _e: None, owner=owner, name="export")
    assert running.wait(10)
    assert not wait_for_background_jobs(0.05)  # stuck jobs do not hold the quit for ever
    threading.Timer(0.1, release.set).start()
    assert wait_for_background_jobs(10)
    assert finished == [True]


def test_progress_comes_in_order_before_the_answer(qtbot: QtBot) -> None:
    owner = QObject()
    heard: list[object] = []

    def work(report) -> str:  # type: ignore[no-untyped-def]
        for step in range(5):
            report(step)
        return "done"

    run_with_progress(work, heard.append, heard.append, heard.append, owner=owner)
    qtbot.waitUntil(lambda: "done" in heard)
    assert heard == [0, 1, 2, 3, 4, "done"]


def test_nothing_reaches_an_owner_that_is_gone_or_a_cancelled_job(qtbot: QtBot) -> None:
    release = threading.Event()
    heard: list[object] = []
    gone = QObject()
    run_in_background(lambda: release.wait(5), heard.append, heard.append, owner=gone,
                      name="job-of-a-deleted-owner")
    with qtbot.waitSignal(gone.destroyed):  # deleted while the work still runs
        gone.deleteLater()
    kept = QObject()
    cancelled = run_in_background(lambda: release.wait(5), heard.append, heard.append,
                                  owner=kept, name="cancelled-job")
    cancelled.cancel()
    release.set()
    assert wait_for_background_jobs(10)
    # Every job has ended, so whatever they sent is queued: deliver it all.
    QCoreApplication.processEvents()
    assert heard == []


def test_a_job_cancelled_before_a_thread_is_free_never_runs(qtbot: QtBot) -> None:
    owner = QObject()
    release = threading.Event()
    ran: list[str] = []
    for _ in range(MAX_THREADS):  # every thread busy
        run_in_background(lambda: release.wait(10), lambda _v: None, lambda _e: None,
                          owner=owner)
    waiting = run_in_background(lambda: ran.append("ran"), lambda _v: None,
                                lambda _e: None, owner=owner)
    waiting.cancel()
    release.set()
    assert wait_for_background_jobs(10)
    assert ran == []


def test_the_app_waits_for_running_jobs_after_its_event_loop_ends(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from writer_app import app as app_module

    events: list[object] = []

    class EndedApp:
        def exec(self) -> int:
            events.append("event loop ended")
            return 0

    monkeypatch.setattr(app_module, "start_gui", lambda *_args: (EndedApp(), None))
    monkeypatch.setattr(app_module, "wait_for_background_jobs",
                        lambda timeout_s: events.append(("waited", timeout_s)) or True)
    assert app_module.run_gui(None, None) == 0
    assert events == ["event loop ended", ("waited", app_module.QUIT_WAIT_S)]
