"""The editor's paragraph rule in CommonMark: every line the writer sees as a paragraph is
one for a Markdown reader, and lists, tables, quotes and code keep their shape."""

from __future__ import annotations

from writer_app.core.markdown_paragraphs import commonmark_paragraphs

DIALOGUE = '"Morning," he said.\n"Morning," she said.\nThe boat lay on its side.\n'


def test_each_line_of_dialogue_is_a_paragraph() -> None:
    assert commonmark_paragraphs(DIALOGUE) == (
        '"Morning," he said.\n\n"Morning," she said.\n\nThe boat lay on its side.\n')


def test_text_already_in_paragraphs_is_left_alone() -> None:
    text = "# Title\n\nOne.\n\nTwo.\n\n- a\n- b\n\n> quoted\n\n```\ncode\n\n```\n"
    assert commonmark_paragraphs(text) == text


def test_lists_and_tables_keep_their_lines_together() -> None:
    text = "- a\n- b\n1. c\n| x | y |\n|---|---|\n| 1 | 2 |\nAfter."
    assert commonmark_paragraphs(text) == (
        "- a\n- b\n1. c\n\n| x | y |\n|---|---|\n| 1 | 2 |\n\nAfter.")


def test_a_line_after_a_list_or_quote_is_not_swallowed_by_it() -> None:
    assert commonmark_paragraphs("- a\nProse.") == "- a\n\nProse."
    assert commonmark_paragraphs("> q\nProse.") == "> q\n\nProse."
    # An indented line after an item is a paragraph of that item, not a lazy continuation.
    assert commonmark_paragraphs("- a\n  more") == "- a\n\n  more"


def test_quote_lines_are_paragraphs_of_one_quote() -> None:
    assert commonmark_paragraphs("> one\n> two\n> > three") == (
        "> one\n>\n> two\n>\n> > three")


def test_a_rule_under_a_line_stays_a_rule_not_a_heading() -> None:
    assert commonmark_paragraphs("Text\n---\nText\n===") == "Text\n\n---\n\nText\n\n==="


def test_an_indented_paragraph_is_prose_not_code() -> None:
    assert commonmark_paragraphs("\tIt was dark.\n    And cold.") == (
        "It was dark.\n\nAnd cold.")
    # The editor draws a heading or quote mark indented four spaces as prose.
    assert commonmark_paragraphs("    # not a heading\n    > not a quote") == (
        "\\# not a heading\n\n\\> not a quote")


def test_fenced_code_is_kept_exactly() -> None:
    text = "Before.\n```\nline one\n\tline two\n> not a quote\n```\nAfter."
    assert commonmark_paragraphs(text) == (
        "Before.\n\n```\nline one\n\tline two\n> not a quote\n```\n\nAfter.")


def test_windows_line_ends_read_as_lines() -> None:
    assert commonmark_paragraphs("One.\r\nTwo.\r\n") == "One.\n\nTwo.\n"
