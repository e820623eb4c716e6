"""The model manager's one transfer at a time: a download (or an import), its progress,
Pause/Resume and Cancel. The work runs in a thread (ui/bridge/background.py)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QWidget

from writer_app.hub.downloader import Downloader, DownloadOptions, Progress
from writer_app.hub.hub_access import describe_file
from writer_app.hub.model_store import InstalledModel, ModelStore
from writer_app.ui.bridge.background import BackgroundJob, failure_words, run_with_progress
from writer_app.ui.i18n import tx

PROGRESS_INTERVAL = 0.1  # seconds between progress reports to the window


class DownloadPanel(QWidget):
    """Start, pause, resume and cancel one download; say what happens as `message`."""

    message = Signal(str)  # a line for the writer
    changed = Signal()  # a transfer ended, paused or was cancelled: the lists may differ
    installed = Signal(object)  # InstalledModel: a download finished

    def __init__(self, store: ModelStore, options: DownloadOptions | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.options = options
        self._job: BackgroundJob[object] | None = None
        # Whether a job has not reported its end yet. Kept on the GUI thread: a job's
        # thread may still be alive for an instant after its last signal.
        self.transferring = False
        self._stop = threading.Event()
        self._cancelling = False
        # What downloads now: repository, file, revision, the catalogue's sha256.
        self.current: tuple[str, str, str | None, str | None] | None = None
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        self.pause_button = QPushButton(tx("DownloadPanel", "&Pause"))
        self.pause_button.clicked.connect(self.pause_or_resume)
        self.cancel_button = QPushButton(tx("DownloadPanel", "Ca&ncel Download"))
        self.cancel_button.clicked.connect(self.cancel)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.progress_bar, 1)
        row.addWidget(self.pause_button)
        row.addWidget(self.cancel_button)
        self._show_controls(active=False)

    def start(self, repo: str, file: str, revision: str | None,
              pinned_sha256: str | None = None) -> None:
        """Download (or resume) one file, off the GUI thread."""
        if self.transferring:
            self.message.emit(tx("DownloadPanel",
                                 "One download at a time: pause or cancel the current one first."))
            return
        self.current = (repo, file, revision, pinned_sha256)
        self._stop = stop = threading.Event()
        self._cancelling = False
        store, options = self.store, self.options

        def work(report: Callable[[Progress], None]) -> object:
            remote = describe_file(repo, file, revision)
            last_report = 0.0

            def on_progress(progress: Progress) -> None:
                # Ten reports a second are plenty for a person, and each is a copy, so the
                # GUI never reads numbers this thread is changing.
                nonlocal last_report
                now = time.monotonic()
                if now - last_report >= PROGRESS_INTERVAL or progress.done >= progress.total:
                    last_report = now
                    report(Progress(done=progress.done, total=progress.total,
                                    speed=progress.speed, resumed_from=progress.resumed_from))

            return Downloader(store, options).download(remote, stop, on_progress,
                                                       expected_sha256=pinned_sha256)

        self.message.emit(tx("DownloadPanel", "Asking the Hub about {file}…").format(file=file))
        self._show_controls(active=True)
        self._run(work)

    def import_file(self, path: Path) -> None:
        """Copy a .gguf into the models folder, off the GUI thread (it may be gigabytes)."""
        if self.transferring:
            self.message.emit(tx("DownloadPanel",
                                 "Wait for the current download or import to end."))
            return
        store = self.store
        self.message.emit(tx("DownloadPanel", "Importing {name}…").format(name=path.name))
        self._run(lambda _report: store.import_file(path))

    def _run(self, work: Callable[[Callable[[Progress], None]], object]) -> None:
        self.transferring = True
        self._job = run_with_progress(work, self._on_progress, self._on_succeeded,
                                      self._on_failed, owner=self, name="hub-transfer")

    def is_current(self, repo: str, file: str) -> bool:
        return self.current is not None and self.current[:2] == (repo, file)

    def pause_or_resume(self) -> None:
        if self.pause_button.text() == tx("DownloadPanel", "&Resume") and self.current:
            self.start(*self.current)
        else:
            self._stop.set()

    def pause(self) -> None:
        """Stop the transfer, keeping its bytes (closing the manager does this)."""
        self._stop.set()

    def cancel(self) -> None:
        """Stop the transfer and delete its bytes."""
        self._cancelling = True
        self._stop.set()
        if not self.transferring:
            self._discard_current()

    def _has_bytes(self) -> bool:
        return any(self.is_current(p.repo, p.hub_file) and p.have
                   for p in self.store.partials())

    def _discard_current(self) -> None:
        if self.current:
            for partial in self.store.partials():
                if self.is_current(partial.repo, partial.hub_file):
                    self.store.discard_partial(partial.name)
        self.current = None
        self._show_controls(active=False)
        self.message.emit(tx("DownloadPanel", "Download cancelled; its bytes were deleted."))
        self.changed.emit()

    def _show_controls(self, *, active: bool, paused: bool = False) -> None:
        self.pause_button.setText(tx("DownloadPanel", "&Resume") if paused
                                  else tx("DownloadPanel", "&Pause"))
        for widget in (self.progress_bar, self.pause_button, self.cancel_button):
            widget.setVisible(active or paused)

    def _on_progress(self, progress: Progress) -> None:
        if not self.current:
            return
        share = progress.done / progress.total if progress.total else 0.0
        self.progress_bar.setValue(int(share * 1000))
        left = progress.seconds_left
        eta = tx("DownloadPanel", ", {time} left").format(
            time=f"{int(left) // 60}:{int(left) % 60:02d}") if left is not None else ""
        speed = tx("DownloadPanel", ", {speed} MB/s").format(
            speed=f"{progress.speed / 1e6:.1f}") if progress.speed else ""
        self.message.emit(tx("DownloadPanel", "{file}: {done} of {total} MB").format(
            file=self.current[1], done=f"{progress.done / 1e6:,.0f}",
            total=f"{progress.total / 1e6:,.0f}") + speed + eta)

    def _on_succeeded(self, result: object) -> None:
        self.transferring = False
        if isinstance(result, InstalledModel):
            self.current = None
            self._show_controls(active=False)
            self.message.emit(tx("DownloadPanel", "Installed {name}: select it and press "
                                                  "Use.").format(name=result.name))
            self.installed.emit(result)
        elif self._cancelling:
            self._discard_current()
            return
        elif self.current:
            self._show_controls(active=False, paused=True)
            self.message.emit(tx("DownloadPanel", "Paused {file}: its bytes are kept, even if "
                                                  "you quit. Resume continues where it "
                                                  "stopped.").format(file=self.current[1]))
        self.changed.emit()

    def _on_failed(self, error: BaseException) -> None:
        self.transferring = False
        if self.current and self._has_bytes():
            self._show_controls(active=False, paused=True)
        else:
            # Nothing was fetched (no network, say): nothing to resume or cancel.
            self.current = None
            self._show_controls(active=False)
        self.message.emit(failure_words(error))
        self.changed.emit()
