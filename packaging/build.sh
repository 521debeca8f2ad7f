#!/usr/bin/env bash
# Build the desktop program: packaging/dist/workbench/ and a .tar.gz of it.
#
#   packaging/build.sh [--ref GIT_REF] [--python PYTHON]
#
# 1. Stages a copy of the source in packaging/build/src: the working tree as it is (tracked
#    and new files, minus what .gitignore leaves out), or with --ref the committed tree of
#    that ref (what a release should be built from).
# 2. Makes a clean build environment packaging/build/venv with Python >= 3.12 and installs
#    the staged project (its declared dependencies only) and PyInstaller into it.
# 3. Renders the icons and runs PyInstaller on the staged packaging/workbench.spec.
# 4. Adds the Linux desktop files to the bundle and packs it.
#
# Environment: PYTHON (the interpreter for the build environment), WORKBENCH_NO_TRIM=1 (keep
# every Qt plugin and translation, see workbench.spec), PIP_* as usual for pip.
set -euo pipefail

PYINSTALLER_VERSION="6.22.3"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
build="$here/build"
dist="$here/dist"
ref=""
python="${PYTHON:-}"

while [ $# -gt 0 ]; do
    case "$1" in
        --ref) ref="${2:?--ref needs a git ref}"; shift 2 ;;
        --python) python="${2:?--python needs an interpreter}"; shift 2 ;;
        -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "build.sh: unknown argument: $1" >&2; exit 2 ;;
    esac
done

say() { printf '\n== %s\n' "$*"; }

# -- an interpreter ---------------------------------------------------------------------------
supported() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; }
if [ -z "$python" ]; then
    # The project's development environment last: a venv made from it uses its base Python.
    for candidate in python3.12 python3.13 python3 "$root/.venv/bin/python"; do
        if command -v "$candidate" >/dev/null 2>&1 && supported "$candidate"; then
            python="$candidate"; break
        fi
    done
fi
if [ -z "$python" ] || ! supported "$python"; then
    echo "build.sh: needs Python 3.12 or newer (set PYTHON=/path/to/python3.12)" >&2
    exit 1
fi

# -- 1. stage the source ----------------------------------------------------------------------
say "staging the source"
rm -rf "$build/src"
mkdir -p "$build/src"
if [ -n "$ref" ]; then
    git -C "$root" archive --format=tar "$ref" | tar -x -C "$build/src"
    echo "from $ref ($(git -C "$root" rev-parse --short "$ref"))"
elif git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
    # Tracked and new files, skipping what .gitignore excludes (venvs, caches, earlier builds)
    # and files deleted from the working tree.
    (cd "$root" && git ls-files -z --cached --others --exclude-standard \
        | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
        | tar --null -T - -cf -) | tar -x -C "$build/src"
    changes="$(git -C "$root" status --porcelain --untracked-files=normal | wc -l)"
    echo "from the working tree ($(git -C "$root" rev-parse --short HEAD), $changes changed or new paths)"
else
    tar -C "$root" --exclude=./.venv --exclude=./.git --exclude='*/__pycache__' \
        --exclude=./packaging/build --exclude=./packaging/dist --exclude=./bench/out -cf - . \
        | tar -x -C "$build/src"
    echo "from the folder $root"
fi

# -- 2. the build environment -----------------------------------------------------------------
say "build environment ($("$python" --version))"
venv="$build/venv"
if [ ! -x "$venv/bin/python" ] || ! supported "$venv/bin/python"; then
    rm -rf "$venv"
    "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --upgrade pip
# Not editable: the bundle must be made from the staged copy, never from the checkout.
# --force-reinstall of the project only, so a changed source tree is always picked up.
"$venv/bin/python" -m pip install --quiet "pyinstaller==$PYINSTALLER_VERSION" "$build/src"
"$venv/bin/python" -m pip install --quiet --no-deps --force-reinstall "$build/src"

# -- 3. icons and PyInstaller -----------------------------------------------------------------
say "icons"
rm -rf "$build/icons"
"$venv/bin/python" "$build/src/packaging/make_icons.py" "$build/icons"

say "PyInstaller $PYINSTALLER_VERSION"
rm -rf "$dist/workbench"
(
    # Build from a neutral folder with a clean import path, so nothing of the checkout leaks in.
    cd "$build"
    unset PYTHONPATH PYTHONHOME
    WORKBENCH_ICONS="$build/icons" "$venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
        --distpath "$dist" --workpath "$build/pyinstaller" "$build/src/packaging/workbench.spec"
)

# -- 4. desktop integration and the archive ---------------------------------------------------
say "desktop files"
app="$dist/workbench"
if [ "$(uname -s)" = "Linux" ]; then
    mkdir -p "$app/linux"
    cp "$build/src/packaging/linux/policy-briefing-workbench.desktop" \
       "$build/src/packaging/linux/policy-briefing-workbench-mime.xml" "$app/linux/"
    install -m 0755 "$build/src/packaging/linux/install.sh" "$app/linux/install.sh"
    cp -r "$build/icons/hicolor" "$app/linux/icons"
fi

version="$("$venv/bin/python" -c 'import workbench; print(workbench.__version__)')"
archive="$dist/policy-briefing-workbench-$version-$(uname -s | tr '[:upper:]' '[:lower:]')-$(uname -m).tar.gz"
tar -C "$dist" -czf "$archive" workbench

say "done"
echo "program: $app/workbench"
echo "size:    $(du -sh "$app" | cut -f1) (folder), $(du -sh "$archive" | cut -f1) ($(basename "$archive"))"
