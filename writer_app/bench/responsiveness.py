"""Responsiveness: the main window while the writer types and suggestions stream.

Keys go to the real editor at a typist's pace; after each word the writer pauses long
enough for the suggestion to be asked for and to stream. Meanwhile the event loop's
gaps are recorded, and for every key the time until the editor has painted it. The same
words are typed first with suggestions off (the engine idle), so that what the engine's
reading and writing cost the editor shows as a ratio measured in the same run.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from writer_app.bench.event_loop import (
    LoopGapMonitor,
    PaintProbe,
    press_key,
    type_key,
    wait_ms,
    wait_until,
)
from writer_app.bench.figures import distribution
from writer_app.bench.typing_replay import WORD
from writer_app.ui.window.main_window import MainWindow

KEY_INTERVAL_MS = 90  # about 110 words a minute: a fast typist
STREAM_MS = 700  # what the writer spends reading a suggestion after the pause
TABS = 5  # suggestions accepted one after another with Tab
SUGGESTION_TIMEOUT_MS = 10_000


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
    tab_to_next_ghost_ms: list[float] = field(default_factory=list)
    tabs_without_next: int = 0

    def summary(self) -> dict[str, object]:
        return {
            "words": self.words,
            "suggestions_shown": self.suggestions_shown,
            "event_loop_gap_ms": distribution(self.gaps_ms),
            **self.key_summary(),
            "tab_to_next_ghost_ms": distribution(self.tab_to_next_ghost_ms),
            "tabs_without_next": self.tabs_without_next,
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


def measure(window: MainWindow, text: str, start: int, words: int) -> dict[str, object]:
    """Type `words` words of `text` from `start`, pausing after each: first with
    suggestions off (the engine idle: nothing is read or written), then on; return both
    summaries and how the second compares with the first."""
    window.suggestions.enabled = False
    idle = type_words(window, text, start, words)
    window.suggestions.enabled = True
    busy = type_words(window, text, start, words)
    accept_in_a_row(window, busy)
    report = busy.summary()
    report["engine_idle"] = {"event_loop_gap_ms": distribution(idle.gaps_ms),
                             **idle.key_summary()}
    report["reading_vs_idle"] = _ratios(busy, idle)
    return report


def _ratios(busy: KeyFigures, idle: KeyFigures) -> dict[str, float | None]:
    """Busy ÷ idle for the figures a writer feels (above 1: the engine's work shows)."""
    ratios: dict[str, float | None] = {}
    for name, values in (("key_to_paint_p95", "key_to_paint_ms"),
                         ("event_loop_gap_p99", "gaps_ms")):
        quantile = "p95" if name.endswith("p95") else "p99"
        mine = distribution(getattr(busy, values))[quantile]
        theirs = distribution(getattr(idle, values))[quantile]
        ratios[name] = (round(mine / theirs, 2) if isinstance(mine, float | int)
                        and isinstance(theirs, float | int) and theirs else None)
    return ratios


def type_words(window: MainWindow, text: str, start: int,
               words: int) -> ResponsivenessFigures:
    """Type `words` words of `text` from `start`, pausing after each."""
    figures = ResponsivenessFigures()
    shown = [0]

    def count(_text: str) -> None:
        shown[0] += 1

    window.suggestions.suggestion_shown.connect(count)
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
    window.suggestions.suggestion_shown.disconnect(count)
    figures.gaps_ms = [round(gap, 2) for gap in monitor.gaps_ms]
    figures.suggestions_shown = shown[0]
    return figures


def accept_in_a_row(window: MainWindow, figures: ResponsivenessFigures) -> None:
    """Read each suggestion for a moment, press Tab, and time the next ghost text
    from the key press until it is painted."""
    probe = PaintProbe(window.editor.viewport())
    shown_at: list[float] = []
    window.suggestions.suggestion_shown.connect(lambda _text: shown_at.append(time.perf_counter()))

    def on_screen() -> bool:
        suggestion = window.suggestions.suggestion
        return (suggestion is not None and suggestion.finished
                and window.editor.ghost_text() != "")

    window.suggestions.request_now()
    for _ in range(TABS):
        if not wait_until(on_screen, SUGGESTION_TIMEOUT_MS, step_ms=5):
            break
        wait_ms(STREAM_MS)
        pressed = press_key(window.editor, Qt.Key.Key_Tab, "\t")
        wait_until(lambda at=pressed: bool(shown_at) and shown_at[-1] >= at,
                   SUGGESTION_TIMEOUT_MS, step_ms=1)
        wait_ms(20)
        shown = next((t for t in shown_at if t >= pressed), None)
        painted = probe.first_paint_after(shown) if shown is not None else None
        if painted is None:
            figures.tabs_without_next += 1
            window.suggestions.request_now()
        else:
            figures.tab_to_next_ghost_ms.append(round((painted - pressed) * 1000, 2))
