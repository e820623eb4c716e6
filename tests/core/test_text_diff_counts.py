"""A recovered document that was never saved is counted as the status bar counts it."""

from __future__ import annotations

from writer_app.core.text_diff import describe_difference


def test_a_chinese_document_is_counted_in_characters_not_space_separated_words() -> None:
    difference = describe_difference(None, "老灯塔守护人爬上台阶。他看见了 the sea。")
    assert difference.figures[0] == 16  # 14 字 and two English words, as Word counts
    assert difference.counted_in_characters


def test_an_english_document_is_counted_in_words() -> None:
    difference = describe_difference(None, "An idea for a poem")
    assert difference.figures == (5, 18)
    assert not difference.counted_in_characters
    assert difference.summary == "Never saved: 5 words, 18 characters."
