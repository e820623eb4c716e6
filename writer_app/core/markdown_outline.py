"""The headings of a Markdown text, for its outline: level, title and line."""

from __future__ import annotations

from dataclasses import dataclass

from writer_app.core.markdown_spans import heading_of, is_fence


@dataclass(frozen=True)
class Heading:
    level: int
    title: str
    line: int  # the paragraph (block) number, from 0


def outline(lines: list[str]) -> list[Heading]:
    """Return the headings among `lines`, leaving out lines in fenced code."""
    headings: list[Heading] = []
    in_code = False
    for number, line in enumerate(lines):
        if is_fence(line):
            in_code = not in_code
            continue
        if in_code or "#" not in line[:7]:
            continue
        found = heading_of(line)
        if found is not None:
            headings.append(Heading(found[0], found[1], number))
    return headings
