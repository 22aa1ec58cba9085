"""The gold of OCR misreadings (``tests/data/ocr/``) against the raw OCR it was read from: every
annotated string stands on its line, inside a region, and the kinds are the README's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

OCR_GOLD = Path(__file__).parent / "data" / "ocr"
REAL = Path(__file__).resolve().parents[2] / "shared" / "real"
KINDS = {"letters", "real-word", "split", "glued", "inner-hyphen", "speck", "digits", "case", "punctuation"}
GOLD_FILES = sorted([*OCR_GOLD.glob("*.errors.json"), *OCR_GOLD.glob("heldout/*.errors.json")])


@pytest.mark.parametrize(
    "path", GOLD_FILES, ids=[str(path.relative_to(OCR_GOLD)).split("-")[0] for path in GOLD_FILES]
)
def test_every_misreading_stands_on_its_raw_line(path: Path) -> None:
    gold = json.loads(path.read_text(encoding="utf-8"))
    raw = REAL / f"{gold['book']}.txt"
    if not raw.exists():
        pytest.skip(f"{raw} is not beside the repository")
    lines = raw.read_text(encoding="utf-8").split("\n")
    annotated = {
        line
        for region in gold["regions"]
        for line in range(region["from_line"], region["to_line"] + 1)
        if line not in region["skip_lines"]
    }
    assert [error["line"] for error in gold["errors"]] == sorted(error["line"] for error in gold["errors"])
    for error in gold["errors"]:
        text = lines[error["line"] - 1]
        assert error["line"] in annotated, error
        assert error["ocr"] in error["context"] and error["context"] in text, error
        assert error["kind"] in KINDS and error["ocr"] != error["correct"], error


def test_the_gold_is_of_six_books_and_three_hundred_lines() -> None:
    golds = [json.loads(path.read_text(encoding="utf-8")) for path in GOLD_FILES]
    lines = sum(
        region["to_line"] - region["from_line"] + 1 - len(region["skip_lines"])
        for gold in golds
        for region in gold["regions"]
    )
    assert len(golds) >= 6 and lines >= 300


def applied(line: int, sic: str, corr: str, context: str = "") -> dict[str, object]:
    """An applied correction as misreadings.json lists it (only what the scorer reads)."""
    return {"line": line, "sic": sic, "corr": corr, "kind": "", "context": context}


def test_the_scorer_counts_right_and_wrong_corrections_and_the_misreadings_read_as_printed() -> None:
    from ocr_gold import score_book

    gold = {
        "book": "a-book",
        "regions": [{"from_line": 1, "to_line": 4, "skip_lines": []}],
        "errors": [
            {"line": 1, "ocr": "tbe", "correct": "the", "kind": "letters", "context": "tbe river"},
            {"line": 3, "ocr": "■son", "correct": "son", "kind": "speck", "context": "■son of"},
            {"line": 4, "ocr": "£lO", "correct": "£10", "kind": "digits", "context": "paid £lO"},
        ],
        "slips": [{"line": 4, "ocr": "adavntages", "correct": "advantages", "context": "the adavntages"}],
    }
    raw = ["tbe river rose", "in the compari-", "■son of the figures", "paid £lO for the adavntages", "out"]

    score = score_book(
        gold,
        [
            applied(1, "tbe", "the"),  # right
            applied(3, "compari-■son", "comparison"),  # right: the word the line-end join rebuilt
            applied(3, "figures", "figured"),  # wrong
            applied(4, "adavntages", "advantages"),  # the printer's slip: not counted
            applied(5, "out", "cut"),  # not on an annotated line: not counted
        ],
        raw,
    )
    assert (score.right, score.made) == (2, 3)
    assert dict(score.corrected) == {"letters": 1, "speck": 1}
    assert score.missed == ["a-book 4 digits: '£lO' → '£10'"]


def test_the_scorer_credits_a_stray_hyphen_taken_off_at_the_join_and_reads_quotes_straight() -> None:
    from ocr_gold import score_book

    gold = {
        "book": "a-book",
        "regions": [{"from_line": 1, "to_line": 3, "skip_lines": []}],
        "errors": [
            {"line": 1, "ocr": "to -", "correct": "to", "kind": "speck", "context": "request as to -"},
            {
                "line": 3,
                "ocr": "Parrv\u2019s",
                "correct": "Parry\u2019s",
                "kind": "letters",
                "context": "Parrv\u2019s map",
            },
        ],
    }
    raw = ["request as to -", "my opinion of it", "Parrv\u2019s map", ""]

    made = [
        applied(2, "-my", "my", "request as to -my opinion of it"),
        applied(3, "Parrv", "Parry", "Parrv\u2019s map"),
    ]
    score = score_book(gold, made, raw)
    assert (dict(score.corrected), score.right, score.made) == ({"speck": 1, "letters": 1}, 2, 2)
    # a correction that leaves the hyphen is no correction of it
    score = score_book(gold, [made[1]], raw)
    assert score.missed == ["a-book 1 speck: 'to -' → 'to'"]
    # the line-end join made a compound of the word: parting it takes the hyphen off
    gold["errors"] = [
        {"line": 1, "ocr": "was-", "correct": "was", "kind": "speck", "context": "decision was-"}
    ]
    raw = ["This decision was-", "come to on the 9th October.", ""]
    score = score_book(gold, [applied(2, "was-come", "was come", "decision was-come to on")], raw)
    assert (dict(score.corrected), score.right) == ({"speck": 1}, 1)
