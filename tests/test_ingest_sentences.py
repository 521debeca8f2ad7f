"""Sentence spans: exact, ordered, never across paragraphs or bullets."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from workbench.ingest import read_document, split_sentences

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


def check_spans(text: str) -> list[tuple[int, int]]:
    spans = split_sentences(text)
    previous_end = 0
    for start, end in spans:
        piece = text[start:end]
        assert piece and piece == piece.strip()
        assert start >= previous_end
        assert "\n\n" not in piece
        previous_end = end
    return spans


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_seed_articles_give_exact_ordered_spans(path: Path) -> None:
    text = read_document(path).text
    spans = check_spans(text)
    assert len(spans) > 20
    pieces = [text[s:e] for s, e in spans]
    assert not any(piece.startswith("•") for piece in pieces)
    # nothing but whitespace and bullets is left between spans
    covered = "".join(pieces)
    assert len(covered) + text.count(" ") + text.count("\n") + text.count("•") >= len(text)


def test_abbreviations_in_the_seeds_do_not_split() -> None:
    text = read_document(SEEDS[0]).text
    assert ("Geopolitical strategy: A united front reflects a growing coalition of states that "
            "reject the unipolarity shaped by U.S. hegemony (Lo, 2009).") in sentences(text)
    text = read_document(SEEDS[1]).text
    assert "Mearsheimer, John J. The Tragedy of Great Power Politics." in sentences(text)


def test_seed_headings_and_date_lines_stand_alone() -> None:
    found = sentences(read_document(SEEDS[2]).text)
    assert "Strategic Calculations" in found
    assert found[found.index("Strategic Calculations") + 1].startswith("Vladimir Putin, facing")
    found = sentences(read_document(SEEDS[3]).text)
    assert found[0] == "Oct, 25 2024"
    assert found[1].startswith("The international community is closely monitoring")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Smith met Dr. Lee in Seoul. They talked.",
         ["Mr. Smith met Dr. Lee in Seoul.", "They talked."]),
        ("The U.S. Army moved. Then U.S. officials spoke.",
         ["The U.S. Army moved.", "Then U.S. officials spoke."]),
        ("Tools, e.g. sanctions, i.e. pressure. Next one.",
         ["Tools, e.g. sanctions, i.e. pressure.", "Next one."]),
        ("John F. Kennedy spoke. Growth was 1.5 percent. Prices rose 2.75%.",
         ["John F. Kennedy spoke.", "Growth was 1.5 percent.", "Prices rose 2.75%."]),
        ('He said "No." Then he left.', ['He said "No."', "Then he left."]),
        ("She asked “Why?” and waited. “Because,” he said.",
         ["She asked “Why?” and waited.", "“Because,” he said."]),
        ("Is it over? Yes! Really… Maybe.", ["Is it over?", "Yes!", "Really…", "Maybe."]),
        ("See No. 5 and Oct. 25 in the file. Done.", ["See No. 5 and Oct. 25 in the file.", "Done."]),
        ("Smith et al. (2017) disagree. Fine.", ["Smith et al. (2017) disagree.", "Fine."]),
        ("서울은 대응했다. 평양은 침묵했다.", ["서울은 대응했다.", "평양은 침묵했다."]),
    ],
)
def test_sentence_rules(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_paragraphs_bullets_and_wrapped_lines() -> None:
    text = (
        "  Key factors include:\n\n"
        "  • Domestic pressures: internal challenges\n"
        "  • Symbolic defiance. It matters\n"
        "- East Asia\n"
        "1. Numbered item\n\n"
        "A sentence wrapped across a line break in a PDF, which\n"
        "continues here. Next sentence\n\n\n"
        "no blank lines crossed\n \t \nafter."
    )
    assert sentences(text) == [
        "Key factors include:",
        "Domestic pressures: internal challenges",
        "Symbolic defiance.",
        "It matters",
        "East Asia",
        "Numbered item",
        "A sentence wrapped across a line break in a PDF, which\ncontinues here.",
        "Next sentence",
        "no blank lines crossed",
        "after.",
    ]
    check_spans(text)


def test_edge_cases() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\n \t") == []
    assert sentences(".") == ["."]
    assert sentences("No punctuation at all") == ["No punctuation at all"]
    assert sentences("Ends with a quote.”") == ["Ends with a quote.”"]


def test_long_run_on_text_is_cut_at_lines() -> None:
    text = "\n".join(f"row {n} value {n * 3}" for n in range(200))
    found = sentences(text)
    assert found[0] == "row 0 value 0" and len(found) == 200


@pytest.mark.slow
def test_fifty_megabytes_is_fast() -> None:
    seeds = "\n\n".join(read_document(p).text for p in SEEDS)
    text = (seeds + "\n\n") * (50_000_000 // len(seeds))
    started = time.monotonic()
    spans = split_sentences(text)
    elapsed = time.monotonic() - started
    assert elapsed < 30, elapsed
    assert len(spans) > 300_000
