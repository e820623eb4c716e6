from __future__ import annotations

import pytest

from writer_app.core.prose import (
    SuggestionLength,
    has_words,
    is_inside_word,
    next_word,
    shape_suggestion,
)

S = SuggestionLength


def shape(raw: str, before: str = "The cat", after: str = "", length: S = S.SENTENCE,
          finished: bool = False) -> tuple[str, bool]:
    shaped = shape_suggestion(raw, before, after, length, finished)
    return shaped.text, shaped.complete


def test_sentence_mode_stops_at_the_end_of_the_sentence() -> None:
    assert shape(" sat on the mat. Then it slept") == (" sat on the mat.", True)


def test_sentence_end_needs_what_follows_to_be_sure() -> None:
    assert shape(" sat on the mat.") == (" sat on the mat.", False)
    assert shape(" sat on the mat.", finished=True) == (" sat on the mat.", True)


def test_closing_quotes_stay_with_their_sentence() -> None:
    assert shape(' said "Hello." And then') == (' said "Hello."', True)


def test_abbreviations_and_decimals_do_not_end_a_sentence() -> None:
    assert shape(" met Mr. Smith and Dr. Jones at the bar. Later")[0] == (
        " met Mr. Smith and Dr. Jones at the bar."
    )
    assert shape(" weighed 3.5 kilos. It")[0] == " weighed 3.5 kilos."


def test_a_long_sentence_stops_at_a_clause() -> None:
    text, complete = shape(" sat on the warm mat by the kitchen door all day, purring softly")
    assert text == " sat on the warm mat by the kitchen door all day,"
    assert complete


def test_a_short_clause_does_not_stop_a_sentence() -> None:
    assert shape(" sat, and purred. Then")[0] == " sat, and purred."


def test_words_mode_stops_after_a_few_words_keeping_punctuation() -> None:
    assert shape(" sat on the mat. Then", length=S.WORDS) == (" sat on the mat.", True)
    assert shape(" sat on the warm mat", length=S.WORDS) == (" sat on the warm", True)
    assert shape(" sat, purring", length=S.WORDS) == (" sat,", True)


def test_paragraph_mode_runs_to_the_line_break() -> None:
    raw = " sat. It purred. It slept.\n\nNext day"
    assert shape(raw, length=S.PARAGRAPH) == (" sat. It purred. It slept.", True)


def test_no_double_space_after_a_space() -> None:
    assert shape(" sat down.", before="The cat ", finished=True)[0] == "sat down."


def test_a_new_paragraph_starts_without_blank_lines() -> None:
    assert shape("\n\nThe next morning", before="End.\n\n")[0] == "The next morning"


@pytest.mark.parametrize("raw", ["   ", "...", " …", " —", "\n\n", ", .", ""])
def test_suggestions_without_words_are_dropped(raw: str) -> None:
    assert shape(raw, finished=True)[0] == ""


def test_a_suggestion_repeating_the_following_text_is_dropped() -> None:
    assert shape(" sat on the mat", after=" sat on the mat and slept", finished=True)[0] == ""


def test_suggestion_stops_before_the_punctuation_that_follows_the_cursor() -> None:
    # "The cat| , said Anna": the comma is already in the document.
    assert shape(" sat down, said Anna", after=", said Anna") == (" sat down", True)


def test_suggestion_stops_where_the_following_text_resumes() -> None:
    assert shape(" quickly ran away into the night", after=" into the night.") == (
        " quickly ran away", True)


@pytest.mark.parametrize(
    ("ghost", "word"),
    [
        (" on the mat.", " on"),
        ("lo world", "lo"),  # mid-word: no space added
        (" mat. Then", " mat."),  # punctuation stays with its word
        (", and then", ","),
        (" don't stop", " don't"),
        ("\n\nNext", "\n\nNext"),
        ("word", "word"),
    ],
)
def test_next_word(ghost: str, word: str) -> None:
    assert next_word(ghost) == word


def test_inside_word_and_has_words() -> None:
    assert is_inside_word("hel", "lo")
    assert not is_inside_word("hello", " world")
    assert not is_inside_word("hello", "")
    assert has_words("a.")
    assert not has_words(" ... — ")
