"""Sentences stored as packed spans, one row per source: their text is cut from the source,
their index is contentless and keeps no word positions.

Real project files throughout: text with characters outside the Basic Multilingual Plane
(emoji, CJK), the evidence queries, removal, check and repair of an index out of step, the
source headings read from their covering index, and a version-6 file upgraded to the same
content as a file made fresh.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from workbench import sample
from workbench.evidence import candidates
from workbench.ingest.importer import import_paths
from workbench.store import evidence_queries, frame, sentences, source_removal, sources, validate
from workbench.store.check import check
from workbench.store.project import Project
from workbench.store.repair import save_repaired_copy

DATA = Path(__file__).parent / "data"

# Characters of one, two, three and four bytes in UTF-8, and two UTF-16 code units in Python's
# narrow-build history: every offset after an emoji would be off by one if SQLite or Python
# counted anything other than characters.
WIDE = ("🇺🇦 Kyiv 🚀 said 🙂 that sanctions on 🛢️ oil were needed. "
        "東京 (Tokyo) 😀 welcomed sanctions against 北朝鮮 quickly. "
        "Café owners in Zürich 🎉 rejected new sanctions. Last one 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 sanctions here.")


@pytest.fixture
def wide_project(tmp_path: Path):
    (tmp_path / "wide.txt").write_text(WIDE, encoding="utf-8")
    project = sample.create_empty(tmp_path / "wide.pbw")
    sample.add_default_actors(project)
    (source_id,) = import_paths(project, [tmp_path / "wide.txt"]).added
    yield project, source_id
    project.close()


def test_sentence_text_is_cut_by_characters_in_sql_and_python_alike(wide_project):
    project, source_id = wide_project
    text = sources.get(project, source_id).text
    spans = sentences.spans_of(project.db, source_id)
    rows = [(s, e, project.db.execute("SELECT substr(text, ? + 1, ? - ?) FROM source WHERE id = ?",
                                      (s, e, s, source_id)).fetchone()[0]) for _i, s, e in spans]
    assert len(rows) == 4
    assert [t for _, _, t in rows] == [text[s:e] for s, e, _ in rows]
    assert rows[0][2].startswith("🇺🇦 Kyiv") and rows[0][2].endswith("needed.")
    assert rows[1][2].startswith("東京") and rows[3][2].endswith("sanctions here.")
    # What the finder reads is the same text, cut in Python.
    found = evidence_queries.candidates(project, '"sanctions"', None)
    assert sorted(r[4] for r in found) == sorted(t for _, _, t in rows)
    assert all(text[r[2]:r[3]] == r[4] for r in found)
    newest = evidence_queries.candidate_texts(project, '"sanctions"', 10**9)
    assert sorted(t for _, t in newest) == sorted(t for _, _, t in rows)


def test_sentences_are_one_row_of_packed_spans_per_source(sample_project: Project):
    columns = [r[1] for r in sample_project.db.execute("PRAGMA table_info(sentence_span)")]
    assert columns == ["source_id", "first_id", "last_id", "spans"]
    assert not sample_project.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'sentence'").fetchall()
    ids = []
    for s in sources.list_all(sample_project):
        first, last, blob = sample_project.db.execute(
            "SELECT first_id, last_id, spans FROM sentence_span WHERE source_id = ?", (s.id,)).fetchone()
        spans = sentences.unpack(blob)
        assert len(spans) == last - first + 1 and blob[:1] == b"H"  # 2 bytes an offset
        assert [i for i, _s, _e in sentences.spans_of(sample_project.db, s.id)] == list(range(first, last + 1))
        ids += range(first, last + 1)
    assert len(set(ids)) == len(ids) == sentences.count(sample_project.db)
    sql = sample_project.db.execute("SELECT sql FROM sqlite_master WHERE name = 'sentence_fts'").fetchone()[0]
    assert "content=''" in sql and "detail=none" in sql
    assert not sample_project.db.execute(
        "SELECT name FROM sqlite_master WHERE name LIKE 'sentence_fts_content'").fetchall()


def test_finder_candidates_keep_their_text(sample_project: Project):
    ukraine = frame.find_actor(sample_project, "Ukraine")
    aid = frame.find_instrument(sample_project, "Military aid")
    found = candidates.fetch(sample_project, ukraine, aid)
    assert found
    for c in found[:50]:
        text = sources.get(sample_project, c.source_id).text
        assert c.text == text[c.start:c.end] and c.text.strip()


def test_removing_a_source_takes_its_words_out_of_the_index(wide_project):
    project, source_id = wide_project
    assert evidence_queries.candidate_texts(project, '"Zürich"', 10**9)
    source_removal.remove_sources(project, [source_id])
    assert evidence_queries.candidate_texts(project, '"Zürich"', 10**9) == []
    assert sentences.count(project.db) == 0
    assert validate.sentence_index_in_step(project.db)
    assert check(project).ok


# Ways the sentence index can fall out of step with the spans, each made on the last source's
# row with plain SQL and the packing of the store.
def _last(db: sqlite3.Connection) -> tuple[int, int, list[tuple[int, int]], str]:
    source_id, first, blob = db.execute("SELECT source_id, first_id, spans FROM sentence_span"
                                        " ORDER BY source_id DESC LIMIT 1").fetchone()
    text = db.execute("SELECT text FROM source WHERE id = ?", (source_id,)).fetchone()[0]
    return source_id, first, sentences.unpack(blob), text


def _one_more(db: sqlite3.Connection) -> None:
    source_id, first, spans, _text = _last(db)
    db.execute("UPDATE sentence_span SET last_id = last_id + 1, spans = ? WHERE source_id = ?",
               (sentences.pack([*spans, spans[0]]), source_id))


def _entry_deleted(db: sqlite3.Connection) -> None:
    _source_id, first, spans, text = _last(db)
    db.execute("INSERT INTO sentence_fts (sentence_fts, rowid, text) VALUES ('delete', ?, ?)",
               (first, text[spans[0][0]:spans[0][1]]))


def _moved(db: sqlite3.Connection) -> None:
    source_id, _first, spans, _text = _last(db)
    db.execute("UPDATE sentence_span SET spans = ? WHERE source_id = ?",
               (sentences.pack([(s + 1, e) for s, e in spans]), source_id))


_LAST = " WHERE source_id = (SELECT max(source_id) FROM sentence_span)"
OUT_OF_STEP = {
    "a sentence without its index entry": _one_more,
    "an index entry without its sentence": (
        "UPDATE sentence_span SET last_id = last_id - 1, spans = substr(spans, 1, length(spans) - 4)" + _LAST,),
    "a sentence whose index entry was deleted": _entry_deleted,
    "spans moved without their index": _moved,
}


@pytest.mark.parametrize("what", sorted(OUT_OF_STEP))
def test_check_finds_the_sentence_index_out_of_step_and_repair_mends_it(sample_path: Path, tmp_path: Path,
                                                                         what: str):
    db = sqlite3.connect(sample_path)
    if callable(OUT_OF_STEP[what]):
        OUT_OF_STEP[what](db)
    else:
        for sql in OUT_OF_STEP[what]:
            db.execute(sql)
    db.commit()
    db.close()
    with Project.open(sample_path) as project:
        report = check(project)
    assert any("sentence search index is out of step" in p for p in report.problems), report.problems
    fixed = tmp_path / "fixed.pbw"
    save_repaired_copy(sample_path, fixed)  # the copy's search indexes are always rebuilt
    with Project.open(fixed) as project:
        assert validate.sentence_index_in_step(project.db)
        assert check(project).ok


def test_the_check_leaves_no_scratch_tables_behind(sample_project: Project):
    assert check(sample_project).ok
    temp = sample_project.db.execute("SELECT name FROM temp.sqlite_master").fetchall()
    assert temp == []


def test_source_headings_are_read_from_their_covering_index(sample_project: Project):
    plan = " ".join(r[3] for r in sample_project.db.execute("EXPLAIN QUERY PLAN " + sources.HEADINGS_SQL))
    assert "COVERING INDEX source_heading" in plan
    headings = sources.list_headings(sample_project)
    assert [h[0] for h in headings] == sorted(s.id for s in sources.list_all(sample_project))
    assert headings[0][1] == sources.get(sample_project, headings[0][0], with_text=False).title


def _spans_and_vocab(path: Path) -> tuple[list[tuple], list[tuple]]:
    with Project.open(path, read_only=True) as project:
        spans = sorted((i, src.uuid, start, end) for src in sources.list_all(project)
                       for i, start, end in sentences.spans_of(project.db, src.id))
        project.db.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, sentence_fts, instance)")
        vocab = project.db.execute("SELECT term, doc, offset FROM temp.vocab ORDER BY 1, 2, 3").fetchall()
        project.db.execute("DROP TABLE temp.vocab")
    return spans, vocab


def test_an_upgraded_file_holds_what_a_fresh_one_would(tmp_path: Path):
    old = tmp_path / "old.pbw"
    shutil.copyfile(DATA / "project_v6.pbw", old)
    before = sqlite3.connect(f"file:{old}?mode=ro", uri=True)
    spans_before = before.execute('SELECT id, source_id, start, "end", text FROM sentence ORDER BY id').fetchall()
    before.close()
    with Project.open(old) as project:
        assert project.migrated_from == 6
    spans, vocab = _spans_and_vocab(old)
    assert [(i, s, e) for i, _, s, e in spans] == [(i, s, e) for i, _, s, e, _ in spans_before]
    # A fresh index over the same spans, made by the store's own code, holds the same words
    # at the same places.
    fresh = tmp_path / "fresh.pbw"
    shutil.copyfile(old, fresh)
    db = sqlite3.connect(fresh)
    db.execute("DELETE FROM sentence_fts_data")
    db.execute("DELETE FROM sentence_fts_idx")
    db.commit()
    db.close()
    repaired = tmp_path / "repaired.pbw"
    save_repaired_copy(fresh, repaired)
    assert _spans_and_vocab(repaired) == (spans, vocab)
    assert len(vocab) > 20
    with Project.open(old) as project:
        text = sources.get(project, sources.list_all(project)[0].id).text
        assert [text[s:e] for _, _, s, e in spans] == [t for *_, t in spans_before]


def test_an_upgrade_gives_the_dropped_text_back_to_the_disk(tmp_path: Path):
    # A version-6 file with a few hundred sources: after the upgrade it is smaller.
    folder = tmp_path / "texts"
    folder.mkdir()
    for i in range(200):
        (folder / f"a{i}.txt").write_text(" ".join(f"Sentence {i} {j} names Kyiv and sanctions again."
                                                   for j in range(40)), encoding="utf-8")
    old = tmp_path / "big.pbw"
    shutil.copyfile(DATA / "project_v6.pbw", old)
    db = sqlite3.connect(old)
    db.execute("BEGIN")
    for i, path in enumerate(sorted(folder.iterdir())):
        text = path.read_text(encoding="utf-8")
        cur = db.execute("INSERT INTO source (title, text, sha256, imported_at, uuid, updated_at, updated_by)"
                         " VALUES (?, ?, ?, '2024-01-01', ?, '2024-01-01', 'x')",
                         (path.name, text, sources.text_hash(text), f"u{i}"))
        db.execute("INSERT INTO source_fts (rowid, title, text) VALUES (?, ?, ?)", (cur.lastrowid, path.name, text))
        at = 0
        while at < len(text):
            end = text.find(".", at) + 1
            sid = db.execute("INSERT INTO sentence (source_id, start, \"end\", text) VALUES (?, ?, ?, ?)",
                             (cur.lastrowid, at, end, text[at:end])).lastrowid
            db.execute("INSERT INTO sentence_fts (rowid, text) VALUES (?, ?)", (sid, text[at:end]))
            at = end + 1
    db.commit()
    db.close()
    size_before = old.stat().st_size
    with Project.open(old) as project:
        assert project.migrated_from == 6
        assert project.db.execute("PRAGMA freelist_count").fetchone()[0] == 0
        assert validate.sentence_index_in_step(project.db)
        assert check(project).ok
    assert old.stat().st_size < size_before * 0.8


def test_a_header_naming_no_text_encoding_gets_a_plain_problem_not_an_error(sample_path: Path):
    # SQLite opens such a file as UTF-8 but refuses a temp schema beside it (and every
    # statement after trying): the comparison is not tried, the index is reported instead.
    data = bytearray(sample_path.read_bytes())
    data[56:60] = (0x12345678).to_bytes(4, "big")
    sample_path.write_bytes(bytes(data))
    with Project.open(sample_path) as project:
        report = check(project)
        assert any("out of step" in p for p in report.problems), report.problems
        assert sources.count(project) == 5  # the connection still answers


def test_the_next_sentence_id_follows_every_other_where_an_id_is_a_word(sample_path: Path):
    # The next id is read from the row with the highest first id; a word there (a file from
    # elsewhere, opened read-only once checked, written before its check ends) sorts above
    # every number and must not hand out ids another source holds.
    db = sqlite3.connect(sample_path)
    highest = sentences.last_id(db)
    assert highest == max(r[0] for r in db.execute("SELECT last_id FROM sentence_span"))
    db.execute("UPDATE sentence_span SET first_id = 'seven' WHERE source_id = (SELECT min(source_id) FROM sentence_span)")
    db.execute("UPDATE sentence_span SET last_id = 1 WHERE source_id = (SELECT min(source_id) FROM sentence_span)")
    assert sentences.last_id(db) == highest
    db.close()
