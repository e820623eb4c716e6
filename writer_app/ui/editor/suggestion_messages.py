"""What the status bar says when the writer asks for a suggestion (Ctrl+Space) and none
comes: silence would leave them wondering whether the key worked."""

from __future__ import annotations

from writer_app.ui.i18n import tx


def why_not_asked(task_under_way: bool, composing: bool, planned: bool) -> str:
    """Return why no suggestion could be asked for ("" where the writer sees why: an
    input method is composing)."""
    if task_under_way:
        return tx("SuggestionController", "A task is under way: its proposal comes first.")
    if composing:
        return ""
    if not planned:
        return tx("SuggestionController", "No suggestion here: write a few words first, or "
                                          "move the cursor out of the word.")
    return tx("SuggestionController", "No model is ready: wait for it to load, or choose one.")


def nothing_came() -> str:
    return tx("SuggestionController", "The model has nothing to suggest here.")
