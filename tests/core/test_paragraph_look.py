"""Where a first-line indent goes, and the line spacing a settings file may hold."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from writer_app.core.paragraph_look import (
    CJK_INDENT_EMS,
    LATIN_INDENT_EMS,
    ParagraphLook,
    ParagraphStyle,
    indent_ems,
    parse_line_spacing,
)
from writer_app.core.settings import load_settings


@pytest.mark.parametrize(("line", "markdown", "ems"), [
    ("The boat lay on its side.", False, LATIN_INDENT_EMS),
    ("“Morning,” he said.", False, LATIN_INDENT_EMS),
    ("他走进房间。", False, CJK_INDENT_EMS),
    ("“你好，”她说。", False, CJK_INDENT_EMS),  # by its first letter, not its quote
    ("「おはよう」と彼は言った。", False, CJK_INDENT_EMS),
    ("Ελένη κοίταξε το ποτάμι.", False, LATIN_INDENT_EMS),
    ("", False, 0.0),
    ("   ", False, 0.0),
    ("\tIndented by hand.", False, 0.0),
    ("　　他走进房间。", False, 0.0),  # full-width spaces: indented by hand
    ("# Chapter One", True, 0.0),
    ("# Chapter One", False, LATIN_INDENT_EMS),  # plain text: a line like any other
    ("- an item", True, 0.0),
    ("1. an item", True, 0.0),
    ("> a quote", True, 0.0),
    ("```", True, 0.0),
    ("***", True, 0.0),
    ("*She* ran.", True, LATIN_INDENT_EMS),
])
def test_indent_goes_to_running_prose(line: str, markdown: bool, ems: float) -> None:
    assert indent_ems(line, markdown) == ems


def test_only_the_spaced_style_has_a_gap() -> None:
    assert ParagraphLook(ParagraphStyle.SPACED).gap_lines > 0
    assert ParagraphLook(ParagraphStyle.INDENTED).gap_lines == 0
    assert ParagraphLook(ParagraphStyle.PLAIN).gap_lines == 0


@pytest.mark.parametrize("value", [1, 1.15, 2.0])
def test_line_spacings_in_range_are_taken(value: float) -> None:
    assert parse_line_spacing(value) == value


@pytest.mark.parametrize("value", [0.5, 3.5, True, "1.5", None])
def test_other_line_spacings_are_refused(value: object) -> None:
    with pytest.raises(ValueError, match=re.escape(str(value))):
        parse_line_spacing(value)


def test_settings_keep_the_look_and_ignore_a_bad_one(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"paragraph_style": "indented", "line_spacing": 1.5}))
    settings = load_settings(path)
    assert (settings.paragraph_style, settings.line_spacing) == (ParagraphStyle.INDENTED, 1.5)
    path.write_text(json.dumps({"paragraph_style": "wavy", "line_spacing": 9}))
    settings = load_settings(path)
    assert (settings.paragraph_style, settings.line_spacing) == (ParagraphStyle.SPACED, 1.15)
