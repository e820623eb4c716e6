"""The model manager: the catalogue, installed models, a Hub search, and one download.

Nothing here touches the network until the writer presses Search or Download; both run
off the GUI thread (ui/bridge/background.py). A download can be paused (its bytes are kept, even
across restarts), resumed, or cancelled (its bytes are deleted).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from writer_app.core.gguf_file import GGUFInfo, read_gguf_info
from writer_app.core.memory_fit import Architecture, Machine, fit_of
from writer_app.core.model_catalogue import CatalogueEntry
from writer_app.hub.downloader import DownloadOptions
from writer_app.hub.hub_access import RemoteFile, gguf_files, search_gguf
from writer_app.hub.model_store import InstalledModel, ModelStore, PartialDownload
from writer_app.hub.remote_header import remote_shape
from writer_app.ui.bridge.background import BackgroundJob, failure_words, run_in_background
from writer_app.ui.i18n import tx
from writer_app.ui.models.download_panel import DownloadPanel
from writer_app.ui.models.model_speed import SpeedProbes, measure_button
from writer_app.ui.models.model_tables import (
    entry_name,
    entry_words,
    fill_installed,
    header_words,
    kind_words,
    machine_words,
    new_row,
    new_table,
    show_fit,
    size_words,
    state_words,
    table_tab,
)

SEARCH_REPOS = 12


class ModelManager(QDialog):
    """Find, download, import, use and delete models."""

    model_chosen = Signal(str)  # the path of a model the writer wants to use

    def __init__(self, store: ModelStore, catalogue: list[CatalogueEntry], n_ctx: int, *,
                 machine: Machine | None = None, options: DownloadOptions | None = None,
                 in_use: Callable[[], str | None] = lambda: None,
                 probes: SpeedProbes | None = None, parent: QWidget | None = None) -> None:
        """`in_use()` is the path of the model that writes now (None: none loaded);
        `probes` measure installed models (and each one downloaded) on this computer."""
        super().__init__(parent)
        self.setWindowTitle(tx("ModelManager", "Models"))
        self.resize(860, 520)
        self.store = store
        self.catalogue = catalogue
        self.n_ctx = n_ctx
        self.machine = machine
        self._in_use = in_use
        self.probes = probes
        self._search: BackgroundJob[list[tuple[str, list[RemoteFile]]]] | None = None
        self._details: BackgroundJob[GGUFInfo] | None = None
        # Shapes read from Hub files' first bytes: the fit of a search result is then exact.
        self._shapes: dict[tuple[str, str], Architecture | None] = {}

        self.machine_label = QLabel(tx("ModelManager", "Looking at this computer…"))
        self.tabs = QTabWidget()
        self.tabs.addTab(self._catalogue_tab(), tx("ModelManager", "&Catalogue"))
        self.tabs.addTab(self._installed_tab(), tx("ModelManager", "&Installed"))
        self.tabs.addTab(self._search_tab(), tx("ModelManager", "&Search the Hub"))
        self.status_label = QLabel("")
        self.status_label.setWordWrap(True)
        self.downloads = DownloadPanel(store, options)
        self.downloads.message.connect(self.status_label.setText)
        self.downloads.changed.connect(self.refresh)
        if probes is not None:
            probes.message.connect(self._on_probe_message)
            self.downloads.installed.connect(self._measure)
        layout = QVBoxLayout(self)
        layout.addWidget(self.machine_label)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.downloads)
        if machine is None:
            from writer_app.core.hardware import detect_machine

            # nvidia-smi may take a second: never on the GUI thread.
            run_in_background(detect_machine, self._on_machine_found,
                              lambda _message: self.machine_label.setText(tx(
                                  "ModelManager", "This computer's memory could not be read.")),
                              owner=self, name="detect-machine")
        else:
            self._describe_machine()
        self.refresh()

    # -- tabs ------------------------------------------------------------------------

    def _catalogue_tab(self) -> QWidget:
        self.catalogue_table = new_table([
            tx("ModelManager", "Model"), tx("ModelManager", "Quantization"),
            tx("ModelManager", "Kind"), tx("ModelManager", "Size"), tx("ModelManager", "Fit"),
            tx("ModelManager", "State")])
        self.download_button = QPushButton(tx("ModelManager", "&Download"))
        self.download_button.clicked.connect(self.download_selected_entry)
        self.use_entry_button = QPushButton(tx("ModelManager", "&Use"))
        self.use_entry_button.clicked.connect(self.use_selected_entry)
        self.entry_details = QLabel(tx("ModelManager", "Select a model to read about it."))
        self.entry_details.setWordWrap(True)
        self.entry_details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.catalogue_table.itemSelectionChanged.connect(self._show_entry)
        tab = table_tab(self.catalogue_table, [self.download_button, self.use_entry_button])
        tab.layout().insertWidget(1, self.entry_details)
        return tab

    @Slot()
    def _show_entry(self) -> None:
        entry = self._selected(self.catalogue_table)
        if not isinstance(entry, CatalogueEntry):
            return
        # Use needs the model on this computer, Download one that is not yet.
        installed = any(m.sha256 == entry.sha256 for m in self.store.installed())
        self.use_entry_button.setEnabled(installed)
        self.download_button.setEnabled(not installed and not entry.embedded)
        fit = (fit_of(entry.size, entry.shape, self.machine, self.n_ctx).text
               if self.machine else "")
        self.entry_details.setText(entry_words(entry, fit))

    def _installed_tab(self) -> QWidget:
        self.installed_table = new_table([tx("ModelManager", "Model"), tx("ModelManager", "Size"),
                                          tx("ModelManager", "From"),
                                          tx("ModelManager", "On this computer")])
        self.installed_table.itemSelectionChanged.connect(self._show_details)
        self.details = QLabel("")
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setWordWrap(True)
        use = QPushButton(tx("ModelManager", "U&se"))
        use.clicked.connect(self.use_selected_installed)
        delete = QPushButton(tx("ModelManager", "De&lete…"))
        delete.clicked.connect(self.delete_selected)
        import_button = QPushButton(tx("ModelManager", "I&mport .gguf…"))
        import_button.clicked.connect(self.import_dialog)
        self.measure_button = measure_button(self.measure_selected)
        self.measure_button.setVisible(self.probes is not None)
        tab = table_tab(self.installed_table, [self.measure_button, use, delete, import_button])
        tab.layout().insertWidget(1, self.details)
        return tab

    def _search_tab(self) -> QWidget:
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(tx("ModelManager", "Search GGUF models on Hugging "
                                                              "Face, e.g. “qwen instruct” "
                                                              "(goes online)"))
        self.search_box.returnPressed.connect(self.search)
        search = QPushButton(tx("ModelManager", "Searc&h"))
        search.clicked.connect(self.search)
        self.results_table = new_table([tx("ModelManager", "Repository"),
                                        tx("ModelManager", "File"),
                                        tx("ModelManager", "Size"), tx("ModelManager", "Fit")])
        self.results_table.itemSelectionChanged.connect(self._read_selected_header)
        fetch = QPushButton(tx("ModelManager", "Do&wnload"))
        fetch.clicked.connect(self.download_selected_result)
        tab = table_tab(self.results_table, [fetch])
        row = QHBoxLayout()
        row.addWidget(self.search_box, 1)
        row.addWidget(search)
        tab.layout().insertLayout(0, row)
        return tab

    # -- showing what is there -------------------------------------------------------

    def _badge(self, item: QTableWidgetItem, size: int, shape: Architecture | None) -> None:
        show_fit(item, size, shape, self.machine, self.n_ctx)

    def refresh(self) -> None:
        """Fill the catalogue and installed tables from the store."""
        installed = self.store.installed()
        in_use = self._in_use()
        using = {m.sha256 for m in installed
                 if in_use and self.store.path_of(m).resolve() == Path(in_use).resolve()}
        hashes = {model.sha256 for model in installed}
        partials = {(p.repo, p.hub_file): p for p in self.store.partials()}
        self.catalogue_table.setRowCount(0)
        for entry in self.catalogue:
            partial = partials.get((entry.repo, entry.file))
            state = state_words(entry.sha256 in hashes, entry.sha256 in using,
                                partial.have / partial.size if partial else None)
            new_row(self.catalogue_table, [entry_name(entry), entry.quantization,
                                           kind_words(entry.kind), size_words(entry.size), "",
                                           state], entry)
            self._badge(self.catalogue_table.item(self.catalogue_table.rowCount() - 1, 4),
                        entry.size, entry.shape)
        self.catalogue_table.resizeColumnsToContents()
        fill_installed(self.installed_table, installed, list(partials.values()), using,
                       self.probes)
        self.installed_table.resizeColumnsToContents()

    def _selected(self, table: QTableWidget) -> object:
        items = table.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    @Slot()
    def _show_details(self) -> None:
        model = self._selected(self.installed_table)
        if isinstance(model, PartialDownload):
            self.details.setText(tx("ModelManager", "{done} of {total} MB downloaded from "
                                                    "{repo} at {revision}; the bytes are kept "
                                                    "until you resume or delete it.").format(
                done=f"{model.have / 1e6:,.0f}", total=f"{model.size / 1e6:,.0f}",
                repo=model.repo, revision=model.revision[:7]))
            return
        if not isinstance(model, InstalledModel):
            self.details.setText("")
            return
        # A header with a large vocabulary takes a tenth of a second to read: off the GUI thread.
        path = self.store.path_of(model)
        self.details.setText(tx("ModelManager", "Reading the model's header…"))
        if self._details is not None:
            self._details.cancel()
        self._details = run_in_background(lambda: read_gguf_info(path),
                                          lambda info: self._show_header(model, info),
                                          lambda error: self.details.setText(
                                              failure_words(error)),
                                          owner=self, name="gguf-header")

    def _show_header(self, model: InstalledModel, info: GGUFInfo) -> None:
        if self._selected(self.installed_table) != model:
            return  # the writer has selected another row meanwhile
        self.details.setText(header_words(info, model.name))

    # -- actions -----------------------------------------------------------------------

    def download_selected_entry(self) -> None:
        entry = self._selected(self.catalogue_table)
        if isinstance(entry, CatalogueEntry) and not entry.embedded:
            self.downloads.start(entry.repo, entry.file, entry.revision, entry.sha256)

    def download_selected_result(self) -> None:
        remote = self._selected(self.results_table)
        if isinstance(remote, RemoteFile):
            self.downloads.start(remote.repo, remote.path, remote.revision)

    def use_selected_entry(self) -> None:
        entry = self._selected(self.catalogue_table)
        if isinstance(entry, CatalogueEntry):
            model = next((m for m in self.store.installed() if m.sha256 == entry.sha256), None)
            if model is None:
                self.status_label.setText(tx("ModelManager", "Download {name} first.").format(
                    name=entry.name))
            else:
                self.model_chosen.emit(str(self.store.path_of(model)))

    def use_selected_installed(self) -> None:
        model = self._selected(self.installed_table)
        if isinstance(model, InstalledModel):
            self.model_chosen.emit(str(self.store.path_of(model)))
        elif isinstance(model, PartialDownload):
            # A paused download, perhaps from an earlier session: finish it first.
            self.downloads.start(model.repo, model.hub_file, model.revision)

    def _on_probe_message(self, words: str) -> None:
        self.status_label.setText(words)
        self.refresh()  # "Measuring…", or what was measured

    def measure_selected(self) -> None:
        model = self._selected(self.installed_table)
        if isinstance(model, InstalledModel):
            self._measure(model)
        else:
            self.status_label.setText(tx("ModelSpeed", "Select a model to measure."))

    def _measure(self, model: InstalledModel) -> None:
        if self.probes is not None:
            self.probes.measure(model.sha256, self.store.path_of(model), model.name)
            self.refresh()

    def delete_selected(self) -> None:
        model = self._selected(self.installed_table)
        if isinstance(model, PartialDownload):
            if self.downloads.is_current(model.repo, model.hub_file):
                self.downloads.cancel()
            else:
                self.store.discard_partial(model.name)
                self.status_label.setText(tx("ModelManager", "Deleted the paused download of "
                                                             "{name}.").format(name=model.name))
                self.refresh()
            return
        if not isinstance(model, InstalledModel):
            return
        if model.source == "embedded":
            self.status_label.setText(tx("ModelManager",
                                         "The embedded model ships with the app; it stays."))
            return
        answer = QMessageBox.question(
            self, tx("ModelManager", "Delete model"), tx("ModelManager",
                                                         "Delete {name} ({size}) from this "
                                                     "computer? You can download it again "
                                                     "later.").format(name=model.name,
                                                                      size=size_words(model.size)))
        if answer == QMessageBox.StandardButton.Yes:
            self.store.remove(model)
            self.status_label.setText(tx("ModelManager", "Deleted {name}.").format(
                name=model.name))
            self.refresh()

    def import_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, tx("ModelManager", "Import a model"),
                                              str(Path.home()),
                                              tx("ModelManager", "GGUF models (*.gguf)"))
        if name:
            self.import_path(Path(name))

    def import_path(self, path: Path) -> None:
        self.downloads.import_file(path)

    def search(self) -> None:
        query = self.search_box.text().strip()
        if not query:
            return

        def work() -> list[tuple[str, list[RemoteFile]]]:
            return [(repo, gguf_files(repo)) for repo in search_gguf(query)[:SEARCH_REPOS]]

        self.status_label.setText(tx("ModelManager", "Searching the Hub for “{query}”…").format(
            query=query))
        if self._search is not None:
            self._search.cancel()  # the newer search is the one the writer waits for
        self._search = run_in_background(
            work, self._show_results,
            lambda error: self.status_label.setText(failure_words(error)),
            owner=self, name="hub-search")

    def _on_machine_found(self, machine: Machine) -> None:
        self.machine = machine
        self._describe_machine()
        self.refresh()

    @Slot()
    def _read_selected_header(self) -> None:
        """Read the selected Hub file's first bytes (512 KB at most) to judge it exactly."""
        remote = self._selected(self.results_table)
        if not isinstance(remote, RemoteFile) or (remote.repo, remote.path) in self._shapes:
            return
        self._shapes[(remote.repo, remote.path)] = None  # asked once
        run_in_background(lambda: remote_shape(remote),
                          lambda shape: self._show_shape(remote, shape),
                          lambda _message: None,  # the rough badge stays
                          owner=self, name="hub-header")

    def _show_shape(self, remote: RemoteFile, shape: Architecture | None) -> None:
        if shape is None:
            return
        self._shapes[(remote.repo, remote.path)] = shape
        for row in range(self.results_table.rowCount()):
            if self.results_table.item(row, 0).data(Qt.ItemDataRole.UserRole) == remote:
                self._badge(self.results_table.item(row, 3), remote.size, shape)

    def _describe_machine(self) -> None:
        if self.machine is not None:
            self.machine_label.setText(machine_words(self.machine, self.n_ctx))

    def _show_results(self, results: list[tuple[str, list[RemoteFile]]]) -> None:
        self.results_table.setRowCount(0)
        for repo, files in results:
            for remote in files:
                cell = new_row(self.results_table,
                               [repo, remote.path, size_words(remote.size), ""], remote)
                self._badge(cell, remote.size, self._shapes.get((remote.repo, remote.path)))
        self.results_table.resizeColumnsToContents()
        count = self.results_table.rowCount()
        self.status_label.setText(
            tx("ModelManager", "{count} GGUF files in {repositories} repositories.").format(
                count=count, repositories=len(results))
            if count else tx("ModelManager", "No GGUF files found; try other words."))

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing pauses a download; its bytes stay for the next time."""
        self.downloads.pause()
        super().closeEvent(event)
