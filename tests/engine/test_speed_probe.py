"""The speed probe: a model timed on this computer through its own engine process."""

from __future__ import annotations

from pathlib import Path

import pytest

from writer_app.core.model_speeds import SuggestionFeel, suggestion_feel
from writer_app.core.text_counts import count_text
from writer_app.engine.client.speed_probe import (
    FIRST_WORDS,
    probe_speed,
    to_sentence_end,
    words_prefix,
)
from writer_app.resources import resource_path

ENGLISH = resource_path("bench", "the-ferry-at-orrin.txt")
CHINESE = resource_path("probe", "zh.txt")


def test_a_prefix_of_words_counts_chinese_characters_and_spaced_words():
    assert words_prefix("one two three four", 2) == "one two"
    assert words_prefix("渡口的灯在雾里亮了", 3) == "渡口的"
    assert count_text(words_prefix(CHINESE.read_text(encoding="utf-8"), FIRST_WORDS)).words \
        == FIRST_WORDS


def test_the_prompt_ends_at_a_sentence_end_where_one_is_near():
    assert to_sentence_end("He came. She went. And th") == "He came. She went."
    assert to_sentence_end("她来了。他走了。我") == "她来了。他走了。"
    assert to_sentence_end("No end here at all") == "No end here at all"


def test_a_short_passage_is_refused_before_anything_loads(tmp_path: Path):
    with pytest.raises(ValueError, match="at least"):
        probe_speed(tmp_path / "nothing.gguf", tmp_path, "Too short.")


@pytest.mark.model
@pytest.mark.parametrize("text_path", [ENGLISH, CHINESE], ids=["english", "chinese"])
def test_the_embedded_model_is_timed_in_the_texts_words(
        model_path: Path, tmp_path: Path, text_path: Path):
    speed = probe_speed(model_path, tmp_path, text_path.read_text(encoding="utf-8"))
    # How fast is the machine's business (a busy one reads slower than it writes, even):
    # what is checked is that both were timed, and counted in the text's words.
    assert speed.prompt_tokens_per_s > 0
    assert speed.decode_tokens_per_s > 0
    assert speed.load_s > 0
    assert " · CPU" in speed.computer
    if text_path is CHINESE:
        # Gemma writes a Chinese character in a token or so.
        assert speed.in_characters
        assert 0.5 < speed.words_per_token < 2.0
    else:
        # And an English word in about one and a third.
        assert not speed.in_characters
        assert 0.5 < speed.words_per_token < 1.0
    assert suggestion_feel(speed)[0] in SuggestionFeel


@pytest.mark.model
def test_a_file_that_is_no_model_is_refused_with_the_reason(tmp_path: Path):
    broken = tmp_path / "broken.gguf"
    broken.write_bytes(b"GGUF" + b"\0" * 64)
    from writer_app.engine.client.blocking_engine import EngineError

    with pytest.raises(EngineError):
        probe_speed(broken, tmp_path, ENGLISH.read_text(encoding="utf-8"))
