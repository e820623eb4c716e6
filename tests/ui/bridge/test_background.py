"""run_in_background: the answer comes on the GUI thread, or not at all once its owner
is gone or the job is cancelled."""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QObject, QThread
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from writer_app.core.errors import WriterError
from writer_app.core.said import said
from writer_app.ui.bridge.background import run_in_background


def test_the_answer_comes_on_the_gui_thread(qtbot: QtBot) -> None:
    owner = QObject()
    answers: list[tuple[int, bool]] = []
    worker: list[str] = []

    def work() -> int:
        worker.append(threading.current_thread().name)
        return 42

    run_in_background(work, lambda value: answers.append(
        (value, QThread.currentThread() is QApplication.instance().thread())),
        lambda _message: None, owner=owner, name="answer")
    qtbot.waitUntil(lambda: bool(answers))
    assert answers == [(42, True)]
    assert worker == ["answer"]


def test_a_failure_is_said_in_words(qtbot: QtBot) -> None:
    owner = QObject()
    failures: list[str] = []

    def work() -> None:
        raise WriterError(said("Test", "The disk is full."))

    run_in_background(work, lambda _value: None, failures.append, owner=owner)
    qtbot.waitUntil(lambda: bool(failures))
    assert failures == ["The disk is full."]


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
    finished: list[object] = []
    run_in_background(lambda: release.wait(5), finished.append, finished.append, owner=kept,
                      name="kept-job")
    release.set()
    qtbot.waitUntil(lambda: bool(finished))
    # Every thread has ended, so whatever they sent is queued: deliver it all.
    qtbot.waitUntil(lambda: not any(t.name in ("job-of-a-deleted-owner", "cancelled-job")
                                    for t in threading.enumerate()))
    QCoreApplication.processEvents()
    assert heard == []
    assert finished == [True]
