"""What measured speeds mean for a writer, and the book that keeps them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from writer_app.core.model_speeds import (
    ModelSpeed,
    SpeedBook,
    SuggestionFeel,
    suggestion_feel,
)


def speed(prompt: float, decode: float, *, words_per_token: float = 0.75) -> ModelSpeed:
    return ModelSpeed(prompt, decode, words_per_token, False, 1.0, "a CPU · CPU",
                      "2026-12-07T10:00:00+00:00")


@pytest.mark.parametrize(("prompt", "decode", "feel"), [
    (586, 38, SuggestionFeel.AT_ONCE),  # the embedded 270M model here
    (38, 6.3, SuggestionFeel.AT_ONCE),  # a 4B model here: one decode, 0.16 s
    (20, 2.0, SuggestionFeel.MOMENT),  # half a second a decode
    (12, 0.5, SuggestionFeel.SLOW),  # two seconds a decode
    (3, 4.0, SuggestionFeel.SLOW),  # reads slower than a writer types
])
def test_how_soon_suggestions_come_follows_one_decode_and_the_reading_pace(
        prompt: float, decode: float, feel: SuggestionFeel):
    measured_feel, seconds = suggestion_feel(speed(prompt, decode))
    assert measured_feel is feel
    if feel is SuggestionFeel.AT_ONCE:
        assert seconds == 0
    else:
        assert seconds >= 1 / decode


def test_rewrites_are_counted_in_the_probe_text_words():
    assert speed(100, 10, words_per_token=0.7).words_per_s == pytest.approx(7.0)


def test_the_book_keeps_speeds_by_model_and_sets_a_damaged_file_aside(tmp_path: Path):
    book = SpeedBook(tmp_path / "folder" / "speeds.json")
    assert book.get("abc") is None
    book.put("abc", speed(100, 10))
    book.put("def", speed(50, 5))
    assert SpeedBook(book.path).get("abc") == speed(100, 10)
    assert book.get("def") == speed(50, 5)
    book.path.write_text("{not json", encoding="utf-8")
    assert book.get("abc") is None  # measured again, it is mended
    assert (book.path.parent / "speeds.json.unreadable").read_text() == "{not json"
    book.put("abc", speed(1, 1))
    assert book.get("abc") == speed(1, 1)
    book.path.write_text('{"abc": {"prompt_tokens_per_s": 1}}', encoding="utf-8")
    assert book.get("abc") is None
    # Every field there, one of the wrong kind (a hand edit): no speed, no crash later.
    wrong = {**speed(1, 1).__dict__, "decode_tokens_per_s": "fast"}
    book.path.write_text(json.dumps({"abc": wrong}), encoding="utf-8")
    assert book.get("abc") is None
    wrong = {**speed(1, 1).__dict__, "in_characters": 0}
    book.path.write_text(json.dumps({"abc": wrong}), encoding="utf-8")
    assert book.get("abc") is None
