"""The model manager's tables and the words it shows about models and this computer."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from writer_app.core.memory_fit import Fit, GiB, Machine
from writer_app.ui.i18n import tx


def badge(fit: Fit) -> tuple[str, str]:
    """Return the words and the colour of a fit badge."""
    return {Fit.FITS: (tx("ModelManager", "Fits"), "#2e7d32"),
            Fit.PARTIAL: (tx("ModelManager", "Partly on GPU"), "#b26a00"),
            Fit.NO: (tx("ModelManager", "Too big"), "#c62828")}[fit]


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
