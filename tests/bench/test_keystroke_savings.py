"""Keystroke savings are counted exactly as the writer would accept words."""

from __future__ import annotations

from writer_app.bench.keystroke_savings import walk
from writer_app.core.prose import SuggestionLength
from writer_app.core.suggestion import Suggestion

TEXT = "The cat sat on the mat. The dog ran away."


def scripted(answers: dict[int, str]):  # type: ignore[no-untyped-def]
    """A suggester that answers at given cursors, and suggests nothing elsewhere."""
    asked: list[int] = []

    def suggest(before: str, cursor: int) -> Suggestion | None:
        assert before == TEXT[:cursor]
        asked.append(cursor)
        if cursor not in answers:
            return None
        suggestion = Suggestion(0, cursor, before[-200:], "", SuggestionLength.SENTENCE)
        suggestion.add_piece(answers[cursor])
        suggestion.finished = True
        return suggestion

    return suggest, asked


def test_matching_words_are_accepted_until_the_first_wrong_one() -> None:
    start = len("The cat")
    # " sat on" is right, " a" is wrong: two words accepted with two keystrokes.
    suggest, asked = scripted({start: " sat on a hill."})
    figures = walk(TEXT, start, pauses=2, suggest=suggest)
    assert figures.words_accepted == 2
    assert figures.chars_accepted == len(" sat on")
    assert figures.keystrokes_saved == len(" sat on") - 2
    # After the wrong word the writer typed " the" and paused again; nothing came, so
    # they typed " mat." too.
    assert asked == [start, len("The cat sat on the")]
    assert figures.chars_covered == len(" sat on the mat.")
    summary = figures.summary()
    assert summary["keystrokes_saved_share"] == round((7 - 2) / 16, 4)
    assert summary["suggestions_used"] == 1


def test_a_suggestion_taken_whole_is_followed_at_once_by_the_next() -> None:
    start = len("The cat sat on the")
    suggest, asked = scripted({start: " mat.", len("The cat sat on the mat."): " The dog ran."})
    figures = walk(TEXT, start, pauses=3, suggest=suggest)
    assert asked[:2] == [start, len("The cat sat on the mat.")]
    # " mat.", then " The" and " dog"; " ran." is not " ran away".
    assert figures.words_accepted == 3
    assert figures.chars_accepted == len(" mat. The dog")


def test_no_suggestion_saves_nothing() -> None:
    suggest, _asked = scripted({})
    figures = walk(TEXT, 7, pauses=3, suggest=suggest)
    assert (figures.pauses, figures.keystrokes_saved) == (3, 0)
    assert figures.summary()["keystrokes_saved_share"] == 0.0
