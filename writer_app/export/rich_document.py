"""The writer's text as a rich document for export: Markdown turned into real headings,
emphasis, quotes and lists by Qt's own Markdown reader (md4c, CommonMark with GitHub's
additions) with the editor's paragraphs (core/markdown_paragraphs), plain text kept as
paragraphs; a title page and the page's look added.

QtGui only (no widgets): the command line exports too, with an offscreen application.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from writer_app.core.markdown_paragraphs import commonmark_paragraphs
from writer_app.export.export_options import ExportOptions

HEADING_SCALE = {1: 1.8, 2: 1.5, 3: 1.25, 4: 1.1, 5: 1.0, 6: 1.0}


def rich_document(text: str, markdown: bool, options: ExportOptions) -> QTextDocument:
    """Return `text` as a QTextDocument laid out by `options`."""
    document = QTextDocument()
    font = QFont()
    font.setFamilies(list(options.font_families))
    font.setPointSizeF(options.font_points)
    document.setDefaultFont(font)
    if markdown:
        # Read with the editor's paragraphs (every line one), not CommonMark's.
        document.setMarkdown(commonmark_paragraphs(text),
                             QTextDocument.MarkdownFeature.MarkdownDialectGitHub)
    else:
        # The file's last newline ends its last paragraph; it does not start another.
        document.setPlainText(text.removesuffix("\n"))
    _shape_blocks(document, options)
    if options.title_page and (options.title or options.author):
        _add_title_page(document, options)
    return document


def _shape_blocks(document: QTextDocument, options: ExportOptions) -> None:
    """Give every block the spacing of `options`, and headings their size."""
    cursor = QTextCursor(document)
    block = document.firstBlock()
    while block.isValid():
        cursor.setPosition(block.position())
        block_format = block.blockFormat()
        level = block_format.headingLevel()
        block_format.setLineHeight(options.line_spacing * 100,
                                   QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        if level:
            block_format.setTopMargin(options.font_points * 1.2)
            block_format.setBottomMargin(options.font_points * 0.6)
            block_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_Auto)
        quote = block_format.intProperty(QTextFormat.Property.BlockQuoteLevel)
        if quote:
            block_format.setLeftMargin(options.font_points * 2 * quote)
        cursor.setBlockFormat(block_format)
        if quote:
            italic = QTextCharFormat()
            italic.setFontItalic(True)
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock,
                                QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(italic)
        if level:
            heading = QTextCharFormat()
            heading.setFontPointSize(options.font_points * HEADING_SCALE.get(level, 1.0))
            heading.setFontWeight(QFont.Weight.Bold)
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock,
                                QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(heading)
        block = block.next()


def _add_title_page(document: QTextDocument, options: ExportOptions) -> None:
    """Put the title and the author on a page of their own before the text."""
    centred = QTextBlockFormat()
    centred.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    centred.setTopMargin(options.font_points * 12)
    title = QTextCharFormat()
    title.setFontPointSize(options.font_points * 2)
    title.setFontWeight(QFont.Weight.Bold)
    byline = QTextCharFormat()
    byline.setFontPointSize(options.font_points * 1.2)
    cursor = QTextCursor(document)
    # A new, empty first block; the text's first block, untouched, follows it.
    cursor.insertBlock()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    cursor.setBlockFormat(centred)
    cursor.setBlockCharFormat(title)
    cursor.insertText(options.title or options.author, title)
    if options.title and options.author:
        author = QTextBlockFormat(centred)
        author.setTopMargin(options.font_points * 2)
        cursor.insertBlock(author, byline)
        cursor.insertText(options.author, byline)
    last = cursor.blockFormat()
    last.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysAfter)
    cursor.setBlockFormat(last)


def indent_body(document: QTextDocument, dots: float) -> None:
    """Indent the first line of each body paragraph (not a heading, list, quote, code or
    the title page) by `dots`, in the units the document is laid out in."""
    cursor = QTextCursor(document)
    block = document.firstBlock()
    while block.isValid():
        block_format = block.blockFormat()
        if (block.text().strip() and not block_format.headingLevel()
                and block.textList() is None
                and not block_format.intProperty(QTextFormat.Property.BlockQuoteLevel)
                and not block_format.hasProperty(QTextFormat.Property.BlockCodeFence)
                and not block_format.alignment() & Qt.AlignmentFlag.AlignHCenter):
            block_format.setTextIndent(dots)
            # The indent marks where a paragraph starts: no gap as well (as in print).
            block_format.setTopMargin(0)
            block_format.setBottomMargin(0)
            cursor.setPosition(block.position())
            cursor.setBlockFormat(block_format)
        block = block.next()
