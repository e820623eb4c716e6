"""Tokenizing a prompt by paragraphs gives exactly the tokens of the whole prompt."""

from __future__ import annotations

from pathlib import Path

import llama_cpp
import pytest

from writer_app.engine.process.paragraph_tokens import ParagraphTokenizer, paragraphs

FERRY = Path(__file__).parents[2] / "resources" / "bench" / "the-ferry-at-orrin.txt"


def by_characters(text: str) -> list[int]:
    return [ord(c) for c in text]


def with_a_space_before(text: str) -> list[int]:
    """A tokenizer like Llama 2's, which adds a space before every text it is given."""
    return [ord(" "), *by_characters(text)]


def test_paragraphs_split_where_text_begins_after_a_line_break() -> None:
    assert paragraphs("One.\n\nTwo\n  three\nfour") == ["One.\n\n", "Two\n  three\n", "four"]
    assert paragraphs("no break") == ["no break"]
    assert "".join(paragraphs("a\n\n\nb\n")) == "a\n\n\nb\n"


def test_only_the_paragraph_being_written_is_tokenized_again() -> None:
    seen: list[str] = []

    def counting(text: str) -> list[int]:
        seen.append(text)
        return by_characters(text)

    tokenizer = ParagraphTokenizer(counting)
    text = "First paragraph.\nSecond one.\nThe one being wri"
    assert tokenizer(text) == by_characters(text)
    seen.clear()
    assert tokenizer(text + "tten") == by_characters(text + "tten")
    assert seen == ["The one being written"]


def test_a_tokenizer_that_does_not_split_cleanly_tokenizes_the_whole_text() -> None:
    tokenizer = ParagraphTokenizer(with_a_space_before)
    text = "First.\nSecond."
    assert tokenizer(text) == with_a_space_before(text)  # checked, and found different
    assert not tokenizer.by_paragraphs
    assert tokenizer(text + " More.") == with_a_space_before(text + " More.")


@pytest.fixture(scope="module")
def vocabulary(model_path: Path) -> llama_cpp.Llama:
    return llama_cpp.Llama(model_path=str(model_path), vocab_only=True, verbose=False)


def test_the_embedded_model_gets_the_same_tokens_as_from_the_whole_window(
        vocabulary: llama_cpp.Llama) -> None:
    def tokenize(text: str) -> list[int]:
        return list(vocabulary.tokenize(text.encode(), add_bos=False, special=False))

    tokenizer = ParagraphTokenizer(tokenize)
    text = FERRY.read_text(encoding="utf-8")
    chinese = "他看见了大海。\n她笑了，说：“走吧。”\n\n第二章\n雨下了一整夜。" * 40
    # Windows as the writer types through them: each start and end is arbitrary.
    for start, end in [(0, 6000), (997, 3017), (12_345, 18_001), (20_000, 20_500)]:
        window = text[start:end]
        assert tokenizer(window) == tokenize(window)
        assert tokenizer(window + "xq") == tokenize(window + "xq")
    assert tokenizer(chinese) == tokenize(chinese)
    assert tokenizer.by_paragraphs  # Gemma's tokenizer splits cleanly: the memo is used
