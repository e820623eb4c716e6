"""The model manager's tables and the words it shows about models and this computer."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from writer_app.core.gguf_file import GGUFInfo
from writer_app.core.memory_fit import Architecture, Fit, GiB, Machine, fit_of
from writer_app.core.model_catalogue import CatalogueEntry
from writer_app.hub.model_store import InstalledModel, PartialDownload
from writer_app.ui.i18n import say, tx
from writer_app.ui.models.model_speed import SpeedProbes, speed_details, speed_words


def badge(fit: Fit) -> tuple[str, str]:
    """Return the words and the colour of a fit badge."""
    return {Fit.FITS: (tx("ModelManager", "Fits"), "#2e7d32"),
            Fit.PARTIAL: (tx("ModelManager", "Partly on GPU"), "#b26a00"),
            Fit.NO: (tx("ModelManager", "Too big"), "#c62828")}[fit]


def kind_words(kind: str) -> str:
    """Say what kind of model this is: one that continues text, or one that follows
    instructions."""
    return {"base": tx("ModelManager", "base", "a model that only continues text"),
            "instruct": tx("ModelManager", "instruct", "a model that follows instructions")
            }.get(kind, kind)


def entry_name(entry: CatalogueEntry) -> str:
    """Return a catalogue model's name, marked when it ships with the app."""
    if entry.embedded:
        return tx("ModelManager", "{name} (embedded)").format(name=entry.name)
    return entry.name


def _figure(value: float) -> str:
    """Return 2.7, 12 or 270: two or three figures, in the locale's digits."""
    text = QLocale().toString(value, "f", 1 if value < 10 else 0)
    return text.removesuffix(QLocale().decimalPoint() + "0")


def parameter_words(count: int) -> str:
    """Say how many parameters a model has in the interface's units: 270 million and
    1.2 billion in English, 2.7 亿 and 12 亿 in Chinese (myriads, as Chinese, Japanese and
    Korean count; a translation that keeps the English of the myriad forms counts in
    millions and billions)."""
    source = "{count} hundred million parameters"
    hundred_millions = tx("ModelManager", "{count} hundred million parameters",
                          "for languages that count in myriads (亿, 億, 억) only: others "
                          "keep this English text")
    if hundred_millions != source:
        if count >= 1e8:
            return hundred_millions.format(count=_figure(count / 1e8))
        return tx("ModelManager", "{count} ten thousand parameters",
                  "for languages that count in myriads (万, 萬, 만) only: others keep this "
                  "English text").format(count=_figure(count / 1e4))
    if count >= 1e9:
        return tx("ModelManager", "{count} billion parameters").format(
            count=_figure(count / 1e9))
    return tx("ModelManager", "{count} million parameters").format(count=_figure(count / 1e6))


def entry_words(entry: CatalogueEntry, fit: str) -> str:
    """Describe a catalogue model: its size, kind, context, license, jobs and origin,
    and `fit`, the verdict on this computer."""
    jobs = {"suggest": tx("ModelManager", "ghost text"),
            "continue": tx("ModelManager", "continue writing"),
            "rewrite": tx("ModelManager", "rewrites"),
            "summarize": tx("ModelManager", "summaries"),
            "translate": tx("ModelManager", "translation")}
    origin = (tx("ModelManager", "Ships with the app (from {repo}).") if entry.embedded
              else tx("ModelManager", "From {repo} at {revision}.")).format(
        repo=entry.repo, revision=entry.revision[:7])
    fit = say(fit)
    return tx("ModelManager", "<b>{label}</b>: {parameters}, {kind}, trained context "
                              "{context} tokens, license {license}. Good for {jobs}. "
                              "{origin} {fit}").format(
        label=f"{entry_name(entry)} · {entry.quantization}",
        parameters=parameter_words(entry.parameters), kind=kind_words(entry.kind),
        context=f"{entry.context_length:,}", license=entry.license,
        jobs=tx("ModelManager", ", ").join(jobs[t] for t in entry.tasks), origin=origin,
        fit=tx("ModelManager", "{verdict}.").format(verdict=f"{fit[:1].upper()}{fit[1:]}")
        if fit else "").strip()


def state_words(installed: bool, in_use: bool, paused_share: float | None) -> str:
    """Return what the catalogue's State column says of a model."""
    if in_use:
        return tx("ModelManager", "In use")
    if installed:
        return tx("ModelManager", "Installed")
    if paused_share is not None:
        return tx("ModelManager", "Paused at {share}").format(share=f"{paused_share:.0%}")
    return ""


def mark_in_use(name: str, in_use: bool) -> str:
    """Return an installed model's name as its table shows it: marked if it writes now."""
    return tx("ModelManager", "✓ {name} (in use)").format(name=name) if in_use else name


def size_words(value: int) -> str:
    return f"{value / 1e9:.2f} GB" if value >= 1e8 else f"{value / 1e6:.1f} MB"


def new_table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table


def new_row(table: QTableWidget, values: list[str], data: object) -> QTableWidgetItem:
    row = table.rowCount()
    table.insertRow(row)
    for column, value in enumerate(values):
        item = QTableWidgetItem(value)
        item.setData(Qt.ItemDataRole.UserRole, data)
        table.setItem(row, column, item)
    return table.item(row, len(values) - 1)


def machine_words(machine: Machine, n_ctx: int) -> str:
    """Say what this computer has and where models run on it."""
    if machine.gpu_memory and not machine.unified_memory:
        runs_on = tx("ModelManager", "a {backend} GPU with {memory} GB").format(
            backend=machine.backend, memory=f"{machine.gpu_memory / GiB:.0f}")
    elif machine.backend == "CPU":
        runs_on = tx("ModelManager", "the CPU (this llama.cpp has no GPU backend)")
    else:
        runs_on = f"{machine.backend}"
    # Memory as the system reports it (binary gigabytes, as on the box).
    return tx("ModelManager", "This computer: {memory} GB of memory; models run on {where}. "
                              "Fit is judged at a {context}-token context (Preferences).").format(
        memory=f"{machine.ram_total / GiB:.0f}", where=runs_on, context=f"{n_ctx:,}")


def table_tab(table: QTableWidget, buttons: list[QPushButton]) -> QWidget:
    """Return a tab page: the table, and its buttons in a row below it on the right."""
    tab = QWidget()
    layout = QVBoxLayout(tab)
    layout.addWidget(table, 1)
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    layout.addLayout(row)
    return tab


def show_fit(item: QTableWidgetItem, size: int, shape: Architecture | None,
             machine: Machine | None, n_ctx: int) -> None:
    """Fill a Fit cell: whether the model fits this computer, coloured, and why."""
    if machine is None:
        item.setText("…")
        return
    verdict = fit_of(size, shape, machine, n_ctx)
    text, color = badge(verdict.fit)
    item.setText(text + ("" if shape else " (≈)"))
    item.setForeground(QColor(color))
    item.setToolTip(tx("ModelManager", "{verdict}, at a {context}-token context").format(
        verdict=say(verdict.text), context=f"{n_ctx:,}"))


def header_words(info: GGUFInfo, file_name: str) -> str:
    """Say what a model's GGUF header tells a writer, in a line."""
    unknown = tx("ModelManager", "unknown architecture")
    facts = [
        f"<b>{info.name or file_name}</b> ({info.architecture or unknown})",
        parameter_words(info.parameter_count),
        tx("ModelManager", "trained context {context} tokens").format(
            context=f"{info.context_length:,}") if info.context_length else "",
        tx("ModelManager", "chat template: tasks send chat messages")
        if info.has_chat_template
        else tx("ModelManager", "no chat template: a base model, tasks use few-shot "
                                "prompts"),
        tx("ModelManager", "fill-in-the-middle tokens") if info.fill_in_middle_tokens
        else "",
    ]
    return " · ".join(fact for fact in facts if fact)


def fill_installed(table: QTableWidget, installed: list[InstalledModel],
                   partials: list[PartialDownload], using: set[str],
                   probes: SpeedProbes | None) -> None:
    """Fill the installed models' table: each model (marked if `using` holds its sha256)
    with where it came from and how it feels on this computer, then paused downloads.
    The selected row stays selected."""
    selected = table.selectedItems()
    keep = selected[0].data(Qt.ItemDataRole.UserRole) if selected else None
    table.setRowCount(0)
    for model in installed:
        origin = model.repo or {"embedded": tx("ModelManager", "ships with the app"),
                                "import": tx("ModelManager", "imported")}.get(
            model.source, model.source)
        speed = probes.speed_of(model.sha256) if probes else None
        measuring = probes is not None and probes.measuring(model.sha256)
        item = new_row(table, [
            mark_in_use(model.name, model.sha256 in using), size_words(model.size), origin,
            tx("ModelSpeed", "Measuring…") if measuring else speed_words(speed)], model)
        item.setToolTip(speed_details(speed))
        if model == keep:
            table.selectRow(table.rowCount() - 1)
    for partial in partials:
        new_row(table, [
            partial.name, size_words(partial.size),
            tx("ModelManager", "{repo}: paused at {share}, Use resumes it").format(
                repo=partial.repo, share=f"{partial.have / max(partial.size, 1):.0%}")],
            partial)
