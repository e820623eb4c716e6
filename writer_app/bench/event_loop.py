"""Watching the GUI event loop: how long it goes without turning, and how long a key
press takes to reach the screen."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

TICK_MS = 2


class LoopGapMonitor(QObject):
    """Tick every TICK_MS; the time between ticks is how long the loop was busy.

    A GUI that does its work in small steps ticks every few milliseconds; one long
    step (a layout of a whole book, a blocking call) shows as one long gap.
    """

    def __init__(self) -> None:
        super().__init__()
        self.gaps_ms: list[float] = []
        self._last: float | None = None
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._on_tick)

    def start(self) -> None:
        self._last = None
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _on_tick(self) -> None:
        now = time.perf_counter()
        if self._last is not None:
            self.gaps_ms.append((now - self._last) * 1000)
        self._last = now


class PaintProbe(QObject):
    """Record when a widget paints."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.painted_at: list[float] = []
        widget.installEventFilter(self)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted_at.append(time.perf_counter())
        return False

    def first_paint_after(self, moment: float) -> float | None:
        return next((t for t in self.painted_at if t >= moment), None)


def wait_ms(milliseconds: float) -> None:
    """Let the event loop run for a while, as it does between a writer's keys."""
    loop = QEventLoop()
    QTimer.singleShot(max(0, round(milliseconds)), loop.quit)
    loop.exec()


def wait_until(condition: Callable[[], bool], timeout_ms: int, step_ms: int = 20) -> bool:
    """Run the event loop until `condition()` is true; return whether it became so."""
    deadline = time.perf_counter() + timeout_ms / 1000
    while not condition():
        if time.perf_counter() > deadline:
            return False
        wait_ms(step_ms)
    return True


def type_key(widget: QWidget, character: str) -> float:
    """Press and release the key for `character` in `widget`; return when it was pressed."""
    if character == "\n":
        key, text = Qt.Key.Key_Return, "\r"
    elif character == " ":
        key, text = Qt.Key.Key_Space, " "
    elif character.isascii() and character.isalnum():
        key, text = Qt.Key(ord(character.upper())), character
    else:
        key, text = Qt.Key.Key_unknown, character
    return press_key(widget, key, text)


def press_key(widget: QWidget, key: Qt.Key, text: str = "") -> float:
    """Press and release `key` in `widget`; return when it was pressed."""
    pressed = time.perf_counter()
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))
    return pressed
