"""PyInstaller hook for PySide6.QtGui that collects only the Qt plugins this app uses.

Replaces PyInstaller's own hook (user hooks take precedence). The stock hook collects every
plugin type QtGui can load, and PyInstaller then bundles each plugin's libraries as well: the
GTK theme plugin alone brought cairo, pango and GLib along, the EGL and OpenGL integrations
QtOpenGL. Plugins that are not collected here never reach that dependency analysis.
"""

from pathlib import Path

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

ALL = None

# Plugin type -> plugin file names without extension (ALL: every one), for Linux, Windows and
# macOS. A type not listed is not collected at all.
KEEP = {
    # X11 (and Xwayland), native Wayland, headless (offscreen, minimal), Windows, macOS.
    "platforms": {"libqxcb", "libqwayland", "libqoffscreen", "libqminimal", "qwindows", "libqcocoa"},
    "darwin": ALL,  # platforms/darwin: macOS helpers of the Cocoa plugin
    "wayland-shell-integration": {"libxdg-shell"},
    "wayland-decoration-client": {"libbradient"},
    # The icons are SVG; PNG is built into QtGui.
    "imageformats": {"libqsvg", "qsvg"},
    "iconengines": {"libqsvgicon", "qsvgicon"},
    # Dead keys and compose sequences (accented names), and IBus (Hangul and other input methods).
    "platforminputcontexts": {"libcomposeplatforminputcontextplugin", "libibusplatforminputcontextplugin"},
}


def _wanted(src: str, dest: str) -> bool:
    parts = Path(dest).parts
    if "plugins" not in parts:
        return True
    plugin_type = Path(dest).name
    if plugin_type not in KEEP:
        return False
    names = KEEP[plugin_type]
    return names is ALL or Path(src).name.split(".")[0] in names


hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [(src, dest) for src, dest in binaries if _wanted(src, dest)]
