"""Markdown lines by what their parts mean; the outline of headings."""

from __future__ import annotations

import pytest

from writer_app.core.markdown_outline import Heading, outline
from writer_app.core.markdown_spans import Kind, heading_of, in_code_span, line_spans


def parts(line: str, in_code: bool = False) -> list[tuple[str, str]]:
    return [(line[s.start:s.start + s.length], s.kind.value)
            for s in line_spans(line, in_code)]


def test_a_heading_is_the_whole_line_with_its_marks_dimmed() -> None:
    spans = line_spans("## The ferry ##")
    assert (spans[0].kind, spans[0].level, spans[0].length) == (Kind.HEADING, 2, 15)
    assert ("## ", "mark") in parts("## The ferry ##")
    assert (" ##", "mark") in parts("## The ferry ##")
    assert parts("#hashtag is prose") == []
    assert heading_of("###### Six") == (6, "Six")
    assert heading_of("####### seven is prose") is None


def test_emphasis_strong_strike_and_both() -> None:
    found = parts("She was *very* tired, **very** cold, ~~gone~~ and ***both***.")
    for expected in [("very", "emphasis"), ("very", "strong"), ("gone", "strike"),
                     ("both", "strong"), ("both", "emphasis"), ("***", "mark"),
                     ("**", "mark"), ("~~", "mark"), ("*", "mark")]:
        assert expected in found
    # Underscores inside a word are not emphasis (snake_case), around one they are.
    assert parts("a snake_case_name") == []
    assert ("word", "emphasis") in parts("an _word_ here")


def test_code_and_link_targets_hold_no_emphasis() -> None:
    found = parts("Run `x *not em* y` or see [the *guide*](http://x.org/a_b_c_d).")
    assert ("x *not em* y", "code") in found
    assert ("not em", "emphasis") not in found
    assert ("the *guide*", "link") in found
    assert ("guide", "emphasis") in found
    assert ("http://x.org/a_b_c_d", "link_target") in found
    assert ("b_c", "emphasis") not in found


def test_quotes_lists_breaks_and_fenced_code() -> None:
    assert parts("> Said she, *softly*.")[:2] == [("> ", "mark"),
                                                    ("Said she, *softly*.", "quote")]
    assert parts("- an item") == [("-", "list_mark")]
    assert parts("12. an item") == [("12.", "list_mark")]
    assert parts("---") == [("---", "mark")]
    assert parts("```python") == [("```python", "code"), ("```python", "mark")]
    assert parts("x = *1*", in_code=True) == [("x = *1*", "code")]
    # Indented prose stays prose: writers indent paragraphs.
    assert parts("    She *left*.") == [("*", "mark"), ("left", "emphasis"), ("*", "mark")]


def test_the_outline_lists_headings_outside_code() -> None:
    lines = ["# Book", "", "Text.", "## Chapter *One*", "```", "# not a heading", "```",
             "### Scene"]
    assert outline(lines) == [Heading(1, "Book", 0), Heading(2, "Chapter *One*", 3),
                              Heading(3, "Scene", 7)]


@pytest.mark.parametrize(("line", "inside"), [
    ("Run `ls", True),
    ("Run `ls` now", False),
    ("Run ``a ` b", True),  # a single backtick does not close a double run
    ("Run ``a ` b``", False),
    ("No code here", False),
    ("`a` and `b", True),
])
def test_the_end_of_a_line_inside_a_code_span(line: str, inside: bool) -> None:
    assert in_code_span(line) is inside
