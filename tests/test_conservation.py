"""Nothing of the book's wording is lost, and the repairs are idempotent (whole book: slow)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conservation import STAGES, lost_words

from pipeline import encode, normalise, structure
from pipeline.correct.command import main as correct_main
from pipeline.model import Block, read_json
from pipeline.repair import RepairContext, repair_blocks
from pipeline.repair.command import main as repair_main
from pipeline.repair.vocabulary import BookVocabulary


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
            [
                "--input",
                str(out / "normalised.txt"),
                "--output",
                str(out / "repaired.json"),
                *logs("repair"),
                "--input-evidence",
                str(out / "input.json"),
            ],
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
            correct_main,
            [
                "--input",
                str(out / "structure.json"),
                "--text",
                str(out / "normalised.txt"),
                "--misreadings",
                str(out / "misreadings.json"),
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
    logs = [built / f"{stage}.changes.jsonl" for stage in STAGES]
    lost = lost_words(raw_book.read_text(encoding="utf-8"), built / "book.xml", logs)
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
