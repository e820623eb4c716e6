"""Preferences: how suggestions behave, the theme, how the model runs (GPU layers,
threads, context size), which engine writes (this computer or a server), and the
sampling defaults of each kind of task (the values a template leaves to the writer)."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtGui import QFontDatabase
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
from writer_app.core.paragraph_look import LINE_SPACINGS, ParagraphStyle
from writer_app.core.prompt_templates import TaskKind
from writer_app.core.prose import SuggestionLength
from writer_app.core.settings import Settings
from writer_app.core.task_sampling import BUILT_IN, LIMITS, defaults_for
from writer_app.core.text_counts import CountUnit
from writer_app.ui.editor.ghost_editor import TEXT_POINTS_RANGE
from writer_app.ui.editor.suggestion_length import length_choices
from writer_app.ui.i18n import translated_languages, tx
from writer_app.ui.preferences.engine_page import EnginePage
from writer_app.ui.preferences.spelling_page import SpellingPage

CONTEXT_SIZES = (2048, 4096, 8192, 16384, 32768)
# Characters before the cursor a suggestion reads (see `writer-app bench --window`).
WINDOW_SIZES = (2000, 4000, 6000)


def theme_choices() -> tuple[tuple[str, str], ...]:
    return (("system", tx("Preferences", "Follow the system")),
            ("light", tx("Preferences", "Light")), ("dark", tx("Preferences", "Dark")))


def count_unit_choices() -> tuple[tuple[CountUnit, str], ...]:
    return ((CountUnit.AUTO, tx("Preferences", "Automatic: characters for Chinese and "
                                               "Japanese")),
            (CountUnit.WORDS, tx("Preferences", "Words")),
            (CountUnit.CHARACTERS, tx("Preferences", "Characters")))


def gpu_layer_choices() -> tuple[tuple[str, str], ...]:
    return (("auto", tx("Preferences", "Automatic (what fits)")),
            ("all", tx("Preferences", "All layers")),
            ("none", tx("Preferences", "None (CPU only)")))


def task_label(kind: TaskKind) -> str:
    return {TaskKind.REWRITE: tx("Preferences", "Rewrite"),
            TaskKind.SUMMARIZE: tx("Preferences", "Summarize"),
            TaskKind.CONTINUE: tx("Preferences", "Continue"),
            TaskKind.TRANSLATE: tx("Preferences", "Translate")}[kind]


def sampling_words(name: str) -> tuple[str, str]:
    """Return a sampling setting's label and its help, in the interface's language."""
    return {
        "temperature": (tx("Preferences", "Temperature"),
                        tx("Preferences", "Higher gives more varied wording; 0 always picks "
                                          "the likeliest.")),
        "top_p": (tx("Preferences", "Top-p"),
                  tx("Preferences", "Only words within this share of the probability are "
                                    "considered.")),
        "top_k": (tx("Preferences", "Top-k"),
                  tx("Preferences", "Only this many likeliest words are considered (0: no "
                                    "limit).")),
        "repeat_penalty": (tx("Preferences", "Repeat penalty"),
                           tx("Preferences", "Above 1 discourages repeating recent words.")),
        "max_tokens": (tx("Preferences", "Maximum length (tokens)"),
                       tx("Preferences", "The task stops after this many tokens (about ¾ of "
                                         "a word each).")),
    }[name]


class PreferencesDialog(QDialog):
    """Edit a copy of the settings; `apply_to` writes the writer's choices back."""

    def __init__(self, settings: Settings, keys: ApiKeys,
                 parent: QWidget | None = None, *,
                 spelling_page: SpellingPage | None = None,
                 model_speeds: QWidget | None = None) -> None:
        """`model_speeds` shows on the Model page: installed models' speeds here."""
        super().__init__(parent)
        self.setWindowTitle(tx("Preferences", "Preferences"))
        self.tabs = QTabWidget()
        self.tabs.addTab(self._writing_tab(settings), tx("Preferences", "&Writing"))
        self.spelling_page = spelling_page
        if spelling_page is not None:
            self.tabs.addTab(spelling_page, tx("Preferences", "&Spelling"))
        self.model_speeds = model_speeds
        self.tabs.addTab(self._model_tab(settings), tx("Preferences", "&Model"))
        self.engine_page = EnginePage(settings, keys)
        self.tabs.addTab(self.engine_page, tx("Preferences", "&Engine"))
        self.tabs.addTab(self._tasks_tab(settings), tx("Preferences", "&Tasks"))
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
        self.auto_suggest = QCheckBox(tx("Preferences", "Suggest while I pause"))
        self.auto_suggest.setChecked(settings.suggestions_enabled)
        form.addRow(self.auto_suggest)
        self.pause = QSpinBox()
        self.pause.setRange(50, 5000)
        self.pause.setSingleStep(50)
        self.pause.setSuffix(tx("Preferences", " ms"))
        self.pause.setValue(settings.pause_ms)
        form.addRow(tx("Preferences", "Pause before suggesting:"), self.pause)
        self.length = QComboBox()
        for value, label in length_choices():
            self.length.addItem(label, value)
        self.length.setCurrentIndex(self.length.findData(settings.suggestion_length))
        form.addRow(tx("Preferences", "Suggestion length:"), self.length)
        self.count_unit = QComboBox()
        for value, label in count_unit_choices():
            self.count_unit.addItem(label, value)
        self.count_unit.setCurrentIndex(self.count_unit.findData(settings.count_unit))
        form.addRow(tx("Preferences", "Count in the status bar:"), self.count_unit)
        self.goal = QSpinBox()
        self.goal.setRange(0, 1_000_000)
        self.goal.setSingleStep(100)
        self.goal.setSpecialValueText(tx("Preferences", "None"))
        self.goal.setSuffix(tx("Preferences", " words"))
        self.goal.setValue(settings.session_goal_words)
        form.addRow(tx("Preferences", "Session goal:"), self.goal)
        self.theme = QComboBox()
        for value, label in theme_choices():
            self.theme.addItem(label, value)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        form.addRow(tx("Preferences", "Theme:"), self.theme)
        self.language = QComboBox()
        for value, label in translated_languages().items():
            self.language.addItem(label, value)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.language.setToolTip(tx("Preferences", "The language of menus, dialogs and "
                                                   "messages; it changes the next time "
                                                   "Local Writer starts."))
        form.addRow(tx("Preferences", "Interface language:"), self.language)
        self.backup = QCheckBox(tx("Preferences", "Keep the previous version when saving"))
        self.backup.setToolTip(tx("Preferences", "Each save keeps the version it replaces in "
                                                  "the backups folder of Local Writer's data "
                                                  "folder."))
        self.backup.setChecked(settings.backup_on_save)
        form.addRow(self.backup)
        self.reopen = QCheckBox(tx("Preferences", "Reopen the last document at start"))
        self.reopen.setToolTip(tx("Preferences", "With the cursor and the page where you "
                                                  "left it."))
        self.reopen.setChecked(settings.reopen_last_document)
        form.addRow(self.reopen)
        self.smart = QCheckBox(tx("Preferences", "Smart quotes and dashes as I type"))
        self.smart.setToolTip(tx("Preferences", "“ ” ‘ ’ (« », „ “ in the languages that use "
                                                 "them) for straight quotes, and — for two "
                                                 "hyphens. Undo right after gives back what "
                                                 "you typed."))
        self.smart.setChecked(settings.smart_punctuation)
        form.addRow(self.smart)
        self.font_family = QComboBox()
        self.font_family.addItem(tx("Preferences", "The shipped writing fonts"), "")
        for family in QFontDatabase.families():
            self.font_family.addItem(family, family)
        self.font_family.setCurrentIndex(max(0, self.font_family.findData(
            settings.writing_font)))
        form.addRow(tx("Preferences", "Writing font:"), self.font_family)
        self.text_points = QSpinBox()
        self.text_points.setRange(*TEXT_POINTS_RANGE)
        self.text_points.setSuffix(tx("Preferences", " pt"))
        self.text_points.setValue(settings.text_points)
        self.text_points.setToolTip(tx("Preferences", "View → Zoom In and Zoom Out "
                                                       "(Ctrl+= and Ctrl+-) change it too."))
        form.addRow(tx("Preferences", "Text size:"), self.text_points)
        self.paragraph_style = QComboBox()
        for style, label in (
                (ParagraphStyle.SPACED, tx("Preferences", "Space between paragraphs")),
                (ParagraphStyle.INDENTED, tx("Preferences", "First line indented")),
                (ParagraphStyle.PLAIN, tx("Preferences", "Neither"))):
            self.paragraph_style.addItem(label, style.value)
        self.paragraph_style.setCurrentIndex(self.paragraph_style.findData(
            settings.paragraph_style.value))
        self.paragraph_style.setToolTip(tx("Preferences", "On screen only: the file keeps one "
                                                           "line per paragraph."))
        form.addRow(tx("Preferences", "Paragraphs:"), self.paragraph_style)
        self.line_spacing = QComboBox()
        for spacing in LINE_SPACINGS:
            self.line_spacing.addItem(QLocale().toString(spacing, "g", 3), spacing)
        self.line_spacing.setCurrentIndex(max(0, self.line_spacing.findData(
            settings.line_spacing)))
        form.addRow(tx("Preferences", "Line spacing:"), self.line_spacing)
        return page

    def _model_tab(self, settings: Settings) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.gpu_layers = QComboBox()
        self.gpu_layers.setEditable(True)  # a number of layers may be typed
        for value, label in gpu_layer_choices():
            self.gpu_layers.addItem(label, value)
        index = self.gpu_layers.findData(settings.gpu_layers)
        if index >= 0:
            self.gpu_layers.setCurrentIndex(index)
        else:
            self.gpu_layers.setEditText(settings.gpu_layers)
        self.gpu_layers.setToolTip(tx("Preferences", "Layers llama.cpp puts on the GPU. "
                                                      "Automatic offloads what the memory "
                                                      "estimate says fits; type a number to "
                                                      "choose."))
        form.addRow(tx("Preferences", "GPU layers:"), self.gpu_layers)
        self.threads = QSpinBox()
        self.threads.setRange(0, 256)
        self.threads.setSpecialValueText(tx("Preferences", "Automatic"))
        self.threads.setValue(settings.n_threads)
        form.addRow(tx("Preferences", "CPU threads:"), self.threads)
        self.context = QComboBox()
        for size in CONTEXT_SIZES:
            self.context.addItem(tx("Preferences", "{size} tokens").format(size=f"{size:,}"), size)
        if self.context.findData(settings.n_ctx) < 0:
            tokens = tx("Preferences", "{size} tokens").format(size=f"{settings.n_ctx:,}")
            self.context.addItem(tokens, settings.n_ctx)
        self.context.setCurrentIndex(self.context.findData(settings.n_ctx))
        form.addRow(tx("Preferences", "Context size:"), self.context)
        self.window_chars = QComboBox()
        for chars in sorted({*WINDOW_SIZES, settings.context_chars}):
            self.window_chars.addItem(tx("Preferences", "{size} characters").format(
                size=f"{chars:,}"), chars)
        self.window_chars.setCurrentIndex(self.window_chars.findData(settings.context_chars))
        self.window_chars.setToolTip(tx("Preferences", "How much of the text before the cursor "
                                                        "the model reads for a suggestion. "
                                                        "More gives it more of the story; "
                                                        "the context size must hold it."))
        form.addRow(tx("Preferences", "Suggestions read:"), self.window_chars)
        note = QLabel(tx("Preferences", "A longer context lets tasks see more text but needs "
                                        "more memory. The model reloads when the GPU layers, "
                                        "threads or context size change; what suggestions "
                                        "read applies at once."))
        note.setWordWrap(True)
        form.addRow(note)
        if self.model_speeds is not None:
            form.addRow(QLabel(tx("Preferences", "<b>Installed models on this "
                                                 "computer</b>")))
            form.addRow(self.model_speeds)
        return page

    def gpu_layers_setting(self) -> str:
        """The GPU layers choice as a setting; what was typed, if it is a number."""
        text = self.gpu_layers.currentText()
        for value, label in gpu_layer_choices():
            if text == label:
                return value
        try:
            return parse_gpu_layers(text)
        except ValueError:
            return "auto"

    def _tasks_tab(self, settings: Settings) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        note = QLabel(tx("Preferences", "Sampling for each kind of task. A template that sets a "
                                        "value in its own [sampling] table keeps it; every "
                                        "value it leaves out comes from here."))
        note.setWordWrap(True)
        layout.addWidget(note)
        grid = QGridLayout()
        for column, name in enumerate(LIMITS, start=1):
            label, help_text = sampling_words(name)
            header = QLabel(label)
            header.setToolTip(help_text)
            grid.addWidget(header, 0, column)
        self.sampling_boxes: dict[TaskKind, dict[str, QSpinBox | QDoubleSpinBox]] = {}
        for row, kind in enumerate(TaskKind, start=1):
            grid.addWidget(QLabel(task_label(kind)), row, 0)
            current = defaults_for(kind, settings.task_sampling)
            boxes: dict[str, QSpinBox | QDoubleSpinBox] = {}
            for column, (name, limit) in enumerate(LIMITS.items(), start=1):
                box = self._number_box(isinstance(getattr(current, name), int))
                box.setRange(limit.low, limit.high)  # type: ignore[arg-type]
                box.setSingleStep(limit.step)  # type: ignore[arg-type]
                box.setValue(getattr(current, name))
                box.setToolTip(sampling_words(name)[1])
                box.setAccessibleName(f"{task_label(kind)} {sampling_words(name)[0]}")
                grid.addWidget(box, row, column)
                boxes[name] = box
            self.sampling_boxes[kind] = boxes
        layout.addLayout(grid)
        restore = QPushButton(tx("Preferences", "Restore Defaults"))
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
        settings.reopen_last_document = self.reopen.isChecked()
        settings.smart_punctuation = self.smart.isChecked()
        settings.writing_font = self.font_family.currentData() or ""
        settings.text_points = self.text_points.value()
        settings.paragraph_style = ParagraphStyle(self.paragraph_style.currentData())
        settings.line_spacing = float(self.line_spacing.currentData())
        settings.pause_ms = self.pause.value()
        # Qt keeps the enum as its plain string value.
        settings.suggestion_length = SuggestionLength(self.length.currentData())
        settings.theme = self.theme.currentData()
        settings.count_unit = CountUnit(self.count_unit.currentData())
        settings.session_goal_words = self.goal.value()
        settings.language = str(self.language.currentData())
        settings.task_sampling = self.task_sampling()
        settings.gpu_layers = self.gpu_layers_setting()
        settings.n_threads = self.threads.value()
        settings.n_ctx = int(self.context.currentData())
        settings.context_chars = int(self.window_chars.currentData())
        if self.spelling_page is not None:
            self.spelling_page.apply_to(settings)
        self.engine_page.apply_to(settings)
