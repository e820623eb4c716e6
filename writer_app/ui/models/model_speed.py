"""What a model will feel like on this computer, in words, and the probes that measure it
(engine/client/speed_probe.py, run off the GUI thread, one at a time, when the engine in
use is idle).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psutil
from PySide6.QtCore import QLocale, QObject, QTimer, Signal
from PySide6.QtWidgets import QPushButton

from writer_app.core.cpu_features import cpu_name
from writer_app.core.errors import WriterError
from writer_app.core.model_speeds import ModelSpeed, SpeedBook, SuggestionFeel, suggestion_feel
from writer_app.core.text_counts import count_text
from writer_app.engine.client.speed_probe import FIRST_WORDS, PROBE_S, probe_speed
from writer_app.resources import resource_path
from writer_app.ui.bridge.background import BackgroundJob, failure_words, run_in_background
from writer_app.ui.i18n import say, tx

# A model is measured beside the one in use: it needs its file's size in free memory, and
# this much more for its context and the engine process.
PROBE_HEADROOM_BYTES = 512 * 1024 * 1024
IDLE_CHECK_MS = 2000


def _figure(value: float) -> str:
    return QLocale().toString(float(value), "f", 1 if value < 10 else 0)


def speed_words(speed: ModelSpeed | None) -> str:
    """Say in a line what a model feels like here: how soon suggestions come, how fast
    rewrites are written."""
    if speed is None:
        return tx("ModelSpeed", "Not measured yet")
    feel, seconds = suggestion_feel(speed)
    suggestions = {
        SuggestionFeel.AT_ONCE: tx("ModelSpeed", "suggestions at once"),
        SuggestionFeel.MOMENT: tx("ModelSpeed", "suggestions after about {ms} ms").format(
            ms=_figure(round(seconds * 1000, -1))),
        SuggestionFeel.SLOW: tx("ModelSpeed", "suggestions after about {s} s: better "
                                              "for tasks").format(s=_figure(seconds)),
    }[feel]
    rate = _figure(speed.words_per_s)
    rewrites = (tx("ModelSpeed", "rewrites about {count} characters a second")
                if speed.in_characters
                else tx("ModelSpeed", "rewrites about {count} words a second")).format(count=rate)
    words = tx("ModelSpeed", "{suggestions}; {rewrites}").format(suggestions=suggestions,
                                                                 rewrites=rewrites)
    words = words[:1].upper() + words[1:]
    if not measured_here(speed):
        words = tx("ModelSpeed", "{words} (measured on another computer)").format(words=words)
    return words


def speed_details(speed: ModelSpeed | None) -> str:
    """Say the figures behind speed_words, for a tooltip."""
    if speed is None:
        return tx("ModelSpeed", "Measure it to see how it feels on this computer (about "
                                "{seconds} seconds).").format(seconds=PROBE_S)
    when = datetime.datetime.fromisoformat(speed.measured)
    return tx("ModelSpeed", "Reads {read} tokens a second and writes {write}; loads in "
                            "{load} s. Measured {when} on {computer}.").format(
        read=_figure(speed.prompt_tokens_per_s), write=_figure(speed.decode_tokens_per_s),
        load=_figure(speed.load_s), computer=speed.computer,
        when=QLocale().toString(when.date(), QLocale.FormatType.ShortFormat))


def measure_button(on_click: Callable[[], None]) -> QPushButton:
    """Return the Measure Speed button (the model manager's and Preferences')."""
    button = QPushButton(tx("ModelSpeed", "Measure S&peed"))
    button.setToolTip(tx("ModelSpeed", "Time the selected model on this computer (about "
                                       "{seconds} seconds, best while you are not "
                                       "typing)").format(seconds=PROBE_S))
    button.clicked.connect(on_click)
    return button


def measured_here(speed: ModelSpeed) -> bool:
    return speed.computer.split(" · ")[0] == cpu_name()


@dataclass(frozen=True)
class ProbeJob:
    sha256: str
    path: Path
    name: str


class SpeedProbes(QObject):
    """Measure models one at a time, when the engine in use is idle, and keep the
    figures in the speed book."""

    measured = Signal(str)  # the sha256 of a model measured
    message = Signal(str)  # a line for the writer: a probe began, or ended

    def __init__(self, book: SpeedBook, data_dir: Path, *, engine_idle: Callable[[], bool],
                 sample_text: Callable[[], str], gpu_layers: Callable[[], str],
                 n_threads: Callable[[], int], parent: QObject | None = None) -> None:
        """`sample_text()` is prose in the writer's language (their document's, if long
        enough); `engine_idle()` says whether the engine in use waits for nothing."""
        super().__init__(parent)
        self.book = book
        self._data_dir = data_dir
        self._engine_idle = engine_idle
        self._sample_text = sample_text
        self._gpu_layers = gpu_layers
        self._n_threads = n_threads
        self._queue: list[ProbeJob] = []
        self._job: BackgroundJob[ModelSpeed] | None = None
        self._current: ProbeJob | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(IDLE_CHECK_MS)
        self._timer.timeout.connect(self._start_next)

    def speed_of(self, sha256: str) -> ModelSpeed | None:
        return self.book.get(sha256)

    @property
    def busy(self) -> bool:
        return self._current is not None or bool(self._queue)

    def measuring(self, sha256: str) -> bool:
        return any(job.sha256 == sha256 for job in [*self._queue, *filter(None, [self._current])])

    def measure(self, sha256: str, path: Path, name: str) -> None:
        """Measure a model once the engine is idle (nothing if it is queued already)."""
        if self.measuring(sha256):
            return
        self._queue.append(ProbeJob(sha256, path, name))
        if self._current is None:
            self._start_next()

    def _start_next(self) -> None:
        if self._current is not None or not self._queue:
            return
        if not self._engine_idle():
            self._timer.start()  # the writer waits on the engine: not now
            return
        job = self._queue.pop(0)
        try:
            size = job.path.stat().st_size
        except OSError as exc:
            self._finish(job, tx("ModelSpeed", "{name} could not be read: {problem}").format(
                name=job.name, problem=exc.strerror or exc))
            return
        if psutil.virtual_memory().available < size + PROBE_HEADROOM_BYTES:
            self._finish(job, tx("ModelSpeed", "Not enough free memory to measure {name} "
                                               "beside the model in use: close other "
                                               "programs, or use it and measure it "
                                               "then.").format(name=job.name))
            return
        self._current = job
        self.message.emit(tx("ModelSpeed", "Measuring {name} on this computer (about "
                                           "{seconds} seconds)…").format(
            name=job.name, seconds=PROBE_S))
        text, gpu_layers, threads = self._sample_text(), self._gpu_layers(), self._n_threads()
        self._job = run_in_background(
            lambda: probe_speed(job.path, self._data_dir, text, gpu_layers=gpu_layers,
                                n_threads=threads),
            lambda speed: self._on_measured(job, speed),
            lambda error: self._finish(job, tx("ModelSpeed", "{name} could not be measured: "
                                                             "{problem}").format(
                name=job.name, problem=say(error) if isinstance(error, RuntimeError | ValueError)
                else failure_words(error))),
            owner=self, name="speed-probe")

    def _on_measured(self, job: ProbeJob, speed: ModelSpeed) -> None:
        try:
            self.book.put(job.sha256, speed)
        except (OSError, WriterError) as exc:  # a full or read-only disk: said, and on
            self._finish(job, tx("ModelSpeed", "{name} on this computer: {words} (not "
                                               "kept: {problem}).").format(
                name=job.name, words=speed_words(speed), problem=failure_words(exc)))
            return
        self._finish(job, tx("ModelSpeed", "{name} on this computer: {words}.").format(
            name=job.name, words=speed_words(speed)))
        self.measured.emit(job.sha256)

    def _finish(self, job: ProbeJob, words: str) -> None:
        if self._current is job:
            self._current = None
        self.message.emit(words)
        self._start_next()


def sample_text(document_text: str, interface_language: str) -> str:
    """Return prose for the probe in the writer's language: their document's last
    thousands of characters if it has enough words, else a passage shipped for it."""
    own = document_text[-6000:]
    if count_text(own).words >= 4 * FIRST_WORDS:
        return own
    # The bench's story (written for this project) for a writer in any other language:
    # the figures in tokens hold, the words per token are English ones then.
    shipped = (resource_path("probe", "zh.txt") if interface_language.startswith("zh")
               else resource_path("bench", "the-ferry-at-orrin.txt"))
    return shipped.read_text(encoding="utf-8")[:6000]
