"""Export a file from the command line: read it, lay it out on an offscreen Qt
application (no window, no display), write the export."""

from __future__ import annotations

import os
from pathlib import Path

from writer_app.core.document_io import read_document
from writer_app.core.said import said
from writer_app.export.export_options import ExportFormat, ExportOptions, PageSize
from writer_app.export.exporter import ExportError, export_document, is_markdown_name


def export_file(source: Path, to: ExportFormat, output: Path | None, *, title: str = "",
                author: str = "", page: PageSize = PageSize.A4,
                manuscript: bool = False) -> Path:
    """Export `source` (raise WriterError or OSError if it cannot be read, ExportError
    if the export cannot be written); return where it was written."""
    loaded = read_document(source)
    target = output or source.with_suffix(f".{to.value}")
    if target.resolve() == source.resolve():
        raise ExportError(said("Export", "{name} is the file being exported: write the "
                                         "export to another file.").format(name=target.name))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(["writer-app"])
    options = ExportOptions(format=to, title_page=bool(title or author), title=title,
                            author=author, page_size=page)
    if manuscript:
        options = options.manuscript()
    export_document(loaded.text, is_markdown_name(source), target, options)
    del app
    return target
