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
    assert suggestion.take_all() == " the mat."
    assert suggestion.is_exhausted()


def test_streaming_pieces_are_shaped_as_they_arrive() -> None:
    suggestion = make("", finished=False)
    for piece in [" sat", " on", " the", " mat", ".", " Then", " it"]:
        suggestion.add_piece(piece)
    assert suggestion.visible() == " sat on the mat."
    assert suggestion.is_complete()
