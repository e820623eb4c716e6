"""Word and character counts: right for a book, without stalling the event loop."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from writer_app.core.text_counts import CountUnit, count_text
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
    qtbot.waitUntil(lambda: bar.counts_label.text() == "400,000 characters")
    assert "320,000 words" in bar.counts_label.toolTip()
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
