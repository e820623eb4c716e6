"""Preferences → Model: each installed model and what it feels like on this computer, with
a button that measures the selected one (the model manager's Installed tab says the
same, beside its other columns)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from writer_app.hub.model_store import InstalledModel, ModelStore
from writer_app.ui.i18n import tx
from writer_app.ui.models.model_speed import (
    SpeedProbes,
    measure_button,
    speed_details,
    speed_words,
)
from writer_app.ui.models.model_tables import new_row, new_table, table_tab


class ModelSpeedsPanel(QWidget):
    """Installed models and their speeds here; Measure Speed runs the probe."""

    def __init__(self, store: ModelStore, probes: SpeedProbes,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.probes = probes
        self.table = new_table([tx("ModelSpeed", "Installed model"),
                                tx("ModelSpeed", "On this computer")])
        self.table.setMinimumHeight(120)
        self.measure_button = measure_button(self.measure_selected)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(table_tab(self.table, [self.measure_button]))
        layout.addWidget(self.status)
        probes.message.connect(self._on_probe_message)
        self.refresh()

    def _on_probe_message(self, words: str) -> None:
        self.status.setText(words)
        self.refresh()

    def refresh(self) -> None:
        selected = self._selected()
        self.table.setRowCount(0)
        for model in self.store.installed():
            speed = self.probes.speed_of(model.sha256)
            words = (tx("ModelSpeed", "Measuring…") if self.probes.measuring(model.sha256)
                     else speed_words(speed))
            item = new_row(self.table, [model.name, words], model)
            item.setToolTip(speed_details(speed))
            if model == selected:
                self.table.selectRow(self.table.rowCount() - 1)
        self.table.resizeColumnToContents(0)

    def _selected(self) -> InstalledModel | None:
        items = self.table.selectedItems()
        model = items[0].data(Qt.ItemDataRole.UserRole) if items else None
        return model if isinstance(model, InstalledModel) else None

    def measure_selected(self) -> None:
        model = self._selected()
        if model is None:
            self.status.setText(tx("ModelSpeed", "Select a model to measure."))
            return
        self.probes.measure(model.sha256, self.store.path_of(model), model.name)
        self.refresh()
