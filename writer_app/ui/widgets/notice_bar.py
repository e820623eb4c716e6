"""A quiet line above the editor for things the writer should know once (such as a base
model doing a job an instruction-tuned model does better). Unlike a dialog it takes no
focus, so the writer's next keystroke still lands in the text."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from writer_app.ui.i18n import tx


class NoticeBar(QFrame):
    """One notice at a time, with an optional action and a button to close it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(self.palette().ColorRole.AlternateBase)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        layout.addWidget(self.label, 1)
        self.action_button = QPushButton()
        self.close_button = QPushButton(tx("NoticeBar", "Got It"))
        for button in (self.action_button, self.close_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            layout.addWidget(button)
        self.close_button.clicked.connect(self._on_close)
        self._action: Callable[[], None] | None = None
        self._on_closed: Callable[[], None] | None = None
        self.action_button.clicked.connect(self._on_action)
        self.hide()

    def show_notice(self, text: str, action_text: str = "",
                    action: Callable[[], None] | None = None, *, close_text: str = "",
                    on_close: Callable[[], None] | None = None) -> None:
        """Show `text`, with a button that runs `action` when one is given; the close
        button (`close_text`) runs `on_close`."""
        self.label.setText(text)
        self._action = action
        self._on_closed = on_close
        self.close_button.setText(close_text or tx("NoticeBar", "Got It"))
        self.action_button.setText(action_text)
        self.action_button.setVisible(action is not None)
        self.show()

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""

    def _on_close(self) -> None:
        self.hide()
        if self._on_closed is not None:
            self._on_closed()

    def _on_action(self) -> None:
        self.hide()
        if self._action is not None:
            self._action()
