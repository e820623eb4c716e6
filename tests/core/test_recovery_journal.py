from __future__ import annotations

import errno
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from writer_app.core import document_io
from writer_app.core.recovery_journal import (
    RecoveryJournal,
    Snapshot,
    decode_snapshot,
    discard_recovered,
    encode_snapshot,
    find_recoverable,
)
from writer_app.core.text_diff import describe_difference

TEXT = "Chapter One\n\nIt was a bright cold day in April, and the clocks were striking."


def snapshot(text: str = TEXT, path: str | None = "/home/writer/novel.md") -> Snapshot:
    return Snapshot(text, path, "utf-8", "\n")


def test_a_journal_file_round_trips_any_text() -> None:
    for text in ("", TEXT, "naïve café — “quotes”", "a\x00b", "lone \udc80 surrogate",
                 "\U0010fe80 escaped byte"):
        data = encode_snapshot(snapshot(text), 1234.5)
        assert decode_snapshot(data) == (snapshot(text), 1234.5)


@pytest.mark.parametrize(("damage", "reason"), [
    ("cut", "cut short"), ("flip", "damaged"), ("header", "Expecting")])
def test_a_damaged_journal_file_is_refused(damage: str, reason: str) -> None:
    data = bytearray(encode_snapshot(snapshot(), 1.0))
    if damage == "cut":
        data = data[:-5]
    elif damage == "flip":
        data[-3] ^= 0x20
    else:
        data[0:1] = b"["
    with pytest.raises(ValueError, match=reason):
        decode_snapshot(bytes(data))


def test_a_copy_is_offered_only_once_its_app_is_gone(tmp_path: Path) -> None:
    journal = RecoveryJournal(tmp_path)
    document = journal.new_document_id()
    journal.record(document, snapshot())
    assert journal.flush()
    assert journal.journal_path(document).exists()
    # While this app runs, another start must not take its documents.
    assert find_recoverable(tmp_path) == []
    journal._lock.release()  # as a kill would: the lock goes with the process
    found = find_recoverable(tmp_path)
    assert [f.snapshot for f in found] == [snapshot()]
    assert found[0].name == "novel.md"
    discard_recovered(found[0])
    assert find_recoverable(tmp_path) == []
    assert not journal.session_dir.exists()


def test_discard_after_record_leaves_nothing_and_the_newest_copy_wins(tmp_path: Path) -> None:
    journal = RecoveryJournal(tmp_path)
    kept, dropped = journal.new_document_id(), journal.new_document_id()
    for n in range(50):
        journal.record(kept, snapshot(f"{TEXT} {n}"))
        journal.record(dropped, snapshot("scratch", None))
    journal.discard(dropped)
    journal.close()
    found = find_recoverable(tmp_path)
    assert [f.snapshot.text for f in found] == [f"{TEXT} 49"]


def test_a_closed_session_with_no_copies_leaves_no_folder(tmp_path: Path) -> None:
    journal = RecoveryJournal(tmp_path)
    document = journal.new_document_id()
    journal.record(document, snapshot())
    journal.discard(document)
    journal.close()
    assert list(tmp_path.iterdir()) == []


def test_a_killed_app_leaves_its_copies_for_the_next_start(tmp_path: Path) -> None:
    script = textwrap.dedent(f"""
        import os, signal
        from pathlib import Path
        from writer_app.core.recovery_journal import RecoveryJournal, Snapshot
        journal = RecoveryJournal(Path({str(tmp_path)!r}))
        journal.record("doc", Snapshot({TEXT!r}, None, "utf-8", "\\n"))
        journal.flush()
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    result = subprocess.run([sys.executable, "-c", script], timeout=60, check=False)
    assert result.returncode == -9
    found = find_recoverable(tmp_path)
    assert [(f.snapshot.text, f.snapshot.path, f.name) for f in found] == [
        (TEXT, None, "Untitled")]


def test_a_damaged_copy_is_skipped_not_offered(tmp_path: Path) -> None:
    session = tmp_path / "old-session"
    session.mkdir()
    (session / "a.journal").write_bytes(encode_snapshot(snapshot(), 2.0)[:-1])
    (session / "b.journal").write_bytes(encode_snapshot(snapshot("fine"), 1.0))
    assert [f.snapshot.text for f in find_recoverable(tmp_path)] == ["fine"]


def test_a_full_disk_reports_and_keeps_the_previous_copy(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    errors: list[str] = []
    journal = RecoveryJournal(tmp_path, on_error=errors.append)
    journal.record("doc", snapshot("first"))
    assert journal.flush()

    def full(path: Path, data: bytes) -> None:
        raise document_io.SaveFailedError("full") from OSError(errno.ENOSPC, "No space")

    monkeypatch.setattr("writer_app.core.recovery_journal.write_atomically", full)
    journal.record("doc", snapshot("second"))
    assert journal.flush()
    assert errors == ["The recovery copy of your text could not be written because the "
                      "disk is full. Your text is still open: save it, or free some space."]
    assert decode_snapshot(journal.journal_path("doc").read_bytes())[0].text == "first"


def test_the_difference_names_what_changed() -> None:
    assert describe_difference(TEXT, TEXT).summary == "Identical to the file on disk."
    new = TEXT.replace("April", "May") + "\nA new line."
    difference = describe_difference(TEXT, new)
    assert difference.summary == ("Differs from the file on disk: 2 lines added or changed, "
                                  "1 line removed or changed.")
    assert "- It was a bright cold day in April, and the clocks were striking." in \
        difference.lines
    assert "+ A new line." in difference.lines
    untitled = describe_difference(None, "two words")
    assert untitled.summary == "Never saved: 2 words, 9 characters."
    huge = describe_difference("a\n" * 30_000, "b\n" * 30_000)
    assert huge.lines == ()
    assert "60,000 characters here" in huge.summary
