"""The evidence index's packed blocks: what goes in comes out in reading order, and bytes
that are not a block (a file written elsewhere) are refused in one plain message."""

from __future__ import annotations

import random
import sqlite3
import struct
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.evidence import index
from workbench.evidence.coverage import coverage
from workbench.evidence.finder import suggest
from workbench.store import evidence_index, evidence_pack, evidence_reads, frame
from workbench.store.check import check
from workbench.store.errors import DamagedProject
from workbench.store.project import Project


def random_entries(rng: random.Random, n: int, spread: int) -> list[evidence_pack.Entry]:
    sentences = rng.sample(range(1000, 1000 + spread), n)
    return [(rng.randint(0, 1), rng.choice([0, 7234, 20000, 34393, 70000]), rng.getrandbits(32), sid)
            for sid in sentences]


@pytest.mark.parametrize("spread", [50, 70_000, 5_000_000_000])  # offsets of 2, 4 and 8 bytes
def test_a_block_reads_back_in_reading_order(spread: int):
    rng = random.Random(spread)
    entries = random_entries(rng, 40, spread)
    blob = evidence_pack.pack(3, entries)
    found = evidence_pack.unpack(3, blob, thorough=True)
    assert found is not None
    assert found.entries() == sorted(entries, key=evidence_pack.order)
    assert found.direct == sum(e[0] for e in entries)
    assert sorted(found.direct_keys()) == sorted(e[2] for e in entries if e[0])
    assert evidence_pack.pack(3, []) is None


def test_bytes_that_are_not_a_block_are_refused_and_never_raise():
    rng = random.Random(11)
    blob = evidence_pack.pack(0, random_entries(rng, 30, 500))
    assert blob is not None
    header = struct.calcsize("<cIIIq")
    refused = [
        b"", b"H", blob[:-1], blob + b"\0", b"X" + blob[1:],
        blob[:1] + struct.pack("<I", 2**32 - 1) + blob[5:],  # more entries than there are bytes for
        blob[:5] + struct.pack("<I", 31) + blob[9:],  # more direct entries than entries
        blob[:header - 8] + struct.pack("<q", -5) + blob[header:],  # a negative first sentence id
        blob[:header - 8] + struct.pack("<q", 2**63 - 3) + blob[header:],  # ids past the largest
    ]
    for bad in refused:
        assert evidence_pack.unpack(0, bad, thorough=True) is None, bad[:20]
    assert evidence_pack.unpack("0", blob) is None and evidence_pack.unpack(0, "text") is None
    assert evidence_pack.unpack(-1, blob) is None
    # Flipped bytes and random blobs: a block or None, never an exception.
    for n in range(3000):
        bad = bytearray(blob)
        for _ in range(rng.randint(1, 4)):
            bad[rng.randrange(len(bad))] = rng.randrange(256)
        found = evidence_pack.unpack(0, bytes(bad), thorough=True)
        if found is not None:
            found.entries()
        evidence_pack.unpack(0, rng.randbytes(rng.randrange(80)), thorough=True)


def test_runs_out_of_order_are_refused():
    entries = [(1, 30000, 5, 10), (1, 25000, 6, 11), (0, 9000, 7, 12)]
    blob = bytearray(evidence_pack.pack(0, entries))
    header = struct.calcsize("<cIIIq")
    assert struct.unpack_from("<6I", blob, header) == (30000, 1, 25000, 1, 9000, 1)
    struct.pack_into("<I", blob, header, 1000)  # the first run now scores below the second
    assert evidence_pack.unpack(0, bytes(blob)) is None
    same = [(1, 30000, 9, 10), (1, 30000, 5, 11)]  # within a run: by key
    good = bytearray(evidence_pack.pack(0, same))
    keys_at = header + 8 + 2 * 2
    good[keys_at:keys_at + 8] = good[keys_at + 4:keys_at + 8] + good[keys_at:keys_at + 4]
    assert evidence_pack.unpack(0, bytes(good)) is not None  # read as it is ...
    assert evidence_pack.unpack(0, bytes(good), thorough=True) is None  # ... but check names it


def test_cell_rows_come_in_the_order_of_all_the_cells_rows_sorted(sample_path: Path):
    rng = random.Random(5)
    with Project.open(sample_path) as project:
        rows = [(sid, block * evidence_pack.BLOCK_SOURCES + rng.randrange(100), 1, 2, rng.choice([0.7234, 2.0, 2.5, 3.4393]),
                 rng.randint(0, 1), rng.choice([1, 2, 3, 2**32 - 1]))
                for block in (0, 1, 7) for sid in rng.sample(range(10**6 + block * 10_000, 10**6 + block * 10_000 + 5000), 300)]
        rows = [(*r[:5], int(r[4] >= 2.0), r[6]) for r in rows]  # direct scores 2.0 or more
        with project.transaction() as db:
            evidence_index.put_rows(db, rows)
        # Sentences of no source's range: their source reads as 0.
        assert sorted(evidence_index.all_rows(project)) == sorted((r[0], 0, *r[2:]) for r in rows)
        expected = [(r[0], r[6], r[4]) for r in sorted(rows, key=lambda r: (-r[5], -r[4], r[6], r[0]))]
        assert list(evidence_reads.cell_rows(project, 1, 2)) == expected
        assert evidence_reads.cell_direct_count(project, 1, 2) == len({r[6] for r in rows if r[5]})
        assert evidence_reads.direct_counts(project) == {(1, 2): len({r[6] for r in rows if r[5]})}
        some = [(r[0], r[1]) for r in rows[::50]]
        assert evidence_reads.cell_keys_of(project, 1, 2, some) == {r[6] for r in rows[::50]}


def damage(db: sqlite3.Connection) -> None:
    """Cut the end off one packed block, as another program might."""
    blob = db.execute("SELECT entries FROM evidence_block ORDER BY id LIMIT 1").fetchone()[0]
    db.execute("UPDATE evidence_block SET entries = ? WHERE id = (SELECT min(id) FROM evidence_block)",
               (blob[:-3],))


def test_a_received_file_with_a_damaged_block_is_named_and_still_counted(sample_path: Path, tmp_path: Path, capsys):
    with Project.open(sample_path) as project:
        before = coverage(project)
        suggested = suggest(project, 1, 1)
    db = sqlite3.connect(sample_path)
    damage(db)
    db.commit()
    db.close()
    assert main(["check", str(sample_path)]) == 1
    assert "evidence index holds a packed block that cannot be read" in capsys.readouterr().out
    with Project.open(sample_path) as project:  # named as it opens, read only, still counted
        assert project.read_only and any("evidence index" in d for d in project.damage)
        assert coverage(project) == before
        assert suggest(project, 1, 1) == suggested
    mended = tmp_path / "mended.pbw"
    assert main(["repair", str(sample_path), str(mended)]) == 0
    assert "emptied the evidence index" in capsys.readouterr().out
    with Project.open(mended) as project:
        assert check(project).ok
        assert coverage(project) == before and index.is_current(project)


def test_a_block_damaged_while_open_gives_one_plain_message(sample_path: Path, capsys):
    with Project.open(sample_path) as project:
        coverage(project)
        suggested = suggest(project, 1, 1)
        with project.transaction() as db:
            damage(db)
        with pytest.raises(DamagedProject, match="evidence index"):
            coverage(project)
        assert suggest(project, 1, 1) == suggested  # read from the sentences instead
    assert main(["coverage", str(sample_path)]) == 1
    err = capsys.readouterr().err
    assert "evidence index" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1, err


def picks_row_by_row(project: Project, actor_id: int, instrument_id: int) -> tuple[dict[int, int], dict[int, int]]:
    """(sentence id -> key, key -> copies) as taken reading the cell's rows one by one in order."""
    chosen: dict[int, list[int]] = {}
    copies: dict[int, int] = {}
    cutoff = None
    for n, (sentence_id, key, score) in enumerate(evidence_reads.cell_rows(project, actor_id, instrument_id)):
        if n >= index._MAX_ROWS or cutoff is not None and score < cutoff:
            break
        if key not in chosen:
            if cutoff is not None:
                continue
            chosen[key] = []
            if len(chosen) == index.KEYS_PER_CELL:
                cutoff = score
        copies[key] = copies.get(key, 0) + 1
        if len(chosen[key]) < index.COPIES_READ:
            chosen[key].append(sentence_id)
    return {sid: key for key, ids in chosen.items() for sid in ids}, copies


@pytest.mark.parametrize("keys, max_rows", [(80, 200_000), (7, 200_000), (7, 130), (80, 500)])
def test_a_cells_picks_count_each_score_at_once_as_row_by_row(sample_path: Path, monkeypatch, keys: int,
                                                               max_rows: int):
    # Few scores and many copies, as in wire copies of one report: the score where enough
    # wordings are taken holds hundreds of rows, counted at once.
    monkeypatch.setattr(index, "KEYS_PER_CELL", keys)
    monkeypatch.setattr(index, "_MAX_ROWS", max_rows)
    rng = random.Random(keys + max_rows)
    with Project.open(sample_path) as project:
        coverage(project)
        spans = project.db.execute("SELECT source_id, first_id, last_id FROM sentence_span").fetchall()
        rows = [(sid, src, 1, 1, score, int(score >= 2.0), rng.randrange(150))
                for src, first, last in spans for sid in range(first, last + 1)
                for score in [rng.choice([2.5, 2.5, 2.25, 1.5, 0.75])]]
        with project.transaction() as db:
            evidence_index.put_rows(db, rows)
        actors = tuple(frame.actors(project))
        picks = index.cell_picks(project, actors, actors[0], frame.instruments(project)[0], {})
        assert picks is not None
        key_of, copies = picks_row_by_row(project, 1, 1)
        assert picks.key_of == key_of and picks.copies == copies
        assert len(key_of) > keys  # two sentences read of some wordings


@pytest.mark.parametrize("spans", [b"Zjunk", b"H" + struct.pack("<4H", 0, 5, 3, 2)])
def test_after_repair_splits_a_source_anew_its_index_holds_what_a_fresh_reading_does(
        sample_path: Path, tmp_path: Path, spans: bytes):
    with Project.open(sample_path) as project:
        before = coverage(project)  # the index built over the sound file
    db = sqlite3.connect(sample_path)
    db.execute("UPDATE sentence_span SET spans = ? WHERE source_id = (SELECT min(source_id) FROM sentence_span)",
               (spans,))
    db.commit()
    db.close()
    mended = tmp_path / "mended.pbw"
    assert main(["repair", str(sample_path), str(mended)]) == 0
    with Project.open(mended) as project:
        assert check(project).ok
        index.refresh(project)
        kept = sorted(evidence_index.all_rows(project))
        with project.transaction() as db:
            evidence_index.clear(db)
        index.refresh(project)
        assert kept == sorted(evidence_index.all_rows(project))
        assert coverage(project) == before
