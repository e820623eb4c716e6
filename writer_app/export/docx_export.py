"""A rich document written as a Word file (.docx) with python-docx: Word's own heading,
list and quote styles (so the publisher's template restyles them), runs with bold,
italic and strike-through, the page size and margins, and page numbers in the footer."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextBlock, QTextDocument, QTextFormat, QTextListFormat

from writer_app.export.export_options import ExportOptions, PageSize

PAGE_MM = {PageSize.A4: (210.0, 297.0), PageSize.LETTER: (215.9, 279.4)}
CODE_FONT = "Courier New"
_NUMBERED = {QTextListFormat.Style.ListDecimal, QTextListFormat.Style.ListLowerAlpha,
             QTextListFormat.Style.ListUpperAlpha, QTextListFormat.Style.ListLowerRoman,
             QTextListFormat.Style.ListUpperRoman}


def docx_bytes(document: QTextDocument, options: ExportOptions) -> bytes:
    """Return `document` as the bytes of a .docx file."""
    word = Document()
    section = word.sections[0]
    width, height = PAGE_MM[options.page_size]
    section.page_width, section.page_height = Mm(width), Mm(height)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(options.margin_mm))
    normal = word.styles["Normal"]
    normal.font.name = options.font_families[0]
    normal.font.size = Pt(options.font_points)
    normal.paragraph_format.line_spacing = options.line_spacing
    for level in range(1, 10):
        # Word's own headings are blue: a manuscript's are black.
        word.styles[f"Heading {level}"].font.color.rgb = RGBColor(0, 0, 0)
    if options.page_numbers:
        _page_number_footer(section.footer.paragraphs[0])
        # No number on a title page: the text's pages carry them.
        section.different_first_page_header_footer = options.title_page and bool(
            options.title or options.author)
    block = document.firstBlock()
    while block.isValid():
        paragraph = _write_block(word, block)
        if options.first_line_indent_mm and _is_body(block, paragraph):
            paragraph.paragraph_format.first_line_indent = Mm(options.first_line_indent_mm)
            paragraph.paragraph_format.space_after = Pt(0)
        block = block.next()
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _is_body(block: QTextBlock, paragraph: Paragraph) -> bool:
    """Whether a paragraph is the text's own prose (not a heading, list, quote, code or
    the title page), which a manuscript indents."""
    return (paragraph.style.name == "Normal" and bool(block.text().strip())
            and not block.blockFormat().alignment() & Qt.AlignmentFlag.AlignHCenter
            and not block.blockFormat().hasProperty(QTextFormat.Property.BlockCodeFence))


def _write_block(word: Document, block: QTextBlock) -> Paragraph:
    block_format = block.blockFormat()
    level = block_format.headingLevel()
    code = block_format.hasProperty(QTextFormat.Property.BlockCodeFence)
    if level:
        paragraph = word.add_heading(level=min(level, 9))
    else:
        paragraph = word.add_paragraph(style=_style_of(block, block_format))
    if block_format.alignment() & Qt.AlignmentFlag.AlignHCenter:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fragments = block.begin()
    while not fragments.atEnd():
        fragment = fragments.fragment()
        if fragment.isValid():
            char = fragment.charFormat()
            for number, line in enumerate(fragment.text().split("\u2028")):
                run = paragraph.add_run()
                if number:
                    run.add_break()
                run.text = line
                run.bold = char.fontWeight() >= QFont.Weight.DemiBold and not level
                run.italic = char.fontItalic()
                run.font.strike = char.fontStrikeOut()
                if code or char.fontFixedPitch():
                    run.font.name = CODE_FONT
                if char.hasProperty(QTextFormat.Property.FontPointSize) and not level:
                    run.font.size = Pt(char.fontPointSize())
        fragments += 1
    if block_format.pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysAfter:
        paragraph.add_run().add_break(WD_BREAK.PAGE)
    return paragraph


def _style_of(block: QTextBlock, block_format: object) -> str:
    text_list = block.textList()
    if text_list is not None:
        numbered = text_list.format().style() in _NUMBERED
        depth = min(3, max(1, text_list.format().indent()))
        name = "List Number" if numbered else "List Bullet"
        return name if depth == 1 else f"{name} {depth}"
    if block.blockFormat().intProperty(QTextFormat.Property.BlockQuoteLevel):
        return "Quote"
    return "Normal"


def _page_number_footer(paragraph: Paragraph) -> None:
    """Put a PAGE field, centred, in the footer: Word fills in each page's number."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
