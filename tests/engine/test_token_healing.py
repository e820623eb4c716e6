from __future__ import annotations

from writer_app.engine.process.token_healing import (
    Healing,
    Healings,
    VocabularyIndex,
    healing_split,
)


def test_split_heals_the_partial_word_with_its_space() -> None:
    pieces = [b"Into", b" the", b" kit", b"c"]
    assert healing_split(pieces, b"".join(pieces)) == 2


def test_split_heals_trailing_blanks() -> None:
    pieces = [b"The", b" wind", b" "]
    assert healing_split(pieces, b"".join(pieces)) == 2


def test_split_keeps_everything_after_punctuation() -> None:
    pieces = [b"The", b" end", b"."]
    assert healing_split(pieces, b"".join(pieces)) == 3


def test_split_heals_only_the_last_word_of_text_without_spaces() -> None:
    pieces = [t.encode() for t in ("老", "灯塔", "守护", "人", "，", "他看", "见了", "大")]
    # "他看见了大": the last word is "大"; the tokens are cut where they reach it.
    assert healing_split(pieces, b"".join(pieces)) == 7
    pieces = [t.encode() for t in ("他", "看见", "了", "大海")]
    assert healing_split(pieces, b"".join(pieces)) == 3


def test_split_ignores_very_long_tails() -> None:
    pieces = [b"x" * 40]
    assert healing_split(pieces, pieces[0]) == 1


def test_tokens_covering_or_starting_the_tail() -> None:
    vocab = [b"", b" kit", b" kitchen", b" kitc", b" k", b" king", b"c", b"hen", b" kitten",
             b" "]
    index = VocabularyIndex(vocab)
    assert sorted(index.covering(b" kitc")) == [2, 3]
    assert sorted(index.partial(b" kitc")) == [1, 4, 9]
    assert index.exact(b" kitc") == [3]
    assert index.covering(b"\xff") == []
    assert sorted(index.covering(b" ")) == [1, 2, 3, 4, 5, 8, 9]


def test_healings_are_remembered_per_prompt_the_oldest_forgotten_first() -> None:
    memos = Healings(2)
    first, second, third = (Healing((1, n), b"ba", [1, n, 9], b"ker") for n in (2, 3, 4))
    for memo in (first, second, third):
        memos.remember(memo)
    assert memos.of([1, 2], b"ba") is None  # the oldest, beyond the size
    assert memos.of([1, 3], b"ba") == second
    assert memos.of([1, 4], b"ba") == third
    assert memos.of([1, 4], b"b") is None  # another tail
    assert memos.of([1, 4], b"") is None  # nothing to heal


def test_split_heals_at_most_the_last_tokens_a_slow_model_decodes_in_time() -> None:
    pieces = [b"An", b" enormous", b" hier", b"ogly", b"phic"]
    prompt = b"".join(pieces)
    assert healing_split(pieces, prompt) == 2  # the whole word
    assert healing_split(pieces, prompt, at_most=10) == 2
    assert healing_split(pieces, prompt, at_most=1) == 4  # its last token only
    pieces = [b"The", b" end", b"."]  # nothing to heal, whatever the limit
    assert healing_split(pieces, b"".join(pieces), at_most=1) == 3


def test_how_much_is_healed_follows_how_fast_the_model_decodes() -> None:
    slow, fast = Healings(4), Healings(4)
    assert slow.at_most(16) == 16  # not known yet: the whole word
    slow.decodes.note(2, 0.2)  # 10 tokens a second: a 4B model on two cores
    assert slow.at_most(16) == 1
    fast.decodes.note(3, 0.05)  # 60 a second: the embedded model
    assert fast.at_most(16) == 7


def test_a_prompt_heals_as_it_healed_before_whatever_speed_was_learnt_since() -> None:
    # The read made ready for a pause healed the whole word; the pause's suggestion
    # must split it the same way, or it heals again (a decode of a 4B model or more).
    healings = Healings(4)
    kept, last, pieces = [1, 2], [10, 11, 12], [b" an", b" hier", b"ogly"]
    assert healings.split(kept, last, pieces) == 1  # speed not known: the whole word
    healings.remember(Healing((1, 2, 10), b" hierogly", [1, 2, 10, 20], b""))
    healings.decodes.note(2, 0.2)  # then learnt: one token at most
    assert healings.split(kept, last, pieces) == 1
    assert healings.split([3], last, pieces) == 2  # another prompt: the last token only


def test_a_slow_models_healing_never_starts_inside_a_character() -> None:
    pieces = [b"The", b" caf", b"\xc3", b"\xa9"]  # "é" in two byte tokens
    assert healing_split(pieces, b"".join(pieces)) == 1
    assert healing_split(pieces, b"".join(pieces), at_most=1) == 2
