"""What a task asks before it starts: the instruction for a free rewrite, the language
of a translation. Both are offered from the writer's recent answers, and languages from
a list, in an editable box, so a language the list lacks can still be typed."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QInputDialog, QWidget

from writer_app.core.settings import Settings
from writer_app.ui.i18n import tx


def languages_by_code() -> dict[str, str]:
    """The languages the Translate box offers, by language code, named in the
    interface's language."""
    return {
        "en": tx("TaskQuestions", "English"), "es": tx("TaskQuestions", "Spanish"),
        "fr": tx("TaskQuestions", "French"), "de": tx("TaskQuestions", "German"),
        "it": tx("TaskQuestions", "Italian"), "pt": tx("TaskQuestions", "Portuguese"),
        "nl": tx("TaskQuestions", "Dutch"), "sv": tx("TaskQuestions", "Swedish"),
        "da": tx("TaskQuestions", "Danish"), "nb": tx("TaskQuestions", "Norwegian"),
        "fi": tx("TaskQuestions", "Finnish"), "pl": tx("TaskQuestions", "Polish"),
        "cs": tx("TaskQuestions", "Czech"), "el": tx("TaskQuestions", "Greek"),
        "tr": tx("TaskQuestions", "Turkish"), "ru": tx("TaskQuestions", "Russian"),
        "uk": tx("TaskQuestions", "Ukrainian"), "ar": tx("TaskQuestions", "Arabic"),
        "he": tx("TaskQuestions", "Hebrew"), "hi": tx("TaskQuestions", "Hindi"),
        "id": tx("TaskQuestions", "Indonesian"), "vi": tx("TaskQuestions", "Vietnamese"),
        "zh": tx("TaskQuestions", "Chinese (Simplified)"),
        "zh_TW": tx("TaskQuestions", "Chinese (Traditional)"),
        "ja": tx("TaskQuestions", "Japanese"), "ko": tx("TaskQuestions", "Korean"),
    }


def target_languages() -> tuple[str, ...]:
    """The languages the Translate box offers, named in the interface's language."""
    return tuple(languages_by_code().values())


def question_for(variable: str) -> str:
    if variable == "instruction":
        return tx("TaskQuestions", "How should it be rewritten? (for example: “in the present "
                                   "tense”)")
    return tx("TaskQuestions", "Translate into:")


class TaskQuestions:
    """Ask for a task's instruction or language, and remember the answer."""

    def __init__(self, parent: QWidget, settings: Settings, save: Callable[[], None],
                 text_language: Callable[[], str] = lambda: "") -> None:
        """`text_language()` is the language code ("fr", "zh") of the text a task will
        work on, or "" where it is not known."""
        self._parent = parent
        self._settings = settings
        self._save = save
        self._text_language = text_language

    def choices(self, variable: str) -> list[str]:
        """Return what the box offers for `variable`, the most recent answers first."""
        recent: list[str] = list(getattr(self._settings, f"recent_{variable}s"))
        if variable == "language":
            folded = {answer.casefold() for answer in recent}
            recent += [name for name in target_languages() if name.casefold() not in folded]
            # Never offer first the language the text is already in.
            own = languages_by_code().get(self._text_language(), "").casefold()
            recent.sort(key=lambda name: name.casefold() == own)
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
