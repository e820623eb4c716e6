"""Files that are not ordinary prose: damaged UTF-8, stray NULs, one enormous line, and a
file too large to open, in the real window."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from writer_app.core.document_io import (
    MAX_DOCUMENT_BYTES,
    decode_bytes,
    encode_text,
)
from writer_app.core.errors import InvalidEncodingError, NotTextError
from writer_app.ui.editor.ghost_editor import document_text
from writer_app.ui.window.main_window import MainWindow


def type_at_end(qtbot: QtBot, window: MainWindow, text: str) -> None:
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.editor, text)


def test_damaged_utf8_opens_and_keeps_its_bad_bytes(qtbot: QtBot, window: MainWindow,
                                                    tmp_path: Path) -> None:
    data = "Café crème\n".encode() + b"a cut \xe2\x80 sequence and a stray \xff.\n"
    path = tmp_path / "damaged.txt"
    path.write_bytes(data)
    assert window.documents.open_path(path)  # no question: the valid text shows as it is
    assert window.status.format_label.text() == "UTF-8, invalid bytes kept · LF"
    assert window.notice.text() == (
        "“damaged.txt” is UTF-8 with 3 invalid bytes (the first on line 2, column 7). "
        "Each shows as a box and is written back unchanged when you save.")
    assert document_text(window.editor).startswith("Café crème\na cut ")
    type_at_end(qtbot, window, "Fixed later.")
    assert window.documents.save()
    assert path.read_bytes() == data + b"Fixed later."


def test_a_legacy_8bit_file_still_asks(window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes(b"caf\xe9\n")
    asked: list[str] = []
    window.documents.ask_yes_no = lambda title, text: asked.append(text) or False  # type: ignore[method-assign]
    assert not window.documents.open_path(path)
    assert "line 1, column 4" in asked[0]


def test_nul_bytes_in_prose_are_kept(qtbot: QtBot, window: MainWindow,
                                     tmp_path: Path) -> None:
    path = tmp_path / "nul.txt"
    path.write_bytes(b"before\x00after\n")
    assert window.documents.open_path(path)
    type_at_end(qtbot, window, "end")
    assert window.documents.save()
    assert path.read_bytes() == b"before\x00after\nend"


def test_a_file_over_the_limit_is_refused_unread_with_the_limit(
        window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    with path.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: 100 MB that take no disk
    window.editor.setPlainText("my draft")
    started = time.monotonic()
    assert not window.documents.open_path(path)
    assert time.monotonic() - started < 1.0  # refused by its size, not read
    assert window.last_notice == (
        "“dump.txt” cannot be opened: It is 100 MB, and Local Writer opens documents of "
        "up to 16 MB (about 2.5 million words). Split it into smaller files, or open it "
        "in an editor made for large data files.")
    assert document_text(window.editor) == "my draft"


def test_a_device_or_a_pipe_is_refused_without_reading(window: MainWindow,
                                                      tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)  # opening it to read would wait for a writer forever
    for path in (Path("/dev/zero"), pipe):
        assert not window.documents.open_path(path)
        assert window.last_notice == (f"“{path.name}” cannot be opened: It is a device or a "
                                      "pipe, not a file of text.")


def test_a_document_at_the_limit_opens_and_saves_exactly(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    line = "All work and no play makes Jack a dull boy. Ça va.\n"
    text = line * (MAX_DOCUMENT_BYTES // len(line.encode()))
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    assert window.documents.open_path(path)
    type_at_end(qtbot, window, "The end.")
    assert window.documents.save()
    assert path.read_text(encoding="utf-8") == text + "The end."


def test_a_line_of_a_million_characters(qtbot: QtBot, window: MainWindow,
                                        tmp_path: Path) -> None:
    text = "word " * 200_000
    path = tmp_path / "one-line.txt"
    path.write_text(text, encoding="utf-8")
    assert window.documents.open_path(path)
    type_at_end(qtbot, window, "end")
    window.editor.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(window.editor, "Start ")
    assert window.documents.save()
    assert path.read_text(encoding="utf-8") == "Start " + text + "end"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=8).map(str.encode), st.binary(max_size=3)),
                max_size=12))
def test_any_text_like_bytes_decode_and_encode_back_exactly(parts: list[bytes]) -> None:
    data = b"".join(parts).replace(b"\r", b"")
    try:
        loaded = decode_bytes(data)
    except (NotTextError, InvalidEncodingError):
        return
    assert "\ufffd" not in loaded.text or "\ufffd".encode() in data  # nothing replaced
    if loaded.format.newline == "\n":
        assert encode_text(loaded.text, loaded.format) == data


def test_damaged_utf8_with_characters_that_look_like_kept_bytes_is_asked_about() -> None:
    data = "\U0010fe90 is private use".encode() + b" \xff"
    with pytest.raises(InvalidEncodingError, match="line 1, column 21"):
        decode_bytes(data)
