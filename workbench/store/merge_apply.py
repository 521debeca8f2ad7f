"""Applying a merge to MINE inside its transaction: rows THEIRS adds, fields it changed,
rows it deleted, and the records (revisions, disputes, undo images, merge log) that go with them.

Which rows correspond comes from merge_match; what to do with each field from merge_fields.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from typing import Any

from workbench.store import revisions, sentences
from workbench.store.errors import DamagedProject
from workbench.store.merge_fields import decide
from workbench.store.merge_match import FOREIGN, match_rows
from workbench.store.merge_report import FieldChange, MergeReport
from workbench.store.merge_side import TABLES, Side
from workbench.store.merge_undo import Images
from workbench.store.project import Project, new_uuid, now
from workbench.store.revisions import EXISTENCE, FIELDS


class Merger:
    """One merge of THEIRS into MINE, applied step by step (see run)."""

    def __init__(self, mine: Project, m: Side, theirs: Project, t: Side, report: MergeReport) -> None:
        self.p = mine
        self.db = mine.db
        self.theirs = theirs
        self.m, self.t = m, t
        self.report = report
        self.uuid = new_uuid()
        report.merge_uuid = "" if report.dry_run else self.uuid
        self.graph = revisions.Graph()
        self.graph.parents = {r.rev: (r.parent, r.other) for r in m.revisions.values()}
        for r in t.revisions.values():
            self.graph.parents.setdefault(r.rev, (r.parent, r.other))
        # theirs uuid -> mine uuid, per table, for rows both sides have (filled by run).
        self.match: dict[str, dict[str, str]] = {t_: {} for t_ in TABLES}
        self.mine_ids: dict[str, dict[str, int]] = {
            table: {u: r["id"] for u, r in rows.items()} for table, rows in m.rows.items()}
        self.images = Images(self.uuid)
        if not report.dry_run:
            report.undo = self.images

    # -- every write of a merge-owned table goes through these, so that it can be undone ----

    def _set_head(self, row_uuid: str, f: str, rev: str) -> None:
        self.images.touch(self.db, "revision_head", row_uuid, f)
        revisions.set_head(self.db, row_uuid, f, rev)

    def _add_revision(self, **kw: Any) -> str:
        self.images.touch(self.db, "revision_head", kw["row_uuid"], kw["field"])
        rev = revisions.add(self.db, **kw)
        self.images.new("revision", rev)
        return rev

    def _drop_disputes(self, row_uuid: str, f: str | None = None) -> None:
        sql, params = "SELECT field FROM dispute WHERE row_uuid = ?", (row_uuid,)
        if f is not None:
            sql, params = sql + " AND field = ?", (row_uuid, f)
        for (name,) in self.db.execute(sql, params).fetchall():
            self.images.touch(self.db, "dispute", row_uuid, name)
            self.db.execute("DELETE FROM dispute WHERE row_uuid = ? AND field = ?", (row_uuid, name))

    # -- the steps -------------------------------------------------------------------------

    def run(self) -> None:
        self.match = match_rows(self.m, self.t, self.report)
        self._import_revisions()
        back = self._deleted_here_but_changed_there()
        for table in TABLES:
            self._add_rows(table, back)
        for table in TABLES:
            for t_uuid, m_uuid in self.match[table].items():
                self._merge_fields(table, t_uuid, m_uuid)
        self._apply_deletions()
        self._complete_frame()
        self._label()
        if self.report.changed:
            self.images.new("merge_log", self.uuid)
            self.db.execute(
                "INSERT INTO merge_log (uuid, at, by, theirs_file, theirs_by, summary)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (self.uuid, now(), self.p.user, self.t.name, self._their_author(),
                 json.dumps({"added": self.report.added, "updated": self.report.updated,
                             "removed": self.report.removed, "disputes": len(self.report.disputes)})))

    def _their_author(self) -> str:
        new = [r for r in self.t.revisions.values() if r.rev not in self.m.revisions]
        return max(new, key=lambda r: r.at).by if new else ""

    def _import_revisions(self) -> None:
        """THEIRS' revisions join MINE's graph, tagged with this merge."""
        new = [r for r in self.t.revisions.values() if r.rev not in self.m.revisions]
        for r in new:
            self.images.new("revision", r.rev)
        self.db.executemany(
            "INSERT INTO revision (rev, table_name, row_uuid, field, action, parent, other, value,"
            " at, by, merge_uuid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(r.rev, r.table, r.row_uuid, r.field, r.action, r.parent, r.other, r.value, r.at, r.by,
              self.uuid) for r in new])

    # -- rows only THEIRS has --------------------------------------------------------------

    def _changed_there(self, row_uuid: str, table: str) -> bool:
        """Whether THEIRS changed the row in a way MINE has not seen."""
        fields = (EXISTENCE, *FIELDS[table])
        return any((rev := self.t.heads.get((row_uuid, f))) and rev not in self.m.revisions for f in fields)

    def _deleted_here_but_changed_there(self) -> set[str]:
        """THEIRS uuids of rows MINE deleted that come back because THEIRS changed them."""
        t, m = self.t, self.m
        back: set[str] = set()
        for table in TABLES:
            for u, r in t.rows[table].items():
                if u in self.match[table]:
                    continue
                if m.deleted(u):
                    if self._changed_there(u, table):
                        back.add(u)
                elif table != "cell" or self._changed_there(u, table):
                    # New there: its parents must exist here, so deleted ones come back. (An
                    # empty cell made for a new row or column is no reason to bring one back.)
                    back.update(p for p in self._parents(table, r) if m.deleted(p))
        # A row comes back with its parents; an actor or instrument with all its cells.
        changed = True
        while changed:
            before = len(back)
            for table in ("cell_excerpt", "excerpt", "cell"):
                for u, r in t.rows[table].items():
                    if u in back:
                        back.update(p for p in self._parents(table, r) if m.deleted(p))
            for table in ("cell", "cell_excerpt"):
                for u, r in t.rows[table].items():
                    parents = self._parents(table, r)
                    if m.deleted(u) and any(p in back for p in (parents if table == "cell" else parents[:1])):
                        back.add(u)
            changed = len(back) != before
        return back

    def _parents(self, table: str, row: dict[str, Any]) -> list[str]:
        if table == "cell":
            return [self.t.parent_uuid(table, row, "actor_id"), self.t.parent_uuid(table, row, "instrument_id")]
        if table == "excerpt":
            return [self.t.parent_uuid(table, row, "source_id")]
        if table == "cell_excerpt":
            return [self.t.parent_uuid(table, row, "cell_id"), self.t.parent_uuid(table, row, "excerpt_id")]
        return []

    def _add_rows(self, table: str, back: set[str]) -> None:
        for u, r in self.t.rows[table].items():
            if u in self.match[table]:
                continue
            restoring = u in back
            if self.m.deleted(u) and not restoring:
                continue  # deleted here, unchanged there: stays deleted
            values = dict(r)
            values.pop("id")
            for column, parent_table in FOREIGN.get(table, {}).items():
                parent = self.match[parent_table].get(self.t.parent_uuid(table, r, column))
                if parent is None:
                    break  # its parent was deleted here and stays deleted
                values[column] = self.mine_ids[parent_table][parent]
            else:
                if table == "excerpt" and self._source_of(r) != self.match["source"][self._source_of(r)]:
                    self.report.excerpts_repointed += 1
                self._insert(table, u, values, restoring)

    def _source_of(self, excerpt: dict[str, Any]) -> str:
        return self.t.parent_uuid("excerpt", excerpt, "source_id")

    def _insert(self, table: str, u: str, values: dict[str, Any], restoring: bool) -> None:
        if table == "source":
            text = self.theirs.db.execute("SELECT text FROM source WHERE uuid = ?", (u,)).fetchone()[0]
            if not isinstance(text, str) or hashlib.sha256(text.encode("utf-8")).hexdigest() != values["sha256"]:
                raise DamagedProject(f"{self.t.name} holds a source whose text does not match its hash; "
                                     "it is damaged.")
            values["text"] = text
        elif table == "excerpt":
            r = self.db.execute('SELECT substr(text, ? + 1, ? - ?) FROM source WHERE id = ?',
                                (values["start"], values["end"], values["start"], values["source_id"])).fetchone()
            if values["start"] < 0 or values["end"] <= values["start"] or r is None or r[0] != values["quote"]:
                raise DamagedProject(f"{self.t.name} holds an excerpt that does not match its source; "
                                     "it is damaged.")
        elif table in ("actor", "instrument"):
            values["position"] = self.db.execute(
                f"SELECT coalesce(max(position), -1) + 1 FROM {table}").fetchone()[0]
        elif table == "brief":
            taken = {n.casefold() for (n,) in self.db.execute("SELECT name FROM brief")}
            base, n = values["name"], 1
            while values["name"].casefold() in taken:
                n += 1
                values["name"] = f"{base} ({n})"
        cols = list(values)
        self.images.new(table, u)
        cur = self.db.execute(
            f"INSERT INTO {table} ({', '.join(f'[{c}]' for c in cols)})"
            f" VALUES ({', '.join('?' * len(cols))})", tuple(values[c] for c in cols))
        new_id = int(cur.lastrowid or 0)
        self.match[table][u] = u
        self.mine_ids[table][u] = new_id
        if table == "source":
            self.db.execute("INSERT INTO source_fts (rowid, title, text) VALUES (?, ?, ?)",
                            (new_id, values["title"], values["text"]))
            theirs_id = self.theirs.db.execute("SELECT id FROM source WHERE uuid = ?", (u,)).fetchone()
            spans = sorted((s, e) for _i, s, e in sentences.spans_of(self.theirs.db, theirs_id[0])) if theirs_id else []
            add_sentences(self.db, new_id, values["text"], spans)
        # The row's fields hold THEIRS' values, so THEIRS' heads are its heads here.
        for f in FIELDS[table]:
            if rev := self.t.heads.get((u, f)):
                self._set_head(u, f, rev)
        theirs_existence = self.t.heads.get((u, EXISTENCE), "")
        tomb = self.m.heads.get((u, EXISTENCE), "")
        if restoring and theirs_existence and self.graph.is_ancestor(tomb, theirs_existence):
            # THEIRS brought the row back after seeing this deletion: the newer decision.
            self._set_head(u, EXISTENCE, theirs_existence)
        elif restoring:
            self._add_revision(table=table, row_uuid=u, field=EXISTENCE, action="restore",
                          value=None, by=self.p.user, other=theirs_existence, merge_uuid=self.uuid)
            self.report.restored.append((table, u))
            if table not in ("cell", "cell_excerpt"):
                self._dispute(table, u, EXISTENCE, "deleted_here", tomb, self.t.heads.get((u, EXISTENCE), ""),
                              None, True)
        elif theirs_existence:
            self._set_head(u, EXISTENCE, theirs_existence)
        self.report.count(self.report.added, table)
        self.p.log("merge", table, u, None, {"merge": self.uuid, "added": True})

    # -- fields of rows both have ----------------------------------------------------------

    def _merge_fields(self, table: str, t_uuid: str, m_uuid: str) -> None:
        mine_row = self.m.rows[table].get(m_uuid)
        if mine_row is None:  # added by this merge: it already holds THEIRS' values
            return
        their_row = self.t.rows[table][t_uuid]
        taken: dict[str, Any] = {}
        before: dict[str, Any] = {}
        for f in FIELDS[table]:
            hm = self.m.heads.get((m_uuid, f), "")
            ht = self.t.heads.get((t_uuid, f), "")
            vm, vt = mine_row[f], their_row[f]
            decision = decide(self.graph, hm, ht, vm, vt)
            if decision in ("same", "mine"):
                continue
            if decision in ("agree", "agree_theirs"):  # the same value both sides: one head
                self._drop_disputes(m_uuid, f)
                if decision == "agree_theirs":
                    self._set_head(m_uuid, f, ht)
                continue
            if decision == "dispute":
                if f != "position":  # order is not a judgment: mine stays without a dispute
                    self._dispute(table, m_uuid, f, "edit", hm, ht, vm, vt, their_row)
                continue
            taken[f], before[f] = vt, vm  # only theirs changed it
            self._set_head(m_uuid, f, ht)
            self._drop_disputes(m_uuid, f)
            self.report.taken.append(FieldChange(table, m_uuid, f, vm, vt))
        if not taken:
            return
        sets = {**taken, "updated_at": their_row["updated_at"], "updated_by": their_row["updated_by"]}
        self.images.touch(self.db, table, m_uuid)
        self.db.execute(f"UPDATE {table} SET {', '.join(f'{k} = ?' for k in sets)} WHERE uuid = ?",
                        (*sets.values(), m_uuid))
        if table == "source" and "title" in taken:
            source_id = self.mine_ids["source"][m_uuid]
            text = self.db.execute("SELECT text FROM source WHERE id = ?", (source_id,)).fetchone()[0]
            self.db.execute("INSERT INTO source_fts (source_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)",
                            (source_id, before["title"], text))
            self.db.execute("INSERT INTO source_fts (rowid, title, text) VALUES (?, ?, ?)",
                            (source_id, taken["title"], text))
        self.report.count(self.report.updated, table)
        self.p.log("merge", table, m_uuid, before, {**taken, "merge": self.uuid})

    def _dispute(self, table: str, row_uuid: str, f: str, kind: str, mine_rev: str, theirs_rev: str,
                 mine: Any, value: Any, their_row: dict[str, Any] | None = None) -> None:
        old = self.db.execute("SELECT theirs_rev, theirs_value FROM dispute WHERE row_uuid = ? AND field = ?",
                              (row_uuid, f)).fetchone()
        encoded = json.dumps(value, ensure_ascii=False)
        if old is not None and (old[0], old[1]) == (theirs_rev, encoded):
            return  # the same disagreement, already recorded by an earlier merge
        self.images.touch(self.db, "dispute", row_uuid, f)
        rev = self.t.revisions.get(theirs_rev)
        at = rev.at if rev else (their_row or {}).get("updated_at", "")
        by = rev.by if rev else (their_row or {}).get("updated_by", "")
        self.db.execute(
            "INSERT INTO dispute (table_name, row_uuid, field, kind, mine_rev, theirs_rev, theirs_value,"
            " theirs_at, theirs_by, merge_uuid, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (row_uuid, field) DO UPDATE SET kind = excluded.kind, mine_rev = excluded.mine_rev,"
            " theirs_rev = excluded.theirs_rev, theirs_value = excluded.theirs_value,"
            " theirs_at = excluded.theirs_at, theirs_by = excluded.theirs_by,"
            " merge_uuid = excluded.merge_uuid, created_at = excluded.created_at",
            (table, row_uuid, f, kind, mine_rev, theirs_rev, encoded, at, by, self.uuid, now()))
        self.report.disputes.append(FieldChange(table, row_uuid, f, mine, value))

    # -- rows only MINE has ----------------------------------------------------------------

    def _changed_here(self, row_uuid: str, table: str) -> bool:
        fields = (EXISTENCE, *FIELDS[table])
        return any((rev := self.m.heads.get((row_uuid, f))) and rev not in self.t.revisions for f in fields)

    def _apply_deletions(self) -> None:
        """Rows THEIRS deleted: gone here too, unless MINE changed them since (then a dispute)."""
        m, t = self.m, self.t
        matched = {table: set(self.match[table].values()) for table in TABLES}

        def gone_there(table: str, u: str) -> bool:
            return u not in matched[table] and t.deleted(u)

        cells_of: dict[str, list[str]] = {}
        for u, r in m.rows["cell"].items():
            for column in ("actor_id", "instrument_id"):
                cells_of.setdefault(m.parent_uuid("cell", r, column), []).append(u)
        links_of: dict[str, list[str]] = {}
        for u, r in m.rows["cell_excerpt"].items():
            for column in ("cell_id", "excerpt_id"):
                links_of.setdefault(m.parent_uuid("cell_excerpt", r, column), []).append(u)

        def changed_here(table: str, u: str) -> bool:
            if self._changed_here(u, table):
                return True
            new_links = [lk for lk in links_of.get(u, []) if lk not in t.revisions and lk not in t.rows["cell_excerpt"]
                         and not t.deleted(lk)]
            if table == "cell" and new_links:
                return True
            if table in ("actor", "instrument"):
                return any(changed_here("cell", c) for c in cells_of.get(u, []))
            return False

        for table in ("brief", "cell_excerpt", "excerpt", "actor", "instrument", "source"):
            for u in list(m.rows[table]):
                if not gone_there(table, u) or self._absent(table, u):
                    continue
                if changed_here(table, u) or (table == "source" and self._cited(u)):
                    self._dispute(table, u, EXISTENCE, "deleted_there", m.heads.get((u, EXISTENCE), ""),
                                  t.heads.get((u, EXISTENCE), ""), True, None)
                    self.report.kept.append((table, u))
                    continue
                self._delete(table, u)
        # Evidence whose last link THEIRS removed goes too (every excerpt is cited somewhere).
        for (ex_id, ex_uuid) in self.db.execute(
                "SELECT id, uuid FROM excerpt e WHERE NOT EXISTS"
                " (SELECT 1 FROM cell_excerpt ce WHERE ce.excerpt_id = e.id)").fetchall():
            self._delete("excerpt", ex_uuid)

    def _absent(self, table: str, u: str) -> bool:
        return self.db.execute(f"SELECT 1 FROM {table} WHERE uuid = ?", (u,)).fetchone() is None

    def _cited(self, source_uuid: str) -> bool:
        return self.db.execute("SELECT 1 FROM excerpt e JOIN source s ON s.id = e.source_id"
                               " WHERE s.uuid = ? LIMIT 1", (source_uuid,)).fetchone() is not None

    def _delete(self, table: str, u: str) -> None:
        """Delete one row (an actor or instrument with its cells and their evidence)."""
        db = self.db
        row = db.execute(f"SELECT id FROM {table} WHERE uuid = ?", (u,)).fetchone()
        if row is None:
            return
        row_id = row[0]
        gone: list[tuple[str, str]] = []
        self._touch_with_children(table, u, row_id)
        if table in ("actor", "instrument"):
            cells = db.execute(f"SELECT id, uuid FROM cell WHERE {table}_id = ?", (row_id,)).fetchall()
            for cell_id, cell_uuid in cells:
                for (link_uuid,) in db.execute("SELECT uuid FROM cell_excerpt WHERE cell_id = ?", (cell_id,)).fetchall():
                    gone.append(("cell_excerpt", link_uuid))
                db.execute("DELETE FROM cell_excerpt WHERE cell_id = ?", (cell_id,))
                gone.append(("cell", cell_uuid))
            db.execute(f"DELETE FROM cell WHERE {table}_id = ?", (row_id,))
        elif table == "excerpt":
            for (link_uuid,) in db.execute("SELECT uuid FROM cell_excerpt WHERE excerpt_id = ?", (row_id,)).fetchall():
                gone.append(("cell_excerpt", link_uuid))
            db.execute("DELETE FROM cell_excerpt WHERE excerpt_id = ?", (row_id,))
        elif table == "source":
            title, text = db.execute("SELECT title, text FROM source WHERE id = ?", (row_id,)).fetchone()
            sentences.drop_source(db, row_id)
            db.execute("INSERT INTO source_fts (source_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)",
                       (row_id, title, text))
        db.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))
        gone.append((table, u))
        for t_name, g in gone:
            rev = self.t.heads.get((g, EXISTENCE))
            if rev and self.t.deleted(g):
                self._set_head(g, EXISTENCE, rev)  # THEIRS' own tombstone
            elif not revisions.is_deleted(db, g):
                self._add_revision(table=t_name, row_uuid=g, field=EXISTENCE, action="delete", value=None,
                                   by=self.p.user, merge_uuid=self.uuid)
            self._drop_disputes(g)
        self.report.count(self.report.removed, table)
        self.p.log("merge", table, u, None, {"merge": self.uuid, "removed": True})

    def _touch_with_children(self, table: str, u: str, row_id: int) -> None:
        db = self.db
        if table in ("actor", "instrument"):
            for (cell_uuid, cell_id) in db.execute(f"SELECT uuid, id FROM cell WHERE {table}_id = ?",
                                                   (row_id,)).fetchall():
                for (link,) in db.execute("SELECT uuid FROM cell_excerpt WHERE cell_id = ?", (cell_id,)).fetchall():
                    self.images.touch(db, "cell_excerpt", link)
                self.images.touch(db, "cell", cell_uuid)
        elif table == "excerpt":
            for (link,) in db.execute("SELECT uuid FROM cell_excerpt WHERE excerpt_id = ?", (row_id,)).fetchall():
                self.images.touch(db, "cell_excerpt", link)
        self.images.touch(db, table, u)

    def _complete_frame(self) -> None:
        """Every actor has a cell for every instrument, also for rows each side added."""
        missing = self.db.execute(
            "SELECT a.id, i.id FROM actor a CROSS JOIN instrument i WHERE NOT EXISTS"
            " (SELECT 1 FROM cell c WHERE c.actor_id = a.id AND c.instrument_id = i.id)").fetchall()
        stamp = self.p.stamp()
        rows = [(a, i, new_uuid(), stamp["updated_at"], stamp["updated_by"]) for a, i in missing]
        for r in rows:
            self.images.new("cell", r[2])
        self.db.executemany(
            "INSERT INTO cell (actor_id, instrument_id, uuid, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)", rows)

    def _label(self) -> None:
        """Words for the rows the report names: "Russia × Sanctions", a source's title."""
        labels = self.report.labels
        for uuid_, a, i in self.db.execute(
                "SELECT c.uuid, a.name, i.name FROM cell c JOIN actor a ON a.id = c.actor_id"
                " JOIN instrument i ON i.id = c.instrument_id"):
            labels[uuid_] = f"{a} × {i}"
        for table, column in (("actor", "name"), ("instrument", "name"), ("source", "title"),
                              ("brief", "name"), ("excerpt", "quote")):
            for uuid_, name in self.db.execute(f"SELECT uuid, {column} FROM {table}"):
                labels.setdefault(uuid_, name if len(name) <= 60 else name[:57] + "…")
        wanted = {c.row_uuid for c in self.report.disputes + self.report.taken}
        wanted |= {u for _, u in self.report.restored + self.report.kept}
        self.report.labels = {u: labels.get(u, u) for u in wanted}



def add_sentences(db: sqlite3.Connection, source_id: int, text: str, spans: list[tuple[int, int]]) -> None:
    """Store sentence spans of a source copied from another file, without splitting the text
    again; spans that do not fit the text are left out. A sentence's text is always cut from
    its source's text, so a hostile file cannot make a sentence say what its source does not."""
    sentences.store_spans(db, source_id, text, [
        (s, e) for s, e in spans[:sentences.MAX_SENTENCES]
        if isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)])
