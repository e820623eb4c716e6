"""The prose rules in scripts other than English: sentences and clauses of Chinese and
Japanese, words of scripts without spaces (by Unicode's word boundaries, with ICU's
dictionaries), no spaces where the script has none, and scripts written with spaces
(Korean, Russian, Arabic) as before."""

from __future__ import annotations

import pytest

from writer_app.core import word_breaks
from writer_app.core.prose import (
    SuggestionLength,
    count_words,
    is_inside_word,
    next_word,
    shape_suggestion,
)

S = SuggestionLength
ZH = "老灯塔守护人爬上台阶，"


def shape(raw: str, before: str = ZH, length: S = S.SENTENCE, after: str = "",
          finished: bool = False) -> tuple[str, bool]:
    shaped = shape_suggestion(raw, before, after, length, finished)
    return shaped.text, shaped.complete


def pieces(text: str) -> list[str]:
    return [text[s.start:s.end] for s in word_breaks.segments(text)]


# --- where words are ---------------------------------------------------------------

def test_icu_is_found_here() -> None:
    # Linux systems and Qt's wheels carry ICU; without it Chinese words are single
    # characters, which the rest of these tests would not accept.
    assert word_breaks.backend().startswith("ICU ")


@pytest.mark.parametrize(("text", "expected"), [
    ("老灯塔守护人爬上台阶，", ["老", "灯塔", "守", "护", "人", "爬上", "台阶", "，"]),
    ("灯台守の老人は階段を上った。",
     ["灯台守", "の", "老人", "は", "階段", "を", "上", "っ", "た", "。"]),
    ("ผู้ดูแลประภาคาร", ["ผู้", "ดูแล", "ประภาคาร"]),
    ("등대지기는 계단을", ["등대지기는", " ", "계단을"]),
    ("don't stop 3.5", ["don't", " ", "stop", " ", "3.5"]),
    ("灯塔😀守护", ["灯塔", "😀", "守", "护"]),  # offsets stay right after an astral character
])
def test_segments_follow_word_boundaries(text: str, expected: list[str]) -> None:
    assert pieces(text) == expected


def test_without_icu_each_ideograph_is_a_word(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(word_breaks, "_loaded", None)
    assert word_breaks.backend() == "simple"
    assert pieces("灯塔，カタカナ don't") == ["灯", "塔", "，", "カタカナ", " ", "don't"]
    assert next_word("灯塔守护人") == "灯"
    assert shape("他看见了大海。老人") == ("他看见了大海。", True)


# --- sentences and clauses -------------------------------------------------------------

def test_a_chinese_sentence_ends_at_the_full_stop_without_a_space() -> None:
    assert shape("他看见了大海。老灯塔的守护人，慢慢地走下来") == ("他看见了大海。", True)


def test_a_sentence_end_waits_for_a_closing_quote() -> None:
    assert shape("他说：「好。") == ("他说：「好。", False)
    assert shape("他说：「好。」然后") == ("他说：「好。」", True)
    assert shape("他说：“好！”然后") == ("他说：“好！”", True)


@pytest.mark.parametrize("mark", ["！", "？", "‼", "⁇", "？！"])
def test_other_full_width_marks_end_a_sentence(mark: str) -> None:
    assert shape(f"他看见了大海{mark}老人") == (f"他看见了大海{mark}", True)


def test_an_ellipsis_ends_a_chinese_sentence_but_not_an_opening_one() -> None:
    assert shape("他看见了大海……老人") == ("他看见了大海……", True)
    assert shape("……他走了。然后") == ("……他走了。", True)


def test_a_japanese_sentence_ends_at_the_full_stop() -> None:
    before = "灯台守の老人は階段を上った。"
    assert shape("海が見えた。風が", before) == ("海が見えた。", True)


def test_a_long_chinese_sentence_stops_at_a_clause_mark() -> None:
    raw = "他慢慢地转过身来，望着远处那片被夕阳染红的海面，心里想着"
    assert shape(raw) == ("他慢慢地转过身来，望着远处那片被夕阳染红的海面，", True)


@pytest.mark.parametrize("mark", ["，", "、", "；", "："])
def test_few_words_mode_stops_at_a_chinese_clause_mark(mark: str) -> None:
    assert shape(f"他{mark}海上有船", length=S.WORDS) == (f"他{mark}", True)


def test_few_words_mode_takes_a_few_words_not_a_clause() -> None:
    text, complete = shape("他看见远处的大海上有一条船", length=S.WORDS)
    assert (text, complete) == ("他看见远处的", True)  # 他 看见 远处 的
    assert shape("他看见远处", length=S.WORDS) == ("他看见远处", False)  # may grow


def test_paragraph_mode_runs_to_the_line_break_in_chinese() -> None:
    assert shape("他看见了大海。海很蓝。\n第二天", length=S.PARAGRAPH) == (
        "他看见了大海。海很蓝。", True)


# --- spaces ---------------------------------------------------------------------------

def test_no_space_between_chinese_text_and_the_suggestion() -> None:
    assert shape(" 他看见了大海。", finished=True) == ("他看见了大海。", True)
    assert shape(" 海", before="老灯塔守护人看见了大", finished=True)[0] == "海"


def test_no_space_between_chinese_words_of_a_suggestion() -> None:
    assert shape("他 看见 了 大海 。", finished=True)[0] == "他看见了大海。"


def test_spaces_around_latin_words_in_chinese_are_the_writers_choice() -> None:
    assert shape("用 GPT 写作。", finished=True)[0] == "用 GPT 写作。"


def test_korean_keeps_its_spaces() -> None:
    before = "등대지기는 계단을"
    assert shape(" 올라갔다. 바다가", before) == (" 올라갔다.", True)


def test_russian_and_arabic_shape_as_spaced_scripts() -> None:
    assert shape(" поднялся по лестнице. Потом", "Старик") == (" поднялся по лестнице.", True)
    assert shape(" صعد الدرج. ثم", "الرجل العجوز") == (" صعد الدرج.", True)


# --- a word at a time -------------------------------------------------------------

@pytest.mark.parametrize(("suggestion", "word"), [
    ("灯塔守护人", "灯塔"),
    ("大海。他看见", "大海。"),
    ("「你好」他说", "「你好」"),
    ("灯台守の老人", "灯台守"),
    ("ผู้ดูแลประภาคาร", "ผู้"),
    ("用GPT写作", "用"),
    ("GPT写作", "GPT"),
    (" well-known author", " well-known"),
    (" mat. Then", " mat."),
    (" 계단을 올라갔다", " 계단을"),
    (" الدرج. ثم", " الدرج."),
])
def test_next_word_takes_one_word_in_every_script(suggestion: str, word: str) -> None:
    assert next_word(suggestion) == word


def test_ctrl_right_walks_a_chinese_suggestion_word_by_word() -> None:
    suggestion, taken = "他看见了大海。老灯塔的守护人，", []
    while suggestion:
        word = next_word(suggestion)
        taken.append(word)
        suggestion = suggestion[len(word):]
    assert taken == ["他", "看见", "了", "大海。", "老", "灯塔", "的", "守", "护", "人，"]


@pytest.mark.parametrize(("before", "after", "inside"), [
    ("老灯", "塔守", True),
    ("老灯塔", "守护", False),
    ("用", "GPT", False),
    ("kit", "chen", True),
    ("ประภา", "คาร", True),
    ("ผู้ดูแล", "ประภาคาร", False),
])
def test_the_mid_word_rule_follows_word_boundaries(before: str, after: str,
                                                   inside: bool) -> None:
    assert is_inside_word(before, after) is inside


def test_count_words_by_boundaries() -> None:
    assert count_words("老灯塔守护人") == 5  # 老 灯塔 守 护 人
    assert count_words("don't stop, well-known") == 4


def test_extension_h_ideographs_are_written_without_spaces(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # CJK Unified Ideographs Extension H (Unicode 15: U+31350–U+323AF), after 𰀀 (G).
    assert word_breaks.is_unspaced("\U00031350")
    assert word_breaks.is_unspaced("\U000323af")
    monkeypatch.setattr(word_breaks, "_loaded", None)
    assert pieces("\U00031350\U00031351 x") == ["\U00031350", "\U00031351", " ", "x"]


def test_an_ellipsis_ends_a_sentence_before_an_extension_b_character() -> None:
    # 𠀀 (U+20000) and 𪚥 are Han ideographs like 老: one list of them for every rule.
    assert shape("他看见了大海……\U00020000人") == ("他看见了大海……", True)
    assert shape("他看见了大海……\U0002a6a5") == ("他看见了大海……", True)
