"""The evidence index stays equal to a from-scratch reading of every sentence, whatever the
edits: imports, removals and their undo, actor/instrument/alias/term edits, cites, merges."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

from workbench import sample
from workbench.evidence import index
from workbench.evidence.analysis import analyse, frame_of
from workbench.evidence.coverage import cell_coverage, coverage
from workbench.evidence.finder import suggest, text_key
from workbench.ingest.importer import import_paths
from workbench.store import cells, evidence_index, excerpts, frame, removal, sentences, source_removal, sources
from workbench.store.merge import merge
from workbench.store.project import Project

ACTORS = ["the European Union", "Brussels", "Russia", "Moscow", "China", "Beijing", "Japan", "Tokyo",
          "the United States", "Washington", "NATO", "Seoul", "South Korea", "Germany", "Berlin"]
VERBS = ["imposed", "announced", "rejected", "proposed", "expanded", "suspended", "called for",
         "warned against", "welcomed"]
OBJECTS = ["new sanctions on banks", "an arms embargo", "talks with the mediators", "export controls",
           "military aid for air defence", "an asset freeze", "a ceasefire proposal", "emergency talks",
           "training for pilots", "a trade ban"]
FILLER = ["Markets were calm.", "Officials gave no timetable.", "The weather was poor in the capital."]
NEW_TERMS = ["embargo", "ban", "aid", "freeze", "talks", "training", "controls", "proposal", "tariffs"]
NEW_ALIASES = ["Brussels", "Moscow", "Beijing", "Tokyo", "Washington", "Berlin", "the Kremlin", "EU"]


def _article(rng: random.Random) -> str:
    lines = []
    for _ in range(rng.randint(2, 6)):
        if rng.random() < 0.2:
            lines.append(rng.choice(FILLER))
            continue
        who = rng.choice(ACTORS)
        lines.append(f"{who[0].upper() + who[1:]} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
                     f"{rng.choice(['', ' against ' + rng.choice(ACTORS)])}.")
    return " ".join(lines)


def scratch(project: Project) -> set[tuple[int, int, int, float, int, int]]:
    """Every index row the current frame gives, read from every sentence (no full-text filter)."""
    matchers = frame_of(tuple(frame.actors(project)), tuple(frame.instruments(project)))
    rows = set()
    for sentence_id, text in sentences.index_entries(project.db):
        for (a, i), s in analyse(text, matchers).items():
            rows.add((sentence_id, a, i, s.score, int(s.direct), index.sentence_key(text)))
    return rows


def stored(project: Project) -> set[tuple[int, int, int, float, int, int]]:
    from workbench.store import evidence_index

    rows = [(r[0], *r[2:]) for r in evidence_index.all_rows(project)]
    assert len(rows) == len(set(rows)), "a sentence is indexed twice"
    return set(rows)


def scratch_coverage(project: Project) -> dict[tuple[int, int], tuple[int, int]]:
    matchers = frame_of(tuple(frame.actors(project)), tuple(frame.instruments(project)))
    direct: dict[tuple[int, int], set[str]] = {}
    for _id, text in sentences.index_entries(project.db):
        for cell, s in analyse(text, matchers).items():
            if s.direct:
                direct.setdefault(cell, set()).add(text_key(text))
    cited = dict(((a, i), n) for a, i, n in project.db.execute(
        "SELECT c.actor_id, c.instrument_id, count(*) FROM cell c JOIN cell_excerpt ce ON ce.cell_id = c.id"
        " GROUP BY c.id"))
    return {(a.id, i.id): (len(direct.get((a.id, i.id), ())), cited.get((a.id, i.id), 0))
            for a in frame.actors(project) for i in frame.instruments(project)}


class Edits:
    """Random edits of one project, as an analyst would make them."""

    def __init__(self, project: Project, folder: Path, rng: random.Random) -> None:
        self.p, self.folder, self.rng = project, folder, rng
        self.undo: list[tuple[str, removal.Removed]] = []
        self.n = 0
        self.last = ""

    def do_import(self) -> None:
        self.n += 1
        batch = self.folder / f"batch{self.n}"
        batch.mkdir()
        for k in range(self.rng.randint(1, 4)):
            (batch / f"a{k}.txt").write_text(f"Report {self.n}.{k}.\n\n" + _article(self.rng), encoding="utf-8")
        import_paths(self.p, [batch])

    def remove_source(self) -> None:
        ids = [s.id for s in sources.list_all(self.p)]
        if len(ids) > 2:
            self.undo.append(("sources", source_removal.remove_sources(self.p, [self.rng.choice(ids)])))

    def undo_last(self) -> None:
        # As the window's undo does: only the edit made last can be undone.
        if self.undo and self.last in ("remove_source", "remove_actor", "remove_instrument"):
            kind, removed = self.undo.pop()
            if kind == "sources":
                source_removal.restore_sources(self.p, removed)
            else:
                removal.restore(self.p, removed)

    def add_actor(self) -> None:
        self.n += 1
        name = self.rng.choice(ACTORS).removeprefix("the ")
        if all(name != a.name for a in frame.actors(self.p)):
            frame.add_actor(self.p, name, [self.rng.choice(NEW_ALIASES)])

    def edit_aliases(self) -> None:
        a = self.rng.choice(frame.actors(self.p))
        aliases = list(a.aliases)
        if aliases and self.rng.random() < 0.5:
            aliases.remove(self.rng.choice(aliases))
        else:
            aliases.append(self.rng.choice(NEW_ALIASES))
        frame.update_actor(self.p, a.id, aliases=aliases)

    def rename_actor(self) -> None:
        a = self.rng.choice(frame.actors(self.p))
        name = self.rng.choice(ACTORS)
        if all(name != b.name for b in frame.actors(self.p)):
            frame.update_actor(self.p, a.id, name=name)

    def remove_actor(self) -> None:
        actors = frame.actors(self.p)
        if len(actors) > 2:
            self.undo.append(("frame", frame.remove_actor(self.p, self.rng.choice(actors).id)))

    def add_instrument(self) -> None:
        self.n += 1
        frame.add_instrument(self.p, f"Tool {self.n}", self.rng.sample(NEW_TERMS, 2))

    def edit_terms(self) -> None:
        i = self.rng.choice(frame.instruments(self.p))
        frame.update_instrument(self.p, i.id, terms=self.rng.sample(NEW_TERMS, self.rng.randint(1, 3)))

    def remove_instrument(self) -> None:
        instruments = frame.instruments(self.p)
        if len(instruments) > 2:
            self.undo.append(("frame", frame.remove_instrument(self.p, self.rng.choice(instruments).id)))

    def cite(self) -> None:
        a = self.rng.choice(frame.actors(self.p))
        i = self.rng.choice(frame.instruments(self.p))
        found = suggest(self.p, a.id, i.id, limit=3)
        if found:
            s = found[0]
            excerpts.cite(self.p, cells.get(self.p, a.id, i.id).id, s.source_id, s.start, s.end)

    def refresh_some(self) -> None:
        coverage(self.p)

    def cancel_refresh(self) -> None:
        calls = []
        index.refresh(self.p, lambda _d, _t, _s: calls.append(1) or len(calls) < self.rng.randint(1, 3),
                      workers=self.rng.choice([0, 0, 1]))

    def step(self) -> str:
        op = self.rng.choice([self.do_import, self.do_import, self.remove_source, self.undo_last, self.add_actor,
                              self.edit_aliases, self.rename_actor, self.remove_actor, self.add_instrument,
                              self.edit_terms, self.remove_instrument, self.cite, self.refresh_some,
                              self.cancel_refresh])
        if self.last.startswith("remove") and self.rng.random() < 0.5:
            op = self.undo_last
        op()
        if not op.__name__.startswith("remove"):
            self.undo.clear()  # only the removal made last can be undone
        self.last = op.__name__
        return op.__name__


@pytest.fixture
def built(tmp_path: Path) -> Project:
    project = sample.create_empty(tmp_path / "index.pbw")
    sample.add_default_actors(project)
    rng = random.Random(1)
    first = tmp_path / "first"
    first.mkdir()
    for k in range(12):
        (first / f"f{k}.txt").write_text(_article(rng), encoding="utf-8")
    import_paths(project, [first])
    yield project
    project.close()


@pytest.mark.parametrize("seed", range(6))
def test_index_equals_a_fresh_reading_after_random_edits(built: Project, tmp_path: Path, seed: int):
    rng = random.Random(seed)
    edits = Edits(built, tmp_path, rng)
    coverage(built)  # build it once; from here on it is kept up to date
    done = []
    for n in range(30):
        done.append(edits.step())
        if rng.random() < 0.35 or n == 29:
            counts = coverage(built)
            assert counts == scratch_coverage(built), done
            assert stored(built) == scratch(built), done
            assert index.is_current(built)
    assert "do_import" in done


def test_after_an_import_only_the_new_sources_are_read(built: Project, tmp_path: Path):
    coverage(built)
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "x.txt").write_text("The European Union imposed new sanctions on banks. Markets were calm.",
                                  encoding="utf-8")
    (added,) = import_paths(built, [folder]).added
    assert not index.is_current(built)
    seen: list[tuple[int, int]] = []
    assert index.refresh(built, lambda d, t, _s: seen.append((d, t)) or True)
    assert seen[-1] == (1, 1)  # one source read, nothing else
    rows = [r[5] for r in evidence_index.all_rows(built) if r[1] == added]
    assert rows == [1] and index.is_current(built)


def test_a_new_finder_version_rebuilds_the_index(built: Project, monkeypatch):
    coverage(built)
    before = stored(built)
    with built.transaction() as db:
        # as if computed differently
        evidence_index.put_rows(db, [r for r in evidence_index.all_rows(built) if r[0] % 2])
    monkeypatch.setattr(index, "FINDER_VERSION", "next")
    assert not index.is_current(built)
    coverage(built)
    assert stored(built) == before and index.is_current(built)


def test_cancelled_refresh_is_finished_by_the_next(built: Project):
    seen = []

    def stop_soon(done: int, total: int, text: str) -> bool:
        seen.append(done)
        return len(seen) < 2

    assert coverage(built, stop_soon) == {}
    assert not index.is_current(built)
    assert coverage(built) == scratch_coverage(built)
    assert stored(built) == scratch(built)


def test_cell_coverage_after_a_cite_changes_only_that_cell(built: Project):
    before = coverage(built)
    a = frame.find_actor(built, "EU")
    i = frame.find_instrument(built, "Sanctions")
    s = suggest(built, a.id, i.id, limit=1)[0]
    excerpts.cite(built, cells.get(built, a.id, i.id).id, s.source_id, s.start, s.end)
    assert cell_coverage(built, a.id, i.id) == (before[(a.id, i.id)][0], before[(a.id, i.id)][1] + 1)
    after = coverage(built)
    assert after[(a.id, i.id)] == cell_coverage(built, a.id, i.id)
    assert {c: v for c, v in after.items() if c != (a.id, i.id)} == \
        {c: v for c, v in before.items() if c != (a.id, i.id)}


def test_merge_brings_sources_and_frame_changes_into_the_index(built: Project, tmp_path: Path):
    coverage(built)
    theirs_path = tmp_path / "theirs.pbw"
    built.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(built.path, theirs_path)
    with Project.open(theirs_path, user="bob") as theirs:
        folder = tmp_path / "theirs"
        folder.mkdir()
        (folder / "t.txt").write_text("Japan imposed an arms embargo. Tokyo proposed emergency talks.",
                                      encoding="utf-8")
        import_paths(theirs, [folder])
        japan = frame.find_actor(theirs, "Japan")
        frame.update_actor(theirs, japan.id, aliases=[*japan.aliases, "Tokyo"])
    merge(built, theirs_path)
    assert coverage(built) == scratch_coverage(built)
    assert stored(built) == scratch(built)


def test_read_only_project_is_counted_without_writing(built: Project, tmp_path: Path):
    expected = scratch_coverage(built)
    built.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    copy = tmp_path / "copy.pbw"
    shutil.copyfile(built.path, copy)
    with Project.open(copy, read_only=True) as ro:
        assert coverage(ro) == expected
        assert ro.db.execute("SELECT count(*) FROM evidence_block").fetchone()[0] == 0


def test_a_removed_source_takes_its_rows_along_at_once(built: Project):
    coverage(built)
    source_id = evidence_index.all_rows(built)[0][1]
    removed = source_removal.remove_sources(built, [source_id])
    # No refresh needed: the rows went with the sentences, the index is still up to date.
    assert not [r for r in evidence_index.all_rows(built) if r[1] == source_id]
    assert index.is_current(built) and stored(built) == scratch(built)
    source_removal.restore_sources(built, removed)
    assert not index.is_current(built)  # the restored source is read again on the next refresh
    coverage(built)
    assert stored(built) == scratch(built)


def test_cli_coverage_json_and_text(sample_path: Path, capsys):
    from workbench.cli import main

    with Project.open(sample_path) as project:
        expected = scratch_coverage(project)
        names = {(a.id, i.id): (a.name, i.name) for a in frame.actors(project) for i in frame.instruments(project)}
    assert main(["coverage", str(sample_path), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)["cells"]
    assert [(c["actor_id"], c["instrument_id"]) for c in shown] == list(names)  # the matrix's order
    assert {(c["actor_id"], c["instrument_id"]): (c["direct"], c["cited"]) for c in shown} == expected
    assert all((c["actor"], c["instrument"]) == names[(c["actor_id"], c["instrument_id"])] for c in shown)
    assert any(c["direct"] for c in shown) and any(c["cited"] for c in shown)

    assert main(["coverage", str(sample_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(names)
    actor, instrument = names[next(iter(names))]
    assert lines[0].startswith(f"{actor} × {instrument}") and lines[0].endswith(" cited")


def test_cli_coverage_of_a_missing_file_says_so(tmp_path: Path, capsys):
    from workbench.cli import main

    assert main(["coverage", str(tmp_path / "nowhere.pbw")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_suggest_does_not_trust_the_index_while_an_actor_removal_is_not_read_yet(built: Project):
    coverage(built)
    eu = frame.find_actor(built, "EU")
    sanctions = frame.find_instrument(built, "Sanctions")
    assert index.current_for(built, frame.actors(built), sanctions)
    frame.remove_actor(built, frame.find_actor(built, "Russia").id)
    # Russia's names changed how some sentences read for the EU: not up to date until refreshed.
    assert not index.current_for(built, frame.actors(built), sanctions)
    assert suggest(built, eu.id, sanctions.id)  # the newest candidates instead
    coverage(built)
    assert index.current_for(built, frame.actors(built), sanctions)


# -- the build: fast, in worker processes, resumable -----------------------------------------

def _generated(tmp_path: Path, n: int, seed: int = 3) -> Project:
    project = sample.create_empty(tmp_path / f"gen{n}.pbw")
    sample.add_default_actors(project)
    rng = random.Random(seed)
    folder = tmp_path / f"gen{n}"
    folder.mkdir()
    for k in range(n):
        (folder / f"g{k}.txt").write_text(f"Report {k}.\n\n" + " ".join(_article(rng) for _ in range(3)),
                                          encoding="utf-8")
    import_paths(project, [folder])
    return project


@pytest.mark.parametrize("workers", [0, 2])
def test_built_rows_equal_a_slow_reading_of_every_sentence(tmp_path: Path, sample_path: Path, workers: int):
    with Project.open(sample_path) as seeds:
        assert index.refresh(seeds, workers=workers)
        assert stored(seeds) == scratch(seeds) and stored(seeds)
    project = _generated(tmp_path, 300)
    try:
        assert index.refresh(project, workers=workers)
        assert stored(project) == scratch(project) and index.is_current(project)
        assert coverage(project) == scratch_coverage(project)
    finally:
        project.close()


def test_a_cancelled_build_goes_on_where_it_stopped(tmp_path: Path):
    project = _generated(tmp_path, 200)
    try:
        seen: list[tuple[int, int]] = []

        def stop_after_three(done: int, total: int, _text: str) -> bool:
            seen.append((done, total))
            return len(seen) < 4

        assert not index.refresh(project, stop_after_three, workers=0)
        marked = project.db.execute("SELECT count(*) FROM evidence_source").fetchone()[0]
        assert 0 < marked < 200 and seen[-1] == (marked, 200)
        kept = stored(project)
        assert kept and not index.is_current(project)

        again: list[tuple[int, int]] = []
        assert index.refresh(project, lambda d, t, _s: again.append((d, t)) or True, workers=2)
        # It started from the sources already done and read only the others.
        assert again[0] == (marked, 200) and again[-1] == (200 - marked, 200 - marked)
        assert kept <= stored(project)
        assert stored(project) == scratch(project) and index.is_current(project)
    finally:
        project.close()


def test_a_new_finder_version_replaces_rows_source_by_source(built: Project, monkeypatch):
    coverage(built)
    before = stored(built)
    with built.transaction() as db:
        # as if computed differently
        evidence_index.put_rows(db, [(*r[:4], r[4] + (1.0 if r[0] % 3 == 0 else 0), *r[5:])
                                     for r in evidence_index.all_rows(built)])
    monkeypatch.setattr(index, "FINDER_VERSION", "next")
    calls = []
    assert not index.refresh(built, lambda d, t, _s: calls.append(d) or len(calls) < 2, workers=0)
    assert not index.is_current(built)  # half done: nothing trusts the old rows meanwhile
    assert index.refresh(built)
    assert stored(built) == before and index.is_current(built)


def test_a_source_changed_while_read_is_left_for_the_next_pass(built: Project):
    from workbench.store import evidence_index

    coverage(built)
    ids = [s.id for s in sources.list_all(built)][:3]
    with built.transaction() as db:
        evidence_index.drop_sources(db, ids)
    batch = evidence_index.read_sources(built, ids, "")
    source_removal.remove_sources(built, [ids[0]])  # gone between reading and writing
    with built.transaction() as db:
        written = evidence_index.commit_sources(db, batch, [(1, ids[0], 1, 1, 1.0, 1, 1)])
    assert written == ids[1:]
    assert not [r for r in evidence_index.all_rows(built) if r[1] == ids[0]]
    with built.transaction() as db:
        evidence_index.drop_sources(db, ids[1:])  # they were written without their rows
    coverage(built)
    assert stored(built) == scratch(built)


def test_worker_processes_read_as_this_process_does(sample_project: Project):
    from workbench.evidence.index_worker import found_in
    from workbench.evidence.index_workers import Workers, WorkersGone

    actors, instruments = tuple(frame.actors(sample_project)), tuple(frame.instruments(sample_project))
    matchers = frame_of(actors, instruments)
    texts = [text for _id, text in sentences.index_entries(sample_project.db)]
    workers = Workers(actors, instruments, 2)
    try:
        workers.send(texts)
        found = workers.receive()
        assert found == [found_in(t, matchers) for t in texts]
        assert any(cells for _key, cells in found)  # the seeds do name actors with instruments
    finally:
        workers.close()
    with pytest.raises(WorkersGone):
        workers.send(["Japan imposed sanctions."])  # closed: the caller reads in-process instead
