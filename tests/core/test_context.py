from __future__ import annotations

import itertools

from writer_app.core.context import ContextBudget, build_context, window_start

BOOK = "".join(
    f"Paragraph {n} begins here. It has a few sentences of prose, more or less. "
    f"The writer keeps going and going until the paragraph ends.\n\n"
    for n in range(400)
)


def test_short_documents_are_sent_whole() -> None:
    window = build_context("Hello there. The cat", 20, ContextBudget())
    assert window.before == "Hello there. The cat"
    assert window.start == 0


def test_window_stays_within_budget_and_starts_at_paragraphs() -> None:
    budget = ContextBudget(before_chars=2000)
    for cursor in range(2500, len(BOOK), 97):
        start = window_start(BOOK, cursor, budget)
        assert 0 < cursor - start <= budget.before_chars
        assert cursor - start >= budget.before_chars - 2 * budget.step_chars
        assert BOOK[start - 1] == "\n"


def test_window_start_holds_still_while_the_writer_types() -> None:
    """Typing word by word moves the start once per quarter window, not per word."""
    budget = ContextBudget(before_chars=2000)
    text = BOOK[:30000]
    starts = [window_start(text, cursor, budget) for cursor in range(20000, 30000, 6)]
    moves = sum(1 for a, b in itertools.pairwise(starts) if a != b)
    assert moves <= 10000 // budget.step_chars + 1


def test_returning_to_a_place_gives_the_same_window() -> None:
    budget = ContextBudget()
    here = window_start(BOOK, 15000, budget)
    window_start(BOOK, 40000, budget)
    assert window_start(BOOK, 15000, budget) == here


def test_without_paragraphs_the_start_falls_on_a_sentence_or_word() -> None:
    text = "One sentence after another goes on. " * 200
    start = window_start(text, len(text), ContextBudget(before_chars=1000))
    assert text[start - 2 : start] == ". "
    words = "word " * 1000
    start = window_start(words, len(words), ContextBudget(before_chars=1000))
    assert words[start - 1] == " "


def test_after_text_is_clipped_at_a_word() -> None:
    text = "Before. " + "after words " * 100
    window = build_context(text, 8, ContextBudget(after_chars=50))
    assert len(window.after) <= 50
    assert window.after.endswith("words") or window.after.endswith("after")
