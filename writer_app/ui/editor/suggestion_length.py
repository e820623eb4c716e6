"""How far a suggestion runs, in the writer's words: the choices the Suggestions menu
and Preferences both offer."""

from __future__ import annotations

from writer_app.core.prose import SuggestionLength
from writer_app.ui.i18n import tx


def length_choices() -> tuple[tuple[SuggestionLength, str], ...]:
    """Return each suggestion length with its label."""
    # The context stays "Preferences": the shipped translations hold these labels there.
    return ((SuggestionLength.WORDS, tx("Preferences", "A few words")),
            (SuggestionLength.SENTENCE, tx("Preferences", "To the end of the sentence")),
            (SuggestionLength.PARAGRAPH, tx("Preferences", "To the end of the paragraph")))
