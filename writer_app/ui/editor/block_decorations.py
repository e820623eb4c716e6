"""What is drawn into the text's own layout: spelling underlines, Markdown's look, and
the text in the preedit area (ghost text, a proposal, an input method's composition).

All of them are format ranges of a block's QTextLayout, and a layout holds one list of
them: whoever sets it last wins. So one component sets it, merging: the sources'
ranges for the block's text, shifted past the preedit area where one is shown, plus the
ranges inside the preedit area, which belong to whoever put it there (as
QSyntaxHighlighter does with an input method's formats).

Not a QSyntaxHighlighter: that one formats every block of a document as soon as it is
set, in one go (seconds for a book, on the GUI thread), and each edited block again
before the keystroke's repaint. Here the blocks on screen are decorated first, the rest
a few milliseconds at a time while the writer is idle, and a block is decorated again
only when its text (its revision) or the sources changed. The ranges depend only on the
block's text and where the cursor is in it, so they are remembered by both.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtGui import QTextBlock, QTextCharFormat, QTextLayout
from PySide6.QtWidgets import QPlainTextEdit

from writer_app.core.utf16_positions import Utf16Text, utf16_length
from writer_app.ui.editor.code_fences import CodeFences
from writer_app.ui.text_positions import Decoration, format_ranges, preedit_range, qt_range

# Time for decorating per turn of the event loop: typing in between stays smooth.
SLICE_SECONDS = 0.004
_MEMO_BLOCKS = 256
_UNDECORATED = -1


class DecorationSource(Protocol):
    """Something that draws on the text: Markdown, spelling, focus mode."""

    def formats(self, text: str, cursor: int, in_code: bool) -> list[Decoration]:
        """Return the decorations of a block holding `text`, in Python indices of
        `text`; `cursor` is the cursor's index in it, or -1 if it is elsewhere;
        `in_code`: inside fenced code. (Turned into Qt's positions here, in one place.)"""
        ...


class BlockDecorations(QObject):
    """Keep each block's layout formats: the sources' ranges and the preedit's."""

    def __init__(self, editor: QPlainTextEdit, text_of: Callable[[], str]) -> None:
        """`text_of` returns the editor's text, paragraphs parted by "\\n"."""
        super().__init__(editor)
        self._editor = editor
        self._sources: list[DecorationSource] = []
        self._memo: OrderedDict[tuple[str, int, bool, int],
                                list[QTextLayout.FormatRange]] = OrderedDict()
        self.fences = CodeFences(editor.document(), text_of)
        self.fences.changed.connect(self._on_fences_changed)
        self._generation = 0
        # Blocks (by number) waiting for the idle pass: from, to (inclusive); None: none.
        self._waiting: tuple[int, int] | None = None
        # Where edits since the last turn may have changed text: from, to (positions).
        self._edited: tuple[int, int] | None = None
        self._cursor_at = (-1, -1)  # block number, offset in it, when last decorated
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._decorate_some)
        # On the typing path only what must be: an edit's place is noted, the rest
        # waits for the timer, which runs after the keystroke has been painted.
        editor.document().contentsChange.connect(self._on_contents_change)
        editor.verticalScrollBar().valueChanged.connect(self._timer.start)
        editor.cursorPositionChanged.connect(self._timer.start)

    def add_source(self, source: DecorationSource) -> None:
        self._sources.append(source)
        self.refresh()

    def refresh(self) -> None:
        """Decorate every block again (a source's results changed: a dictionary, a
        setting, the theme's colours)."""
        self._generation += 1
        self._memo.clear()
        self._wait_for(0, self._editor.document().blockCount() - 1)

    @Slot(int)
    def _on_fences_changed(self, first: int) -> None:
        # A line added above a fence moves every fence below it, but a block's look
        # changes only if it went in or out of code: each block's stamp says whether it
        # was in code, so the blocks from the first moved fence on are checked, and only
        # those whose state changed are decorated again (not a whole book).
        self._wait_for(first, self._editor.document().blockCount() - 1)

    def pending(self) -> bool:
        """Whether some block still waits to be decorated."""
        return self._timer.isActive()

    # --- the preedit area ---------------------------------------------------------

    def set_preedit(self, block: QTextBlock, offset: int, text: str,
                    text_format: QTextCharFormat | None) -> None:
        """Show `text` in `block`'s preedit area at Qt `offset` ("" takes it away), in
        `text_format`, with the sources' ranges around it."""
        layout = block.layout()
        layout.setPreeditArea(offset if text else -1, text)
        layout.setFormats([preedit_range(offset, text, text_format)]
                          if text and text_format is not None else [])
        self._apply(block, self._ranges(block))

    def reapply(self, block: QTextBlock) -> None:
        """Put the sources' ranges back around what is in `block`'s preedit area now."""
        self._apply(block, self._ranges(block))

    # --- deciding what to decorate ------------------------------------------------

    @Slot(int, int, int)
    def _on_contents_change(self, position: int, removed: int, added: int) -> None:
        # Several edits before the timer runs (a replace-all): a later one may move an
        # earlier one's place, but only rightwards by what it inserted, and leftwards
        # only from a place before it, so the span below still covers every edit.
        edited = self._edited
        if edited is None:
            self._edited = (position, position + added)
        else:
            grown = max(0, added - removed)
            self._edited = (min(edited[0], position),
                            max(edited[1] + grown, position + added))
        self._timer.start()

    def _wait_for(self, first: int, last: int) -> None:
        if self._waiting is not None:
            first, last = min(first, self._waiting[0]), max(last, self._waiting[1])
        self._waiting = (first, last)
        self._schedule()

    def _take_edits(self) -> None:
        """Turn the edits since the last turn into blocks waiting to be decorated."""
        if self._edited is None:
            return
        start, end = self._edited
        self._edited = None
        document = self._editor.document()
        first = document.findBlock(start)
        last = document.findBlock(min(end, document.characterCount() - 1))
        self._wait_for(first.blockNumber() if first.isValid() else 0,
                       last.blockNumber() if last.isValid() else document.blockCount() - 1)

    def _follow_cursor(self) -> None:
        # The word at the cursor may be decorated differently (a word being typed is
        # not yet marked misspelled): the block the cursor left, and the one it is in.
        cursor = self._editor.textCursor()
        block = cursor.block()
        at = (block.blockNumber(), cursor.position() - block.position())
        if at == self._cursor_at:
            return
        if at[0] != self._cursor_at[0]:
            left = self._editor.document().findBlockByNumber(self._cursor_at[0])
            if left.isValid():
                left.setUserState(_UNDECORATED)
        self._cursor_at = at
        block.setUserState(_UNDECORATED)

    @Slot()
    def _schedule(self) -> None:
        if self._sources and not self._timer.isActive():
            self._timer.start()

    @Slot()
    def _decorate_some(self) -> None:
        # What is on screen first; then the waiting blocks, while time is left.
        deadline = time.perf_counter() + SLICE_SECONDS
        if not self._sources:
            self._edited = None
            self._timer.stop()
            return
        self._take_edits()
        self._follow_cursor()
        for block in self._visible_blocks():
            self._decorate(block)
        if self._waiting is not None:
            first, last = self._waiting
            block = self._editor.document().findBlockByNumber(first)
            while block.isValid() and block.blockNumber() <= last:
                self._decorate(block)
                block = block.next()
                if time.perf_counter() > deadline and block.isValid():
                    self._waiting = (block.blockNumber(), last)
                    return
            self._waiting = None
        self._timer.stop()

    def _visible_blocks(self) -> list[QTextBlock]:
        # By geometry, not cursorForPosition: a point on a line that only a composition
        # or ghost text fills is no position in the text (Qt warns at every keystroke).
        editor = self._editor
        block = editor.firstVisibleBlock()
        top = editor.blockBoundingGeometry(block).translated(editor.contentOffset()).top()
        bottom = editor.viewport().height()
        blocks = []
        while block.isValid() and top <= bottom:
            blocks.append(block)
            top += editor.blockBoundingRect(block).height()
            block = block.next()
        return blocks

    def _decorate(self, block: QTextBlock) -> None:
        stamp = self._stamp(block)
        if block.userState() == stamp:
            return
        ranges = self._ranges(block)
        current = block.layout().formats()
        if (ranges or current) and not _same(ranges, current):
            # Not laid out again for nothing: a cursor moving through a paragraph
            # usually changes none of its ranges.
            self._apply(block, ranges)
        block.setUserState(stamp)

    def _stamp(self, block: QTextBlock) -> int:
        # What the decoration was made from: the block's text, whether it is in fenced
        # code, and the sources.
        in_code = self.fences.in_code(block.blockNumber())
        return (block.revision() * 2048 + in_code * 1024
                + self._generation % 1024) & 0x7FFFFFFF

    # --- making and applying ranges -----------------------------------------------

    def _ranges(self, block: QTextBlock) -> list[QTextLayout.FormatRange]:
        text = block.text()
        cursor = self._editor.textCursor()
        at = cursor.position() - block.position() if cursor.block() == block else -1
        in_code = self.fences.in_code(block.blockNumber())
        key = (text, at, in_code, self._generation)
        ranges = self._memo.get(key)
        if ranges is None:
            positions = Utf16Text(text)
            index = positions.index(at) if at >= 0 else -1
            ranges = format_ranges(positions, [decoration for source in self._sources
                                               for decoration in source.formats(
                                                   text, index, in_code)])
            self._memo[key] = ranges
            if len(self._memo) > _MEMO_BLOCKS:
                self._memo.popitem(last=False)
        else:
            self._memo.move_to_end(key)
        return ranges

    def _apply(self, block: QTextBlock, ranges: list[QTextLayout.FormatRange]) -> None:
        layout = block.layout()
        start = layout.preeditAreaPosition()
        length = utf16_length(layout.preeditAreaText())
        kept = [r for r in layout.formats()
                if length and start <= r.start and r.start + r.length <= start + length]
        layout.setFormats(_shifted(ranges, start, length) + kept)
        # Lay the block out again without touching the text (no undo step, no
        # contentsChange, the modified flag stays).
        self._editor.document().markContentsDirty(block.position(), block.length())


def _same(ranges: list[QTextLayout.FormatRange],
          current: list[QTextLayout.FormatRange]) -> bool:
    return len(ranges) == len(current) and all(
        a.start == b.start and a.length == b.length and a.format == b.format
        for a, b in zip(ranges, current, strict=True))


def _shifted(ranges: list[QTextLayout.FormatRange], at: int,
             by: int) -> list[QTextLayout.FormatRange]:
    """Move ranges past a preedit area of `by` Qt positions at `at`, splitting any that
    spans it."""
    if by <= 0:
        return list(ranges)
    moved = []
    for r in ranges:
        end = r.start + r.length
        if end <= at:
            moved.append(r)
        elif r.start >= at:
            moved.append(qt_range(r.start + by, r.length, r.format))
        else:
            moved.append(qt_range(r.start, at - r.start, r.format))
            moved.append(qt_range(at + by, end - at, r.format))
    return moved

