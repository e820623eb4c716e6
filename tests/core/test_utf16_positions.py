from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from writer_app.core.utf16_positions import Utf16Text, index_at, position_at


def test_astral_characters_take_two_positions() -> None:
    text = "a😀b𝄞c"
    assert [position_at(text, i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 6, 7]
    assert [index_at(text, p) for p in (0, 1, 3, 4, 6, 7)] == [0, 1, 2, 3, 4, 5]


@given(st.text(), st.data())
def test_positions_and_indices_agree_with_utf16(text: str, data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(text)))
    position = len(text[:index].encode("utf-16-le")) // 2
    assert position_at(text, index) == position
    assert index_at(text, position) == index


@given(st.text(), st.data())
def test_a_utf16_text_converts_as_the_functions_do(text: str, data: st.DataObject) -> None:
    converted = Utf16Text(text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert converted.length == len(text.encode("utf-16-le", "surrogatepass")) // 2
    assert converted.position(start) == position_at(text, start)
    position = data.draw(st.integers(0, converted.length))
    assert converted.index(position) == index_at(text, position)
    qt_start, qt_length = converted.span(start, end)
    units = text.encode("utf-16-le", "surrogatepass")
    assert units[2 * qt_start:2 * (qt_start + qt_length)].decode(
        "utf-16-le", "surrogatepass") == text[start:end]


def test_a_position_inside_an_astral_character_is_that_character() -> None:
    converted = Utf16Text("a😀b")
    assert [converted.index(p) for p in range(5)] == [0, 1, 1, 2, 3]
    assert index_at("a😀b", 2) == 1
