"""What a task asks before it starts: the instruction for a free rewrite, the language
of a translation. Both are offered from the writer's recent answers, and languages from
a list, in an editable box, so a language the list lacks can still be typed."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QInputDialog, QWidget

from writer_app.core.settings import Settings

LANGUAGES = (
    "English", "Spanish", "French", "German", "Italian", "Portuguese", "Dutch",
    "Swedish", "Danish", "Norwegian", "Finnish", "Polish", "Czech", "Greek", "Turkish",
    "Russian", "Ukrainian", "Arabic", "Hebrew", "Hindi", "Indonesian", "Vietnamese",
    "Chinese (Simplified)", "Chinese (Traditional)", "Japanese", "Korean",
)
_QUESTIONS = {
    "instruction": "How should it be rewritten? (for example: “in the present tense”)",
    "language": "Translate into:",
}


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
            recent += [name for name in LANGUAGES if name.casefold() not in folded]
        return recent

    def ask(self, variable: str, template_name: str) -> str | None:
        """Ask for `variable` ("instruction" or "language"); None if the writer cancels."""
        answer = self.ask_choice(template_name, _QUESTIONS[variable], self.choices(variable))
        if answer is None or not answer.strip():
            return None
        self._settings.add_recent_answer(variable, answer.strip())
        self._save()
        return answer.strip()

    def ask_choice(self, title: str, question: str, choices: Sequence[str]) -> str | None:
        """Show the editable box (a separate method so tests can answer it)."""
        text, ok = QInputDialog.getItem(self._parent, title, question, list(choices), 0, True)
        return text if ok else None
