"""What a task asks before it starts: the instruction for a free rewrite, the language
of a translation. Both are offered from the writer's recent answers, and languages from
a list, in an editable box, so a language the list lacks can still be typed."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QInputDialog, QWidget

from writer_app.core.settings import Settings
from writer_app.ui.i18n import tx


def target_languages() -> tuple[str, ...]:
    """The languages the Translate box offers, named in the interface's language."""
    return (
        tx("TaskQuestions", "English"), tx("TaskQuestions", "Spanish"),
        tx("TaskQuestions", "French"), tx("TaskQuestions", "German"),
        tx("TaskQuestions", "Italian"), tx("TaskQuestions", "Portuguese"),
        tx("TaskQuestions", "Dutch"), tx("TaskQuestions", "Swedish"),
        tx("TaskQuestions", "Danish"), tx("TaskQuestions", "Norwegian"),
        tx("TaskQuestions", "Finnish"), tx("TaskQuestions", "Polish"),
        tx("TaskQuestions", "Czech"), tx("TaskQuestions", "Greek"),
        tx("TaskQuestions", "Turkish"), tx("TaskQuestions", "Russian"),
        tx("TaskQuestions", "Ukrainian"), tx("TaskQuestions", "Arabic"),
        tx("TaskQuestions", "Hebrew"), tx("TaskQuestions", "Hindi"),
        tx("TaskQuestions", "Indonesian"), tx("TaskQuestions", "Vietnamese"),
        tx("TaskQuestions", "Chinese (Simplified)"),
        tx("TaskQuestions", "Chinese (Traditional)"), tx("TaskQuestions", "Japanese"),
        tx("TaskQuestions", "Korean"),
    )


def question_for(variable: str) -> str:
    if variable == "instruction":
        return tx("TaskQuestions", "How should it be rewritten? (for example: “in the present "
                                   "tense”)")
    return tx("TaskQuestions", "Translate into:")


class TaskQuestions:
    """Ask for a task's instruction or language, and remember the answer."""

    def __init__(self, parent: QWidget, settings: Settings,
                 save: Callable[[], None]) -> None:
        self._parent = parent
        self._settings = settings
        self._save = save

    def choices(self, variable: str) -> list[str]:
        """Return what the box offers for `variable`, the most recent answers first."""
        recent: list[str] = list(getattr(self._settings, f"recent_{variable}s"))
        if variable == "language":
            folded = {answer.casefold() for answer in recent}
            recent += [name for name in target_languages() if name.casefold() not in folded]
        return recent

    def ask(self, variable: str, template_name: str) -> str | None:
        """Ask for `variable` ("instruction" or "language"); None if the writer cancels."""
        answer = self.ask_choice(template_name, question_for(variable), self.choices(variable))
        if answer is None or not answer.strip():
            return None
        self._settings.add_recent_answer(variable, answer.strip())
        self._save()
        return answer.strip()

    def ask_choice(self, title: str, question: str, choices: Sequence[str]) -> str | None:
        """Show the editable box (a separate method so tests can answer it)."""
        text, ok = QInputDialog.getItem(self._parent, title, question, list(choices), 0, True)
        return text if ok else None
