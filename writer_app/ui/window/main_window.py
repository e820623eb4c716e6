"""The main window: it lays out the editor and its bars, creates the parts (the document
session, the suggestion and task controllers, the model switch), wires them together
and gives each its menu. What each part does is in the part's own module."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QPoint, Qt, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QMessageBox, QVBoxLayout, QWidget

from writer_app.core import word_breaks
from writer_app.core.api_keys import ApiKeys
from writer_app.core.errors import WriterError
from writer_app.core.paragraph_look import ParagraphLook
from writer_app.core.prompt_templates import PromptTemplate
from writer_app.core.settings import Settings, save_settings
from writer_app.core.spelling.spelling_service import NO_CHECKING, SpellingService
from writer_app.core.text_counts import writing_language
from writer_app.core.writing_log import WRITING_LOG_FILE, WritingLog
from writer_app.engine.client.suggestion_request import plan_suggestion
from writer_app.engine.client.task_request import needs_instruct_note
from writer_app.paths import AppPaths
from writer_app.resources import resource_path
from writer_app.ui.bridge.engine_service import EngineService
from writer_app.ui.documents.document_session import DocumentSession
from writer_app.ui.documents.export_dialog import Exporter
from writer_app.ui.documents.file_menu import FileMenu
from writer_app.ui.editor.find_bar import FindBar
from writer_app.ui.editor.ghost_editor import (
    DEFAULT_TEXT_POINTS,
    TEXT_POINTS_RANGE,
    GhostTextEdit,
    document_text,
)
from writer_app.ui.editor.smart_typing import SmartTyping
from writer_app.ui.editor.suggestion_controller import SuggestionController
from writer_app.ui.editor.suggestion_menu import SuggestionMenu
from writer_app.ui.i18n import say, tx
from writer_app.ui.markdown.markdown_view import MarkdownView
from writer_app.ui.markdown.outline_panel import OutlinePanel
from writer_app.ui.models.model_switch import ModelSwitch
from writer_app.ui.preferences.preferences_dialog import PreferencesDialog
from writer_app.ui.preferences.spelling_page import SpellingPage
from writer_app.ui.spelling.spelling_controller import SpellingController
from writer_app.ui.tasks.summary_panel import SummaryPanel
from writer_app.ui.tasks.task_controller import TaskController
from writer_app.ui.tasks.task_questions import TaskQuestions
from writer_app.ui.tasks.task_status import TaskStatus
from writer_app.ui.tasks.tasks_menu import TasksMenu
from writer_app.ui.tasks.template_names import display_name
from writer_app.ui.widgets.notice_bar import NoticeBar
from writer_app.ui.window.command_palette import CommandPalette, collect_commands
from writer_app.ui.window.focus_mode import FocusMode
from writer_app.ui.window.session_goal import SessionGoal
from writer_app.ui.window.status_bar import WriterStatusBar
from writer_app.ui.window.theme import apply_theme, effective_scheme
from writer_app.ui.window.window_geometry import restore_window_geometry, window_geometry
from writer_app.ui.window.window_menus import WindowMenus


class MainWindow(QMainWindow):
    """One document in one editor, with ghost text and tasks from the engine."""

    def __init__(self, settings: Settings, paths: AppPaths, bridge: EngineService) -> None:
        # Qt's own ICU is loaded already: the word boundaries use it before any other.
        word_breaks.add_library_dir(
            Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.LibrariesPath)))
        super().__init__()
        self.settings = settings
        self.paths = paths
        self.bridge = bridge
        self.last_notice = ""
        self.api_keys = ApiKeys(paths.api_keys_file)
        self._lay_out()
        self._show_writing_look()
        self._create_parts()
        self._fill_menus()
        self.resize(1000, 760)
        restore_window_geometry(self, settings.window_geometry)
        self.documents.update_title()

    def _lay_out(self) -> None:
        self.editor = GhostTextEdit()
        self.find_bar = FindBar(self.editor)
        self.find_bar.hide()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.notice = NoticeBar()
        layout.addWidget(self.notice)
        layout.addWidget(self.editor)
        layout.addWidget(self.find_bar)
        self.setCentralWidget(central)
        self.status = WriterStatusBar()
        self.status.text_source = lambda: document_text(self.editor)
        self.status.count_unit = self.settings.count_unit
        self.setStatusBar(self.status)
        self.editor.document().contentsChanged.connect(self.status.schedule_counts)
        self.editor.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.editor.customContextMenuRequested.connect(self._show_context_menu)

    def _create_parts(self) -> None:
        settings, paths, bridge = self.settings, self.paths, self.bridge
        self.suggestions = SuggestionController(
            self.editor, bridge, pause_ms=settings.pause_ms,
            length=settings.suggestion_length, context_chars=settings.context_chars,
            enabled=settings.suggestions_enabled,
        )
        self.questions = TaskQuestions(self, settings, self.save_settings,
                                       self._selection_language)
        self.tasks = TaskController(self.editor, bridge, self.questions.ask)
        self.tasks.sampling_overrides = settings.task_sampling
        self.tasks.failed.connect(lambda text: self.status.showMessage(text, 10000))
        self.suggestions.nothing_offered.connect(
            lambda text: self.status.showMessage(text, 5000))
        self.tasks.summary_ready.connect(self._show_summary)
        self.tasks.started.connect(self._on_task_started)
        self.task_status = TaskStatus(self.tasks)
        # Permanent: a passing message must never hide the stop button.
        self.status.insertPermanentWidget(0, self.task_status)
        self.summary = SummaryPanel(self.editor, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.summary)
        self.summary.hide()
        # Through the window at call time: tests answer notify() on the window.
        def notify(title: str, text: str) -> None:
            self.notify(title, text)

        self.documents = DocumentSession(
            self, self.editor, settings=settings, paths=paths, notice=self.notice,
            status=self.status, save_settings=self.save_settings, notify=notify)
        self.documents.about_to_replace.connect(self.suggestions.dismiss)
        self.documents.title_changed.connect(self._on_title_changed)
        # A document opened, a model loaded: read the cursor's window before the pause.
        self.documents.title_changed.connect(self.suggestions.read_here)
        bridge.model_loaded.connect(self.suggestions.read_here)
        self.spelling = SpellingController(
            self.editor, SpellingService(paths.config_dir, paths.data_dir,
                                         resource_path("dictionaries")), settings,
            save_settings=self.save_settings,
            notify=lambda text: notify(tx("Spelling", "Spelling"), text),
            document_path=lambda: self.documents.path)
        self.spelling.set_scheme(effective_scheme(settings.theme))
        self.status.addPermanentWidget(self.spelling.button)
        self.smart_typing = SmartTyping(self.editor, self._document_language,
                                        settings.smart_punctuation)
        self.documents.document_replaced.connect(self.spelling.document_opened)
        self.outline = OutlinePanel(self.editor, self)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.outline)
        self.outline.hide()
        self.markdown = MarkdownView(self.editor, self.outline, lambda: self.documents.path)
        self.markdown.set_scheme(effective_scheme(settings.theme))
        self.documents.document_replaced.connect(self.markdown.document_changed)
        self.documents.title_changed.connect(self.markdown.document_changed)
        self.models = ModelSwitch(self, bridge, settings=settings, paths=paths,
                                  status=self.status, notice=self.notice,
                                  save_settings=self.save_settings, notify=notify,
                                  # A new model has read no window: not one held.
                                  warm_plan=lambda: self.suggestions.plan(plan_suggestion)
                                  if self.suggestions.enabled else None,
                                  document_text=self.editor.toPlainText,
                                  edited=self.editor.document().contentsChanged)
        self.command_palette = CommandPalette(self)
        self.focus = FocusMode(self, self.editor, [self.menuBar(), self.status, self.find_bar])
        self.goal = SessionGoal(
            self.status, settings, WritingLog(paths.data_dir / WRITING_LOG_FILE),
            save_settings=self.save_settings, parent=self,
            document_key=lambda: str(self.documents.path or ""))
        self.status.addPermanentWidget(self.goal.button)
        self.documents.about_to_replace.connect(self.goal.document_closing)
        self.suggestions.suggestion_accepted.connect(self.goal.suggestion_accepted)
        self.focus.set_scheme(effective_scheme(settings.theme))

    def _fill_menus(self) -> None:
        bar = self.menuBar()
        self.menus = WindowMenus(self)
        self.exporter = Exporter(self.documents)
        self.file_menu = FileMenu(bar.addMenu(tx("Menus", "&File")), self.documents,
                                  self.close, self.exporter.ask)
        self.menus.fill_edit_menu(bar.addMenu(tx("Menus", "&Edit")), self.editor,
                                  self.find_bar, self.show_preferences,
                                  self.spelling.fill_edit_menu)
        self.suggestion_menu = SuggestionMenu(bar.addMenu(tx("Menus", "&Suggestions")),
                                              self.editor, self.suggestions, self.settings,
                                              self.save_settings)
        self.models.fill_menu(bar.addMenu(tx("Menus", "&Model")))
        view = bar.addMenu(tx("Menus", "&View"))
        self.focus.fill_view_menu(view)
        self.markdown.fill_view_menu(view)
        self.menus.fill_view_menu(view, self.settings.theme, self.set_theme,
                                  self.show_command_palette, self.zoom)
        self.menus.fill_help_menu(bar.addMenu(tx("Menus", "&Help")))
        self.tasks_menu = TasksMenu(
            bar, self, self.tasks, (resource_path("templates"), self.paths.templates_dir),
            lambda text: self.status.showMessage(text, 15000))

    # --- what the parts tell the window ------------------------------------------

    @Slot(str)
    def _on_title_changed(self, title: str) -> None:
        self.tasks.document_title = title

    @Slot(str)
    def _show_summary(self, text: str) -> None:
        self.summary.show_text(text)

    @Slot(object)
    def _on_task_started(self, template: PromptTemplate) -> None:
        """Say once per model, plainly, when a base model does an instruction's job."""
        loaded = self.bridge.loaded
        if loaded is None or not needs_instruct_note(template, loaded.chat_template):
            return
        if loaded.model_path in self.settings.base_model_noticed:
            return
        self.settings.base_model_noticed.append(loaded.model_path)
        self.save_settings()
        self.notice.show_notice(
            tx("MainWindow", "{model} is a base model: it continues text rather than "
                             "following instructions, so “{task}” and the other rewrites may "
                             "come out rough or repeat the example. An instruction-tuned "
                             "model (a .gguf whose name says “instruct” or “it”) does these "
                             "tasks well. Continue Writing and ghost text suit a base "
                             "model.").format(model=self.models.model_label(loaded),
                                              task=display_name(template).rstrip("…")),
            tx("MainWindow", "Get a Model…"), self.models.show_model_manager)

    def notify(self, title: str, text: str) -> None:
        """Tell the writer something went wrong, without blocking the window."""
        self.last_notice = text
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                          self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # --- menus, palette, preferences -----------------------------------------------

    def context_menu(self, viewport_pos: QPoint) -> QMenu:
        """Build the editor's context menu: the tasks that fit, then Qt's own entries."""
        scrolled = QPoint(self.editor.horizontalScrollBar().value(),
                          self.editor.verticalScrollBar().value())
        menu = self.editor.createStandardContextMenu(viewport_pos + scrolled)
        self.tasks_menu.add_to_context_menu(menu, self.editor.textCursor().hasSelection())
        self.spelling.add_to_context_menu(menu, viewport_pos)
        return menu

    @Slot(QPoint)
    def _show_context_menu(self, viewport_pos: QPoint) -> None:
        menu = self.context_menu(viewport_pos)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.editor.viewport().mapToGlobal(viewport_pos))

    def show_command_palette(self) -> None:
        """Offer every enabled menu command, templates the writer just added included."""
        self.tasks_menu.rebuild()
        self.file_menu.fill_recent_menu()
        menus = [action.menu() for action in self.menuBar().actions()]
        self.command_palette.open_with(collect_commands(m for m in menus if isinstance(m, QMenu)))

    def save_settings(self) -> None:
        save_settings(self.settings, self.paths.settings_file)

    def show_preferences(self) -> None:
        """Open Preferences; OK applies the writer's choices at once."""
        spelling = SpellingPage(self.settings, self.spelling.service.dictionaries,
                                self.spelling.add_dictionary)
        dialog = PreferencesDialog(self.settings, self.api_keys, self, spelling_page=spelling,
                                   model_speeds=self.models.speeds_panel(self))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.apply_preferences(dialog))
        self.preferences_dialog = dialog
        dialog.open()

    def apply_preferences(self, dialog: PreferencesDialog) -> None:
        engine_before = self.models.engine_choice()
        try:
            dialog.apply_to(self.settings)
        except WriterError as exc:
            self.notice.show_notice(say(exc))
        self.models.after_preferences(engine_before, dialog.engine_page.key_changed)
        self.suggestion_menu.show_settings()
        self.tasks.sampling_overrides = self.settings.task_sampling
        self.status.count_unit = self.settings.count_unit
        self.status.show_count_labels()
        self.spelling.apply_settings()
        self.goal.show()
        self._show_writing_look()
        self.smart_typing.enabled = self.settings.smart_punctuation
        self.set_theme(self.settings.theme)  # saves the settings too

    def _selection_language(self) -> str:
        """The language code of the selected text, by its script or its dictionary."""
        by_script = writing_language(self.editor.textCursor().selectedText())
        language = self.spelling.language
        by_words = language.split("_")[0] if language and language != NO_CHECKING else ""
        return by_script or by_words

    def _document_language(self) -> str:
        """The document's language as its spelling dictionary names it ("en_GB"), or the
        interface's where it has none."""
        language = self.spelling.language
        return language if language and language != NO_CHECKING else QLocale().name()

    def _show_writing_look(self) -> None:
        settings = self.settings
        self.editor.set_writing_font(settings.writing_font, settings.text_points)
        self.editor.paragraphs.set_look(ParagraphLook(settings.paragraph_style,
                                                      settings.line_spacing))

    def zoom(self, step: int) -> None:
        """Make the text a point bigger (1) or smaller (-1), or its usual size (0)."""
        low, high = TEXT_POINTS_RANGE
        points = (DEFAULT_TEXT_POINTS if step == 0
                  else max(low, min(high, self.settings.text_points + step)))
        self.settings.text_points = points
        self.editor.set_writing_font(self.settings.writing_font, points)
        self.save_settings()
        self.status.showMessage(tx("MainWindow", "Text size: {points} pt").format(
            points=points), 2000)

    def set_theme(self, choice: str) -> None:
        self.settings.theme = choice
        self.menus.show_theme(choice)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, choice)
        self.spelling.set_scheme(effective_scheme(choice))
        self.markdown.set_scheme(effective_scheme(choice))
        self.focus.set_scheme(effective_scheme(choice))
        self.editor.refresh_ghost_colors()
        self.save_settings()

    # --- closing ------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.documents.maybe_save():
            event.ignore()
            return
        self.documents.close()
        self.goal.flush()
        self.suggestions.dismiss()
        self.bridge.shutdown()
        if not self.isFullScreen():  # focus mode's full screen is not where it was put
            self.settings.window_geometry = window_geometry(self)
        self.save_settings()
        event.accept()
