"""Word and character counts: right for a book, without stalling the event loop."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from writer_app.core.text_counts import CountUnit, count_text
from writer_app.ui.i18n import install_translations
from writer_app.ui.window.status_bar import WriterStatusBar


def test_a_book_is_counted_in_slices_and_the_total_is_exact(qtbot: QtBot) -> None:
    bar = WriterStatusBar()
    qtbot.addWidget(bar)
    # Words with apostrophes and hyphens straddle every possible slice boundary.
    text = "The keeper's well-known lamp burned on. " * 30_000
    assert count_text(text).words == 6 * 30_000
    bar.show_counts(text)
    assert bar.counts_label.text() == "0 words · 0 characters"  # not done in one go
    qtbot.waitUntil(lambda: bar.counts_label.text() == "180,000 words · 1,200,000 characters")


def test_a_chinese_book_is_counted_in_characters_in_slices(qtbot: QtBot) -> None:
    bar = WriterStatusBar()
    qtbot.addWidget(bar)
    # No spaces at all: slices are cut before a Chinese character, never inside a word
    # of the English that is mixed in.
    text = "老灯塔守护人用GPT写作，他看见了大海。" * 20_000
    counts = count_text(text)
    assert (counts.words, counts.characters) == (16 * 20_000, 20 * 20_000)  # 15 字 + GPT
    bar.show_counts(text)
    assert bar.counts_label.text() == "0 words · 0 characters"  # not done in one go
    # 字数 as word processors count: each Chinese character and "GPT" one, "，" none.
    qtbot.waitUntil(lambda: bar.counts_label.text() == "320,000 characters")
    assert "400,000 characters" in bar.counts_label.toolTip()
    bar.count_unit = CountUnit.WORDS
    bar.show_count_labels()
    assert bar.counts_label.text() == "320,000 words · 400,000 characters"


def test_an_edit_during_a_count_starts_it_again_on_the_new_text(qtbot: QtBot) -> None:
    bar = WriterStatusBar()
    qtbot.addWidget(bar)
    current = ["word " * 100_000]
    bar.text_source = lambda: current[0]
    bar.show_counts(current[0])
    current[0] = "just three words"
    bar.schedule_counts()
    qtbot.waitUntil(lambda: bar.counts_label.text() == "3 words · 16 characters")
    qtbot.waitUntil(lambda: not bar.counting())  # nothing of the old count is left to come
    assert bar.counts_label.text() == "3 words · 16 characters"


# 44 Chinese characters and 28 English words; 191 characters with spaces and punctuation.
MIXED = ("老灯塔守护人每天晚上都爬上台阶，点亮那盏灯。他在日记里写道：“The light must never "
         "go out, not even for one night.”\n\n女儿回信说：“I will come home when the storm "
         "is over, and we will keep the lamp burning together.” 窗外的海浪一夜都没有停歇……")


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    install_translations(qapp, "zh_CN")
    yield
    install_translations(qapp, "en")


def test_mixed_text_counts_each_chinese_character_and_each_english_word_once(
        qtbot: QtBot, chinese: None) -> None:
    """As Word's 字数: not the letters and spaces of the English (191 字)."""
    counts = count_text(MIXED)
    assert (counts.cjk_characters, counts.spaced_words, counts.characters) == (44, 28, 191)
    bar = WriterStatusBar()
    qtbot.addWidget(bar)
    bar.show_counts(MIXED)
    qtbot.waitUntil(lambda: bar.counts_label.text() == "72 字")
    tooltip = bar.counts_label.toolTip()
    assert "中日文字符 44 个" in tooltip
    assert "其他文字的词 28 个" in tooltip
    assert "191" in tooltip
    bar.count_unit = CountUnit.WORDS
    bar.show_count_labels()
    assert bar.counts_label.text() == "72 个词 · 191 个字符"


def test_mixed_text_in_the_english_interface(qtbot: QtBot) -> None:
    bar = WriterStatusBar()
    qtbot.addWidget(bar)
    bar.show_counts(MIXED)
    qtbot.waitUntil(lambda: bar.counts_label.text() == "72 characters")
    bar.count_unit = CountUnit.WORDS
    bar.show_count_labels()
    assert bar.counts_label.text() == "72 words · 191 characters"
