"""What an export writes: the format, a title page, the page, and the manuscript preset
(12 pt, double spacing, 1-inch margins, half-inch first-line indents, page numbers with
none on the title page: what publishers and competitions ask of a manuscript)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum


class ExportFormat(StrEnum):
    DOCX = "docx"
    ODT = "odt"
    PDF = "pdf"
    HTML = "html"
    TXT = "txt"


class PageSize(StrEnum):
    A4 = "a4"
    LETTER = "letter"


MANUSCRIPT_POINTS = 12.0
MANUSCRIPT_MARGIN_MM = 25.4  # one inch
MANUSCRIPT_INDENT_MM = 12.7  # half an inch


@dataclass(frozen=True)
class ExportOptions:
    format: ExportFormat = ExportFormat.DOCX
    title_page: bool = False
    title: str = ""
    author: str = ""
    page_size: PageSize = PageSize.A4
    margin_mm: float = 25.0
    font_points: float = 12.0
    line_spacing: float = 1.15  # times the font's line height
    page_numbers: bool = True
    # The first line of each body paragraph indented (and no space between paragraphs).
    first_line_indent_mm: float = 0.0
    # The writing font, in order of preference (the first the system has is used).
    font_families: tuple[str, ...] = ("Literata", "Charter", "Georgia", "Noto Serif",
                                      "DejaVu Serif", "Liberation Serif", "serif")

    def manuscript(self) -> ExportOptions:
        """These options with the manuscript preset applied."""
        return replace(self, font_points=MANUSCRIPT_POINTS, line_spacing=2.0,
                       margin_mm=MANUSCRIPT_MARGIN_MM, page_numbers=True,
                       first_line_indent_mm=MANUSCRIPT_INDENT_MM)

