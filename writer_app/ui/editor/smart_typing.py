"""Smart quotes and dashes in the editor: the mark the writer types is replaced as its
own undo step, so Undo right after gives back the straight quote or the two hyphens
(see core/smart_punctuation for the rules)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QTextBlock, QTextCursor

from writer_app.core.markdown_spans import in_code_span, is_fence
from writer_app.core.smart_punctuation import smart_replacement
from writer_app.core.text_counts import writing_language
from writer_app.core.utf16_positions import utf16_length
from writer_app.ui.editor.ghost_editor import GhostTextEdit
from writer_app.ui.text_positions import index_in_block


class SmartTyping(QObject):
    """Replace straight quotes and double hyphens as the writer types them."""

    def __init__(self, editor: GhostTextEdit, language: Callable[[], str],
                 enabled: bool = True) -> None:
        super().__init__(editor)
        self._editor = editor
        self._language = language
        self.enabled = enabled
        editor.typed.connect(self._on_typed)

    @Slot(str)
    def _on_typed(self, text: str) -> None:
        if not self.enabled or text not in ("\"", "'", "-"):
            return
        cursor = self._editor.textCursor()
        if cursor.hasSelection():
            return
        block = cursor.block()
        before = block.text()[:index_in_block(block, cursor.position())]
        if self._in_code(block, before):
            return
        # Japanese text keeps its straight quotes whatever the dictionary says.
        language = writing_language(before) or self._language()
        replacement = smart_replacement(before, language)
        if replacement is None:
            return
        count, marks = replacement
        replaced = QTextCursor(cursor)
        replaced.setPosition(cursor.position() - utf16_length(before[-count:]),
                             QTextCursor.MoveMode.KeepAnchor)
        replaced.beginEditBlock()  # an undo step of its own: Undo gives back what was typed
        replaced.insertText(marks)
        replaced.endEditBlock()
        self._editor.setTextCursor(replaced)

    def _in_code(self, block: QTextBlock, before: str) -> bool:
        """Whether the cursor is in Markdown code, where quotes and hyphens are code's
        (`print("hi")`, `x--`) and a curly quote would break it."""
        fences = self._editor.decorations.fences
        return fences.enabled and (fences.in_code(block.blockNumber())
                                   or is_fence(block.text()) or in_code_span(before))
