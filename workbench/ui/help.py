"""The Help menu: a one-page guide, the keyboard shortcuts, and About with versions.

Everything is written here and shown offline; the scales are read from domain.scales so the
guide never disagrees with what the cell editor offers.
"""

from __future__ import annotations

import html
import platform

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from workbench.domain import scales


def _list(items) -> str:
    return "".join(f"<li>{html.escape(str(x))}</li>" for x in items)


def guide_html() -> str:
    """The guide as simple HTML (no images, no links out)."""
    reliability = _list(f"{g} — {w}" for g, w in scales.RELIABILITY.items())
    credibility = _list(f"{n} — {w}" for n, w in scales.CREDIBILITY.items())
    return f"""
<h2>Policy Briefing Workbench</h2>
<p>One project is one file (<i>.pbw</i>). Every change is saved the moment you make it, and
Undo (Ctrl+Z) steps back through your changes.</p>
<h3>The panes</h3>
<ul>
<li><b>Sources</b> (left): every imported document. Type in the search box to search all
sources (Ctrl+Shift+F); "a phrase", OR, NEAR(a b, 5) and prefix* work.</li>
<li><b>Reader</b> (middle): the source's full text. Ctrl+F finds words in it; Enter and
Shift+Enter step through the matches.</li>
<li><b>Matrix</b> (right, top): actors in rows, policy instruments in columns. Right-click a
header to add, rename, move or remove one.</li>
<li><b>Cell editor</b> (right, below): the selected cell's posture, options, judgment and the
evidence it cites; Suggestions lists passages that may belong there.</li>
</ul>
<h3>Citing a passage</h3>
<p>Select a cell in the matrix, select the passage in the reader, then Cite in cell
(Ctrl+Shift+C or the reader's context menu). Grade how credible the passage is; the cited
words are kept exactly, and double-clicking the evidence opens the source at them.</p>
<h3>Likelihood and confidence (ICD 203)</h3>
<p>Say how likely something is with one of these words, least to most likely:</p>
<ul>{_list(scales.LIKELIHOOD)}</ul>
<p>and, separately, how confident you are in the judgment (the quality of the evidence and
reasoning): {html.escape(", ".join(scales.CONFIDENCE))}.</p>
<h3>The Admiralty code</h3>
<p>Each source gets a reliability grade once:</p><ul>{reliability}</ul>
<p>Each cited passage gets a credibility number:</p><ul>{credibility}</ul>
<h3>Traffic Light Protocol (TLP 2.0)</h3>
<p>A brief's marking says who may see it, most to least restrictive:
{html.escape(", ".join(scales.TLP))}.</p>
<h3>Sharing</h3>
<p>File → Save a copy writes one clean file to send to a colleague; a file someone else has
open is shown read-only, with who has it.</p>
"""


def shortcuts_html(actions: list[QAction]) -> str:
    """A table of every menu action with a shortcut, read from the actions themselves."""
    rows = []
    for action in actions:
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if keys:
            rows.append(f"<tr><td><b>{html.escape(keys)}</b></td>"
                        f"<td>{html.escape(action.text().replace('&', '').rstrip('…'))}</td></tr>")
    extra = (("Enter / Shift+Enter", "next / previous match in Find"), ("Escape", "close Find"),
             ("Ctrl+Enter", "accept a dialog"))
    rows += [f"<tr><td><b>{html.escape(k)}</b></td><td>{html.escape(t)}</td></tr>" for k, t in extra]
    return "<h2>Keyboard shortcuts</h2><table cellpadding='4'>" + "".join(rows) + "</table>"


def versions() -> dict[str, str]:
    from PySide6 import __version__ as pyside
    from PySide6.QtCore import qVersion

    from workbench import __version__
    from workbench.store.connection import engine_version

    return {"Workbench": __version__, "Python": platform.python_version(), "Qt": qVersion(),
            "PySide6": pyside, "SQLite": engine_version()}


def about_html() -> str:
    table = "".join(f"<tr><td>{html.escape(k)}</td><td>{html.escape(v)}</td></tr>" for k, v in versions().items())
    return ("<h2>Policy Briefing Workbench</h2><p>Sources, a policy-option matrix with cited "
            "judgments, and briefs. Works offline; each project is one file.</p>"
            f"<table cellpadding='3'>{table}</table>")


class HelpDialog(QDialog):
    """One page of help text in a scrolling, read-only browser that opens nothing outside."""

    def __init__(self, title: str, body: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.browser = QTextBrowser(self)
        self.browser.setAccessibleName(title)
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(640, 560)  # inside a 1280 x 720 screen with room to spare


def show(window, what: str) -> HelpDialog:
    """Open the guide, the shortcuts or About (non-modal, so it can stay open beside the work)."""
    if what == "guide":
        dialog = HelpDialog("Workbench guide", guide_html(), window)
    elif what == "shortcuts":
        menus = [a for m in window.menuBar().actions() if m.menu() for a in m.menu().actions()]
        dialog = HelpDialog("Keyboard shortcuts", shortcuts_html(menus), window)
    else:
        dialog = HelpDialog("About Policy Briefing Workbench", about_html(), window)
        dialog.resize(460, 320)
    dialog.setObjectName(f"help-{what}")
    dialog.show()
    window.help_dialog = dialog  # the latest one (tests and screenshots look at it)
    return dialog
