"""Big documents: a book-length file opened in the window and typed into at its middle."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtGui import QTextCursor

from writer_app.bench.event_loop import LoopGapMonitor, PaintProbe, wait_ms, wait_until
from writer_app.bench.figures import distribution
from writer_app.bench.responsiveness import KeyFigures, type_text
from writer_app.core.utf16_positions import position_at
from writer_app.ui.window.main_window import MainWindow

TARGET_BYTES = 1_000_000
TYPED = " and then, quite suddenly, the rain stopped"
CHAPTER_PARAGRAPHS = 20
SETTLE_MS = 1500  # long enough for every timer a pause starts (counts, suggestion)
# The sentence is typed this many times, each followed by a pause: 129 keys, enough for
# a p95 that one slow key does not decide.
ROUNDS = 3


@dataclass
class BigDocumentFigures(KeyFigures):
    size_bytes: int = 0
    words: int = 0
    open_ms: float = 0.0
    decorated_ms: float = 0.0  # until spelling and Markdown covered the whole book
    pause_gaps_ms: list[float] = field(default_factory=list)

    def summary(self) -> dict[str, object]:
        return {
            "size_bytes": self.size_bytes,
            "words": self.words,
            "open_ms": round(self.open_ms, 1),
            "decorated_ms": round(self.decorated_ms, 1),
            "typing_event_loop_gap_ms": distribution(self.gaps_ms),
            "pause_event_loop_gap_ms": distribution(self.pause_gaps_ms),
            **self.key_summary(),
        }


def book_text(text: str, target_bytes: int = TARGET_BYTES) -> str:
    """Return `text` repeated, paragraph by paragraph, to at least `target_bytes`, as a
    Markdown book: a heading every CHAPTER_PARAGRAPHS paragraphs, so that the window
    draws Markdown and checks spelling as it does for a writer's book."""
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()] or [text.strip()]
    parts: list[str] = []
    size = 0
    index = 0
    while size < target_bytes:
        paragraph = paragraphs[index % len(paragraphs)]
        if index % CHAPTER_PARAGRAPHS == 0:
            paragraph = f"## Chapter {index // CHAPTER_PARAGRAPHS + 1}\n\n{paragraph}"
        parts.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 2
        index += 1
    return "\n\n".join(parts) + "\n"


def measure(window: MainWindow, book: Path) -> BigDocumentFigures:
    """Open `book`, then type in its middle and pause."""
    text = book.read_text(encoding="utf-8")
    figures = BigDocumentFigures(size_bytes=book.stat().st_size, words=len(text.split()))
    probe = PaintProbe(window.editor.viewport())
    started = time.perf_counter()
    if not window.documents.open_path(book):
        raise RuntimeError(f"the window did not open {book}")
    wait_until(lambda: probe.first_paint_after(started) is not None, 10_000, step_ms=1)
    painted = probe.first_paint_after(started)
    figures.open_ms = ((painted or time.perf_counter()) - started) * 1000
    # Spelling and Markdown: the whole book decorated, a slice at a time, while idle.
    wait_until(lambda: not window.editor.decorations.pending(), 120_000, step_ms=5)
    figures.decorated_ms = (time.perf_counter() - started) * 1000
    cursor = window.editor.textCursor()
    middle = text.find("\n\n", len(text) // 2)
    cursor.setPosition(position_at(text, middle if middle > 0 else len(text) // 2))
    window.editor.setTextCursor(cursor)
    window.editor.ensureCursorVisible()
    wait_ms(SETTLE_MS)
    typing, pause = LoopGapMonitor(), LoopGapMonitor()
    for _ in range(ROUNDS):
        typing.start()
        type_text(window, TYPED, figures)
        typing.stop()
        pause.start()
        wait_ms(SETTLE_MS)
        pause.stop()
    figures.gaps_ms = [round(gap, 2) for gap in typing.gaps_ms]
    figures.pause_gaps_ms = [round(gap, 2) for gap in pause.gaps_ms]
    window.editor.moveCursor(QTextCursor.MoveOperation.Start)
    return figures
