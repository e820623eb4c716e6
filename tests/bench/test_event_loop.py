"""The GUI probes see what the event loop really does."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from writer_app.bench.event_loop import LoopGapMonitor, PaintProbe, type_key, wait_ms


def test_a_blocked_event_loop_shows_as_one_long_gap(qtbot: QtBot) -> None:
    monitor = LoopGapMonitor()
    monitor.start()
    wait_ms(60)
    QTimer.singleShot(0, lambda: time.sleep(0.12))  # a slot that blocks for 120 ms
    wait_ms(200)
    monitor.stop()
    long_gaps = [gap for gap in monitor.gaps_ms if gap >= 100]
    assert len(long_gaps) == 1
    assert 120 <= long_gaps[0] < 1000
    assert sorted(monitor.gaps_ms)[len(monitor.gaps_ms) // 2] < 20  # otherwise it ticks


def test_a_key_is_typed_and_its_paint_is_seen(qtbot: QtBot) -> None:
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    probe = PaintProbe(editor.viewport())
    pressed = type_key(editor, "k")
    wait_ms(100)
    assert editor.toPlainText() == "k"
    painted = probe.first_paint_after(pressed)
    assert painted is not None
    assert painted > pressed
    assert probe.first_paint_after(time.perf_counter()) is None
