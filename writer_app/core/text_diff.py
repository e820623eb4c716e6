"""Describe how two versions of a document differ, for the writer to decide between them."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import Enum

from writer_app.core.text_counts import count_text

# difflib is quadratic on some inputs: beyond this many lines the summary stands alone.
MAX_DIFF_LINES = 20_000
MAX_SHOWN_LINES = 400


class DifferenceKind(Enum):
    NEVER_SAVED = "never saved"
    IDENTICAL = "identical"
    TOO_LONG = "too long to compare"
    CHANGED = "changed"


@dataclass(frozen=True)
class TextDifference:
    """A summary line and the changed lines ("+ …" added, "- …" removed, "@@" between)."""

    summary: str
    lines: tuple[str, ...]
    kind: DifferenceKind = DifferenceKind.CHANGED
    # NEVER_SAVED: words (counted as the status bar counts), characters; TOO_LONG:
    # characters here, on disk; CHANGED: lines added or changed, removed or changed. The
    # UI says them in the writer's language; `summary` says them in English (for the
    # command line and logs).
    figures: tuple[int, ...] = ()
    # NEVER_SAVED: the text is mostly Chinese or Japanese, whose writers call the count
    # characters (字), as the status bar does.
    counted_in_characters: bool = False


def _count(number: int, word: str) -> str:
    return f"{number:,} {word}{'' if number == 1 else 's'}"


def describe_difference(old: str | None, new: str) -> TextDifference:
    """Compare `new` (the recovered text) with `old` (the file on disk; None: none)."""
    if old is None:
        # Each Chinese character a word, as word processors count: str.split() found
        # one word in a page of Chinese.
        counts = count_text(new)
        return TextDifference(
            f"Never saved: {_count(counts.words, 'word')}, "
            f"{_count(len(new), 'character')}.",
            tuple(f"+ {line}" for line in new.split("\n")[:MAX_SHOWN_LINES]),
            DifferenceKind.NEVER_SAVED, (counts.words, len(new)),
            counted_in_characters=counts.prefers_characters)
    if old == new:
        return TextDifference("Identical to the file on disk.", (), DifferenceKind.IDENTICAL)
    old_lines = old.split("\n")
    new_lines = new.split("\n")
    if max(len(old_lines), len(new_lines)) > MAX_DIFF_LINES:
        return TextDifference(
            f"Differs from the file on disk: {_count(len(new), 'character')} here, "
            f"{_count(len(old), 'character')} on disk.", (), DifferenceKind.TOO_LONG,
            (len(new), len(old)))
    added = removed = 0
    shown: list[str] = []
    for line in difflib.unified_diff(old_lines, new_lines, lineterm="", n=1):
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("+"):
            added += 1
        elif line.startswith("-"):
            removed += 1
        if len(shown) < MAX_SHOWN_LINES:
            shown.append("@@" if line.startswith("@@") else f"{line[0]} {line[1:]}")
    return TextDifference(
        f"Differs from the file on disk: {_count(added, 'line')} added or changed, "
        f"{_count(removed, 'line')} removed or changed.", tuple(shown),
        DifferenceKind.CHANGED, (added, removed))
