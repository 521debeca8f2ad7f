"""The evidence index: what `analysis.analyse` finds in each sentence, kept in the project, so
that coverage is one aggregate query and a suggestion weighs every candidate of its cell.

    refresh(project, progress=None) -> bool    bring the index up to date; False if cancelled
    current_for(project, actors, instrument) -> bool   are the cell's rows up to date?
    cell_picks(project, ...) -> Picks | None           a cell's best candidates, for `suggest`

What the rows were computed with is recorded next to them: the finder version and each
actor's names and instrument's terms. `refresh` compares that record with the frame and
redoes only what differs:

* finder version changed (or never built): everything, in batches of sentences;
* sources not yet indexed (imported, merged in, restored by an undo, split anew by a repair):
  their sentences; marks of sources that are gone: dropped;
* an actor added, renamed, given or stripped of an alias, or removed: the sentences naming it
  under its old or new names (its names also change how other actors in those sentences are
  read, so the whole sentence is read again); an instrument likewise, by its old or new terms.

Import does not index: reading a sentence's structure costs about 0.1-0.3 ms, which made
an import of generated news ten times slower (421 -> 40 files/s), so the new sources are
read by the next refresh instead, a cancellable background job in the window.

Each batch is its own short transaction, so the window's writes are never held up for long;
an interrupted refresh leaves a record that makes the next one finish the job. The full-text
index picks the sentences to read (a generous filter; `analyse` applies the exact rules).
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from workbench.domain.models import Actor, Instrument
from workbench.evidence.analysis import FINDER_VERSION, Frame, analyse, frame_of
from workbench.evidence.candidates import Candidate
from workbench.evidence.matching import fts_any
from workbench.store import evidence_index, frame
from workbench.store.evidence_index import Row
from workbench.store.project import Project

Progress = Callable[[int, int, str], bool]
_BATCH = 2000  # sentences read per transaction
_SOURCES = 100  # unindexed sources read per transaction
_MEMO = 100_000  # analysed texts remembered within one refresh (wire copies repeat verbatim)
# One refresh at a time in this program: two would clear and fill the same rows in turn.
_refreshing = threading.Lock()


def sentence_key(text: str) -> int:
    """A 64-bit key shared by sentences of identical wording (case and punctuation aside)."""
    from workbench.evidence.finder import text_key

    return int.from_bytes(hashlib.blake2b(text_key(text).encode(), digest_size=8).digest(), "big", signed=True)


def fingerprint(actors: Iterable[Actor], instruments: Iterable[Instrument]) -> dict[str, str]:
    """What the index depends on, as recorded in the project."""
    out = {"finder": FINDER_VERSION}
    out.update((f"actor:{a.id}", json.dumps([a.name, *a.aliases], ensure_ascii=False)) for a in actors)
    out.update((f"instrument:{i.id}", json.dumps([i.name, *i.terms], ensure_ascii=False)) for i in instruments)
    return out


class Analyser:
    """`analyse` over sentences, giving index rows; identical texts are read once."""

    def __init__(self, matchers: Frame) -> None:
        self.frame = matchers
        self._memo: dict[str, tuple[int, tuple[tuple[int, int, float, int], ...]]] = {}

    def found(self, text: str) -> tuple[int, tuple[tuple[int, int, float, int], ...]]:
        """(key, ((actor id, instrument id, score, direct), ...)) of one sentence."""
        hit = self._memo.get(text)
        if hit is None:
            cells = analyse(text, self.frame)
            hit = (sentence_key(text) if cells else 0,
                   tuple((a, i, s.score, int(s.direct)) for (a, i), s in cells.items()))
            if len(self._memo) >= _MEMO:
                self._memo.clear()
            self._memo[text] = hit
        return hit

    def rows(self, sentences: Iterable[tuple[int, int, str]]) -> list[Row]:
        out: list[Row] = []
        for sentence_id, source_id, text in sentences:
            key, cells = self.found(text)
            out.extend((sentence_id, source_id, a, i, score, direct, key) for a, i, score, direct in cells)
        return out


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


def refresh(project: Project, progress: Progress | None = None) -> bool:
    """Bring the index up to date with the finder, the frame and the sources (see above).

    *progress(done, total, text)* returning False stops it; False is then returned and what
    is left is done by the next refresh.
    """
    with _refreshing:
        actors = tuple(frame.actors(project))
        instruments = tuple(frame.instruments(project))
        wanted = fingerprint(actors, instruments)
        analyser = Analyser(frame_of(actors, instruments))
        state = evidence_index.state(project)
        read = 0
        if state.get("finder") != FINDER_VERSION:
            if (n := _rebuild(project, actors, instruments, analyser, progress)) is None:
                return False
            read, state = n, wanted
        if (n := _sources(project, analyser, progress)) is None:
            return False
        read += n
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


def _rebuild(project: Project, actors: Sequence[Actor], instruments: Sequence[Instrument],
             analyser: Analyser, progress: Progress | None) -> int | None:
    """Index every sentence naming an actor and an instrument term, from scratch; how many
    sentences were read (None: cancelled)."""
    with project.transaction() as db:
        evidence_index.clear(db)
        below = evidence_index.max_sentence_id(project) + 1
        sources = evidence_index.source_ids(db)
    read = _rescan(project, _query(actors, instruments), below, analyser, progress, "Indexing evidence")
    if read is None:
        return None
    with project.transaction() as db:
        # Sources split anew meanwhile (ids at or above *below*) stay unmarked: read next.
        evidence_index.mark_sources(db, sources, below=below)
        evidence_index.set_state(db, fingerprint(actors, instruments))
    return read


def _sources(project: Project, analyser: Analyser, progress: Progress | None) -> int | None:
    """Drop the marks of sources that are gone; index the sentences of unmarked sources."""
    stale = evidence_index.stale_marks(project)
    if stale:
        with project.transaction() as db:
            evidence_index.drop_sources(db, stale)
    todo = evidence_index.unmarked_sources(project)
    for n in range(0, len(todo), _SOURCES):
        if progress is not None and not progress(n, len(todo), "Indexing new sources"):
            return None
        part = todo[n:n + _SOURCES]
        with project.transaction() as db:
            evidence_index.drop_sources(db, part)
            evidence_index.add_rows(db, analyser.rows(evidence_index.sentences_of(db, part)))
            evidence_index.mark_sources(db, part)
    return len(todo)


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
    """Read again every sentence matching *query* with an id below *below*, newest first;
    how many were read (None: cancelled)."""
    done = 0
    while query:
        if progress is not None and not progress(done, 0, f"{label}: {done:,} sentences read"):
            return None
        with project.transaction() as db:
            found = evidence_index.matching_sentences(project, query, below, _BATCH)
            if not found:
                break
            evidence_index.replace_rows(db, ((s, src) for s, src, _t in found), analyser.rows(found))
        below = found[-1][0]
        done += len(found)
    return done


def scratch_direct_counts(project: Project, progress: Progress | None = None) -> dict[tuple[int, int], int] | None:
    """Distinct direct sentences per cell, read from the sentences themselves (for a project
    that cannot be written); None if cancelled."""
    actors = tuple(frame.actors(project))
    instruments = tuple(frame.instruments(project))
    analyser = Analyser(frame_of(actors, instruments))
    query = _query(actors, instruments)
    direct: dict[tuple[int, int], set[int]] = {}
    below, done = 1 << 62, 0
    while query:
        if progress is not None and not progress(done, 0, f"{done:,} sentences read"):
            return None
        found = evidence_index.matching_sentences(project, query, below, _BATCH)
        if not found:
            break
        for _s, _src, text in found:
            key, cells = analyser.found(text)
            for a, i, _score, is_direct in cells:
                if is_direct:
                    direct.setdefault((a, i), set()).add(key)
        below = found[-1][0]
        done += len(found)
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
    chosen: dict[int, list[int]] = {}
    copies: dict[int, int] = {}
    cutoff: float | None = None  # the score of the last wording taken
    for n, (sentence_id, key, score) in enumerate(evidence_index.cell_rows(project, actor.id, instrument.id)):
        # Copies of one wording share its score, so they come together: once enough wordings
        # are in, read on only while the score holds, to count the last ones' copies too.
        if n >= _MAX_ROWS or cutoff is not None and score < cutoff:
            break
        if key not in chosen:
            if cutoff is not None:
                continue  # another wording of the same score: beyond the wordings taken
            chosen[key] = []
            if len(chosen) == KEYS_PER_CELL:
                cutoff = score
        copies[key] = copies.get(key, 0) + 1
        if len(chosen[key]) < COPIES_READ:
            chosen[key].append(sentence_id)
    key_of = {sid: key for key, ids in chosen.items() for sid in ids}
    found = [Candidate(*r) for r in evidence_index.candidates_by_id(project, list(key_of))]
    cited_ids = [sid for sid, source_id, start, end in evidence_index.sentences_overlapping(project, cited_spans)
                 if _covered(source_id, start, end, cited_spans)]
    cited = evidence_index.cell_keys_of(project, actor.id, instrument.id, cited_ids) if cited_ids else set()
    return Picks(found, key_of, copies, cited)


def _covered(source_id: int, start: int, end: int, spans: dict[int, list[tuple[int, int]]]) -> bool:
    """An excerpt covers at least half of the sentence (or the sentence half of it)."""
    for s, e in spans.get(source_id, ()):
        overlap = min(e, end) - max(s, start)
        if overlap > 0 and overlap * 2 >= min(e - s, end - start):
            return True
    return False
