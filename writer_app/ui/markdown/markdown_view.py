"""Markdown documents look like what they mean and have an outline; plain text stays
plain. Which one a document is follows its file name (`.md`, `.markdown`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QMenu

from writer_app.ui.editor.ghost_editor import GhostTextEdit
from writer_app.ui.editor.markdown_source import MarkdownSource
from writer_app.ui.i18n import tx
from writer_app.ui.markdown.outline_panel import OutlinePanel

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")


def is_markdown(path: Path | None) -> bool:
    return path is not None and path.suffix.lower() in MARKDOWN_SUFFIXES


class MarkdownView(QObject):
    """Turn Markdown's look and the outline on for Markdown files."""

    def __init__(self, editor: GhostTextEdit, outline: OutlinePanel,
                 document_path: Callable[[], Path | None]) -> None:
        super().__init__(editor)
        self._editor = editor
        self.outline = outline
        self._document_path = document_path
        self.source = MarkdownSource(editor.font())
        editor.decorations.add_source(self.source)

    @Slot()
    def document_changed(self) -> None:
        """Another document, or the same under a new name: Markdown or not."""
        markdown = is_markdown(self._document_path())
        if markdown == self.source.enabled:
            return
        self.source.enabled = markdown
        self._editor.decorations.fences.set_enabled(markdown)
        self.outline.set_markdown(markdown)
        self._editor.paragraphs.forget()  # headings, lists and code are indented no more
        self._editor.decorations.refresh()

    def set_scheme(self, scheme: str) -> None:
        self.source.set_scheme(scheme)
        self._editor.decorations.refresh()

    def fill_view_menu(self, menu: QMenu) -> None:
        toggle = self.outline.toggleViewAction()
        toggle.setText(tx("Menus", "&Outline"))
        toggle.setShortcut("Ctrl+Shift+O")
        menu.addAction(toggle)
