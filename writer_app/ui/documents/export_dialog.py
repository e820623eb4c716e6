"""File → Export…: the document as DOCX, ODT, PDF, HTML or plain text, with a title
page, the page size and margins, and the manuscript preset; written in the background,
so that a book's layout never holds the window up."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, QObject, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from writer_app.export.export_options import ExportFormat, ExportOptions, PageSize
from writer_app.export.exporter import export_document, is_markdown_name
from writer_app.ui.bridge.background import failure_words, run_in_background
from writer_app.ui.documents.document_session import DocumentSession
from writer_app.ui.editor.ghost_editor import document_text
from writer_app.ui.i18n import tx

# Where Letter paper is the norm (the Americas' Letter countries and the Philippines).
_LETTER_TERRITORIES = frozenset((
    QLocale.Country.UnitedStates, QLocale.Country.Canada, QLocale.Country.Mexico,
    QLocale.Country.Philippines, QLocale.Country.Chile, QLocale.Country.Colombia,
    QLocale.Country.Venezuela, QLocale.Country.PuertoRico, QLocale.Country.Guatemala,
    QLocale.Country.CostaRica, QLocale.Country.Panama, QLocale.Country.DominicanRepublic))


def local_page_size() -> PageSize:
    """Return the paper the writer's locale uses: Letter in the US and its neighbours,
    A4 elsewhere."""
    locale = QLocale()
    letter = (locale.territory() in _LETTER_TERRITORIES
              or locale.measurementSystem() is QLocale.MeasurementSystem.ImperialUSSystem)
    return PageSize.LETTER if letter else PageSize.A4


MAX_REMEMBERED = 50  # documents whose export title and author are kept


def format_choices() -> tuple[tuple[ExportFormat, str], ...]:
    return ((ExportFormat.DOCX, tx("Export", "Word document (.docx)")),
            (ExportFormat.ODT, tx("Export", "OpenDocument text (.odt)")),
            (ExportFormat.PDF, tx("Export", "PDF (.pdf)")),
            (ExportFormat.HTML, tx("Export", "Web page (.html)")),
            (ExportFormat.TXT, tx("Export", "Plain text (.txt)")))


class ExportDialog(QDialog):
    """Choose what the export looks like."""

    def __init__(self, title: str, parent: QWidget | None = None, author: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(tx("Export", "Export"))
        form = QFormLayout(self)
        self.format = QComboBox()
        for value, label in format_choices():
            self.format.addItem(label, value)
        form.addRow(tx("Export", "Format:"), self.format)
        self.title_page = QCheckBox(tx("Export", "Title page"))
        form.addRow(self.title_page)
        self.title = QLineEdit(title)
        self.author = QLineEdit(author)
        form.addRow(tx("Export", "Title:"), self.title)
        form.addRow(tx("Export", "Author:"), self.author)
        self.page = QComboBox()
        self.page.addItem("A4", PageSize.A4)
        self.page.addItem(tx("Export", "US Letter"), PageSize.LETTER)
        self.page.setCurrentIndex(self.page.findData(local_page_size()))
        form.addRow(tx("Export", "Page size:"), self.page)
        # Margins in inches where the writer measures in them, else in millimetres.
        self.in_inches = QLocale().measurementSystem() is QLocale.MeasurementSystem.ImperialUSSystem
        self.margin = QDoubleSpinBox()
        if self.in_inches:
            self.margin.setRange(0.2, 2.4)
            self.margin.setSingleStep(0.05)
            self.margin.setValue(1.0)
            self.margin.setSuffix(tx("Export", " in"))
        else:
            self.margin.setRange(5, 60)
            self.margin.setValue(25)
            self.margin.setSuffix(tx("Export", " mm"))
        form.addRow(tx("Export", "Margins:"), self.margin)
        self.manuscript = QCheckBox(tx("Export", "Manuscript format: 12 pt, double spacing, "
                                                 "1-inch margins, page numbers"))
        self.manuscript.toggled.connect(lambda on: self.margin.setEnabled(not on))
        form.addRow(self.manuscript)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tx("Export", "Export…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def options(self) -> ExportOptions:
        options = ExportOptions(format=ExportFormat(self.format.currentData()),
                                title_page=self.title_page.isChecked(),
                                title=self.title.text().strip(),
                                author=self.author.text().strip(),
                                page_size=PageSize(self.page.currentData()),
                                margin_mm=self.margin.value() * (25.4 if self.in_inches
                                                                 else 1.0))
        return options.manuscript() if self.manuscript.isChecked() else options


class Exporter(QObject):
    """Ask how and where, then export the window's document in the background."""

    def __init__(self, session: DocumentSession) -> None:
        super().__init__(session)
        self._session = session
        self.last_target: Path | None = None

    def ask(self) -> ExportDialog:
        session = self._session
        name = session.path.stem if session.path else tx("Documents", "Untitled")
        key = str(session.path.resolve()) if session.path else ""
        # The title and author given the last time this document was exported.
        title, author = session.settings.export_details.get(key, [name, ""])
        dialog = ExportDialog(title, session.editor.window(), author)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._remember(key, dialog))
        dialog.accepted.connect(lambda: self.choose_target(dialog.options()))
        dialog.open()
        return dialog

    def _remember(self, key: str, dialog: ExportDialog) -> None:
        if key:
            details = self._session.settings.export_details
            details[key] = [dialog.title.text().strip(), dialog.author.text().strip()]
            for old in list(details)[:-MAX_REMEMBERED]:
                del details[old]
            self._session.save_settings()

    def choose_target(self, options: ExportOptions) -> None:
        session = self._session
        folder = session.path.parent if session.path else Path.home()
        stem = session.path.stem if session.path else tx("Documents", "Untitled")
        suffix = options.format.value
        chosen, _ = QFileDialog.getSaveFileName(
            session.editor.window(), tx("Export", "Export As"),
            str(folder / f"{stem}.{suffix}"), f"*.{suffix}")
        if chosen:
            self.export_to(Path(chosen), options)

    def export_to(self, target: Path, options: ExportOptions) -> None:
        """Export a snapshot of the document to `target`, off the GUI thread."""
        session = self._session
        text = document_text(session.editor)
        markdown = is_markdown_name(session.path)
        session.status.showMessage(tx("Export", "Exporting {name}…").format(name=target.name))

        def done(_result: None) -> None:
            self.last_target = target
            session.status.showMessage(tx("Export", "Exported {name}").format(
                name=target.name), 8000)

        def failed(error: BaseException) -> None:
            session.status.clearMessage()
            session.notify(tx("Export", "Not exported"), failure_words(error))

        run_in_background(lambda: export_document(text, markdown, target, options), done,
                          failed, owner=self, name="export")
