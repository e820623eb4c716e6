"""Recovery copies of unsaved documents, kept in the app's data folder (no Qt).

Each running app owns a session folder, `recovery/<session>/`, locked for as long as it
runs. A document's copy is one file, `<document>.journal`: a JSON line describing it
(the writer's file, its encoding and line endings), then the text as UTF-8. Copies are
written atomically by one background thread, so a kill or power cut leaves either the
previous copy or the new one. A later start finds the sessions whose lock is free (their
app is gone) and offers their documents back.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from writer_app.core.document_io import (
    ENCODING_LABELS,
    NEWLINE_LABELS,
    os_error_reason,
    write_atomically,
)
from writer_app.core.errors import SaveFailedError
from writer_app.core.said import said

log = logging.getLogger(__name__)

SUFFIX = ".journal"
_LOCK_NAME = "session.lock"
_FORMAT_VERSION = 1


@dataclass(frozen=True)
class Snapshot:
    """What one document holds at one moment, as the editor shows it."""

    text: str
    path: str | None  # the writer's file; None for an untitled document
    encoding: str
    newline: str


@dataclass(frozen=True)
class RecoveredDocument:
    """An unsaved document left behind by an app that did not close normally."""

    journal: Path
    snapshot: Snapshot
    written_at: float  # seconds since the epoch

    @property
    def name(self) -> str:
        return Path(self.snapshot.path).name if self.snapshot.path else "Untitled"


def encode_snapshot(snapshot: Snapshot, written_at: float) -> bytes:
    """Lay a snapshot out as a journal file: a JSON header line, then the text."""
    # Lone surrogates can come from pasted text; they are kept, not dropped.
    body = snapshot.text.encode("utf-8", "surrogatepass")
    header = {
        "version": _FORMAT_VERSION, "path": snapshot.path, "encoding": snapshot.encoding,
        "newline": snapshot.newline, "written_at": written_at, "length": len(body),
        "sha256": hashlib.sha256(body).hexdigest(),
    }
    return json.dumps(header).encode("utf-8") + b"\n" + body


def decode_snapshot(data: bytes) -> tuple[Snapshot, float]:
    """Read a journal file; raise ValueError if it is not whole and consistent."""
    header_line, separator, body = data.partition(b"\n")
    if not separator:
        raise ValueError("no header line")
    header = json.loads(header_line)
    if not isinstance(header, dict) or header.get("version") != _FORMAT_VERSION:
        raise ValueError("unknown journal version")
    if header.get("length") != len(body):
        raise ValueError("the text is cut short")
    if header.get("sha256") != hashlib.sha256(body).hexdigest():
        raise ValueError("the text is damaged")
    path = header.get("path")
    encoding = header.get("encoding")
    newline = header.get("newline")
    if (path is not None and not isinstance(path, str)) or encoding not in ENCODING_LABELS \
            or newline not in NEWLINE_LABELS:
        raise ValueError("bad header")
    text = body.decode("utf-8", "surrogatepass")
    return Snapshot(text, path, encoding, newline), float(header.get("written_at", 0))


def find_recoverable(recovery_dir: Path) -> list[RecoveredDocument]:
    """Return the documents of every session whose app is no longer running, newest first.

    A damaged copy is skipped (and logged), never offered as the writer's text.
    """
    found: list[RecoveredDocument] = []
    if not recovery_dir.is_dir():
        return found
    for session in sorted(p for p in recovery_dir.iterdir() if p.is_dir()):
        if _is_running(session):
            continue
        for journal in sorted(session.glob(f"*{SUFFIX}")):
            try:
                snapshot, written_at = decode_snapshot(journal.read_bytes())
            except (OSError, ValueError) as exc:
                log.warning("Skipping unreadable recovery copy %s: %s", journal, exc)
                continue
            found.append(RecoveredDocument(journal, snapshot, written_at))
    found.sort(key=lambda document: document.written_at, reverse=True)
    return found


def discard_recovered(document: RecoveredDocument) -> None:
    """Delete one recovered copy, and its session folder once it is empty."""
    document.journal.unlink(missing_ok=True)
    _remove_if_finished(document.journal.parent)


def _is_running(session: Path) -> bool:
    lock = FileLock(session / _LOCK_NAME)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        return True
    except OSError:
        return False  # a read-only or vanished folder: its app cannot be writing there
    lock.release()
    return False


def _remove_if_finished(session: Path) -> None:
    if session.is_dir() and not any(session.glob(f"*{SUFFIX}")) and not _is_running(session):
        shutil.rmtree(session, ignore_errors=True)


@dataclass
class _Write:
    snapshot: Snapshot


@dataclass
class _Remove:
    pass


class RecoveryJournal:
    """Write this session's recovery copies on a background thread, latest first.

    `record` and `discard` return at once; for each document only the newest request is
    kept, so a discard after a record never leaves a copy behind, and a burst of typing
    costs one write. `on_error` is called on the writer thread with a message for the
    writer when a copy cannot be written (a full disk, say); the previous copy stays.
    """

    def __init__(self, recovery_dir: Path,
                 on_error: Callable[[str], None] | None = None) -> None:
        session = f"{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}"
        self.session_dir = recovery_dir / session
        self.session_dir.mkdir(parents=True, exist_ok=True)
        self._lock = FileLock(self.session_dir / _LOCK_NAME)
        self._lock.acquire(timeout=0)
        self._on_error = on_error
        self._pending: dict[str, _Write | _Remove] = {}
        self._condition = threading.Condition()
        self._busy = False
        self._closed = False
        self.writes = 0  # copies written, for tests and figures
        self._thread = threading.Thread(target=self._run, name="recovery-journal", daemon=True)
        self._thread.start()

    @staticmethod
    def new_document_id() -> str:
        return uuid.uuid4().hex

    def journal_path(self, document_id: str) -> Path:
        return self.session_dir / f"{document_id}{SUFFIX}"

    def record(self, document_id: str, snapshot: Snapshot) -> None:
        """Queue a copy of `snapshot` as the document's recovery copy."""
        self._queue(document_id, _Write(snapshot))

    def discard(self, document_id: str) -> None:
        """Queue removal of the document's copy (it was saved, or the writer dropped it)."""
        self._queue(document_id, _Remove())

    def flush(self, timeout: float = 30.0) -> bool:
        """Wait until every queued write and removal is done; False on timeout."""
        deadline = time.monotonic() + timeout
        with self._condition:
            while self._pending or self._busy:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._condition.wait(left)
        return True

    def close(self) -> None:
        """Finish queued work, stop the thread, and release the session.

        Copies still in the folder (documents the writer neither saved nor discarded)
        stay for the next start to offer.
        """
        self.flush()
        with self._condition:
            self._closed = True
            self._condition.notify_all()
        self._thread.join(timeout=5)
        self._lock.release()
        if not any(self.session_dir.glob(f"*{SUFFIX}")):
            shutil.rmtree(self.session_dir, ignore_errors=True)

    def _queue(self, document_id: str, operation: _Write | _Remove) -> None:
        with self._condition:
            self._pending[document_id] = operation
            self._condition.notify_all()

    def _run(self) -> None:
        while True:
            with self._condition:
                while not self._pending and not self._closed:
                    self._condition.wait()
                if not self._pending:
                    return
                document_id = next(iter(self._pending))
                operation = self._pending.pop(document_id)
                self._busy = True
            try:
                self._apply(document_id, operation)
            finally:
                with self._condition:
                    self._busy = False
                    self._condition.notify_all()

    def _apply(self, document_id: str, operation: _Write | _Remove) -> None:
        path = self.journal_path(document_id)
        if isinstance(operation, _Remove):
            try:
                path.unlink(missing_ok=True)
            except OSError as exc:
                log.warning("Could not remove recovery copy %s: %s", path, exc)
            return
        try:
            write_atomically(path, encode_snapshot(operation.snapshot, time.time()))
        except SaveFailedError as exc:
            cause = exc.__cause__
            reason = os_error_reason(cause) if isinstance(cause, OSError) else str(exc)
            if self._on_error is not None:
                self._on_error(said("Documents", "The recovery copy of your text could not be "
                                                 "written because {reason}. Your text is "
                                                 "still open: save it, or free some "
                                                 "space.").format(reason=reason))
            return
        self.writes += 1
