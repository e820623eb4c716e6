"""What a paragraph is in a Markdown document: one rule for the editor and the exporter.

On screen every line is a paragraph of its own: one Return starts a new one, as in a word
processor and in the editor's plain-text files. CommonMark joins consecutive lines into
one paragraph (a single newline is only a soft break), so a Markdown reader given the
writer's file runs three lines of dialogue together. `commonmark_paragraphs` rewrites the
text so that a CommonMark reader (Qt's md4c, for export) sees the editor's paragraphs:

- a blank line goes between two lines CommonMark would join, or read as one thing (a line
  and a `---` under it would become a heading);
- consecutive list items stay one list and a table's rows one table; two lines of a
  block quote become two paragraphs of the same quote;
- a prose line loses the indent a writer gives a paragraph (a tab, four spaces), which
  CommonMark reads as code; where the line would then read as a heading or a quote, its
  mark is escaped, because the editor draws it as prose;
- fenced code is kept exactly as written.
"""

from __future__ import annotations

import re
from enum import Enum

from writer_app.core.markdown_spans import (
    is_fence,
    is_heading,
    is_list_item,
    is_thematic_break,
    quote_marks,
)

_TABLE_DELIMITER = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")


class _Line(Enum):
    BLANK = "blank"
    CODE = "code"  # a fence or a line inside fenced code
    HEADING = "heading"
    BREAK = "break"
    QUOTE = "quote"
    LIST = "list"
    IN_LIST = "in_list"  # an indented line after a list item: a paragraph of that item
    TABLE = "table"
    PROSE = "prose"


# Pairs of lines CommonMark already reads as the editor does when nothing goes between.
_KEPT_TOGETHER = {(_Line.LIST, _Line.LIST), (_Line.TABLE, _Line.TABLE)}


def commonmark_paragraphs(text: str) -> str:
    """Return `text` with every line the editor shows as a paragraph one in CommonMark."""
    lines = text.replace("\r\n", "\n").split("\n")
    out: list[str] = []
    previous = _Line.BLANK
    in_code = False
    for number, line in enumerate(lines):
        if in_code:
            out.append(line)
            in_code = not is_fence(line)
            previous = _Line.CODE
            continue
        kind = _kind(lines, number, previous)
        if kind is _Line.BLANK:
            out.append(line)
            previous = kind
            continue
        if previous is not _Line.BLANK and (previous, kind) not in _KEPT_TOGETHER:
            out.append(_gap(lines[number - 1], line, previous, kind))
        in_code = kind is _Line.CODE
        out.append(_as_prose(line) if kind is _Line.PROSE else line)
        previous = kind
    return "\n".join(out)


def _kind(lines: list[str], number: int, previous: _Line) -> _Line:
    line = lines[number]
    if not line.strip():
        return _Line.BLANK
    if is_fence(line):
        return _Line.CODE
    if is_thematic_break(line):
        return _Line.BREAK
    if is_heading(line):
        return _Line.HEADING
    if quote_marks(line):
        return _Line.QUOTE
    if is_list_item(line):
        return _Line.LIST
    if previous in (_Line.LIST, _Line.IN_LIST) and line[0] in " \t":
        return _Line.IN_LIST
    if "|" in line and (previous is _Line.TABLE or (
            number + 1 < len(lines) and _TABLE_DELIMITER.match(lines[number + 1]))):
        return _Line.TABLE
    return _Line.PROSE


def _gap(above: str, line: str, previous: _Line, kind: _Line) -> str:
    if previous is _Line.QUOTE and kind is _Line.QUOTE:
        # An empty line of the shallower quote: two paragraphs, still quoted.
        depth = min(quote_marks(above).count(">"), quote_marks(line).count(">"))
        return " ".join(">" * depth)
    return ""


def _as_prose(line: str) -> str:
    stripped = line.lstrip(" \t")
    if stripped != line and (is_heading(stripped) or quote_marks(stripped)
                             or is_fence(stripped)):
        return "\\" + stripped
    return stripped
