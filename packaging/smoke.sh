#!/usr/bin/env bash
# Smoke test of the desktop build: build it, unpack it far from the source tree, and run it
# with a bare environment (no PYTHONPATH, no venv on PATH, a fresh HOME).
#
#   packaging/smoke.sh [--no-build] [--screenshot FILE.png] [build.sh arguments...]
#
# Checks: the program starts and reports its version; makes the sample project (in a path with
# spaces and '#'); checks it; exports the sample brief to PDF (qpdf --check, title, marking on
# every page, fonts embedded, same bytes twice, Hangul and Cyrillic printed); imports that PDF
# into a new project (the PDF reader inside the bundle) and a web page, a .docx (written with
# the build environment's python-docx) and a BibTeX file into another, each found by search
# afterwards; the program serves as its own evidence index worker; plain errors with the right exit codes; and the window opens the sample project by itself, headless (offscreen), and keeps
# running without a traceback.
# --screenshot also runs the window under Xvfb and saves a screenshot of the screen.
# Needs: qpdf, pdftotext, pdffonts (poppler-utils); for --screenshot: xvfb-run, xwd
# (x11-apps) and ImageMagick or netpbm to convert the screenshot.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build=1
screenshot=""
build_args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --no-build) build=0; shift ;;
        --screenshot) screenshot="$(realpath -m "${2:?--screenshot needs a file}")"; shift 2 ;;
        *) build_args+=("$1"); shift ;;
    esac
done

failures=0
pass() { printf '  ok    %s\n' "$*"; }
fail() { printf '  FAIL  %s\n' "$*"; failures=$((failures + 1)); }
check() {  # check DESCRIPTION COMMAND...: pass if the command succeeds
    local what="$1"; shift
    if "$@"; then pass "$what"; else fail "$what"; fi
}
for tool in qpdf pdftotext pdffonts; do
    command -v "$tool" >/dev/null || { echo "smoke.sh: needs $tool (apt-get install qpdf poppler-utils)" >&2; exit 1; }
done

if [ "$build" = 1 ]; then
    "$here/build.sh" "${build_args[@]}" || { echo "smoke.sh: the build failed" >&2; exit 1; }
fi
archive="$(ls -t "$here"/dist/policy-briefing-workbench-*.tar.gz 2>/dev/null | head -1)"
[ -n "$archive" ] || { echo "smoke.sh: no build in $here/dist (run without --no-build)" >&2; exit 1; }

# -- a place far from the source tree -----------------------------------------------------------
tmp="$(mktemp -d /tmp/workbench-smoke.XXXXXX)"
window_pid=""
cleanup() {
    [ -n "$window_pid" ] && kill "$window_pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
mkdir -p "$tmp/home" "$tmp/work" "$tmp/runtime"
chmod 700 "$tmp/runtime"
tar -xzf "$archive" -C "$tmp"
program="$tmp/workbench/workbench"
echo "== smoke test of $(basename "$archive") ($(du -sh "$tmp/workbench" | cut -f1) unpacked) in $tmp"

# Everything runs from $tmp/work with only system folders on PATH: no Python, no venv, no
# source tree within reach.
bare=(env -i PATH=/usr/bin:/bin HOME="$tmp/home" LANG=C.UTF-8 XDG_RUNTIME_DIR="$tmp/runtime"
      QT_QPA_PLATFORM=offscreen)
run() { (cd "$tmp/work" && exec "${bare[@]}" "$@"); }
# In the background: exec keeps the subshell's process id for the program, so `kill $!`
# reaches the program itself.
start() { local out="$1"; shift; (cd "$tmp/work" && exec "${bare[@]}" "$@") >"$out" 2>&1 & window_pid=$!; }
no_traceback() { ! grep -q "Traceback" "$1"; }
# finds PROJECT WORD: the search returns at least one hit. ("no matches" is a message on
# stderr, so the output being non-empty would prove nothing.)
finds() { run "$program" search "$1" "$2" --json 2>/dev/null | grep -q '"source_id"'; }
finds_all() { local project="$1" word; shift; for word; do finds "$project" "$word" || return 1; done; }
finds_none() { local project="$1" word; shift; for word; do ! finds "$project" "$word" || return 1; done; }

# -- command line -------------------------------------------------------------------------------
version="$(run "$program" --version 2>&1)"
check "--version: $version" test "${version#workbench }" != "$version"

project="$tmp/work/Sample project #1.pbw"
run "$program" new "$project" --sample >"$tmp/new.out" 2>&1
check "new --sample (path with spaces and #)" test $? -eq 0 -a -s "$project"
check "the project file says it is ours (application_id PBWB)" \
    test "$(dd if="$project" bs=1 skip=68 count=4 2>/dev/null)" = "PBWB"

run "$program" check "$project" >"$tmp/check.out" 2>&1
check "check: exit 0 on the sample" test $? -eq 0

run "$program" sources "$project" --json >"$tmp/sources.json" 2>&1
check "sources --json lists the five seed articles" \
    test "$(grep -o '"id"' "$tmp/sources.json" | wc -l)" -ge 5

check "search finds text in the sample" finds "$project" troops
check "search finds nothing for a word that is not there" finds_none "$project" Zanzibarquartz

run "$program" suggest "$project" "North Korea" "Military aid" --limit 3 --json >"$tmp/suggest.json" 2>&1
check "suggest: evidence for a cell" test $? -eq 0 -a "$(grep -c '"sentence_id"' "$tmp/suggest.json")" -ge 1

# -- export -------------------------------------------------------------------------------------
pdf="$tmp/work/brief.pdf"
run "$program" export "$project" -o "$pdf" >"$tmp/export.out" 2>&1
status=$?
check "export -o brief.pdf" test $status -eq 0 -a -s "$pdf"
if [ $status -ne 0 ]; then sed 's/^/        /' "$tmp/export.out"; fi
if [ -s "$pdf" ]; then
    qpdf_check() { qpdf --check "$pdf" >"$tmp/qpdf.out" 2>&1; }
    check "qpdf --check" qpdf_check
    pdftotext -layout "$pdf" "$tmp/brief.txt"
    # The sample brief's title and marking, as the bundle ships them.
    seed_field() {
        tr -d '\n' < "$tmp/workbench/_internal/seeds/brief.json" \
            | sed -n "s/^[^}]*\"$1\"[[:space:]]*:[[:space:]]*\"\([^\"]*\)\".*/\1/p"
    }
    title="$(seed_field title)"
    marking="$(seed_field marking)"
    check "the PDF shows the brief's title \"$title\"" grep -qF "$title" "$tmp/brief.txt"
    pages="$(pdfinfo "$pdf" 2>/dev/null | sed -n 's/^Pages:[[:space:]]*//p')"
    marked=0
    for ((p = 1; p <= ${pages:-0}; p++)); do
        pdftotext -f "$p" -l "$p" "$pdf" - | grep -qF "$marking" && marked=$((marked + 1))
    done
    check "the marking $marking on every page ($marked of ${pages:-?})" test "$marked" -eq "${pages:-0}" -a "$marked" -gt 0
    check "all fonts embedded" test "$(pdffonts "$pdf" | tail -n +3 | awk '$(NF-4) != "yes"' | wc -l)" -eq 0
    run "$program" export "$project" -o "$tmp/work/again.pdf" >/dev/null 2>&1
    check "the same project exports the same bytes" cmp -s "$pdf" "$tmp/work/again.pdf"

    # The bundled fonts for other scripts: Hangul and Cyrillic in a cell of the brief.
    posture="Talks in Seoul (서울) and Moscow (Москва)"
    run "$program" cell "$project" "United States" "Sanctions" --posture "$posture" >/dev/null 2>&1
    run "$program" export "$project" -o "$tmp/work/scripts.pdf" >/dev/null 2>&1
    pdftotext "$tmp/work/scripts.pdf" "$tmp/scripts.txt" 2>/dev/null
    check "Hangul and Cyrillic print, from embedded NanumGothic" \
        test -n "$(grep -F "서울" "$tmp/scripts.txt" | head -1)" -a -n "$(grep -F "Москва" "$tmp/scripts.txt" | head -1)" \
             -a -n "$(pdffonts "$tmp/work/scripts.pdf" | grep NanumGothic | grep yes)"

    # The PDF reader inside the bundle: import the brief into a new project.
    run "$program" new "$tmp/work/imported.pbw" >/dev/null 2>&1
    run "$program" import "$tmp/work/imported.pbw" "$pdf" >"$tmp/import.out" 2>&1
    check "import a PDF into a new project" test $? -eq 0
    check "the imported PDF's text is searchable" finds "$tmp/work/imported.pbw" "$(echo "$title" | awk '{print $1}')"
fi

# -- the other readers inside the bundle: a web page (trafilatura), a Word file, a BibTeX record --
run "$program" new "$tmp/work/readers.pbw" >/dev/null 2>&1
cat > "$tmp/work/page.html" <<'HTML'
<html><head><title>Kursk report | World Wire</title><meta property="og:site_name" content="World Wire">
<script type="application/ld+json">{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Jane Doe"},
"datePublished": "2024-11-04"}</script></head>
<body><nav>MENUITEM</nav><article><h1>Kursk report</h1>
<p>Officials in Seoul said several thousand soldiers had reached the Kursk region on Monday morning.</p>
<p>Diplomats in Brussels called for an emergency session of the Security Council later that week.</p>
</article><footer>FOOTERTEXT</footer></body></html>
HTML
cat > "$tmp/work/refs.bib" <<'BIB'
@article{k, title = {Sanctions after Kursk}, author = {M{\"u}ller, Anna}, year = 2024,
  abstract = {Zanzibarquartz channels and secondary sanctions.}}
BIB
# The Word file is written with python-docx from the build environment (the bundle only reads).
"$here/build/venv/bin/python" - "$tmp/work/note.docx" <<'PY' || fail "writing a .docx with python-docx from packaging/build/venv"
import sys
import docx

document = docx.Document()
document.core_properties.title = "Logistics after Kursk"
document.core_properties.author = "Maria van der Berg"
document.add_heading("Logistics after Kursk", level=1)
document.add_paragraph("Quillobrantic rail links carried fuel to the front in the first week.")
table = document.add_table(rows=1, cols=2)
table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Depot", "Vexintoral"
document.save(sys.argv[1])
PY
run "$program" import "$tmp/work/readers.pbw" "$tmp/work/page.html" "$tmp/work/note.docx" "$tmp/work/refs.bib" \
    >"$tmp/readers.out" 2>&1
status=$?
check "import a web page, a Word file and a BibTeX file ($(tail -1 "$tmp/readers.out"))" test $status -eq 0
run "$program" sources "$tmp/work/readers.pbw" --json >"$tmp/readers.json" 2>&1
check "three sources from them" test "$(grep -o '"uuid"' "$tmp/readers.json" | wc -l)" -eq 3
check "the page's, the Word file's and the record's authors came through" \
    test -n "$(grep -F '"Jane Doe"' "$tmp/readers.json")" -a -n "$(grep -F '"Maria van der Berg"' "$tmp/readers.json")" \
         -a -n "$(grep -F 'Anna Müller' "$tmp/readers.json")"
check "the web page's text is searchable" finds "$tmp/work/readers.pbw" Brussels
check "its menu and footer were left out" finds_none "$tmp/work/readers.pbw" MENUITEM FOOTERTEXT
check "the Word file's paragraphs and table are searchable" finds_all "$tmp/work/readers.pbw" Quillobrantic Vexintoral
check "the record's abstract is searchable" finds "$tmp/work/readers.pbw" Zanzibarquartz

# -- the evidence index worker inside the bundle -------------------------------------------------
# A large index build starts the program itself as a reader of sentences (no `python -m` in a
# bundle): speak its protocol (8-byte big-endian length, then JSON) with the build environment's
# Python and ask it about one sentence.
"$here/build/venv/bin/python" - "$program" "${bare[@]}" >"$tmp/indexer.out" 2>&1 <<'PY'
import json, struct, subprocess, sys

def send(pipe, value):
    data = json.dumps(value).encode()
    pipe.write(struct.pack(">Q", len(data)) + data)
    pipe.flush()

program, env = sys.argv[1], dict(v.split("=", 1) for v in sys.argv[2:] if "=" in v)  # the bare environment
proc = subprocess.Popen([program, "--evidence-index-worker"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
send(proc.stdin, {"actors": [{"id": 1, "uuid": "a", "name": "United States", "aliases": ["Washington"], "position": 0}],
                  "instruments": [{"id": 2, "uuid": "i", "name": "Sanctions", "terms": ["sanction", "sanctions"], "position": 0}]})
assert proc.stdout.read(1) == b"R", "no READY"
send(proc.stdin, ["Washington imposed new sanctions on the bank on Monday.", "Nothing here."])
size = struct.unpack(">Q", proc.stdout.read(8))[0]
found = json.loads(proc.stdout.read(size))
proc.stdin.close()
print(found)
cells = found[0][1]
assert any(c[0] == 1 and c[1] == 2 and c[3] == 1 for c in cells), "the sentence was not read as direct evidence"
assert found[1][1] == [], "a sentence without actor or term gave cells"
assert proc.wait(timeout=10) == 0, "the worker did not end when its input closed"
PY
status=$?
check "the bundled evidence index worker reads a sentence ($(tail -1 "$tmp/indexer.out" | cut -c1-60))" test $status -eq 0

# -- errors are plain ---------------------------------------------------------------------------
run "$program" export "$project" >"$tmp/usage.out" 2>&1
check "bad usage: exit 2, no traceback" test $? -eq 2 -a -z "$(grep Traceback "$tmp/usage.out")"
printf 'not a project\n' > "$tmp/work/fake.pbw"
run "$program" check "$tmp/work/fake.pbw" >"$tmp/fake.out" 2>&1
status=$?
check "not a project: exit 1, one plain line ($(head -1 "$tmp/fake.out"))" \
    test $status -eq 1 -a "$(wc -l < "$tmp/fake.out")" -eq 1

# -- the window, headless -----------------------------------------------------------------------
# No arguments: the window makes the sample project in the app's data folder and opens it
# (which takes the lock beside it). Give it time to start, then make sure it is still running.
sample="$tmp/home/.local/share/PolicyBriefing/Workbench/Sample project.pbw"
start "$tmp/window.out" "$program"
for _ in $(seq 1 40); do
    [ -e "$sample.lock" ] && break
    kill -0 "$window_pid" 2>/dev/null || break
    sleep 0.5
done
sleep 3
if kill -0 "$window_pid" 2>/dev/null; then pass "the window starts and keeps running (offscreen)"; else fail "the window exited early"; fi
check "it opened the sample project ($(basename "$sample"), locked while open)" test -s "$sample" -a -e "$sample.lock"
check "no traceback from the window" no_traceback "$tmp/window.out"
kill "$window_pid" 2>/dev/null; wait "$window_pid" 2>/dev/null; window_pid=""

# A document handed over by the desktop (Exec=... %f): the lone path opens that project.
start "$tmp/doc.out" "$program" "$project"
for _ in $(seq 1 40); do [ -e "$project.lock" ] && break; sleep 0.5; done
check "a lone .pbw argument opens that project in the window" test -e "$project.lock"
kill "$window_pid" 2>/dev/null; wait "$window_pid" 2>/dev/null; window_pid=""

# -- a screenshot under Xvfb --------------------------------------------------------------------
if [ -n "$screenshot" ]; then
    if ! command -v xvfb-run >/dev/null || ! command -v xwd >/dev/null; then
        fail "screenshot: needs xvfb-run and xwd (apt-get install xvfb x11-apps)"
    else
        (cd "$tmp/work" && "${bare[@]/QT_QPA_PLATFORM=offscreen/QT_QPA_PLATFORM=xcb}" xvfb-run -a -s "-screen 0 1600x1000x24" \
            sh -c '"$1" & app=$!; sleep 8; xwd -root -silent > "$2"; kill $app; wait $app' \
            sh "$program" "$tmp/screen.xwd" >"$tmp/xvfb.out" 2>&1)
        if command -v magick >/dev/null; then magick "$tmp/screen.xwd" "$screenshot"
        elif command -v xwdtopnm >/dev/null; then xwdtopnm "$tmp/screen.xwd" 2>/dev/null | pnmtopng > "$screenshot"
        else convert "xwd:$tmp/screen.xwd" "$screenshot"; fi
        check "screenshot under Xvfb: $screenshot" test -s "$screenshot"
        check "no traceback under Xvfb" no_traceback "$tmp/xvfb.out"
    fi
fi

echo
if [ "$failures" -eq 0 ]; then
    echo "smoke test passed"
else
    echo "smoke test FAILED: $failures check(s)"
    exit 1
fi
