"""The Qt binding itself must be sound: the app delivers tens of thousands of signals."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    happened = Signal(str)


def test_signals_to_python_slots_do_not_leak_or_drop_references() -> None:
    # PySide6 6.12.0 decremented True's reference count once per delivery, so that an
    # app aborted with "deallocating True or False" after about a thousand signals.
    emitter = _Emitter()
    received: list[str] = []
    emitter.happened.connect(received.append)
    emitter.happened.connect(lambda text: None)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(2000):
        emitter.happened.emit("piece")
    assert len(received) == 2000
    after = sys.getrefcount(True), sys.getrefcount(False)
    assert after[0] >= before[0] - 10
    assert after[1] >= before[1] - 10
