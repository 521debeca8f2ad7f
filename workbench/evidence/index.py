"""The evidence index: what `analysis.analyse` finds in each sentence, kept in the project, so
that coverage is one aggregate query and a suggestion weighs every candidate of its cell.

    refresh(project, progress=None) -> bool    bring the index up to date; False if cancelled
    current_for(project, actors, instrument) -> bool   are the cell's rows up to date?
    cell_picks(project, ...) -> Picks | None           a cell's best candidates, for `suggest`

What the rows were computed with is recorded next to them: the finder version and each
actor's names and instrument's terms; and each source whose sentences are in is marked.
`refresh` compares that record with the frame and redoes only what differs:

* finder version changed (or never built): every source is unmarked and read again, a batch
  of sources at a time, each batch's rows replacing its old ones in one short transaction;
* sources not marked (imported, merged in, restored by an undo, split anew by a repair, or
  not reached by a build that was cancelled): read the same way; marks of sources that are
  gone: dropped. So a cancelled build goes on where it stopped;
* an actor added, renamed, given or stripped of an alias, or removed: the sentences naming it
  under its old or new names (its names also change how other actors in those sentences are
  read, so the whole sentence is read again); an instrument likewise, by its old or new terms.

Only sentences that the full-text index finds naming an actor and an instrument term are read
(a generous filter; `analyse` applies the exact rules). Reading them is most of the work, so
once a refresh has read for two CPU seconds in this process it hands the reading to worker
processes (index_workers.py, one per core at a lower priority) and reads the next batch from
the file while they work. Sentences are read outside any transaction; writing a batch's rows
checks that its sources (or sentences) are still as they were read, and leaves any that
changed meanwhile for the next pass, so the window's writes wait at most for one short write.

Import does not index: the window refreshes the index in the background right after any
change of sources (an import included); the command line's `coverage` does it first thing.
"""

from __future__ import annotations

import json
import logging
import math
from collections import Counter
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from workbench.domain.models import Actor, Instrument
from workbench.evidence.analysis import FINDER_VERSION, frame_of
from workbench.evidence.candidates import Candidate
from workbench.evidence.index_key import sentence_key
from workbench.evidence.index_worker import Found, found_in
from workbench.evidence.matching import fts_any
from workbench.store import evidence_index, evidence_reads, frame
from workbench.store.evidence_index import Row
from workbench.store.project import Project

__all__ = ["Analyser", "refresh", "is_current", "current_for", "cell_picks", "sentence_key", "fingerprint"]

log = logging.getLogger("workbench.index")
Progress = Callable[[int, int, str], bool]
_BATCH = 2000  # sentences read again per transaction after a frame change
_SOURCES = (20, 100)  # sources read per transaction, at least and at most
_STEPS = 40  # a long build reports progress in at least this many steps
_MEMO = 100_000  # analysed texts remembered within one refresh (wire copies repeat verbatim)
# Reading in this process for longer than this (CPU seconds, whatever the load) starts the
# workers: a few hundred new sources are read before a process would have started.
WORKERS_AFTER_S = 2.0
# One refresh at a time in this program: two would clear and fill the same rows in turn.
_refreshing = threading.Lock()


def fingerprint(actors: Iterable[Actor], instruments: Iterable[Instrument]) -> dict[str, str]:
    """What the index depends on, as recorded in the project."""
    out = {"finder": FINDER_VERSION}
    out.update((f"actor:{a.id}", json.dumps([a.name, *a.aliases], ensure_ascii=False)) for a in actors)
    out.update((f"instrument:{i.id}", json.dumps([i.name, *i.terms], ensure_ascii=False)) for i in instruments)
    return out


class Analyser:
    """`analyse` over sentences, giving index rows; identical texts are read once.

    *workers*: None starts worker processes once reading here takes long, 0 never, n starts
    n at once. `submit(sentences)` starts reading and returns a function giving the rows.
    """

    def __init__(self, actors: Sequence[Actor], instruments: Sequence[Instrument], workers: int | None = None) -> None:
        self.actors, self.instruments = tuple(actors), tuple(instruments)
        self.frame = frame_of(self.actors, self.instruments)
        self._memo: dict[str, Found] = {}
        self._wanted = workers
        self._workers = None  # index_workers.Workers, once started
        self._alone = 0.0  # seconds spent reading in this process

    def __enter__(self) -> Analyser:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._workers is not None:
            self._workers.close()
            self._workers = None

    def found(self, text: str) -> Found:
        """(key, ((actor id, instrument id, score, direct), ...)) of one sentence."""
        hit = self._memo.get(text)
        if hit is None:
            t = time.thread_time()
            hit = found_in(text, self.frame)
            self._alone += time.thread_time() - t
            self._remember(text, hit)
        return hit

    def _remember(self, text: str, hit: Found) -> None:
        if len(self._memo) >= _MEMO:
            self._memo.clear()
        self._memo[text] = hit

    def submit(self, sentences: Sequence[tuple[int, int, str]]) -> Callable[[], list[Row]]:
        """Start reading (sentence id, source id, text) triples; the returned function waits
        for and gives their rows."""
        known = {t: hit for _s, _src, t in sentences if (hit := self._memo.get(t)) is not None}
        todo = list(dict.fromkeys(t for _s, _src, t in sentences if t not in known))
        workers = self._start_workers() if todo else None
        if workers is not None:
            from workbench.evidence.index_workers import WorkersGone

            try:
                workers.send(todo)
            except WorkersGone:
                workers = self._lose_workers()

        def rows() -> list[Row]:
            got = known
            if workers is not None:
                from workbench.evidence.index_workers import WorkersGone

                try:
                    for text, hit in zip(todo, workers.receive()):
                        got[text] = hit
                        self._remember(text, hit)
                except WorkersGone:
                    self._lose_workers()
            for text in todo:
                if text not in got:
                    got[text] = self.found(text)
            out: list[Row] = []
            for sentence_id, source_id, text in sentences:
                key, cells = got[text]
                out.extend((sentence_id, source_id, a, i, score, direct, key) for a, i, score, direct in cells)
            return out

        return rows

    def rows(self, sentences: Sequence[tuple[int, int, str]]) -> list[Row]:
        return self.submit(sentences)()

    def _start_workers(self):
        if self._workers is not None or self._wanted == 0:
            return self._workers
        if self._wanted is None and self._alone < WORKERS_AFTER_S:
            return None
        from workbench.evidence.index_workers import Workers, WorkersGone, default_count

        try:
            self._workers = Workers(self.actors, self.instruments, self._wanted or default_count())
        except WorkersGone as e:
            log.warning("Evidence index workers did not start (%s); reading in this process", e)
            self._wanted = 0
        return self._workers

    def _lose_workers(self) -> None:
        log.warning("An evidence index worker stopped; reading in this process")
        self.close()
        self._wanted = 0
        return None


def _names(recorded: str | None) -> list[str]:
    try:
        value = json.loads(recorded) if recorded else []
    except ValueError:
        return []
    return [str(v) for v in value] if isinstance(value, list) else []


def current_for(project: Project, actors: Sequence[Actor], instrument: Instrument) -> bool:
    """Whether the rows of *instrument*'s cells are up to date (every actor counts: another
    actor's names change how a sentence is read)."""
    state = evidence_index.state(project)
    wanted = fingerprint(actors, [instrument])
    recorded_actors = {k for k in state if k.startswith("actor:")}
    return (all(state.get(k) == v for k, v in wanted.items())
            and recorded_actors == {k for k in wanted if k.startswith("actor:")}
            and evidence_index.all_marked(project))


def is_current(project: Project) -> bool:
    """Whether the whole index is up to date with the frame and the sources."""
    wanted = fingerprint(frame.actors(project), frame.instruments(project))
    return evidence_index.state(project) == wanted and evidence_index.all_marked(project)


def refresh(project: Project, progress: Progress | None = None, *, workers: int | None = None) -> bool:
    """Bring the index up to date with the finder, the frame and the sources (see above).

    *progress(done, total, text)* returning False stops it; False is then returned and what
    is left is done by the next refresh. While sources are read, *done* and *total* count
    sources (those indexed before included); while sentences are read again after a frame
    change, *total* is 0. *workers*: see Analyser.
    """
    with _refreshing:
        actors = tuple(frame.actors(project))
        instruments = tuple(frame.instruments(project))
        wanted = fingerprint(actors, instruments)
        state = evidence_index.state(project)
        with Analyser(actors, instruments, workers) as analyser:
            if state.get("finder") != FINDER_VERSION:
                with project.transaction() as db:
                    evidence_index.restart(db, wanted)
                state = wanted
            read = _sources(project, analyser, _query(actors, instruments), progress)
            if read is None:
                return False
            if state != wanted:
                if (n := _frame_changes(project, state, actors, instruments, analyser, progress)) is None:
                    return False
                read += n
        if evidence_index.state(project) != wanted:
            with project.transaction() as db:
                evidence_index.set_state(db, wanted)
        if progress is not None:
            progress(read, read, "")
        return True


def _sources(project: Project, analyser: Analyser, query: str, progress: Progress | None) -> int | None:
    """Drop the marks of sources that are gone; index the sentences of unmarked sources, a
    batch at a time (the next batch is read while the last one is analysed). How many
    sources were indexed (None: cancelled)."""
    stale = evidence_index.stale_marks(project)
    if stale:
        with project.transaction() as db:
            evidence_index.drop_sources(db, stale)
    done = 0
    for _round in range(3):  # sources changed while being read are read again, a few times
        todo = evidence_index.unmarked_sources(project)
        if not todo:
            break
        marked, total = evidence_index.count_sources(project)
        size = max(_SOURCES[0], min(_SOURCES[1], math.ceil(len(todo) / _STEPS)))
        parts = [todo[n:n + size] for n in range(0, len(todo), size)]
        pending: tuple[evidence_index.SourceBatch, Callable[[], list[Row]]] | None = None
        for part in [*parts, None]:
            if progress is not None and not progress(marked, total, "Indexing sources"):
                return None
            batch = evidence_index.read_sources(project, part, query) if part else None
            if pending is not None:
                rows = pending[1]()  # wait for the batch before
            follow = (batch, analyser.submit(batch.sentences)) if batch is not None else None
            if pending is not None:
                with project.transaction() as db:
                    written = evidence_index.commit_sources(db, pending[0], rows)
                marked += len(written)
                done += len(written)
            pending = follow
        if progress is not None and not progress(marked, total, "Indexing sources"):
            return None
    return done


def _frame_changes(project: Project, state: dict[str, str], actors: Sequence[Actor],
                   instruments: Sequence[Instrument], analyser: Analyser, progress: Progress | None) -> int | None:
    """Read again the sentences that name a changed actor or use a changed instrument's terms,
    under their old or new names."""
    wanted = fingerprint(actors, instruments)
    changed = {k for k in set(state) | set(wanted) if k != "finder" and state.get(k) != wanted.get(k)}
    old_names = [n for k, v in state.items() if k.startswith("actor:") for n in _names(v)]
    old_terms = [t for k, v in state.items() if k.startswith("instrument:") for t in _names(v)]
    all_names = [*old_names, *(n for a in actors for n in a.names())]
    all_terms = [*old_terms, *(t for i in instruments for t in (i.name, *i.terms))]
    changed_names = [n for k in changed if k.startswith("actor:") for n in (*_names(state.get(k)), *_names(wanted.get(k)))]
    changed_terms = [t for k in changed if k.startswith("instrument:")
                     for t in (*_names(state.get(k)), *_names(wanted.get(k)))]
    parts = []
    if changed_names and (names := fts_any(changed_names)) and (terms := fts_any(all_terms, near=True)):
        parts.append(f"({names}) AND ({terms})")
    if changed_terms and (names := fts_any(all_names)) and (terms := fts_any(changed_terms, near=True)):
        parts.append(f"({names}) AND ({terms})")
    gone_actors = [int(k[6:]) for k in changed if k.startswith("actor:") and k not in wanted]
    gone_instruments = [int(k[11:]) for k in changed if k.startswith("instrument:") and k not in wanted]
    with project.transaction() as db:
        for actor_id in gone_actors:
            evidence_index.drop_actor(db, actor_id)
        for instrument_id in gone_instruments:
            evidence_index.drop_instrument(db, instrument_id)
    query = " OR ".join(f"({p})" for p in parts)
    below = evidence_index.max_sentence_id(project) + 1
    return _rescan(project, query, below, analyser, progress, "Updating the evidence index")


def _query(actors: Sequence[Actor], instruments: Sequence[Instrument]) -> str:
    names = fts_any(n for a in actors for n in a.names())
    terms = fts_any((t for i in instruments for t in (i.name, *i.terms)), near=True)
    return f"({names}) AND ({terms})" if names and terms else ""


def _rescan(project: Project, query: str, below: int, analyser: Analyser, progress: Progress | None,
            label: str) -> int | None:
    """Read again every sentence matching *query* with an id below *below*, newest first,
    the next batch read while the last one is analysed; how many were read (None: cancelled)."""
    done = 0
    pending: tuple[evidence_index.SentenceBatch, Callable[[], list[Row]]] | None = None
    while True:
        if progress is not None and not progress(done, 0, f"{label}: {done:,} sentences read"):
            return None
        batch = evidence_index.read_matching(project, query, below, _BATCH)
        if pending is not None:
            rows = pending[1]()
        follow = (batch, analyser.submit(batch.sentences)) if batch is not None else None
        if pending is not None:
            with project.transaction() as db:
                evidence_index.commit_sentences(db, pending[0], rows)
            done += len(pending[0].sentences)
        if follow is None:
            return done
        below = batch.sentences[-1][0]
        pending = follow


def scratch_direct_counts(project: Project, progress: Progress | None = None) -> dict[tuple[int, int], int] | None:
    """Distinct direct sentences per cell, read from the sentences themselves (for a project
    that cannot be written); None if cancelled."""
    actors = tuple(frame.actors(project))
    instruments = tuple(frame.instruments(project))
    query = _query(actors, instruments)
    direct: dict[tuple[int, int], set[int]] = {}
    below, done = 1 << 62, 0
    with Analyser(actors, instruments) as analyser:
        pending: Callable[[], list[Row]] | None = None
        while True:
            if progress is not None and not progress(done, 0, f"Counting evidence: {done:,} sentences read"):
                return None
            batch = evidence_index.read_matching(project, query, below, _BATCH)
            rows = pending() if pending is not None else []
            pending = analyser.submit(batch.sentences) if batch is not None else None
            for _s, _src, a, i, _score, is_direct, key in rows:
                if is_direct:
                    direct.setdefault((a, i), set()).add(key)
            if batch is None:
                break
            below = batch.sentences[-1][0]
            done += len(batch.sentences)
    return {cell: len(keys) for cell, keys in direct.items()}


# -- reading a cell -----------------------------------------------------------------------

KEYS_PER_CELL = 80  # distinct wordings handed to the finer ranking, the best first
COPIES_READ = 2  # copies of one wording ranked (the best of them is shown, the rest counted)
_MAX_ROWS = 200_000  # rows of one cell read at most (copies of the top wordings included)


@dataclass(frozen=True)
class Picks:
    """A cell's best candidates from the index, with what the index knows about the rest."""

    candidates: list[Candidate]
    key_of: dict[int, int]  # sentence id -> key, for the candidates
    copies: dict[int, int]  # key -> how many sentences of the cell have that wording
    cited_keys: set[int]  # keys of the cell's sentences an excerpt of the cell covers


def cell_picks(project: Project, actors: Sequence[Actor], actor: Actor, instrument: Instrument,
               cited_spans: dict[int, list[tuple[int, int]]]) -> Picks | None:
    """The cell's best-scored wordings among ALL its indexed sentences, or None when the
    index is not up to date for the cell (the caller then reads candidates itself).
    Raises ProjectError when the index cannot be read (a damaged file)."""
    with project.guard():
        return _picks(project, actors, actor, instrument, cited_spans)


def _picks(project: Project, actors: Sequence[Actor], actor: Actor, instrument: Instrument,
           cited_spans: dict[int, list[tuple[int, int]]]) -> Picks | None:
    if not current_for(project, actors, instrument):
        return None
    chosen: dict[int, list[int]] = {}  # wording key -> the first sentences read of it
    copies: dict[int, int] = {}
    read = 0
    # The rows come one score at a time. Copies of one wording share its score, so a score's
    # rows are counted all at once: the wordings are taken in key order until there are
    # enough, and the score where that happens is the last one read (its rows of wordings
    # not taken are not counted).
    for level in evidence_reads.cell_levels(project, actor.id, instrument.id):
        if read + len(level) > _MAX_ROWS:  # the cap falls inside this score: row by row, in order
            _picks_up_to(level, _MAX_ROWS - read, chosen, copies)
            break
        read += len(level)
        counts = Counter(level.keys())
        room = KEYS_PER_CELL - len(chosen)
        new = sorted(k for k in counts if k not in chosen)
        chosen.update((k, []) for k in new[:room])
        for k, n in counts.items():
            if k in chosen:
                copies[k] = copies.get(k, 0) + n
        wanted = {k for k in counts if k in chosen and len(chosen[k]) < COPIES_READ}
        for k, sentence_id in level.rows(wanted) if wanted else ():
            if len(chosen[k]) < COPIES_READ:
                chosen[k].append(sentence_id)
        if len(new) >= room:
            break
    key_of = {sid: key for key, ids in chosen.items() for sid in ids}
    found = [Candidate(*r) for r in evidence_reads.candidates_by_id(project, list(key_of))]
    cited_ids = [(sid, source_id) for sid, source_id, start, end
                 in evidence_reads.sentences_overlapping(project, cited_spans) if _covered(source_id, start, end, cited_spans)]
    cited = evidence_reads.cell_keys_of(project, actor.id, instrument.id, cited_ids) if cited_ids else set()
    return Picks(found, key_of, copies, cited)


def _picks_up_to(level: evidence_reads.Level, rows: int, chosen: dict[int, list[int]], copies: dict[int, int]) -> None:
    """Take wordings from the first *rows* rows of *level* in order, as `_picks` does."""
    for key, sentence_id in level.rows()[:rows]:
        if key not in chosen:
            if len(chosen) >= KEYS_PER_CELL:
                continue  # another wording of the same score: beyond the wordings taken
            chosen[key] = []
        copies[key] = copies.get(key, 0) + 1
        if len(chosen[key]) < COPIES_READ:
            chosen[key].append(sentence_id)


def _covered(source_id: int, start: int, end: int, spans: dict[int, list[tuple[int, int]]]) -> bool:
    """An excerpt covers at least half of the sentence (or the sentence half of it)."""
    for s, e in spans.get(source_id, ()):
        overlap = min(e, end) - max(s, start)
        if overlap > 0 and overlap * 2 >= min(e - s, end - start):
            return True
    return False
