"""What each part of a Markdown line means, for drawing it: headings, emphasis, quotes,
lists, code, links, and the marks that make them (which are dimmed, never hidden).

A line at a time, as an editor draws it: enough of CommonMark and GitHub's additions for
prose (ATX headings, `*`/`_` emphasis, `**` strong, `~~` strike, code spans, fenced
code, links, block quotes, lists, thematic breaks). Not a parser for export (that is
Qt's own, from the whole document): a line indented by four spaces stays prose, because
writers indent paragraphs, and a heading underlined with `===` is left as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    HEADING = "heading"  # the whole line; `level` says which
    MARK = "mark"  # `#`, `*`, `>`, backticks, brackets: drawn dimmed
    STRONG = "strong"
    EMPHASIS = "emphasis"
    STRIKE = "strike"
    CODE = "code"  # a code span's text, or a line of fenced code
    QUOTE = "quote"  # the rest of a block quote's line
    LIST_MARK = "list_mark"
    LINK = "link"  # a link's text
    LINK_TARGET = "link_target"  # its URL, dimmed


@dataclass(frozen=True)
class Span:
    start: int
    length: int
    kind: Kind
    level: int = 0


FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^( {0,3})(#{1,6})(?=[ \t]|$)([ \t]*)(.*?)([ \t]+#+)?[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}(?:> ?)+")
_LIST = re.compile(r"^[ \t]*(?:[-+*]|\d{1,9}[.)])(?=[ \t])")
_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_BACKTICKS = re.compile(r"`+")
_CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_LINK = re.compile(r"(!?\[)([^\]\n]+)(\]\()([^)\s]*(?:\s+\"[^\"]*\")?)(\))")
_AUTOLINK = re.compile(r"<[a-zA-Z][a-zA-Z0-9+.-]*:[^<>\s]*>")
_STRONG = re.compile(r"(\*\*|(?<!\w)__)(?=\S)(.+?)(?<=\S)(\1)")
_EMPHASIS = re.compile(r"(\*|(?<!\w)_)(?=[^\s*_])(.+?)(?<=[^\s*_])(\1)")
_BOTH = re.compile(r"(\*\*\*)(?=\S)(.+?)(?<=\S)(\*\*\*)")
_STRIKE = re.compile(r"(~~)(?=\S)(.+?)(?<=\S)(~~)")


def is_fence(line: str) -> bool:
    """Whether `line` opens or closes fenced code."""
    return FENCE.match(line) is not None


def in_code_span(line: str) -> bool:
    """Whether the end of `line` is inside an inline code span, closed later or not yet
    (a backtick run opens one, and a run of the same length closes it)."""
    opening = 0
    for run in _BACKTICKS.finditer(line):
        if not opening:
            opening = len(run.group())
        elif len(run.group()) == opening:
            opening = 0
    return opening > 0


def is_heading(line: str) -> bool:
    return _HEADING.match(line) is not None and not is_fence(line)


def is_thematic_break(line: str) -> bool:
    return _BREAK.match(line) is not None


def quote_marks(line: str) -> str:
    """Return the `>` marks that open `line` as a block quote ("" if it is not one)."""
    quote = _QUOTE.match(line)
    return quote.group() if quote else ""


def is_list_item(line: str) -> bool:
    return _LIST.match(line, len(quote_marks(line))) is not None


def line_spans(line: str, in_code: bool = False) -> list[Span]:
    """Return the spans of one line; `in_code` says it is inside fenced code."""
    if is_fence(line):
        return [Span(0, len(line), Kind.CODE), Span(0, len(line), Kind.MARK)]
    if in_code:
        return [Span(0, len(line), Kind.CODE)] if line else []
    if _BREAK.match(line):
        return [Span(0, len(line), Kind.MARK)]
    spans: list[Span] = []
    heading = _HEADING.match(line)
    if heading:
        level = len(heading.group(2))
        spans.append(Span(0, len(line), Kind.HEADING, level))
        spans.append(Span(heading.start(2), heading.end(3) - heading.start(2), Kind.MARK))
        if heading.group(5):
            spans.append(Span(heading.start(5), len(heading.group(5)), Kind.MARK))
        return spans + inline_spans(line, heading.start(4), heading.end(4))
    start = 0
    quote = _QUOTE.match(line)
    if quote:
        spans.append(Span(0, quote.end(), Kind.MARK))
        spans.append(Span(quote.end(), len(line) - quote.end(), Kind.QUOTE))
        start = quote.end()
    item = _LIST.match(line, start)
    if item:
        spans.append(Span(item.start(), item.end() - item.start(), Kind.LIST_MARK))
        start = item.end()
    return spans + inline_spans(line, start, len(line))


def inline_spans(line: str, start: int, end: int) -> list[Span]:
    """Return the spans of emphasis, code and links between `start` and `end`."""
    spans: list[Span] = []
    taken: list[tuple[int, int]] = []  # code and link targets: nothing inside them counts

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    for match in _CODE_SPAN.finditer(line, start, end):
        ticks = len(match.group(1))
        spans += [Span(match.start(), ticks, Kind.MARK),
                  Span(match.start(2), len(match.group(2)), Kind.CODE),
                  Span(match.end() - ticks, ticks, Kind.MARK)]
        taken.append(match.span())
    for match in _LINK.finditer(line, start, end):
        if not free(*match.span()):
            continue
        spans += [Span(match.start(1), len(match.group(1)), Kind.MARK),
                  Span(match.start(2), len(match.group(2)), Kind.LINK),
                  Span(match.start(3), len(match.group(3)), Kind.MARK),
                  Span(match.start(4), len(match.group(4)), Kind.LINK_TARGET),
                  Span(match.start(5), 1, Kind.MARK)]
        taken.append((match.start(3), match.end()))
    for match in _AUTOLINK.finditer(line, start, end):
        if free(*match.span()):
            spans.append(Span(match.start(), len(match.group()), Kind.LINK_TARGET))
            taken.append(match.span())
    for pattern, kinds in ((_BOTH, (Kind.STRONG, Kind.EMPHASIS)), (_STRONG, (Kind.STRONG,)),
                           (_STRIKE, (Kind.STRIKE,)), (_EMPHASIS, (Kind.EMPHASIS,))):
        for match in pattern.finditer(line, start, end):
            if not free(*match.span()):
                continue
            marks = len(match.group(1))
            spans += [Span(match.start(), marks, Kind.MARK),
                      *(Span(match.start(2), len(match.group(2)), kind) for kind in kinds),
                      Span(match.end() - marks, marks, Kind.MARK)]
            if kinds != (Kind.EMPHASIS,):
                # `**` is strong's, not two emphasis marks: keep emphasis off it.
                taken += [(match.start(), match.start() + marks),
                          (match.end() - marks, match.end())]
    return spans


def heading_of(line: str) -> tuple[int, str] | None:
    """Return a heading line's level and its text, or None if it is not one."""
    heading = _HEADING.match(line)
    if heading is None or is_fence(line):
        return None
    return len(heading.group(2)), heading.group(4).strip()
