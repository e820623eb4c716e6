from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from writer_app.core import document_io
from writer_app.core.document_io import (
    TextFormat,
    decode_bytes,
    encode_text,
    read_document,
    save_document,
    write_atomically,
)
from writer_app.core.errors import (
    InvalidEncodingError,
    NotTextError,
    SaveFailedError,
    UnencodableTextError,
)

SAMPLES = {
    "utf-8": "Café au lait — “quoted” naïve\u00a0text 😀\n",
    "utf-8-sig": "With a BOM: Ærø\n",
    "utf-16-le": "UTF-16 little endian: ĉu vi? 漢字\n",
    "utf-16-be": "UTF-16 big endian: ĉu vi? 漢字\n",
}


@pytest.mark.parametrize("encoding", sorted(SAMPLES))
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_round_trip_keeps_every_byte(tmp_path: Path, encoding: str, newline: str) -> None:
    text = SAMPLES[encoding] + "second line\n\nlast line without break"
    original = encode_text(text, TextFormat(encoding, newline))
    path = tmp_path / "doc.txt"
    path.write_bytes(original)

    loaded = read_document(path)

    assert loaded.text == text
    assert loaded.format == TextFormat(encoding, newline)
    save_document(path, loaded.text, loaded.format)
    assert path.read_bytes() == original


def test_boms_are_detected() -> None:
    assert decode_bytes(b"\xef\xbb\xbfhi").format.encoding == "utf-8-sig"
    assert decode_bytes(b"\xff\xfe" + "hi".encode("utf-16-le")).text == "hi"
    assert decode_bytes(b"\xfe\xff" + "hi".encode("utf-16-be")).format.encoding == "utf-16-be"


def test_majority_line_ending_wins_and_text_uses_lf() -> None:
    loaded = decode_bytes(b"a\r\nb\r\nc\nd")
    assert loaded.text == "a\nb\nc\nd"
    assert loaded.format.newline == "\r\n"


def test_binary_data_is_refused() -> None:
    with pytest.raises(NotTextError):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(NotTextError):
        decode_bytes(bytes(range(256)) * 10)


def test_utf32_is_refused_with_a_reason() -> None:
    with pytest.raises(NotTextError, match="UTF-32"):
        decode_bytes(b"\xff\xfe\x00\x00h\x00\x00\x00")


def test_invalid_utf8_names_the_place() -> None:
    with pytest.raises(InvalidEncodingError, match="line 2, column 4") as caught:
        decode_bytes(b"fine\nabc\xe9def")
    assert caught.value.offset == 8


@pytest.mark.parametrize(
    ("data", "encoding"),
    [(b"caf\xe9 \x93quoted\x94\n", "cp1252"), (b"undefined in cp1252: \x81\x8d\n", "latin-1")],
)
def test_legacy_fallback_round_trips_bytes(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes(data)
    loaded = read_document(path, fallback_encoding="cp1252")
    assert loaded.format.encoding == encoding
    save_document(path, loaded.text, loaded.format)
    assert path.read_bytes() == data


def test_unencodable_text_is_never_replaced_silently() -> None:
    with pytest.raises(UnencodableTextError, match=r"U\+6F22\) on line 2"):
        encode_text("ok\n漢", TextFormat("cp1252", "\n"))


def test_atomic_save_replaces_and_keeps_permissions(tmp_path: Path) -> None:
    path = tmp_path / "doc.md"
    path.write_text("old")
    path.chmod(0o640)
    write_atomically(path, b"new")
    assert path.read_bytes() == b"new"
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["doc.md"]


def test_atomic_save_follows_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_atomically(link, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"


@pytest.mark.parametrize(
    ("error", "words"),
    [(errno.ENOSPC, "the disk is full"), (errno.EACCES, "permission")],
)
def test_failed_save_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         error: int, words: str) -> None:
    path = tmp_path / "doc.md"
    path.write_bytes(b"the old version")
    real_fsync = os.fsync

    def failing_fsync(fd: int) -> None:
        real_fsync(fd)
        raise OSError(error, os.strerror(error))

    monkeypatch.setattr(document_io.os, "fsync", failing_fsync)
    with pytest.raises(SaveFailedError, match=words):
        write_atomically(path, b"the new version")
    assert path.read_bytes() == b"the old version"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.md"]


def test_save_into_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    with pytest.raises(SaveFailedError, match="Save As"):
        write_atomically(tmp_path / "gone" / "doc.md", b"x")


def test_a_new_file_gets_the_umask_without_touching_it(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading the umask means setting it, for the whole process: another thread creating
    a file meanwhile would get mode 0o666. The save never does."""
    umask = os.umask(0o027)
    try:
        def no_umask(_mask: int) -> int:
            raise AssertionError("os.umask called while saving")

        monkeypatch.setattr(os, "umask", no_umask)
        path = tmp_path / "new.md"
        write_atomically(path, b"text")
        monkeypatch.undo()
    finally:
        os.umask(umask)
    assert path.read_bytes() == b"text"
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["new.md"]
