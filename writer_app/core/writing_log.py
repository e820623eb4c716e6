"""Words written per day and per document, kept in the data folder (writing-log.json),
with the words that came from accepted suggestions counted apart from the rest.

"Written" is the change in the document's count, as writers keep score (deleting a
paragraph takes its words back). The count is the status bar's (text_counts.py): each
Chinese or Japanese character and each word of other scripts once, so the log holds the
very numbers the status bar and the session goal show, whether they call them characters
(字) or words.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from writer_app.core.document_io import write_atomically
from writer_app.core.errors import SaveFailedError
from writer_app.core.unreadable_files import set_aside

WRITING_LOG_FILE = "writing-log.json"
_KEEP_DAYS = 400


@dataclass
class WordsWritten:
    """Words a writer added: by typing (and pasting), and by accepting suggestions."""

    typed: int = 0
    accepted: int = 0

    @property
    def total(self) -> int:
        return self.typed + self.accepted


class WritingLog:
    """Per day, per document (its path; "" for one never saved): words written."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._days: dict[str, dict[str, dict[str, int]]] = {}
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raw = {}
        except (OSError, ValueError):
            set_aside(path)  # the next save must not write today alone over the history
            raw = {}
        if isinstance(raw, dict):
            for day, documents in raw.items():
                if isinstance(documents, dict):
                    self._days[str(day)] = {
                        str(doc): {k: int(v) for k, v in counts.items()
                                   if k in ("typed", "accepted") and isinstance(v, int)}
                        for doc, counts in documents.items() if isinstance(counts, dict)}

    def add(self, day: date, document: str, written: WordsWritten) -> None:
        """Add words written in `document` on `day`."""
        documents = self._days.setdefault(day.isoformat(), {})
        counts = documents.setdefault(document, {})
        counts["typed"] = counts.get("typed", 0) + written.typed
        counts["accepted"] = counts.get("accepted", 0) + written.accepted
        if not counts["typed"] and not counts["accepted"]:
            del documents[document]  # all moved to the name it was saved under

    def on(self, day: date, document: str | None = None) -> WordsWritten:
        """Return the words written on `day`, in `document` or in all documents."""
        documents = self._days.get(day.isoformat(), {})
        chosen = [documents.get(document, {})] if document is not None \
            else list(documents.values())
        return WordsWritten(sum(c.get("typed", 0) for c in chosen),
                            sum(c.get("accepted", 0) for c in chosen))

    def save(self) -> bool:
        """Write the log (the last _KEEP_DAYS days); False if it could not be written."""
        for day in sorted(self._days)[:-_KEEP_DAYS]:
            del self._days[day]
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.path, json.dumps(self._days, indent=1,
                                                   sort_keys=True).encode("utf-8"))
        except (SaveFailedError, OSError):
            return False
        return True
