"""The fields of one brief definition as editors: `load(brief)`, then `brief()` to read back."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLineEdit, QListWidget,
    QListWidgetItem, QPlainTextEdit, QRadioButton, QTabWidget, QVBoxLayout, QWidget,
)

from workbench.domain import scales
from workbench.domain.models import Actor, Brief, Instrument

_MARKDOWN_HINT = "Markdown: **bold**, *italic*, lists (- or 1.), > quotes, tables"


class BriefForm(QWidget):
    """Editors for title, subtitle, author, date, marking, the three texts, and the scope."""

    edited = Signal()  # any field changed by the user

    def __init__(self, actors: list[Actor], instruments: list[Instrument], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._brief = Brief(name="")
        self._loading = False
        self.default_author = ""  # the analyst's display name, shown when a brief has no author
        self.title = QLineEdit(self)
        self.subtitle = QLineEdit(self)
        self.author = QLineEdit(self)
        self.date = QLineEdit(self)
        self.date.setPlaceholderText("YYYY-MM-DD (empty: date of the last change)")
        self.marking = QComboBox(self)
        self.marking.setEditable(True)  # a TLP label, or type a classification line
        self.marking.addItems(scales.TLP)
        self.marking.setToolTip("A TLP 2.0 label, or type your own classification line")
        fields = QFormLayout()
        for label, widget in (("Title", self.title), ("Subtitle", self.subtitle), ("Author", self.author),
                              ("Date", self.date), ("Marking", self.marking)):
            fields.addRow(label, widget)

        self.texts = QTabWidget(self)
        self.bluf = self._text_tab("Bottom line up front", "The one paragraph a minister reads.")
        self.key_judgments = self._text_tab("Key judgments", "1. X is **likely** to … (*moderate confidence*)")
        self.recommendation = self._text_tab("Recommendation", "What to do, first things first.")

        self.actors = self._checklist([(a.uuid, a.name) for a in actors])
        self.instruments = self._checklist([(i.uuid, i.name) for i in instruments])
        scope = QTabWidget(self)
        scope.addTab(self.actors, "Actors")
        scope.addTab(self.instruments, "Instruments")
        self.by_actor = QRadioButton("Sections by actor", self)
        self.by_instrument = QRadioButton("Sections by instrument", self)
        group = QButtonGroup(self)
        group.addButton(self.by_actor)
        group.addButton(self.by_instrument)
        self.evidence = QCheckBox("Evidence quotes", self)
        self.sources = QCheckBox("Source list", self)
        options = QHBoxLayout()
        for w in (self.by_actor, self.by_instrument, self.evidence, self.sources):
            options.addWidget(w)
        options.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(fields)
        layout.addWidget(self.texts, 3)
        layout.addWidget(scope, 2)
        layout.addLayout(options)
        for w in (self.title, self.subtitle, self.author, self.date):
            w.textEdited.connect(self._changed)
        self.marking.editTextChanged.connect(self._changed)
        for w in (self.bluf, self.key_judgments, self.recommendation):
            w.textChanged.connect(self._changed)
        for w in (self.by_actor, self.by_instrument, self.evidence, self.sources):
            w.toggled.connect(self._changed)
        self.actors.itemChanged.connect(self._changed)
        self.instruments.itemChanged.connect(self._changed)

    def _text_tab(self, title: str, placeholder: str) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setPlaceholderText(f"{placeholder}\n\n{_MARKDOWN_HINT}")
        edit.setTabChangesFocus(True)
        self.texts.addTab(edit, title)
        return edit

    def _checklist(self, items: list[tuple[str, str]]) -> QListWidget:
        box = QListWidget(self)
        for uuid, name in items:
            item = QListWidgetItem(name, box)
            item.setData(Qt.ItemDataRole.UserRole, uuid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
        return box

    def set_choices(self, actors: list[Actor], instruments: list[Instrument]) -> None:
        """List *actors* and *instruments* to choose from (read after the form was made);
        not an edit (no `edited`)."""
        self._loading = True
        try:
            for box, items in ((self.actors, actors), (self.instruments, instruments)):
                box.clear()
                for thing in items:
                    item = QListWidgetItem(thing.name, box)
                    item.setData(Qt.ItemDataRole.UserRole, thing.uuid)
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Checked)
        finally:
            self._loading = False

    def _changed(self, *_: object) -> None:
        if not self._loading:
            self.edited.emit()

    def load(self, brief: Brief) -> None:
        """Show *brief* in the editors (without emitting `edited`)."""
        self._loading = True
        try:
            self._brief = brief
            self.title.setText(brief.title)
            self.subtitle.setText(brief.subtitle)
            self.author.setText(brief.author or self.default_author)
            self.date.setText(brief.date)
            self.marking.setEditText(brief.marking)
            self.bluf.setPlainText(brief.bluf)
            self.key_judgments.setPlainText(brief.key_judgments)
            self.recommendation.setPlainText(brief.recommendation)
            _check(self.actors, brief.actors)
            _check(self.instruments, brief.instruments)
            (self.by_instrument if brief.group_by == "instrument" else self.by_actor).setChecked(True)
            self.evidence.setChecked(brief.include_evidence)
            self.sources.setChecked(brief.include_sources)
        finally:
            self._loading = False

    def set_base(self, brief: Brief) -> None:
        """Adopt *brief*'s identity (after a save gave it an id) without touching the editors."""
        self._brief = brief

    def brief(self) -> Brief:
        """The brief as edited (same name and id as the one loaded)."""
        return replace(
            self._brief, title=self.title.text().strip(), subtitle=self.subtitle.text().strip(),
            author=self.author.text().strip(), date=self.date.text().strip(),
            marking=scales.marking(self.marking.currentText()) or "TLP:AMBER",
            bluf=self.bluf.toPlainText(), key_judgments=self.key_judgments.toPlainText(),
            recommendation=self.recommendation.toPlainText(),
            actors=_checked(self.actors), instruments=_checked(self.instruments),
            group_by="instrument" if self.by_instrument.isChecked() else "actor",
            include_evidence=self.evidence.isChecked(), include_sources=self.sources.isChecked(),
        )


def _check(box: QListWidget, wanted: list[str]) -> None:
    """Tick the items whose uuid is wanted; an empty list means all."""
    keep = set(wanted)
    for row in range(box.count()):
        item = box.item(row)
        on = not keep or item.data(Qt.ItemDataRole.UserRole) in keep
        item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


def _checked(box: QListWidget) -> list[str]:
    """The ticked uuids, or [] when all are ticked (so new actors join the brief)."""
    uuids = [box.item(r).data(Qt.ItemDataRole.UserRole) for r in range(box.count())
             if box.item(r).checkState() == Qt.CheckState.Checked]
    return [] if len(uuids) == box.count() else uuids
