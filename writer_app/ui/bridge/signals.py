"""Disconnect signals without PySide6's warning for the ones nobody connected."""

from __future__ import annotations

import warnings

from PySide6.QtCore import SignalInstance


def disconnect_all(*signals: SignalInstance) -> None:
    """Disconnect every slot from each signal; a signal with none is fine."""
    for signal in signals:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            try:
                signal.disconnect()
            except (RuntimeError, TypeError, SystemError):
                pass
