"""A rich document printed to PDF with Qt's own PDF writer: the writing font, the page
size and margins chosen, and the page number at the foot of each page."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from writer_app.export.export_options import ExportOptions, PageSize
from writer_app.export.rich_document import indent_body

_PAGE_SIZES = {PageSize.A4: QPageSize.PageSizeId.A4, PageSize.LETTER: QPageSize.PageSizeId.Letter}
RESOLUTION = 1200  # dots per inch of the layout (text stays text: this is for placing it)


def pdf_bytes(document: QTextDocument, options: ExportOptions, title: str = "") -> bytes:
    """Return `document` as the bytes of a PDF."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setTitle(title or options.title)
    writer.setCreator("Local Writer")
    margins = QMarginsF(*(options.margin_mm,) * 4)
    writer.setPageLayout(QPageLayout(QPageSize(_PAGE_SIZES[options.page_size]),
                                     QPageLayout.Orientation.Portrait, margins,
                                     QPageLayout.Unit.Millimeter))
    painter = QPainter(writer)
    try:
        _paint_pages(painter, writer, document, options)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


def _paint_pages(painter: QPainter, writer: QPdfWriter, document: QTextDocument,
                 options: ExportOptions) -> None:
    # Laid out on the writer itself, in its dots: fonts in points come out their size.
    body = writer.pageLayout().paintRectPixels(writer.resolution())
    dots_per_point = writer.resolution() / 72.0
    footer = options.font_points * 2.5 * dots_per_point if options.page_numbers else 0.0
    page = QSizeF(body.width(), body.height() - footer)
    document.documentLayout().setPaintDevice(writer)
    document.setDocumentMargin(0)
    if options.first_line_indent_mm:
        indent_body(document, options.first_line_indent_mm * writer.resolution() / 25.4)
    document.setPageSize(page)
    # A title page carries no number (it counts, as in Word's "different first page").
    unnumbered = 1 if options.title_page and (options.title or options.author) else 0
    for number in range(document.pageCount()):
        if number:
            writer.newPage()
        painter.save()
        painter.translate(0, -number * page.height())
        context = QAbstractTextDocumentLayout.PaintContext()
        context.clip = QRectF(0, number * page.height(), page.width(), page.height())
        painter.setClipRect(context.clip)
        document.documentLayout().draw(painter, context)
        painter.restore()
        if options.page_numbers and number >= unnumbered:
            painter.setFont(document.defaultFont())
            painter.drawText(QRectF(0, page.height(), page.width(), footer),
                             int(Qt.AlignmentFlag.AlignCenter), str(number + 1))

