"""Responsiveness: the main window while the writer types and suggestions stream.

Keys go to the real editor at a typist's pace; after each word the writer pauses long
enough for the suggestion to be asked for and to stream. Meanwhile the event loop's
gaps are recorded, and for every key the time until the editor has painted it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QTextCursor

from writer_app.bench.event_loop import LoopGapMonitor, PaintProbe, type_key, wait_ms
from writer_app.bench.figures import distribution
from writer_app.bench.typing_replay import WORD
from writer_app.ui.main_window import MainWindow

KEY_INTERVAL_MS = 90  # about 110 words a minute: a fast typist
STREAM_MS = 700  # what the writer spends reading a suggestion after the pause


@dataclass
class KeyFigures:
    key_to_paint_ms: list[float] = field(default_factory=list)
    keys_without_paint: int = 0
    gaps_ms: list[float] = field(default_factory=list)

    def key_summary(self) -> dict[str, object]:
        return {"key_to_paint_ms": distribution(self.key_to_paint_ms),
                "keys_without_paint": self.keys_without_paint}


@dataclass
class ResponsivenessFigures(KeyFigures):
    words: int = 0
    suggestions_shown: int = 0

    def summary(self) -> dict[str, object]:
        return {
            "words": self.words,
            "suggestions_shown": self.suggestions_shown,
            "event_loop_gap_ms": distribution(self.gaps_ms),
            **self.key_summary(),
        }


def type_text(window: MainWindow, text: str, figures: KeyFigures,
              key_interval_ms: int = KEY_INTERVAL_MS) -> None:
    """Type `text` key by key, recording how long each key takes to reach the screen."""
    probe = PaintProbe(window.editor.viewport())
    for character in text:
        pressed = type_key(window.editor, character)
        wait_ms(key_interval_ms)
        painted = probe.first_paint_after(pressed)
        if painted is None:
            figures.keys_without_paint += 1
        else:
            figures.key_to_paint_ms.append(round((painted - pressed) * 1000, 2))


def measure(window: MainWindow, text: str, start: int, words: int) -> ResponsivenessFigures:
    """Type `words` words of `text` from `start`, pausing after each."""
    figures = ResponsivenessFigures()
    shown = [0]
    window.suggestions.suggestion_shown.connect(lambda _text: shown.__setitem__(0, shown[0] + 1))
    window.editor.setPlainText(text[:start])
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    pause = window.suggestions.pause_ms + STREAM_MS
    wait_ms(pause)
    monitor = LoopGapMonitor()
    monitor.start()
    for match in WORD.finditer(text, start):
        if figures.words >= words:
            break
        figures.words += 1
        type_text(window, match.group(), figures)
        wait_ms(pause)
    monitor.stop()
    figures.gaps_ms = [round(gap, 2) for gap in monitor.gaps_ms]
    figures.suggestions_shown = shown[0]
    return figures
