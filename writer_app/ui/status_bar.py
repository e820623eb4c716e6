"""The status bar: the model and its state, word and character counts, the file format."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6.QtCore import QLocale, QTimer, Slot
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from writer_app.core.text_counts import SLICE_POINT, CountUnit, TextCounts, count_text
from writer_app.engine.engine_choice import server_name
from writer_app.ui.engine_bridge import EngineState

# Characters counted per turn of the event loop: about 4 ms, so that counting a book
# never stalls typing (a 1 MB document takes 65 ms in one go, Chinese about 300 ms).
_CHUNK_CHARS = 16_384
_STATE_WORDS = {
    EngineState.STOPPED: "Not started",
    EngineState.PREPARING: "Preparing model…",
    EngineState.LOADING: "Loading…",
    EngineState.READY: "Ready",
    EngineState.WRITING: "Writing…",
    EngineState.FAILED: "Failed",
    EngineState.CRASHED: "Engine stopped",
}


def format_number(number: int) -> str:
    """Write `number` with the interface language's digit grouping ("1,204")."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return f"{number:,}"  # the C locale groups nothing: a count reads better grouped
    return locale.toString(number)


def counts_in_words(counts: TextCounts, unit: CountUnit) -> tuple[str, str]:
    """Return the status bar's label for `counts` and its tooltip, with the unit the
    writer chose (or the one the text calls for), in the interface's language."""
    words = format_number(counts.words)
    characters = format_number(counts.characters)
    word_text = f"{words} word{'s' * (counts.words != 1)}"
    character_text = f"{characters} character{'s' * (counts.characters != 1)}"
    no_spaces = format_number(counts.characters_without_spaces)
    tooltip = (f"{word_text} (each Chinese or Japanese character counts as a word)\n"
               f"{character_text}, {no_spaces} without spaces")
    if counts.unit(unit) is CountUnit.CHARACTERS:
        return character_text, tooltip
    return f"{word_text} · {character_text}", tooltip


class WriterStatusBar(QStatusBar):
    """Permanent labels for model, counts and format; messages go on the left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model_label = QLabel()
        self.counts_label = QLabel()
        self.format_label = QLabel()
        self.destination_label = QLabel()
        self.destination_label.hide()
        for label in (self.counts_label, self.format_label, self.destination_label,
                      self.model_label):
            self.addPermanentWidget(label)
        self._model_name = ""
        self._backend = ""
        self._safe_mode = ""  # why the model runs in safe mode, if it does
        self._build = ""  # the llama.cpp build, in words
        self.text_source: Callable[[], str] = lambda: ""
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(150)  # counting a long book on every key is wasteful
        self._count_timer.timeout.connect(self._recount)
        self._counting: Iterator[None] | None = None
        self._count_step = QTimer(self)
        self._count_step.setInterval(0)
        self._count_step.timeout.connect(self._on_count_step)
        self.count_unit = CountUnit.AUTO
        self.counts = TextCounts()
        self.show_counts("")

    def show_destination(self, url: str) -> None:
        """Say plainly whether text leaves this computer, and to which server."""
        if not url:
            self.destination_label.hide()
            self.destination_label.clear()
            return
        self.destination_label.setText(f"⇅ Text goes to {server_name(url)}")
        self.destination_label.setToolTip(
            f"A remote engine writes: the text around the cursor and the text of each task "
            f"are sent to {url}, and nowhere else. Preferences → Engine → Local keeps "
            "everything on this computer.")
        self.destination_label.show()

    def show_model(self, name: str, backend: str, safe_mode: str = "",
                   build: str = "") -> None:
        """Name the model and where it runs; `safe_mode` says why it runs in safe mode,
        `build` which llama.cpp runs it (both in the tooltip)."""
        self._model_name = name
        self._backend = backend
        self._safe_mode = safe_mode
        self._build = build

    @Slot(str, str)
    def show_engine_state(self, state: str, detail: str) -> None:
        engine_state = EngineState(state)
        parts = [p for p in (self._model_name, self._backend) if p]
        if self._safe_mode:
            parts.append("running in safe mode")
        parts.append(_STATE_WORDS[engine_state])
        self.model_label.setText(" · ".join(parts))
        about = "\n\n".join(part for part in (
            self._safe_mode, f"llama.cpp: {self._build}" if self._build else "") if part)
        self.model_label.setToolTip(detail or about)
        if engine_state is EngineState.READY:
            self.clearMessage()
        elif detail and engine_state in (EngineState.FAILED, EngineState.CRASHED):
            self.showMessage(detail, 15000)
        elif detail:
            self.showMessage(detail, 5000)

    def schedule_counts(self) -> None:
        """Recount once typing pauses; the text is read from `text_source` then."""
        self._counting = None  # a count under way is of text that has changed
        self._count_step.stop()
        self._count_timer.start()

    def show_counts(self, text: str) -> None:
        """Count `text` in slices between events; the label follows when done."""
        self._count_timer.stop()
        self._counting = self._count_in_slices(text)
        self._on_count_step()

    def _count_in_slices(self, text: str) -> Iterator[None]:
        counts = TextCounts()
        start = 0
        while start < len(text):
            cut = SLICE_POINT.search(text, start + _CHUNK_CHARS)
            end = cut.start() if cut else len(text)
            counts += count_text(text[start:end])
            start = end
            if start < len(text):
                yield
        self.counts = counts
        self.show_count_labels()

    def show_count_labels(self) -> None:
        """Show the last counts in the unit chosen now."""
        label, tooltip = counts_in_words(self.counts, self.count_unit)
        self.counts_label.setText(label)
        self.counts_label.setToolTip(tooltip)

    @Slot()
    def _on_count_step(self) -> None:
        counting = self._counting
        if counting is None:
            return
        try:
            next(counting)
        except StopIteration:
            self._counting = None
            self._count_step.stop()
        else:
            self._count_step.start()

    @Slot()
    def _recount(self) -> None:
        self.show_counts(self.text_source())

    def show_format(self, label: str) -> None:
        self.format_label.setText(label)
