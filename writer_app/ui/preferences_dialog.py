"""Preferences: how suggestions behave, the theme, how the model runs (GPU layers,
threads, context size), which engine writes (this computer or a server), and the
sampling defaults of each kind of task (the values a template leaves to the writer)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from writer_app.core.api_keys import ApiKeys
from writer_app.core.memory_fit import parse_gpu_layers
from writer_app.core.prompt_templates import TaskKind
from writer_app.core.prose import SuggestionLength
from writer_app.core.settings import Settings
from writer_app.core.task_sampling import BUILT_IN, LIMITS, defaults_for
from writer_app.core.text_counts import CountUnit
from writer_app.ui.engine_page import EnginePage

LENGTHS = ((SuggestionLength.WORDS, "A few words"),
           (SuggestionLength.SENTENCE, "To the end of the sentence"),
           (SuggestionLength.PARAGRAPH, "To the end of the paragraph"))
COUNT_UNITS = ((CountUnit.AUTO, "Automatic: characters for Chinese and Japanese"),
               (CountUnit.WORDS, "Words"), (CountUnit.CHARACTERS, "Characters"))
THEMES = (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark"))
GPU_LAYERS = (("auto", "Automatic (what fits)"), ("all", "All layers"),
              ("none", "None (CPU only)"))
CONTEXT_SIZES = (2048, 4096, 8192, 16384, 32768)
TASK_LABELS = {TaskKind.REWRITE: "Rewrite", TaskKind.SUMMARIZE: "Summarize",
               TaskKind.CONTINUE: "Continue", TaskKind.TRANSLATE: "Translate"}


class PreferencesDialog(QDialog):
    """Edit a copy of the settings; `apply_to` writes the writer's choices back."""

    def __init__(self, settings: Settings, keys: ApiKeys,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.tabs = QTabWidget()
        self.tabs.addTab(self._writing_tab(settings), "&Writing")
        self.tabs.addTab(self._model_tab(settings), "&Model")
        self.engine_page = EnginePage(settings, keys)
        self.tabs.addTab(self.engine_page, "&Engine")
        self.tabs.addTab(self._tasks_tab(settings), "&Tasks")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)

    def _writing_tab(self, settings: Settings) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.auto_suggest = QCheckBox("Suggest while I pause")
        self.auto_suggest.setChecked(settings.suggestions_enabled)
        form.addRow(self.auto_suggest)
        self.pause = QSpinBox()
        self.pause.setRange(50, 5000)
        self.pause.setSingleStep(50)
        self.pause.setSuffix(" ms")
        self.pause.setValue(settings.pause_ms)
        form.addRow("Pause before suggesting:", self.pause)
        self.length = QComboBox()
        for value, label in LENGTHS:
            self.length.addItem(label, value)
        self.length.setCurrentIndex(self.length.findData(settings.suggestion_length))
        form.addRow("Suggestion length:", self.length)
        self.count_unit = QComboBox()
        for value, label in COUNT_UNITS:
            self.count_unit.addItem(label, value)
        self.count_unit.setCurrentIndex(self.count_unit.findData(settings.count_unit))
        form.addRow("Count in the status bar:", self.count_unit)
        self.theme = QComboBox()
        for value, label in THEMES:
            self.theme.addItem(label, value)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        form.addRow("Theme:", self.theme)
        self.backup = QCheckBox("Keep the previous version when saving")
        self.backup.setToolTip("Each save keeps the version it replaces in the backups "
                               "folder of Local Writer's data folder.")
        self.backup.setChecked(settings.backup_on_save)
        form.addRow(self.backup)
        return page

    def _model_tab(self, settings: Settings) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.gpu_layers = QComboBox()
        self.gpu_layers.setEditable(True)  # a number of layers may be typed
        for value, label in GPU_LAYERS:
            self.gpu_layers.addItem(label, value)
        index = self.gpu_layers.findData(settings.gpu_layers)
        if index >= 0:
            self.gpu_layers.setCurrentIndex(index)
        else:
            self.gpu_layers.setEditText(settings.gpu_layers)
        self.gpu_layers.setToolTip("Layers llama.cpp puts on the GPU. Automatic offloads what "
                                   "the memory estimate says fits; type a number to choose.")
        form.addRow("GPU layers:", self.gpu_layers)
        self.threads = QSpinBox()
        self.threads.setRange(0, 256)
        self.threads.setSpecialValueText("Automatic")
        self.threads.setValue(settings.n_threads)
        form.addRow("CPU threads:", self.threads)
        self.context = QComboBox()
        for size in CONTEXT_SIZES:
            self.context.addItem(f"{size:,} tokens", size)
        if self.context.findData(settings.n_ctx) < 0:
            self.context.addItem(f"{settings.n_ctx:,} tokens", settings.n_ctx)
        self.context.setCurrentIndex(self.context.findData(settings.n_ctx))
        form.addRow("Context size:", self.context)
        note = QLabel("A longer context lets tasks see more text but needs more memory; the "
                      "model reloads when these change.")
        note.setWordWrap(True)
        form.addRow(note)
        return page

    def gpu_layers_setting(self) -> str:
        """The GPU layers choice as a setting; what was typed, if it is a number."""
        text = self.gpu_layers.currentText()
        for value, label in GPU_LAYERS:
            if text == label:
                return value
        try:
            return parse_gpu_layers(text)
        except ValueError:
            return "auto"

    def _tasks_tab(self, settings: Settings) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        note = QLabel("Sampling for each kind of task. A template that sets a value in its "
                      "own [sampling] table keeps it; every value it leaves out comes "
                      "from here.")
        note.setWordWrap(True)
        layout.addWidget(note)
        grid = QGridLayout()
        for column, limit in enumerate(LIMITS.values(), start=1):
            header = QLabel(limit.label)
            header.setToolTip(limit.help)
            grid.addWidget(header, 0, column)
        self.sampling_boxes: dict[TaskKind, dict[str, QSpinBox | QDoubleSpinBox]] = {}
        for row, kind in enumerate(TaskKind, start=1):
            grid.addWidget(QLabel(TASK_LABELS[kind]), row, 0)
            current = defaults_for(kind, settings.task_sampling)
            boxes: dict[str, QSpinBox | QDoubleSpinBox] = {}
            for column, (name, limit) in enumerate(LIMITS.items(), start=1):
                box = self._number_box(isinstance(getattr(current, name), int))
                box.setRange(limit.low, limit.high)  # type: ignore[arg-type]
                box.setSingleStep(limit.step)  # type: ignore[arg-type]
                box.setValue(getattr(current, name))
                box.setToolTip(limit.help)
                box.setAccessibleName(f"{TASK_LABELS[kind]} {limit.label}")
                grid.addWidget(box, row, column)
                boxes[name] = box
            self.sampling_boxes[kind] = boxes
        layout.addLayout(grid)
        restore = QPushButton("Restore Defaults")
        restore.clicked.connect(self.restore_task_defaults)
        layout.addWidget(restore)
        layout.addStretch(1)
        return page

    @staticmethod
    def _number_box(whole: bool) -> QSpinBox | QDoubleSpinBox:
        if whole:
            return QSpinBox()
        box = QDoubleSpinBox()
        box.setDecimals(2)
        return box

    def restore_task_defaults(self) -> None:
        """Put the built-in values back in every box (applied on OK)."""
        for kind, boxes in self.sampling_boxes.items():
            for name, box in boxes.items():
                box.setValue(getattr(BUILT_IN[kind], name))

    def task_sampling(self) -> dict[str, dict[str, float | int]]:
        """Return the boxes' values that differ from the built-in ones, as stored."""
        chosen: dict[str, dict[str, float | int]] = {}
        for kind, boxes in self.sampling_boxes.items():
            changed = {name: box.value() for name, box in boxes.items()
                       if abs(box.value() - getattr(BUILT_IN[kind], name)) > 1e-9}
            if changed:
                chosen[kind.value] = changed
        return chosen

    def apply_to(self, settings: Settings) -> None:
        """Write the writer's choices into `settings` (and an API key to the keychain:
        raise WriterError if that fails, after the rest is applied)."""
        settings.suggestions_enabled = self.auto_suggest.isChecked()
        settings.backup_on_save = self.backup.isChecked()
        settings.pause_ms = self.pause.value()
        # Qt keeps the enum as its plain string value.
        settings.suggestion_length = SuggestionLength(self.length.currentData())
        settings.theme = self.theme.currentData()
        settings.count_unit = CountUnit(self.count_unit.currentData())
        settings.task_sampling = self.task_sampling()
        settings.gpu_layers = self.gpu_layers_setting()
        settings.n_threads = self.threads.value()
        settings.n_ctx = int(self.context.currentData())
        self.engine_page.apply_to(settings)
