"""The status bar: the model and its state, word and character counts, the file format."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import QStatusBar, QWidget

from writer_app.core.text_counts import SLICE_POINT, CountUnit, TextCounts, count_text
from writer_app.engine.engine_choice import server_name
from writer_app.ui.bridge.engine_service import EngineState
from writer_app.ui.i18n import tx
from writer_app.ui.widgets.elided import ElidedLabel

# Characters counted per turn of the event loop: about 4 ms, so that counting a book
# never stalls typing (a 1 MB document takes 65 ms in one go, Chinese about 300 ms).
_CHUNK_CHARS = 16_384
def state_words(state: EngineState) -> str:
    """Return the engine's state as the status bar says it."""
    return {
        EngineState.STOPPED: tx("StatusBar", "Not started"),
        EngineState.PREPARING: tx("StatusBar", "Preparing model…"),
        EngineState.LOADING: tx("StatusBar", "Loading…"),
        EngineState.READY: tx("StatusBar", "Ready"),
        EngineState.WRITING: tx("StatusBar", "Writing…"),
        EngineState.FAILED: tx("StatusBar", "Failed"),
        EngineState.CRASHED: tx("StatusBar", "Engine stopped"),
    }[state]


class WriterStatusBar(QStatusBar):
    """Permanent labels for model, counts and format; messages go on the left."""

    counted = Signal()  # `counts` holds the count of the text as it is now

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Labels that give up width before the window does (half a laptop screen).
        self.model_label = ElidedLabel()
        self.counts_label = ElidedLabel()
        self.format_label = ElidedLabel()
        self.destination_label = ElidedLabel()
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
        self.destination_label.setText(
            tx("StatusBar", "⇅ Text goes to {server}").format(server=server_name(url)))
        self.destination_label.setToolTip(
            tx("StatusBar", "A remote engine writes: the text around the cursor and the text "
                            "of each task are sent to {url}, and nowhere else. Preferences → "
                            "Engine → Local keeps everything on this computer.").format(url=url))
        self.destination_label.show()

    def show_model(self, name: str, backend: str, safe_mode: str = "",
                   build: str = "") -> None:
        """Name the model and where it runs; `safe_mode` says why it runs in safe mode,
        `build` which llama.cpp runs it (both in the tooltip)."""
        self._model_name = name
        self._backend = backend
        self._safe_mode = safe_mode
        self._build = build

    @Slot(object, str)
    def show_engine_state(self, engine_state: EngineState, detail: str) -> None:
        parts = [p for p in (self._model_name, self._backend) if p]
        if self._safe_mode:
            parts.append(tx("StatusBar", "running in safe mode"))
        parts.append(state_words(engine_state))
        self.model_label.setText(" · ".join(parts))
        about = "\n\n".join(part for part in (
            self._safe_mode,
            tx("StatusBar", "llama.cpp: {build}").format(build=self._build) if self._build
            else "") if part)
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

    def counting(self) -> bool:
        """Return whether a count is due or under way (the labels may still change)."""
        return self._counting is not None or self._count_timer.isActive()

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
        self.counted.emit()

    def counts_in_words(self, counts: TextCounts, unit: CountUnit) -> tuple[str, str]:
        """Return the label for `counts` and its tooltip, with the unit the writer chose
        (or the one the text calls for), in the interface's language. The number is the
        same in either unit (each Chinese or Japanese character and each word of other
        scripts once); characters (字) or words (词) is what the writer calls it. %Ln
        writes the number with the locale's digit grouping ("1,204")."""
        tooltip = "\n".join((
            self.tr("%Ln Chinese or Japanese character(s)", "", counts.cjk_characters),
            self.tr("%Ln word(s) of other scripts (punctuation not counted)", "",
                    counts.spaced_words),
            self.tr("%Ln character(s) with spaces and punctuation", "", counts.characters),
            self.tr("%Ln character(s) without spaces", "", counts.characters_without_spaces),
        ))
        if counts.unit(unit) is CountUnit.CHARACTERS:
            return self.tr("%Ln character(s)", "the count: each Chinese or Japanese character "
                           "and each word of other scripts once", counts.words), tooltip
        words = self.tr("%Ln word(s)", "", counts.words)
        # Every character here, letters and spaces of English too: 字符 in Chinese, not 字.
        characters = self.tr("%Ln character(s)", "", counts.characters)
        return f"{words} · {characters}", tooltip

    def count_unit_now(self) -> CountUnit:
        """Return what the count is called now: characters or words."""
        return self.counts.unit(self.count_unit)

    def show_count_labels(self) -> None:
        """Show the last counts in the unit chosen now."""
        label, tooltip = self.counts_in_words(self.counts, self.count_unit)
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
