"""Text from files shown in message boxes exactly as it is.

QMessageBox, tooltips and QLabel guess whether a string is rich text; a source title or file
name such as "M8 <b>bolt" or one holding an <img> tag would be rendered (and an image fetched).
Texts with markup characters are escaped into rich text that shows them literally.
"""

from __future__ import annotations

from PySide6.QtGui import Qt


def plain(text: str) -> str:
    """*text* as a message box or tooltip shows it literally.

    Text holding markup characters is escaped and marked as rich text explicitly, rather than
    trusting Qt's guess (which looks at the first line only).
    """
    if "<" not in text and "&" not in text and not Qt.mightBeRichText(text):
        return text
    import html  # only for texts with markup: keeps html and its entity table out of start-up

    return "<qt>" + html.escape(text, quote=False).replace("\n", "<br>") + "</qt>"


def menu_text(text: str) -> str:
    """*text* for a menu item: '&' would otherwise mark a shortcut letter and vanish."""
    return text.replace("&", "&&")
