"""Metadata guessed from the head of plain text: the sample articles and the rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.ingest import guess_metadata, normalise_date, read_document

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def seed(prefix: str):
    (path,) = SEEDS.glob(prefix + "_*.txt")
    return read_document(path)


def test_outlet_line_then_headline() -> None:
    doc = seed("000")
    assert doc.outlet == "Muslim World Report"
    assert doc.title == "North Korea's Troops Join Ukraine Conflict Amid Rising Geopolitical Tensions"
    assert (doc.author, doc.published) == ("", "")


def test_oped_suffix_and_author_box() -> None:
    doc = seed("001")
    assert doc.title == "Global Security At Risk: North Korea’s Involvement In The Ukraine Conflict"
    assert doc.author == "Simon Hutagalung"  # from the closing "Simon Hutagalung is a ..." box
    assert doc.outlet == ""


def test_no_headline_means_file_name() -> None:
    doc = seed("002")
    assert doc.title == "002_fab4b49901d63b6a"
    assert (doc.author, doc.outlet, doc.published) == ("", "", "")


def test_date_line_first() -> None:
    doc = seed("003")
    assert doc.published == "2024-10-25"  # the top line, not the "Aug, 18 2024" at the end
    assert doc.title == "003_6886f6de67fa38c2"


def test_date_and_byline_on_one_line() -> None:
    doc = seed("004")
    assert (doc.published, doc.author) == ("2024-11-21", "Simon Hutagalung")


@pytest.mark.parametrize(
    ("text", "title", "author", "published"),
    [
        ("Sanctions Tighten On Pyongyang\nBy Jane Doe and John Roe\n\nBody.",
         "Sanctions Tighten On Pyongyang", "Jane Doe and John Roe", ""),
        ("Title Of The Piece – Analysis\n\nBy\n\nMaria van der Berg\n\nText.",
         "Title Of The Piece", "Maria van der Berg", ""),
        ("Published: 4 November 2024\n\nSeoul Reacts To Deployment\n\nText.",
         "Seoul Reacts To Deployment", "", "2024-11-04"),
        ("Sanctions Tighten On Pyongyang\nBy Jane Doe (@janedoe)\n\nBody.",
         "Sanctions Tighten On Pyongyang", "Jane Doe", ""),
        ("Sanctions Tighten On Pyongyang\nBy @janedoe\n\nBody.", "Sanctions Tighten On Pyongyang", "", ""),
        ("Sanctions Tighten On Pyongyang\nBy J.R. Stone\n\nBody.", "Sanctions Tighten On Pyongyang",
         "J.R. Stone", ""),
        ("By the end of the year, troops had moved.\n\nMore.", "", "", ""),
        ("By 2025 sanctions\n\nMore.", "", "", ""),
        ("Killed by drones near Kursk\n\nText.", "Killed by drones near Kursk", "", ""),
    ],
)
def test_guess_rules(text: str, title: str, author: str, published: str) -> None:
    meta = guess_metadata(text)
    assert (meta.title, meta.author, meta.published) == (title, author, published)


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2024-11-21", "2024-11-21"), ("2024-11-21T09:30:00+01:00", "2024-11-21"),
        ("Oct, 25 2024", "2024-10-25"), ("October 25, 2024", "2024-10-25"),
        ("25 Oct 2024", "2024-10-25"), ("Tuesday, November 5, 2024", "2024-11-05"),
        ("Sept. 3, 2024", "2024-09-03"), ("May 2024", "2024-05"), ("2024-02", "2024-02"),
        ("2024-02-30", ""), ("11/05/2024", ""), ("yesterday", ""), ("Octopus 5 2024", ""),
    ],
)
def test_normalise_date(written: str, iso: str) -> None:
    assert normalise_date(written) == iso
