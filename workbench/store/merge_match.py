"""Which row of THEIRS is which row of MINE, before anything is merged.

Rows are matched by uuid; sources also by their text hash (the same article imported on both
sides becomes one source); actors and instruments also by name; cells by their actor and
instrument; excerpts by the same passage cited in the same cell; evidence links by their cell
and excerpt.
"""

from __future__ import annotations

from workbench.store.merge_report import MergeReport
from workbench.store.merge_side import TABLES, Side

# A child row's parent columns, and the tables they point to.
FOREIGN = {
    "cell": {"actor_id": "actor", "instrument_id": "instrument"},
    "excerpt": {"source_id": "source"},
    "cell_excerpt": {"cell_id": "cell", "excerpt_id": "excerpt"},
}


def match_rows(m: Side, t: Side, report: MergeReport) -> dict[str, dict[str, str]]:
    """THEIRS uuid -> MINE uuid, per table, for the rows both sides have."""
    match: dict[str, dict[str, str]] = {t_: {} for t_ in TABLES}
    for table in TABLES:
        for u in t.rows[table]:
            if u in m.rows[table]:
                match[table][u] = u
    by_hash = {r["sha256"]: u for u, r in m.rows["source"].items()}
    for u, r in t.rows["source"].items():
        if u not in match["source"] and r["sha256"] in by_hash:
            match["source"][u] = by_hash[r["sha256"]]
            report.sources_by_text += 1
    for table in ("actor", "instrument"):
        taken = set(match[table].values())
        by_name = {r["name"].casefold(): u for u, r in m.rows[table].items()
                   if u not in taken and u not in t.rows[table]}
        for u, r in t.rows[table].items():
            if u not in match[table] and not m.deleted(u) and r["name"].casefold() in by_name:
                match[table][u] = by_name.pop(r["name"].casefold())
                report.matched_by_name.append((table, r["name"]))
    _match_by_parents(t, match, "cell", _by_parents(m, "cell"))
    # Excerpts: the same passage cited in the same cell on both sides is one excerpt.
    mine_links = _by_parents(m, "cell_excerpt")
    passages: dict[tuple[str, str, int, int], str] = {}
    for (cell_u, ex_u) in mine_links:
        ex = m.rows["excerpt"].get(ex_u)
        if ex:
            passages[(cell_u, m.parent_uuid("excerpt", ex, "source_id"), ex["start"], ex["end"])] = ex_u
    for r in t.rows["cell_excerpt"].values():
        ex_u = t.parent_uuid("cell_excerpt", r, "excerpt_id")
        ex = t.rows["excerpt"].get(ex_u)
        if ex is None or ex_u in match["excerpt"]:
            continue
        key = (match["cell"].get(t.parent_uuid("cell_excerpt", r, "cell_id"), ""),
               match["source"].get(t.parent_uuid("excerpt", ex, "source_id"), ""),
               ex["start"], ex["end"])
        if key in passages:
            match["excerpt"][ex_u] = passages[key]
    _match_by_parents(t, match, "cell_excerpt", mine_links)
    return match


def _by_parents(m: Side, table: str) -> dict[tuple[str, ...], str]:
    """MINE's rows of *table* by the uuids of their two parents (a cell by actor and instrument)."""
    return {tuple(m.parent_uuid(table, r, column) for column in FOREIGN[table]): u
            for u, r in m.rows[table].items()}


def _match_by_parents(t: Side, match: dict[str, dict[str, str]], table: str,
                      mine: dict[tuple[str, ...], str]) -> None:
    """THEIRS' unmatched rows of *table* whose parents match MINE's row with those parents."""
    for u, r in t.rows[table].items():
        if u not in match[table]:
            key = tuple(match[parent].get(t.parent_uuid(table, r, column), "")
                        for column, parent in FOREIGN[table].items())
            if key in mine:
                match[table][u] = mine[key]
