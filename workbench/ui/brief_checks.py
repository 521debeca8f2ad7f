"""The export dialog's "before you export" panel: the review's findings and the changes since
the brief was last exported. It only shows; it never blocks an export."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QListWidget, QListWidgetItem, QTabWidget, QVBoxLayout, QWidget

from workbench.brief.changes import Changes
from workbench.brief.review import Finding
from workbench.domain.models import Brief
from workbench.store.project import Project


def gather(project: Project, brief: Brief) -> tuple[list[Finding], Changes | None]:
    """The findings and changes for *brief* (run as a job, off the UI thread)."""
    from workbench.brief import changes, compose, review

    content = compose.compose(project, brief)
    return review.review(project, content), changes.since_last(project, content)


class BriefChecks(QTabWidget):
    """Two tabs: "Review (N)" lists what to check; "Changes" lists what moved since last time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.findings = QListWidget(self)
        self.findings.setWordWrap(True)
        self.findings.setAlternatingRowColors(True)  # one finding from the next, at a glance
        self.findings.setObjectName("reviewFindings")
        review_page = QWidget(self)
        self.include_differ = QCheckBox("Print disagreements with a colleague's copy as “Analysts differ” notes",
                                        review_page)
        review_layout = QVBoxLayout(review_page)
        review_layout.setContentsMargins(0, 0, 0, 0)
        review_layout.addWidget(self.findings, 1)
        review_layout.addWidget(self.include_differ)
        changes_page = QWidget(self)
        self.since = QLabel("", changes_page)
        self.since.setTextFormat(Qt.TextFormat.PlainText)
        self.since.setWordWrap(True)
        self.changes = QListWidget(changes_page)
        self.changes.setWordWrap(True)
        self.changes.setAlternatingRowColors(True)
        self.include_changes = QCheckBox("Add a “Changes since” section to the brief", changes_page)
        self.include_changes.setEnabled(False)
        layout = QVBoxLayout(changes_page)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.since)
        layout.addWidget(self.changes, 1)
        layout.addWidget(self.include_changes)
        self.addTab(review_page, "Review")
        self.addTab(changes_page, "Changes")
        self.waiting()

    def waiting(self) -> None:
        self.setTabText(0, "Review …")

    def show_result(self, findings: list[Finding], changes: Changes | None) -> None:
        self.findings.clear()
        for f in findings:
            item = QListWidgetItem(f.line())  # plain text: QListWidget never reads markup
            item.setToolTip(f.kind.replace("_", " "))
            self.findings.addItem(item)
        if not findings:
            self.findings.addItem("Nothing to check: every judgment has evidence and is final.")
        self.setTabText(0, f"Review ({len(findings)})")
        self.changes.clear()
        if changes is None:
            self.since.setText("This brief has not been exported yet.")
            self.setTabText(1, "Changes")
            self.include_changes.setEnabled(False)
            return
        self.since.setText(f"Since the {changes.previous_format.upper()} export of "
                           f"{changes.since[:16].replace('T', ' ')}:")
        for c in changes.items:
            self.changes.addItem(f"{c.actor} × {c.instrument}: {c.summary()}")
        if not changes.items:
            self.changes.addItem("No judgment has changed.")
        self.setTabText(1, f"Changes ({len(changes.items)})")
        self.include_changes.setEnabled(True)

    def failed(self, message: str) -> None:
        self.findings.clear()
        self.findings.addItem(f"No review: {message}")
        self.setTabText(0, "Review")
