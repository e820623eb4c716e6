"""The recovery dialog names a never-saved document's count as the status bar does."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from writer_app.core.text_diff import describe_difference
from writer_app.ui.documents.recovery_dialog import RecoveryDialog
from writer_app.ui.i18n import install_translations


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    install_translations(qapp, "zh_CN")
    yield
    install_translations(qapp, "en")


def test_a_never_saved_chinese_document_is_counted_in_characters(qtbot: QtBot,
                                                                  chinese: None) -> None:
    dialog = RecoveryDialog([], lambda _document: True)
    qtbot.addWidget(dialog)
    summary = dialog.difference_summary(describe_difference(None, "老灯塔守护人爬上台阶。"))
    assert summary == "从未保存：10 字，11 个字符。"
