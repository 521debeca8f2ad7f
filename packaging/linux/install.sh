#!/bin/sh
# Make the bundled Policy Briefing Workbench part of the desktop, for the current user only:
# a menu entry, the .pbw file type (so a double-click opens a project) and the icon, all under
# ${XDG_DATA_HOME:-~/.local/share}; and `workbench` in ~/.local/bin for the command line.
#
#   linux/install.sh              (from the unpacked bundle: workbench/linux/install.sh)
#   linux/install.sh --uninstall
#
# Nothing needs root. The bundle stays where it is: move it first, then run this again.
set -eu

NAME=policy-briefing-workbench
MIME=application/x-policy-briefing-workbench

here="$(cd "$(dirname "$0")" && pwd)"
program="$(cd "$here/.." && pwd)/workbench"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
bin="$HOME/.local/bin"

refresh() {
    # Each cache is optional: desktops without these tools rescan on their own.
    if command -v update-mime-database >/dev/null 2>&1; then update-mime-database "$data/mime"; fi
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database "$data/applications" || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$data/icons/hicolor/index.theme" ]; then
        gtk-update-icon-cache --quiet "$data/icons/hicolor" || true
    fi
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$data/applications/$NAME.desktop" "$data/mime/packages/$NAME.xml"
    find "$data/icons/hicolor" -name "$NAME.*" -delete 2>/dev/null || true
    if [ -L "$bin/workbench" ] && [ "$(readlink "$bin/workbench")" = "$program" ]; then
        rm -f "$bin/workbench"
    fi
    refresh
    echo "Removed the desktop entry, file type and icon."
    exit 0
fi
if [ $# -gt 0 ]; then
    echo "usage: $0 [--uninstall]" >&2
    exit 2
fi
if [ ! -x "$program" ]; then
    echo "install.sh: $program not found: run this from the unpacked bundle" >&2
    exit 1
fi

mkdir -p "$data/applications" "$data/mime/packages" "$data/icons/hicolor"

# The desktop entry, pointing at this bundle. Exec quoting (desktop entry spec): inside double
# quotes \ " ` $ take a backslash, then every backslash is doubled again (string escaping),
# and % is written %%. awk reads the values from the environment, which keeps them literal.
quoted=$(printf '%s' "$program" | sed -e 's/[\\"`$]/\\&/g' -e 's/\\/\\\\/g' -e 's/%/%%/g')
plain=$(printf '%s' "$program" | sed -e 's/\\/\\\\/g')
Q="$quoted" P="$plain" awk '
    /^Exec=@EXEC@/ { sub(/^Exec=@EXEC@/, ""); print "Exec=\"" ENVIRON["Q"] "\"" $0; next }
    /^TryExec=@EXEC@/ { print "TryExec=" ENVIRON["P"]; next }
    { print }
' "$here/$NAME.desktop" > "$data/applications/$NAME.desktop"

cp "$here/$NAME-mime.xml" "$data/mime/packages/$NAME.xml"
cp -R "$here/icons/." "$data/icons/hicolor/"
refresh

if command -v xdg-mime >/dev/null 2>&1; then
    xdg-mime default "$NAME.desktop" "$MIME" || true
fi

# The command line, unless something else already answers to `workbench` there.
mkdir -p "$bin"
if [ ! -e "$bin/workbench" ] || [ -L "$bin/workbench" ]; then
    ln -sfn "$program" "$bin/workbench"
    linked="$bin/workbench -> $program"
else
    linked="(left $bin/workbench alone: it is not ours)"
fi

echo "Installed for $(id -un):"
echo "  menu entry  $data/applications/$NAME.desktop"
echo "  file type   $MIME (*.pbw)"
echo "  icon        $data/icons/hicolor/*/apps/$NAME.*"
echo "  command     $linked"
