"""Text from files shown in message boxes exactly as it is.

QMessageBox and QLabel guess whether a string is rich text; a source title or file name such
as "M8 <b>bolt" or one holding an <img> tag would be rendered (and an image fetched). Texts
that would be taken for rich text are escaped into rich text that shows them literally.
"""

from __future__ import annotations

import html

from PySide6.QtGui import Qt


def plain(text: str) -> str:
    """*text* as a message box shows it literally."""
    if not Qt.mightBeRichText(text):
        return text
    return "<p>" + html.escape(text).replace("\n", "<br>") + "</p>"
