from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from writer_app.core.utf16_positions import index_at, position_at


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
