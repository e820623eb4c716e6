"""The life of one ghost-text suggestion, without Qt: stream in, type through, accept.

The model's raw output is kept whole and re-shaped on every piece, so that the visible
suggestion always follows the prose rules; what the writer has already typed through or
accepted is counted in `consumed` and no longer shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from writer_app.core.prose import SuggestionLength, next_word, shape_suggestion
from writer_app.core.utf16_positions import utf16_length


@dataclass
class Suggestion:
    """A suggestion for the text at `position`, streamed by request `request_id`."""

    request_id: int
    position: int  # Qt (UTF-16) document position where the visible ghost text starts
    before_tail: str
    after: str
    length: SuggestionLength
    raw: str = ""
    consumed: int = 0
    finished: bool = False
    window: str = ""  # all the text the model was shown: never said again verbatim

    def shaped(self) -> str:
        """Return the whole suggestion as shaped so far, including consumed text."""
        return shape_suggestion(
            self.raw, self.before_tail, self.after, self.length, self.finished, window=self.window
        ).text

    def is_complete(self) -> bool:
        """Return whether the suggestion has reached its natural end."""
        return shape_suggestion(
            self.raw, self.before_tail, self.after, self.length, self.finished, window=self.window
        ).complete

    def visible(self) -> str:
        """Return the ghost text still to show after the cursor."""
        return self.shaped()[self.consumed :]

    def add_piece(self, text: str) -> None:
        self.raw += text

    def type_through(self, typed: str) -> bool:
        """Consume `typed` if it is exactly the next ghost text; return whether it was."""
        if not typed or not self.visible().startswith(typed):
            return False
        self.consumed += len(typed)
        self.position += utf16_length(typed)
        return True

    def take_word(self) -> str:
        """Return the next word of the ghost text, as the writer accepts it."""
        text = next_word(self.visible())
        self.consumed += len(text)
        self.position += utf16_length(text)
        return text

    def take_shown(self, shown: str, *, word: bool) -> tuple[str, bool]:
        """Accept from `shown`, the ghost text on the writer's screen: all of it, or its
        next word. Return the text to insert and whether the suggestion still agrees
        with it (pieces that arrived since the screen was painted may have reshaped it).

        The writer gets what they saw, never text that arrived a frame after.
        """
        text = next_word(shown) if word else shown
        agrees = self.visible().startswith(text)
        self.consumed += len(text)
        self.position += utf16_length(text)
        return text, agrees

    def is_exhausted(self) -> bool:
        """Return whether nothing is left to show and the model has stopped."""
        return self.visible() == "" and (self.finished or self.is_complete())


@dataclass
class Speculation:
    """The suggestion that would follow if the one on screen were accepted whole,
    generated while the writer reads it, so that Tab after Tab shows text at once."""

    request_id: int
    prompt: str
    suffix: str | None
    raw: str = ""
    finished: bool = False

    def follows(self, prompt: str, suffix: str | None) -> bool:
        """Return whether it was made for exactly this request."""
        return (self.prompt, self.suffix) == (prompt, suffix)
