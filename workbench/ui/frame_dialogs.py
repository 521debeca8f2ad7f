"""Small dialogs for the matrix frame: name an actor (with aliases) or an instrument (with terms)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QCompleter, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget,
)

from workbench.ui import appearance


def split_names(text: str) -> list[str]:
    """Aliases or terms typed one per line or separated by commas or semicolons."""
    out: list[str] = []
    for line in text.replace(";", "\n").replace(",", "\n").splitlines():
        item = " ".join(line.split())
        if item and item.casefold() not in {o.casefold() for o in out}:
            out.append(item)
    return out


class FrameItemDialog(QDialog):
    """Name plus aliases (for an actor) or terms (for an instrument)."""

    def __init__(self, kind: str, name: str = "", extra: list[str] | tuple[str, ...] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        is_actor = kind == "actor"
        self.setWindowTitle(("Edit " if name else "Add ") + ("actor" if is_actor else "instrument"))
        self.setMinimumWidth(420)
        self._name = QLineEdit(name, self)
        self._name.setObjectName("name")  # named for tests and style sheets
        self._name.setPlaceholderText("e.g. European Union" if is_actor else "e.g. Economic aid")
        self._extra = QPlainTextEdit("\n".join(extra), self)
        self._extra.setObjectName("extra")
        self._extra.setPlaceholderText(
            "One per line: capitals, leaders, short forms (EU, Brussels, …)" if is_actor
            else "One per line: words that signal this instrument (sanction, embargo, …)")
        self._extra.setFixedHeight(self._extra.fontMetrics().lineSpacing() * 6 + 12)
        hint = QLabel("The evidence finder looks for these names in the sources." if is_actor
                      else "The evidence finder looks for these terms next to an actor.", self)
        hint.setObjectName("muted")
        appearance.muted(hint)
        hint.setWordWrap(True)
        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Name:", self._name)
        form.addRow("Aliases:" if is_actor else "Terms:", self._extra)
        form.addRow(hint)
        form.addRow(self._buttons)
        self._name.textChanged.connect(self._check)
        self._check()
        for field in (self._name, self._extra):
            field.installEventFilter(self)  # Ctrl+Enter accepts from either field
        if is_actor and not name:
            self._offer_known_actors()

    def _offer_known_actors(self) -> None:
        """Complete the names of the bundled actors; choosing one fills in its aliases."""
        from workbench import sample

        names = [a["name"] for a in sample.default_frame()["actors"]]
        completer = QCompleter(names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self._name.setCompleter(completer)

        filled = [""]  # the aliases this dialog put in, so that a changed name takes them out again

        def fill(text: str) -> None:
            known = sample.known_actor(text)
            current = self._extra.toPlainText()
            if known is not None and known["name"].casefold() == " ".join(text.split()).casefold():
                if not current.strip() or current == filled[0]:
                    filled[0] = "\n".join(known["aliases"])
                    self._extra.setPlainText(filled[0])
            elif filled[0] and current == filled[0]:
                self._extra.clear()
                filled[0] = ""

        self._name.textChanged.connect(fill)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            if self._buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled():
                self.accept()
            return True
        return super().eventFilter(watched, event)

    def _check(self) -> None:
        ok = self._buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self._name.text().strip()))

    def name(self) -> str:
        return " ".join(self._name.text().split())

    def extra(self) -> list[str]:
        return split_names(self._extra.toPlainText())
