"""The session's word goal in the status bar: words written since Local Writer started
against the writer's target, what was typed and what came from accepted suggestions,
and today's words, kept per document in the data folder's writing log.

Counted as the status bar counts (each Chinese or Japanese character and each word of
other scripts once) and named as it names the count: 字 (characters) for Chinese or
Japanese text, words for any other."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QLocale, QObject, QTimer, Slot
from PySide6.QtWidgets import QInputDialog, QWidget

from writer_app.core.settings import Settings
from writer_app.core.text_counts import CountUnit, count_text
from writer_app.core.writing_log import WordsWritten, WritingLog
from writer_app.ui.i18n import tx
from writer_app.ui.widgets.elided import ElidedToolButton
from writer_app.ui.window.status_bar import WriterStatusBar

# The log is written this long after the last change, and when a document closes.
FLUSH_MS = 30_000


class SessionGoal(QObject):
    """Count the words written this session, and show them against the goal."""

    def __init__(self, status: WriterStatusBar, settings: Settings, log: WritingLog, *,
                 save_settings: Callable[[], None], document_key: Callable[[], str],
                 parent: QWidget) -> None:
        super().__init__(parent)
        self._status = status
        self._settings = settings
        self._log = log
        self._save_settings = save_settings
        self._document_key = document_key
        self._parent = parent
        # The document's words when it opened: the window opens on an empty one, whose
        # first words count (the first count the goal sees comes after them).
        self._baseline: int | None = status.counts.words
        self._key: str | None = None  # the name its words are logged under
        self._accepted = 0  # words of accepted suggestions in this document
        self.document = WordsWritten()  # this document, this session
        self._logged = WordsWritten()  # of `document`, what is in the log already
        self.earlier = WordsWritten()  # documents closed earlier this session
        self.button = ElidedToolButton()
        self.button.setAutoRaise(True)
        self.button.clicked.connect(self.ask_goal)
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(FLUSH_MS)
        self._flush_timer.timeout.connect(self.flush)
        status.counted.connect(self._on_counted)
        self.show()

    @property
    def session(self) -> WordsWritten:
        return WordsWritten(self.earlier.typed + self.document.typed,
                            self.earlier.accepted + self.document.accepted)

    @Slot()
    def document_closing(self) -> None:
        """The document is about to be replaced: log it and start afresh."""
        self.flush()
        self.earlier = self.session
        self.document = WordsWritten()
        self._logged = WordsWritten()
        self._baseline = None
        self._accepted = 0
        self._key = None

    @Slot(str)
    def suggestion_accepted(self, text: str) -> None:
        self._accepted += count_text(text).words

    @Slot()
    def _on_counted(self) -> None:
        words = self._status.counts.words
        if self._baseline is None:
            self._baseline = words - self._accepted
        net = words - self._baseline
        self.document = WordsWritten(net - self._accepted, self._accepted)
        self.show()
        if self.document != self._logged:
            self._flush_timer.start()

    def flush(self) -> None:
        """Add what was written since the last flush to today's log."""
        self._flush_timer.stop()
        today, key = date.today(), self._document_key()
        moved = False
        if self._key is not None and key != self._key and self._logged.total:
            # Saved under a name (Save As): what was logged under the old name is this
            # document's, so it goes with it rather than stay under "Untitled".
            self._log.add(today, self._key, WordsWritten(-self._logged.typed,
                                                         -self._logged.accepted))
            self._log.add(today, key, self._logged)
            moved = True
        self._key = key
        delta = WordsWritten(self.document.typed - self._logged.typed,
                             self.document.accepted - self._logged.accepted)
        if delta.typed or delta.accepted:
            self._log.add(today, key, delta)
            self._logged = WordsWritten(self.document.typed, self.document.accepted)
        if moved or delta.typed or delta.accepted:
            self._log.save()

    def show(self) -> None:
        session = self.session
        goal = self._settings.session_goal_words
        in_characters = self._status.count_unit_now() is CountUnit.CHARACTERS
        written = QLocale().toString(session.total)
        if goal:
            share = max(0, min(100, round(100 * session.total / goal)))
            text = (self.tr("{written} / %Ln character(s) ({share} %)", "", goal)
                    if in_characters else self.tr("{written} / %Ln word(s) ({share} %)", "",
                                                  goal))
            text = text.format(written=written, share=share)
        else:
            text = (self.tr("%Ln character(s) this session", "", session.total)
                    if in_characters else self.tr("%Ln word(s) this session", "",
                                                  session.total))
        self.button.setText(text)
        today = date.today()
        pending = self.document.total - self._logged.total  # not in the log yet
        here = self._log.on(today, self._document_key()).total + pending
        everywhere = self._log.on(today).total + pending
        number = QLocale().toString
        self.button.setToolTip("\n".join((
            tx("Goal", "This session: {typed} typed, {accepted} from accepted suggestions.")
            .format(typed=number(session.typed), accepted=number(session.accepted)),
            tx("Goal", "Today: {here} in this document, {everywhere} in all.").format(
                here=number(here), everywhere=number(everywhere)),
            tx("Goal", "Click to set a goal for this session."))))

    def ask_goal(self) -> None:
        question = (tx("Goal", "Characters to write this session (0: no goal):")
                    if self._status.count_unit_now() is CountUnit.CHARACTERS
                    else tx("Goal", "Words to write this session (0: no goal):"))
        goal, chosen = QInputDialog.getInt(
            self._parent, tx("Goal", "Session Goal"), question,
            self._settings.session_goal_words, 0, 1_000_000, 100)
        if chosen:
            self.set_goal(goal)

    def set_goal(self, goal: int) -> None:
        self._settings.session_goal_words = goal
        self._save_settings()
        self.show()
