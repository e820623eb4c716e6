"""Read and write text documents: encodings, line endings, atomic saves.

The editor works on text with "\\n" line breaks; the file's encoding, byte-order mark and
line endings are kept in a `TextFormat` so that saving writes the same kind of file back.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import secrets
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from writer_app.core.errors import (
    DocumentTooLargeError,
    InvalidEncodingError,
    NotTextError,
    SaveFailedError,
    UnencodableTextError,
)
from writer_app.core.said import said

# UTF-8 whose invalid bytes are kept: each shows as one private-use character, from
# U+10FE80 (byte 0x80) to U+10FEFF (byte 0xFF), and is written back as that byte.
UTF8_KEEPING_BYTES = "utf-8-keeping-bytes"
_BYTE_MARKS = 0x10FE00
_MARKS_TO_ESCAPES = {_BYTE_MARKS + b: 0xDC00 + b for b in range(0x80, 0x100)}
_ESCAPES_TO_MARKS = {escape: mark for mark, escape in _MARKS_TO_ESCAPES.items()}
_MARK = re.compile("[\U0010fe80-\U0010feff]")
# Any character a valid multi-byte UTF-8 sequence gives (not a byte escaped as U+DC80–FF).
_VALID_NON_ASCII = re.compile("[\u0080-\udc7f\udd00-\U0010ffff]")

# The largest document opened: 16 MiB is about 2.5 million words, and keeps opening
# under half a second and a recovery copy's snapshot under 0.1 s (see the README).
MAX_DOCUMENT_BYTES = 16 * 1024 * 1024

# encoding name -> (Python codec, byte-order mark written at the start of the file)
_ENCODINGS: dict[str, tuple[str, bytes]] = {
    "utf-8": ("utf-8", b""),
    UTF8_KEEPING_BYTES: ("utf-8", b""),
    "utf-8-sig": ("utf-8", b"\xef\xbb\xbf"),
    "utf-16-le": ("utf-16-le", b"\xff\xfe"),
    "utf-16-be": ("utf-16-be", b"\xfe\xff"),
    "cp1252": ("cp1252", b""),
    "latin-1": ("latin-1", b""),
}

ENCODING_LABELS: dict[str, str] = {
    "utf-8": "UTF-8",
    UTF8_KEEPING_BYTES: "UTF-8, invalid bytes kept",
    "utf-8-sig": "UTF-8 with BOM",
    "utf-16-le": "UTF-16 LE",
    "utf-16-be": "UTF-16 BE",
    "cp1252": "Windows-1252",
    "latin-1": "Latin-1",
}

NEWLINE_LABELS: dict[str, str] = {"\n": "LF", "\r\n": "CRLF", "\r": "CR"}

# Control bytes that never appear in real prose files; their presence means binary data.
_BINARY_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\x0b\x0c\x1b")
_SNIFF_BYTES = 64 * 1024


@dataclass(frozen=True)
class TextFormat:
    """How a document's text is stored on disk."""

    encoding: str = "utf-8"
    newline: str = "\r\n" if sys.platform == "win32" else "\n"

    @property
    def label(self) -> str:
        """Return a short description for the status bar, such as "UTF-8 · LF"."""
        return f"{ENCODING_LABELS[self.encoding]} · {NEWLINE_LABELS[self.newline]}"


@dataclass(frozen=True)
class LoadedDocument:
    """A document's text (with "\\n" line breaks) and the format it was read in."""

    text: str
    format: TextFormat


def detect_newline(text: str) -> str:
    """Return the line ending used most in `text`; "\\n" when there is none."""
    crlf = text.count("\r\n")
    lone_cr = text.count("\r") - crlf
    lone_lf = text.count("\n") - crlf
    if crlf == lone_cr == lone_lf == 0:
        return TextFormat().newline
    counts = {"\r\n": crlf, "\n": lone_lf, "\r": lone_cr}
    return max(counts, key=lambda key: counts[key])


def normalize_newlines(text: str) -> str:
    """Turn every line ending into "\\n"."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _line_and_column(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


def decode_bytes(data: bytes, fallback_encoding: str | None = None) -> LoadedDocument:
    """Decode a file's bytes, detecting its encoding from a byte-order mark or UTF-8.

    Raise NotTextError for binary data and InvalidEncodingError for bytes that are not
    valid UTF-8, unless `fallback_encoding` (a legacy 8-bit encoding the writer chose)
    is given, in which case the file is read in that encoding instead.
    """
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise NotTextError(said("Documents", "This file is encoded as UTF-32, which Local Writer "
                                          "cannot open."))
    if data.startswith(b"\xff\xfe"):
        encoding = "utf-16-le"
    elif data.startswith(b"\xfe\xff"):
        encoding = "utf-16-be"
    elif data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    else:
        encoding = "utf-8"
        sniff = data[:_SNIFF_BYTES]
        # A stray NUL or control byte in prose is kept; many of them mean binary data.
        if sum(sniff.count(b) for b in _BINARY_BYTES) > max(2, len(sniff) // 100):
            raise NotTextError(said("Documents", "This file holds binary data, not text."))
    codec, bom = _ENCODINGS[encoding]
    body = data[len(bom) :]
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as exc:
        if fallback_encoding is not None and not encoding.startswith("utf-16"):
            return decode_legacy(data, fallback_encoding)
        if encoding == "utf-8" and _is_damaged_utf8(body):
            return _decode_keeping_bytes(body)
        line, column = _line_and_column(body, exc.start)
        raise InvalidEncodingError(
            said("Documents", "This file is not valid {encoding}: the byte at line {line}, "
                              "column {column} cannot be read.").format(
                encoding=ENCODING_LABELS[encoding], line=line, column=column),
            offset=exc.start + len(bom),
        ) from exc
    return LoadedDocument(normalize_newlines(text), TextFormat(encoding, detect_newline(text)))


def _is_damaged_utf8(body: bytes) -> bool:
    """Tell UTF-8 with some bad bytes (it also holds valid multi-byte characters) from a
    legacy 8-bit file (its high bytes are all invalid as UTF-8), which the writer is
    asked about instead."""
    text = body.decode("utf-8", "surrogateescape")
    if _MARK.search(text):
        return False  # the marks would be ambiguous
    return _VALID_NON_ASCII.search(text) is not None


def _decode_keeping_bytes(body: bytes) -> LoadedDocument:
    text = body.decode("utf-8", "surrogateescape").translate(_ESCAPES_TO_MARKS)
    return LoadedDocument(normalize_newlines(text),
                          TextFormat(UTF8_KEEPING_BYTES, detect_newline(text)))


def kept_bytes(text: str) -> tuple[int, int, int]:
    """Return how many invalid bytes a document keeps, and the line and column of the first."""
    first = _MARK.search(text)
    if first is None:
        return 0, 0, 0
    at = first.start()
    line_start = text.rfind("\n", 0, at) + 1
    return len(_MARK.findall(text)), text.count("\n", 0, at) + 1, at - line_start + 1


def decode_legacy(data: bytes, encoding: str) -> LoadedDocument:
    """Decode bytes in a legacy 8-bit encoding, falling back to Latin-1 where it fails.

    Both encodings map each byte to one character and back, so a file opened this way is
    saved byte for byte as it was, apart from the writer's edits.
    """
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        encoding = "latin-1"
        text = data.decode(encoding)
    return LoadedDocument(normalize_newlines(text), TextFormat(encoding, detect_newline(text)))


def encode_text(text: str, text_format: TextFormat) -> bytes:
    """Encode editor text ("\\n" line breaks) in the document's format.

    Raise UnencodableTextError, naming the first offending character, when the encoding
    cannot store the text: the writer decides what to do, nothing is replaced silently.
    """
    codec, bom = _ENCODINGS[text_format.encoding]
    stored = text.replace("\n", text_format.newline) if text_format.newline != "\n" else text
    errors = "strict"
    if text_format.encoding == UTF8_KEEPING_BYTES:
        stored, errors = stored.translate(_MARKS_TO_ESCAPES), "surrogateescape"
    try:
        return bom + stored.encode(codec, errors)
    except UnicodeEncodeError as exc:
        character = exc.object[exc.start]
        line = stored.count(text_format.newline, 0, exc.start) + 1
        raise UnencodableTextError(
            said("Documents", "The character “{character}” (U+{code}) on line {line} cannot "
                              "be stored in {encoding}.").format(
                character=character, code=f"{ord(character):04X}", line=line,
                encoding=ENCODING_LABELS[text_format.encoding])
        ) from exc


def read_document(path: Path, fallback_encoding: str | None = None) -> LoadedDocument:
    """Read and decode the document at `path`; refuse one over MAX_DOCUMENT_BYTES unread."""
    status = path.stat()
    if not stat.S_ISREG(status.st_mode):
        # A device or a pipe may never end (/dev/zero) or never start (a FIFO).
        raise NotTextError(said("Documents", "It is a device or a pipe, not a file of text."))
    size = status.st_size
    if size > MAX_DOCUMENT_BYTES:
        raise DocumentTooLargeError(
            said("Documents", "It is {size} MB, and Local Writer opens documents of up to "
                              "{limit} MB (about 2.5 million words). Split it into smaller "
                              "files, or open it in an editor made for large data "
                              "files.").format(size=f"{size / 1024 / 1024:,.0f}",
                                               limit=MAX_DOCUMENT_BYTES // 1024 // 1024))
    return decode_bytes(path.read_bytes(), fallback_encoding)


def os_error_reason(exc: OSError) -> str:
    """Say in words why a write failed, as the end of a sentence ("the disk is full")."""
    reasons = {
        errno.ENOSPC: said("Documents", "the disk is full"),
        errno.EDQUOT: said("Documents", "the disk quota is used up"),
        errno.EACCES: said("Documents", "you do not have permission to write there"),
        errno.EPERM: said("Documents", "you do not have permission to write there"),
        errno.EROFS: said("Documents", "the disk is read-only"),
        errno.ENOENT: said("Documents", "the folder no longer exists"),
    }
    return reasons.get(exc.errno or 0, exc.strerror or str(exc))


def _save_error_message(path: Path, exc: OSError) -> str:
    return said("Documents", "Could not save “{name}” because {reason}. The file on disk was "
                             "not changed and your text is still open: free some space or "
                             "choose Save As to save it somewhere else.").format(
        name=path.name, reason=os_error_reason(exc))


def _create_temporary(target: Path, mode: int) -> tuple[int, str]:
    """Create a new, unique file beside `target` with `mode` (less the umask)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        name = str(target.parent / f".{target.name}.{secrets.token_hex(4)}.saving")
        try:
            return os.open(name, flags, mode), name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(target.parent))


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that the file is either the old or the new version.

    The bytes go to a temporary file in the same folder, are flushed to disk, then
    replace the original in one rename. A symbolic link is followed, so the link stays.
    Raise SaveFailedError, leaving the original untouched, when anything fails.
    """
    target = path.resolve() if path.is_symlink() else path
    try:
        mode: int | None = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        # A new file gets what the process's umask allows, applied by the system as the
        # file is created (reading the umask means setting it, process-wide, under the
        # feet of other threads that create files).
        mode = None
    except OSError as exc:
        raise SaveFailedError(_save_error_message(path, exc)) from exc
    temp_name: str | None = None
    try:
        fd, temp_name = _create_temporary(target, 0o666 if mode is None else 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temp_name, mode)
        os.replace(temp_name, target)
        temp_name = None
        _sync_folder(target.parent)
    except OSError as exc:
        raise SaveFailedError(_save_error_message(path, exc)) from exc
    finally:
        if temp_name is not None:
            try:
                os.unlink(temp_name)
            except OSError:
                pass


def _sync_folder(folder: Path) -> None:
    """Flush the folder entry so the rename survives a power cut (POSIX only)."""
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def backup_path(path: Path, backups_dir: Path) -> Path:
    """Return where the previous version of `path` is kept: its name, a short hash of its
    folder (two "notes.md" in different folders keep apart), and its extension."""
    folder = hashlib.sha256(str(path.resolve().parent).encode("utf-8", "surrogatepass"))
    return backups_dir / f"{path.stem} ({folder.hexdigest()[:8]}){path.suffix}"


def keep_previous_version(path: Path, backup: Path) -> bool:
    """Keep the file at `path` as `backup` before a save replaces it.

    A hard link costs nothing and, since saving renames a new file over the old name,
    keeps the old bytes; across disks the bytes are copied. Return False when there was
    no file to keep; raise SaveFailedError when it could not be kept.
    """
    if not path.is_file():
        return False
    source = path.resolve()
    backup.parent.mkdir(parents=True, exist_ok=True)
    linked = backup.with_name(f".{backup.name}.linking")
    try:
        linked.unlink(missing_ok=True)
        os.link(source, linked)
        os.replace(linked, backup)
    except OSError:
        linked.unlink(missing_ok=True)
        try:
            data = source.read_bytes()
        except OSError as exc:
            raise SaveFailedError(_save_error_message(backup, exc)) from exc
        write_atomically(backup, data)
    return True


def save_document(path: Path, text: str, text_format: TextFormat) -> None:
    """Encode and atomically write a document."""
    write_atomically(path, encode_text(text, text_format))
