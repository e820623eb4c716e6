from __future__ import annotations

from writer_app.core.prose import SuggestionLength
from writer_app.core.suggestion import Suggestion


def make(raw: str = " sat on the mat.", finished: bool = True) -> Suggestion:
    suggestion = Suggestion(1, 7, "The cat", "", SuggestionLength.SENTENCE)
    suggestion.add_piece(raw)
    suggestion.finished = finished
    return suggestion


def test_typing_through_shrinks_the_suggestion() -> None:
    suggestion = make()
    assert suggestion.type_through(" ")
    assert suggestion.type_through("s")
    assert suggestion.visible() == "at on the mat."
    assert suggestion.position == 9


def test_typing_something_else_is_not_typing_through() -> None:
    suggestion = make()
    assert not suggestion.type_through("x")
    assert suggestion.visible() == " sat on the mat."


def test_accepting_word_by_word_then_all() -> None:
    suggestion = make()
    assert suggestion.take_word() == " sat"
    assert suggestion.take_word() == " on"
    assert suggestion.take_shown(suggestion.visible(), word=False) == (" the mat.", True)
    assert suggestion.is_exhausted()


def test_the_writer_gets_what_was_on_screen_not_what_arrived_since() -> None:
    suggestion = make(" sat on the", finished=False)
    shown = suggestion.visible()
    suggestion.add_piece(" mat.")  # arrived after the screen was painted
    assert suggestion.take_shown(shown, word=True) == (" sat", True)
    assert suggestion.take_shown(shown[4:], word=False) == (" on the", True)
    assert suggestion.visible() == " mat."
    assert suggestion.take_shown(" rug", word=False) == (" rug", False)


def test_streaming_pieces_are_shaped_as_they_arrive() -> None:
    suggestion = make("", finished=False)
    for piece in [" sat", " on", " the", " mat", ".", " Then", " it"]:
        suggestion.add_piece(piece)
    assert suggestion.visible() == " sat on the mat."
    assert suggestion.is_complete()


def test_the_position_counts_as_qt_does_after_an_emoji() -> None:
    """Qt's positions are UTF-16 units: an emoji takes two, a Han character one."""
    suggestion = Suggestion(1, 7, "The cat", "", SuggestionLength.SENTENCE)
    suggestion.add_piece(" 🐈 sat 在 mat 😀 now.")
    suggestion.finished = True
    assert suggestion.type_through(" 🐈")
    assert suggestion.position == 7 + 3
    assert suggestion.take_word() == " sat"
    assert suggestion.position == 10 + 4
    text, agrees = suggestion.take_shown(suggestion.visible(), word=False)
    assert agrees
    assert text == " 在 mat 😀 now."
    assert suggestion.position == 14 + len(text) + 1  # the emoji's second unit
