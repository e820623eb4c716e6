"""Which characters end a word as the writer types, in any script."""

from __future__ import annotations

import pytest

from writer_app.core.word_breaks import ends_a_word


@pytest.mark.parametrize("character", [" ", "\n", "\u2029", ".", ",", "—", "»", "。", "，",
                                       "夜", "の", "\u3000"])
def test_spaces_punctuation_and_characters_of_unspaced_scripts_end_a_word(
        character: str) -> None:
    assert ends_a_word(character)


@pytest.mark.parametrize("character", ["", "a", "é", "ж", "7", "\U0001f600"])
def test_letters_digits_and_emoji_do_not(character: str) -> None:
    assert not ends_a_word(character)
