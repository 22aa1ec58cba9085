"""Nothing of the book's wording is lost, and the repairs are idempotent (whole book: slow)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from pipeline import correct, encode, normalise, structure
from pipeline.model import Block, Change, read_json, read_log
from pipeline.repair import RepairContext, repair_blocks
from pipeline.repair.command import main as repair_main
from pipeline.repair.vocabulary import BookVocabulary
from pipeline.text.words import LETTER

WORD_RE = re.compile(rf"{LETTER}+")
TEI_NS = "{http://www.tei-c.org/ns/1.0}"


def words(text: str) -> Counter[str]:
    return Counter(word.lower() for word in WORD_RE.findall(text))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, repo_root: Path, book_name: str) -> Path:
    """The book run through normalise → repair → structure → correct → encode in a scratch dir."""
    out = tmp_path_factory.mktemp("conservation")
    raw = repo_root / "raw"

    def logs(stage: str) -> list[str]:
        """The options naming the stage's change and review logs."""
        return [
            "--changes",
            str(out / f"{stage}.changes.jsonl"),
            "--review",
            str(out / f"{stage}.review.jsonl"),
        ]

    steps = [
        (
            normalise.main,
            [
                "--input",
                str(raw / f"{book_name}.txt"),
                "--output",
                str(out / "normalised.txt"),
                "--changes",
                str(out / "normalise.changes.jsonl"),
            ],
        ),
        (
            repair_main,
            ["--input", str(out / "normalised.txt"), "--output", str(out / "repaired.json"), *logs("repair")],
        ),
        (
            structure.main,
            [
                "--input",
                str(out / "repaired.json"),
                "--output",
                str(out / "structure.json"),
                *logs("structure"),
                "--evidence",
                str(out / "structure.evidence.json"),
            ],
        ),
        (
            correct.main,
            [
                "--input",
                str(out / "structure.json"),
                "--corrections",
                str(raw / f"{book_name}.corrections.yaml"),
                "--output",
                str(out / "corrected.json"),
                "--changes",
                str(out / "correct.changes.jsonl"),
            ],
        ),
        (
            encode.main,
            [
                "--input",
                str(out / "corrected.json"),
                "--metadata",
                str(raw / f"{book_name}.yaml"),
                "--output",
                str(out / "book.xml"),
            ],
        ),
    ]
    for main, argv in steps:
        assert main(argv) == 0
    return out


@pytest.mark.slow
def test_every_raw_word_is_in_the_tei_or_accounted_for(built: Path, raw_book: Path) -> None:
    raw = words(raw_book.read_text(encoding="utf-8"))
    text = etree.parse(str(built / "book.xml")).getroot().find(f"{TEI_NS}text")
    kept = words(" ".join(text.itertext()))
    stages = ("normalise", "repair", "structure", "correct")
    changes = [change for stage in stages for change in read_log(built / f"{stage}.changes.jsonl", Change)]
    accounted: Counter[str] = Counter()
    for change in changes:
        accounted += words(change.before) - words(change.after)
    lost = raw - kept - accounted
    assert not lost, (
        f"{sum(lost.values())} raw words neither in the TEI nor in a logged change: {lost.most_common(20)}"
    )


@pytest.mark.slow
def test_repairing_repaired_text_changes_nothing(built: Path) -> None:
    data = read_json(built / "repaired.json")
    blocks = [Block.from_dict(block) for block in data["blocks"]]
    text = (built / "normalised.txt").read_text(encoding="utf-8")
    again = repair_blocks(blocks, RepairContext(BookVocabulary.from_texts([text])))
    assert [change.to_dict() for change in again.changes] == []
    assert [block.text for block in again.blocks] == [block.text for block in blocks]
