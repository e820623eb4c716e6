"""Stop sequences: end the output before the first of them, and never stream any part
of one (a piece ending in "\\nPass" is held back until "age:" shows it was "\\nPassage:")."""

from __future__ import annotations


class StopScanner:
    """Feed streamed pieces in; get back the text that is safe to show."""

    def __init__(self, stops: tuple[str, ...]) -> None:
        self._stops = tuple(stop for stop in stops if stop)
        self._held = ""
        self.stopped = False

    def feed(self, piece: str) -> str:
        """Return the text of `piece` (and of earlier held text) that can be shown."""
        if self.stopped:
            return ""
        text = self._held + piece
        ends = [index for stop in self._stops if (index := text.find(stop)) != -1]
        if ends:
            self.stopped = True
            self._held = ""
            return text[: min(ends)]
        keep = self._longest_partial_stop(text)
        self._held = text[len(text) - keep :] if keep else ""
        return text[: len(text) - keep]

    def flush(self) -> str:
        """Return what was held back, once the output has ended without a stop."""
        held, self._held = self._held, ""
        return "" if self.stopped else held

    def _longest_partial_stop(self, text: str) -> int:
        longest = 0
        for stop in self._stops:
            for size in range(min(len(stop) - 1, len(text)), longest, -1):
                if text.endswith(stop[:size]):
                    longest = size
                    break
        return longest
