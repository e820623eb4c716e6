"""Smart quotes and dashes: each language's marks, opening and closing by what comes
before, and two hyphens as an em dash (not at a line's start, where --- is a rule)."""

from __future__ import annotations

import pytest

from writer_app.core.smart_punctuation import NO_BREAK, smart_replacement


def typed(text: str, language: str = "en_US") -> str:
    """Type `text` a character at a time, as the editor replaces."""
    done = ""
    for character in text:
        done += character
        replacement = smart_replacement(done, language)
        if replacement is not None:
            count, marks = replacement
            done = done[:-count] + marks
    return done


@pytest.mark.parametrize(("language", "expected"), [
    ("en_US", "He said, “It’s ‘mine’.”"),
    ("en_GB", "He said, “It’s ‘mine’.”"),
    ("de_DE", "He said, „It’s ‚mine‘.“"),
    ("fr_FR", f"He said, «{NO_BREAK}It’s ‘mine’.{NO_BREAK}»"),
    ("es", "He said, «It’s “mine”.»"),
    ("zh_CN", "He said, “It’s ‘mine’.”"),
    ("ja", "He said, \"It's 'mine'.\""),
])
def test_each_language_quotes_in_its_own_marks(language: str, expected: str) -> None:
    assert typed("He said, \"It's 'mine'.\"", language) == expected


def test_a_quote_opens_after_a_space_a_bracket_or_a_dash_and_at_the_start() -> None:
    assert typed('"Go"') == "“Go”"
    assert typed('("Go")') == "(“Go”)"
    assert typed('wait--"go"') == "wait—“go”"
    assert typed("\n'Tis") == "\n‘Tis"


def test_two_hyphens_are_an_em_dash_but_not_a_markdown_rule() -> None:
    assert typed("wait--then") == "wait—then"
    assert typed("wait -- then") == "wait — then"
    assert typed("text\n---\n") == "text\n---\n"
    assert typed("- item") == "- item"
