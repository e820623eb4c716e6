"""Counts by script: words for spaced scripts, characters for Chinese and Japanese."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from writer_app.core.text_counts import (
    SLICE_POINT,
    CountUnit,
    TextCounts,
    count_text,
    writing_language,
)


@pytest.mark.parametrize(("text", "words", "characters", "unit"), [
    ("The keeper's well-known lamp burned on.", 6, 39, CountUnit.WORDS),
    ("老灯塔守护人爬上台阶，他看见了大海。", 16, 18, CountUnit.CHARACTERS),
    ("灯台守の老人は階段を上った。", 13, 14, CountUnit.CHARACTERS),
    ("등대지기는 계단을 올라갔다.", 3, 15, CountUnit.WORDS),  # Korean is written with spaces
    ("ผู้ดูแลประภาคาร", 3, 15, CountUnit.WORDS),  # Thai: words by boundaries
    ("Старик поднялся по лестнице.", 4, 28, CountUnit.WORDS),
    ("用GPT写作", 4, 6, CountUnit.CHARACTERS),
    ("第一章\n\n老人", 5, 5, CountUnit.CHARACTERS),  # line breaks are not characters
])
def test_counts_by_script(text: str, words: int, characters: int, unit: CountUnit) -> None:
    counts = count_text(text)
    assert (counts.words, counts.characters) == (words, characters)
    assert counts.unit(CountUnit.AUTO) is unit
    assert counts.unit(CountUnit.WORDS) is CountUnit.WORDS


@pytest.mark.parametrize(("text", "words"), [
    # Word's 字数: 44 Chinese characters and 28 English words, not 191 characters.
    ("老灯塔守护人每天晚上都爬上台阶，点亮那盏灯。他在日记里写道：“The light must never go "
     "out, not even for one night.”\n\n女儿回信说：“I will come home when the storm is over, "
     "and we will keep the lamp burning together.” 窗外的海浪一夜都没有停歇……", 72),
    ("\U00031350\U00031351\U000323af", 3),  # CJK Extension H: one each, like the others
    ("，。！？、；：……——「」『』（）《》", 0),  # punctuation counts nothing
    ("2024年3月", 4),  # a number is a word of its own
    ("第3章 Chapter 3", 5),
    ("😀 🎉 — ok", 1),
    # As Word and LibreOffice count: a word runs from space to space, and a number with
    # its points and commas, an abbreviation with its full stops, is one word.
    ("3.5 kg", 2),
    ("1,204 words", 2),
    ("It costs $1,000.50", 3),
    ("e.g. U.S.A.", 2),
    ("and/or 3:45 well—known", 3),
    ("— ... * ___", 0),
])
def test_each_cjk_character_and_each_spaced_word_counts_once(text: str, words: int) -> None:
    assert count_text(text).words == words


def test_characters_without_spaces() -> None:
    assert count_text("two words\n").characters_without_spaces == 8


PIECES = st.sampled_from(["老", "灯塔", "don't", "well-known", " ", "\n", "，", "GPT",
                          "ประภาคาร", "계단을", "😀"])


@given(st.lists(PIECES, max_size=40), st.integers(1, 30))
def test_slices_cut_at_slice_points_add_up_to_the_whole(pieces: list[str], every: int) -> None:
    text = "".join(pieces)
    total, start = TextCounts(), 0
    while start < len(text):
        cut = SLICE_POINT.search(text, start + every)
        end = cut.start() if cut else len(text)
        total += count_text(text[start:end])
        start = end
    assert total == count_text(text)


@pytest.mark.parametrize(("text", "language"), [
    ("老灯塔守护人爬上台阶，他看见了大海。", "zh"),
    ("灯台守の老人は階段を上った。", "ja"),
    ("등대지기는 계단을 올라갔다.", "ko"),
    ("The word 灯塔 means lighthouse.", ""),
    ("Старик поднялся по лестнице.", ""),
    ("", ""),
])
def test_writing_language_by_script(text: str, language: str) -> None:
    assert writing_language(text) == language
