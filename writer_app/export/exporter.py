"""Export the writer's text as DOCX, ODT, PDF, HTML or plain text.

The file is written whole or not at all (see document_io.write_atomically): an export
that fails (a full disk, a folder that went away) leaves no half-written file and says
what to do. The writer's document is only read.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QTextDocument, QTextDocumentWriter

from writer_app.core.document_io import write_atomically
from writer_app.core.errors import SaveFailedError, WriterError
from writer_app.core.said import said
from writer_app.export.export_options import ExportFormat, ExportOptions
from writer_app.export.pdf_export import pdf_bytes
from writer_app.export.rich_document import indent_body, rich_document

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")


class ExportError(WriterError):
    """An export could not be written; the message says why and what to do."""


def is_markdown_name(path: Path | None) -> bool:
    return path is not None and path.suffix.lower() in MARKDOWN_SUFFIXES


def export_bytes(text: str, markdown: bool, options: ExportOptions) -> bytes:
    """Return `text` exported as `options` say."""
    document = rich_document(text, markdown, options)
    # python-docx and lxml are imported when a writer exports, not when the window
    # opens: they add 130 modules and tens of thousands of objects the app would
    # otherwise carry (and its garbage collector walk) all day.
    match options.format:
        case ExportFormat.DOCX:
            from writer_app.export.docx_export import docx_bytes

            return docx_bytes(document, options)
        case ExportFormat.PDF:
            return pdf_bytes(document, options)
        case ExportFormat.ODT:
            from writer_app.export.odt_headings import with_headings

            if options.first_line_indent_mm:
                # Qt's OpenDocument writer reads lengths as pixels at 96 per inch.
                indent_body(document, options.first_line_indent_mm * 96 / 25.4)
            return with_headings(_written_by_qt(document, b"odf"), _heading_levels(document))
        case ExportFormat.HTML:
            return document.toHtml().encode("utf-8")
        case ExportFormat.TXT:
            return _plain(document, text, markdown, options).encode("utf-8")
    raise ValueError(options.format)


def export_document(text: str, markdown: bool, target: Path, options: ExportOptions) -> None:
    """Write `text` to `target` in the format of `options` (raise ExportError)."""
    if not target.parent.is_dir():
        raise ExportError(said("Export", "{name} cannot be written: the folder {folder} does "
                                         "not exist. Choose another folder.").format(
            name=target.name, folder=target.parent))
    data = export_bytes(text, markdown, options)
    try:
        write_atomically(target, data)
    except SaveFailedError as exc:
        raise ExportError(exc.args[0]) from exc


def _heading_levels(document: QTextDocument) -> list[int]:
    levels = []
    block = document.firstBlock()
    while block.isValid():
        levels.append(block.blockFormat().headingLevel())
        block = block.next()
    return levels


def _written_by_qt(document: QTextDocument, qt_format: bytes) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QTextDocumentWriter(buffer, QByteArray(qt_format))
    if not writer.write(document):
        raise ExportError(said("Export", "Qt could not write the document as {format}.")
                          .format(format=qt_format.decode()))
    buffer.close()
    return bytes(data.data())


def _plain(document: QTextDocument, text: str, markdown: bool,
           options: ExportOptions) -> str:
    # Markdown's marks go (a reader of plain text wants the words); plain text stays as
    # the writer wrote it, character for character.
    if markdown:
        plain = document.toPlainText().replace("\u2029", "\n").replace("\u2028", "\n")
        return plain if plain.endswith("\n") else plain + "\n"
    head = [line for line in (options.title, options.author) if line]
    return "\n".join(head) + "\n\n\n" + text if options.title_page and head else text
