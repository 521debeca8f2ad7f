"""The finder against the labelled sentences of the five sample articles.

Run with -s to see the per-cell table. Targets: mean recall@5 >= 0.9, precision@5 >= 0.6.
"""

from __future__ import annotations

from pathlib import Path

from workbench.evidence.evaluation import evaluate, load_labels, table, totals
from workbench.store import sources

LABELS = Path(__file__).parent / "data" / "evidence_labels.json"


def test_labels_are_exact_sentences_of_the_seeds(sample_project):
    files = {s.filename: s.id for s in sources.list_all(sample_project)}
    cells = load_labels(LABELS)
    assert len(cells) >= 15
    for cell in cells:
        for s in cell["sentences"]:
            row = sample_project.db.execute(
                "SELECT count(*) FROM sentence WHERE source_id = ? AND text = ?",
                (files[s["file"]], s["text"]),
            ).fetchone()
            assert row[0] == 1, s["text"][:60]


def test_recall_and_precision_at_5(sample_project):
    results = evaluate(sample_project, load_labels(LABELS), k=5)
    print("\nEvidence finder on the labelled sample cells\n" + table(results))
    recall, precision = totals(results)
    assert recall >= 0.9, table(results)
    assert precision >= 0.6, table(results)
