"""Exports a publisher or a reader opens: DOCX read back with python-docx, ODT as the
zip it is, PDF's text with pypdf, HTML and plain text; and the command line."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from dataclasses import replace
from html import unescape
from pathlib import Path

import docx
import pypdf
import pytest
from docx.shared import Mm
from PySide6.QtWidgets import QApplication

from writer_app.export.export_options import ExportFormat, ExportOptions, PageSize
from writer_app.export.exporter import ExportError, export_bytes, export_document

STORY = """# The Ferry at Orrin

## Chapter One

The ferry left at *noon*, and nobody waved. Mara held her **father's** letter.

> The sea keeps what you give it.

- the quay
- the rail

1. first
2. second

Some `code` and ~~struck~~ words, and a [link](http://example.org).
"""


@pytest.fixture(autouse=True)
def application(qapp: QApplication) -> QApplication:
    return qapp  # Qt lays the text out with real fonts


def options(to: ExportFormat, **more: object) -> ExportOptions:
    return ExportOptions(format=to, **more)  # type: ignore[arg-type]


def test_docx_has_real_headings_emphasis_quotes_and_lists(tmp_path: Path) -> None:
    target = tmp_path / "story.docx"
    export_document(STORY, True, target, options(ExportFormat.DOCX, title_page=True,
                                                 title="The Ferry", author="A. Writer"))
    word = docx.Document(str(target))
    paragraphs = [(p.style.name, p.text) for p in word.paragraphs]
    assert paragraphs[:4] == [("Normal", "The Ferry"), ("Normal", "A. Writer"),
                              ("Heading 1", "The Ferry at Orrin"), ("Heading 2", "Chapter One")]
    assert ("Quote", "The sea keeps what you give it.") in paragraphs
    assert ("List Bullet", "the quay") in paragraphs
    assert ("List Number", "second") in paragraphs
    body = next(p for p in word.paragraphs if p.text.startswith("The ferry left"))
    assert [r.text for r in body.runs if r.italic] == ["noon"]
    assert [r.text for r in body.runs if r.bold] == ["father's"]
    assert "*" not in body.text
    # The title page ends with a page break.
    assert 'w:type="page"' in word.paragraphs[1]._p.xml


def test_the_manuscript_preset_sets_size_spacing_margins_and_page_numbers(
        tmp_path: Path) -> None:
    target = tmp_path / "manuscript.docx"
    export_document(STORY, True, target,
                    options(ExportFormat.DOCX, page_size=PageSize.LETTER).manuscript())
    word = docx.Document(str(target))
    section = word.sections[0]
    assert round(section.left_margin.mm, 1) == 25.4
    assert round(section.page_width.mm, 1) == round(Mm(215.9).mm, 1)
    normal = word.styles["Normal"]
    assert normal.font.size.pt == 12
    assert normal.paragraph_format.line_spacing == 2.0
    assert 'w:instr="PAGE"' in section.footer.paragraphs[0]._p.xml


def test_odt_is_an_opendocument_zip_with_headings_and_the_text(tmp_path: Path) -> None:
    target = tmp_path / "story.odt"
    export_document(STORY, True, target, options(ExportFormat.ODT))
    with zipfile.ZipFile(target) as odt:
        assert odt.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        content = odt.read("content.xml").decode("utf-8")
    assert re.search(r"<text:h [^>]*text:outline-level=\"1\"[^>]*>.*The Ferry at Orrin", content)
    assert "Mara held her" in content
    assert 'fo:font-style="italic"' in content
    assert 'fo:font-weight="bold"' in content or 'fo:font-weight="700"' in content


def test_pdf_holds_the_text_on_the_chosen_page_with_page_numbers(tmp_path: Path) -> None:
    target = tmp_path / "story.pdf"
    long_story = STORY + "\n".join(f"Paragraph {n}: the tide came in." for n in range(80))
    export_document(long_story, True, target,
                    options(ExportFormat.PDF, page_size=PageSize.LETTER).manuscript())
    reader = pypdf.PdfReader(str(target))
    assert len(reader.pages) >= 3
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width)), round(float(height))) == (612, 792)  # US Letter, points
    text = " ".join(page.extract_text() for page in reader.pages)
    words = re.sub(r"\s+", " ", text)
    assert "The Ferry at Orrin" in words
    assert "Mara held her father's letter." in words
    assert "#" not in words
    last = re.sub(r"\s+", " ", reader.pages[-1].extract_text()).strip()
    assert last.endswith(str(len(reader.pages)))  # the page number at its foot


def test_html_and_plain_text(tmp_path: Path) -> None:
    html = export_bytes(STORY, True, options(ExportFormat.HTML)).decode("utf-8")
    assert re.search(r"<h1[^>]*>.*The Ferry at Orrin", html)
    assert "font-style:italic" in html
    plain = export_bytes(STORY, True, options(ExportFormat.TXT)).decode("utf-8")
    assert "The Ferry at Orrin\n" in plain
    assert "*" not in plain
    assert "#" not in plain
    # A plain text file is exported as the writer wrote it.
    as_written = "Line one.\n\n  Indented *stars* stay.\n"
    assert export_bytes(as_written, False, options(ExportFormat.TXT)).decode() == as_written


def test_a_failed_export_says_why_and_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "gone" / "story.docx"
    with pytest.raises(ExportError, match="folder"):
        export_document(STORY, True, target, options(ExportFormat.DOCX))
    assert not target.exists()


def test_the_command_line_exports(tmp_path: Path) -> None:
    story = tmp_path / "story.md"
    story.write_text(STORY, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "writer_app", "export", str(story), "--to",
                           "docx", "--title", "The Ferry", "--manuscript"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(tmp_path / "story.docx")
    assert docx.Document(done.stdout.strip()).paragraphs[0].text == "The Ferry"
    missing = subprocess.run([sys.executable, "-m", "writer_app", "export",
                              str(tmp_path / "none.md"), "--to", "pdf"],
                             capture_output=True, text=True, timeout=120, check=False)
    assert missing.returncode == 2
    assert "none.md" in missing.stderr


DIALOGUE = '"Morning," he said.\n"Morning," she said.\nThe boat lay on its side.\n'
LINES = ['"Morning," he said.', '"Morning," she said.', "The boat lay on its side."]


@pytest.mark.parametrize("markdown", [True, False])
def test_every_line_the_editor_shows_as_a_paragraph_is_one_in_every_format(
        tmp_path: Path, markdown: bool) -> None:
    target = tmp_path / "d.docx"
    export_document(DIALOGUE, markdown, target, options(ExportFormat.DOCX))
    assert [p.text for p in docx.Document(str(target)).paragraphs] == LINES
    odt = tmp_path / "d.odt"
    export_document(DIALOGUE, markdown, odt, options(ExportFormat.ODT))
    with zipfile.ZipFile(odt) as archive:
        content = archive.read("content.xml").decode("utf-8")
    odt_paragraphs = re.findall(r"<text:p[^>]*>(.*?)</text:p>", content)
    assert [unescape(re.sub(r"<[^>]+>", "", p)) for p in odt_paragraphs if p] == LINES
    html = export_bytes(DIALOGUE, markdown, options(ExportFormat.HTML)).decode("utf-8")
    assert [unescape(re.sub(r"<[^>]+>", "", p))
            for p in re.findall(r"<p[^>]*>(.*?)</p>", html)] == LINES
    plain = export_bytes(DIALOGUE, markdown, options(ExportFormat.TXT)).decode("utf-8")
    assert plain.splitlines() == LINES
    pdf = tmp_path / "d.pdf"
    export_document(DIALOGUE, markdown, pdf, options(ExportFormat.PDF, page_numbers=False))
    text = pypdf.PdfReader(str(pdf)).pages[0].extract_text()
    assert [" ".join(line.split()) for line in text.splitlines() if line.strip()] == LINES


def test_the_command_line_keeps_a_markdown_files_lines_as_paragraphs(tmp_path: Path) -> None:
    """The issue's own steps: the same lines as .md and as .txt give three paragraphs."""
    for name in ("d.md", "d.txt"):
        source = tmp_path / name
        source.write_text(DIALOGUE, encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "writer_app", "export", str(source),
                               "--to", "docx"],
                              capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr
        assert [p.text for p in docx.Document(done.stdout.strip()).paragraphs] == LINES


def test_the_manuscript_preset_indents_paragraphs_blackens_headings_and_spares_the_title_page(
        tmp_path: Path) -> None:
    target = tmp_path / "manuscript.docx"
    manuscript = options(ExportFormat.DOCX, title_page=True, title="The Ferry",
                         author="A. Writer").manuscript()
    export_document(STORY + DIALOGUE, True, target, manuscript)
    word = docx.Document(str(target))
    body = next(p for p in word.paragraphs if p.text.startswith("The ferry left"))
    assert round(body.paragraph_format.first_line_indent.mm, 1) == 12.7
    assert body.paragraph_format.space_after == 0
    title = word.paragraphs[0]
    assert title.text == "The Ferry"
    assert title.paragraph_format.first_line_indent is None  # centred, not indented
    heading = next(p for p in word.paragraphs if p.style.name == "Heading 1")
    assert heading.paragraph_format.first_line_indent is None
    assert str(word.styles["Heading 1"].font.color.rgb) == "000000"
    assert word.sections[0].different_first_page_header_footer
    pdf = tmp_path / "manuscript.pdf"
    export_document(STORY + DIALOGUE, True, pdf, replace(manuscript, format=ExportFormat.PDF))
    pages = pypdf.PdfReader(str(pdf)).pages
    assert not pages[0].extract_text().strip().endswith("1")  # no number on the title
    assert pages[1].extract_text().strip().endswith("2")


def test_the_manuscript_preset_indents_odt_and_pdf_paragraphs_without_gaps(
        tmp_path: Path) -> None:
    manuscript = options(ExportFormat.ODT).manuscript()
    odt = export_bytes(STORY + DIALOGUE, True, manuscript)
    content = zipfile.ZipFile(io.BytesIO(odt)).read("content.xml").decode()
    styles = dict(re.findall(r'<style:style style:name="([^"]+)"[^>]*>\s*'
                             r'<style:paragraph-properties([^>]*)/>', content))
    body = re.search(r'<text:p text:style-name="([^"]+)">(?:<text:span[^>]*>)?The ferry left',
                     content)
    assert body is not None
    properties = styles[body.group(1)]
    assert 'fo:text-indent="36pt"' in properties  # half an inch
    assert 'fo:margin-top="0pt"' in properties
    assert 'fo:margin-bottom="0pt"' in properties
    heading = re.search(r'<text:h text:style-name="([^"]+)"[^>]*>(?:<text:span[^>]*>)?The Ferry',
                        content)
    assert heading is not None
    assert "text-indent" not in styles[heading.group(1)]
    # In the PDF the paragraph's first line starts half an inch right of its second.
    pdf = tmp_path / "manuscript.pdf"
    long_line = "The boat lay on its side in the mud. " * 6
    export_document(long_line + "\n", False, pdf, replace(manuscript, format=ExportFormat.PDF))
    starts: list[float] = []
    pypdf.PdfReader(str(pdf)).pages[0].extract_text(
        visitor_text=lambda text, cm, tm, _font, _size: starts.append(
            tm[4] * cm[0] + tm[5] * cm[2] + cm[4]) if text.strip() else None)
    assert round(starts[0] - min(starts[1:]), 1) == 36.0
