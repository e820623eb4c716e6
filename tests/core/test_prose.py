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


ACCEPTED = "She was a bright, cheerful girl who had a great sense of humor."


def test_a_suggestion_never_says_again_what_was_just_written() -> None:
    """The issue's Tab twice: the next suggestion was the sentence just accepted."""
    before = "Anna lived by the sea. " + ACCEPTED
    assert shape(" " + ACCEPTED + " She", before=before) == ("", True)
    # New words first, then the repetition: the new words stay.
    text, _ = shape(" Her laugh carried. " + ACCEPTED, before=before, finished=True)
    assert text == " Her laugh carried."


def test_nor_what_stands_anywhere_in_the_window() -> None:
    """The issue's paragraph start: the document's first sentence, word for word."""
    first = "The harbour was quiet on the morning the boat came back."
    window = first + " " + "Gulls circled. " * 40 + "\n\n"
    shaped = shape_suggestion(" " + first, window[-200:], "", S.SENTENCE, True, window=window)
    assert shaped.text == ""
    # Short common phrases are not repetition.
    assert shape(" on the morning after.", before=window[-200:], finished=True)[0] == (
        "on the morning after.")


def test_chinese_repetition_is_found_without_spaces() -> None:
    before = "老灯塔守护人爬上台阶，点亮了灯。"
    assert shape("老灯塔守护人爬上台阶，", before=before) == ("", True)


def test_a_mid_line_suggestion_fits_the_text_that_follows() -> None:
    # A sentence may not end before words that go on in lower case, or a comma.
    assert shape(" a good sailor.", before="He was", after=" worried.", finished=True)[0] == ""
    assert shape(" oars.", before="without its", after="captain.", finished=True)[0] == ""
    assert shape(" sails.", before="without its", after=", and", finished=True)[0] == ""
    # Words never run together: a space goes between the suggestion and the next word.
    assert shape(" old captain.", before="without its ", after="captain.") == ("old ", True)
    assert shape(" tired", before="He was ", after="Then", finished=True)[0] == "tired "
    # A new sentence after it is fine, and Chinese needs no space.
    assert shape(" home.", before="He went", after=" The end.", finished=True)[0] == " home."
    assert shape("回家了。", before="他", after="她笑了。", finished=True)[0] == "回家了。"
    # A new paragraph never starts in the middle of a line: it would split the writer's.
    assert shape("\nThe boat lay still.", before="He went home.", after=" She stayed.",
                 finished=True)[0] == ""
    assert shape("\nThe boat lay still.", before="He went home.", after="",
                 finished=True)[0] == "\nThe boat lay still."


def test_a_new_paragraph_starts_as_the_documents_paragraphs_do() -> None:
    said = "\n\nThe tide came in."
    # Paragraphs that are lines: one line break, not an empty paragraph.
    assert shape(said, before="He left.\nShe stayed.", finished=True)[0] == (
        "\nThe tide came in.")
    assert shape(said, before="He left.\nShe stayed.\n", finished=True)[0] == (
        "The tide came in.")
    # Paragraphs parted by blank lines: a blank line, however the model wrote it.
    assert shape("\nThe tide came in.", before="He left.\n\nShe stayed.",
                 finished=True)[0] == said
    assert shape(said, before="He left.\n\nShe stayed.\n", finished=True)[0] == (
        "\nThe tide came in.")
    assert shape(said, before="", finished=True)[0] == "The tide came in."
