"""How paragraphs are set apart on screen: space between them or a first-line indent,
and the spacing of lines. Where an indent goes is a rule about prose, so it lives here,
with no display behind it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from writer_app.core.markdown_spans import (
    is_fence,
    is_heading,
    is_list_item,
    is_thematic_break,
    quote_marks,
)
from writer_app.core.word_breaks import is_cjk_context


class ParagraphStyle(StrEnum):
    SPACED = "spaced"  # a gap after each paragraph, as on the web and in most editors
    INDENTED = "indented"  # the first line indented, no gap: as a novel is printed
    PLAIN = "plain"  # neither: lines run on, as in a code editor


# Line spacing, in the font's own line heights, as word processors offer it.
LINE_SPACINGS = (1.0, 1.15, 1.5, 2.0)
DEFAULT_LINE_SPACING = 1.15
PARAGRAPH_GAP_LINES = 0.6  # the gap after a spaced paragraph
# Chinese and Japanese paragraphs are indented by two full-width characters (两个字符);
# Latin type by about one and a half ems.
CJK_INDENT_EMS = 2.0
LATIN_INDENT_EMS = 1.5
# Spaces a writer puts at a line's start: the paragraph is indented by hand already.
_OWN_INDENT = " \t\u3000"


@dataclass(frozen=True)
class ParagraphLook:
    style: ParagraphStyle = ParagraphStyle.SPACED
    line_spacing: float = DEFAULT_LINE_SPACING

    @property
    def gap_lines(self) -> float:
        """Lines of space after a paragraph."""
        return PARAGRAPH_GAP_LINES if self.style is ParagraphStyle.SPACED else 0.0


def indent_ems(line: str, markdown: bool) -> float:
    """Return the first-line indent, in ems, of the paragraph `line` where paragraphs are
    indented: none for a blank line, one the writer indented by hand, and (in Markdown)
    a heading, list item, quote, fence or break, which are not running prose."""
    if not line.strip() or line[0] in _OWN_INDENT:
        return 0.0
    if markdown and (is_heading(line) or is_list_item(line) or quote_marks(line)
                     or is_fence(line) or is_thematic_break(line)):
        return 0.0
    # By the first letter: a Chinese paragraph may open with “, which English uses too.
    first = next((c for c in line if c.isalnum() or is_cjk_context(c)), line[0])
    return CJK_INDENT_EMS if is_cjk_context(first) else LATIN_INDENT_EMS


def parse_line_spacing(value: object) -> float:
    """Return `value` as a line spacing, or raise ValueError."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(value)
    spacing = float(value)
    if not LINE_SPACINGS[0] <= spacing <= LINE_SPACINGS[-1]:
        raise ValueError(value)
    return spacing
