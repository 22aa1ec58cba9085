"""Every intermediate file of the first book and of the generated books matches its JSON Schema,
the book's tree and the structure's evidence are read and written back byte for byte, and the
stages' logs hold what the report merges."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from bookgen import generate
from conftest import BOOK, REPO_ROOT
from test_generated_books import CONVENTIONS, run_pipeline

from pipeline.chronology import main as chronology_main
from pipeline.correct.command import main as correct_main
from pipeline.metadata import main as metadata_main
from pipeline.model import (
    CHANGING_STAGES,
    REVIEWING_STAGES,
    Book,
    Change,
    Review,
    StructureEvidence,
    read_book,
    read_evidence,
    read_log,
    write_book,
    write_evidence,
    write_log,
)
from pipeline.model.schema import FILE_SCHEMAS, problems
from pipeline.normalise import main as normalise_main
from pipeline.repair.command import main as repair_main
from pipeline.report import main as report_main
from pipeline.structure import main as structure_main
from pipeline.structure.evidence import structure_evidence

pytestmark = pytest.mark.slow

RAW = REPO_ROOT / "raw"


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first book's build folder, made by the stages' command lines as the workflow runs them."""
    folder = tmp_path_factory.mktemp(BOOK)

    def run(main: Callable[[list[str]], int], **options: str) -> None:
        arguments = [
            word for option, value in options.items() for word in (f"--{option.replace('_', '-')}", value)
        ]
        assert main(arguments) == 0, main.__module__

    def built(name: str) -> str:
        return str(folder / name)

    corrections = str(RAW / f"{BOOK}.corrections.yaml")
    metadata, repaired = built("metadata.json"), built("repaired.json")
    structure, corrected = built("structure.json"), built("corrected.json")
    evidence, misreadings = built("structure.evidence.json"), built("misreadings.json")
    changes = {stage: built(f"{stage}.changes.jsonl") for stage in CHANGING_STAGES}
    review = {stage: built(f"{stage}.review.jsonl") for stage in REVIEWING_STAGES}
    run(metadata_main, input=str(RAW / f"{BOOK}.yaml"), output=metadata)
    run(
        normalise_main,
        input=str(RAW / f"{BOOK}.txt"),
        output=built("normalised.txt"),
        changes=changes["normalise"],
    )
    run(
        repair_main,
        input=built("normalised.txt"),
        metadata=metadata,
        output=repaired,
        changes=changes["repair"],
        review=review["repair"],
        input_evidence=built("input.json"),
    )
    run(
        structure_main,
        input=repaired,
        metadata=metadata,
        output=structure,
        changes=changes["structure"],
        review=review["structure"],
        evidence=evidence,
    )
    run(
        correct_main,
        input=structure,
        text=built("normalised.txt"),
        corrections=corrections,
        output=corrected,
        changes=changes["correct"],
        misreadings=misreadings,
    )
    run(chronology_main, input=corrected, csv=built("chronology.csv"), json=built("chronology.json"))
    arguments = ["--book", BOOK, "--text", str(RAW / f"{BOOK}.txt"), "--changes", *changes.values()]
    arguments += ["--review", *review.values()]
    arguments += [
        "--evidence",
        evidence,
        "--input-evidence",
        built("input.json"),
        "--misreadings",
        misreadings,
    ]
    arguments += ["--changes-log", built("changes.jsonl"), "--output", built("report.html")]
    assert report_main(arguments) == 0
    return folder


# (geometry.json comes only from structured OCR: tests/test_extract.py checks it)
@pytest.mark.parametrize("name", sorted(FILE_SCHEMAS.keys() - {"geometry.json"}))
def test_each_file_of_the_book_matches_its_schema(build: Path, name: str) -> None:
    text = (build / name).read_text(encoding="utf-8")
    lines = text.splitlines() if name.endswith(".jsonl") else [text]
    for record in map(json.loads, lines):
        assert problems(FILE_SCHEMAS[name], record)[:5] == []


@pytest.mark.parametrize("name", ["structure.json", "corrected.json"])
def test_the_tree_is_written_back_byte_for_byte(build: Path, tmp_path: Path, name: str) -> None:
    book = read_book(build / name, "structure")
    write_book(tmp_path / name, book)
    assert (tmp_path / name).read_bytes() == (build / name).read_bytes()


def test_the_evidence_is_written_back_byte_for_byte(build: Path, tmp_path: Path) -> None:
    write_evidence(tmp_path / "evidence.json", read_evidence(build / "structure.evidence.json"))
    assert (tmp_path / "evidence.json").read_bytes() == (build / "structure.evidence.json").read_bytes()


@pytest.mark.parametrize("name", [*(f"{stage}.changes.jsonl" for stage in CHANGING_STAGES), "changes.jsonl"])
def test_each_change_log_is_written_back_byte_for_byte(build: Path, tmp_path: Path, name: str) -> None:
    write_log(tmp_path / name, read_log(build / name, Change))
    assert (tmp_path / name).read_bytes() == (build / name).read_bytes()


def test_the_merged_change_log_holds_every_stage_log(build: Path) -> None:
    merged = read_log(build / "changes.jsonl", Change)
    logged = [
        change for stage in CHANGING_STAGES for change in read_log(build / f"{stage}.changes.jsonl", Change)
    ]
    assert len(merged) > 1000
    assert sorted(map(repr, merged)) == sorted(map(repr, logged))
    assert [change.line for change in merged] == sorted(change.line for change in merged)


def test_each_stage_logs_only_its_own_changes_and_review(build: Path) -> None:
    for stage in CHANGING_STAGES:
        assert {change.stage for change in read_log(build / f"{stage}.changes.jsonl", Change)} <= {stage}
    assert read_log(build / "repair.review.jsonl", Review)
    assert read_log(build / "structure.changes.jsonl", Change)
    evidence = StructureEvidence.from_json(json.loads((build / "structure.evidence.json").read_text()))
    assert evidence.contents.entries == evidence.contents.found > 100
    assert {item.rule for item in evidence.conventions} >= {"layout_headings", "layout_notes"}


def test_the_corrections_are_in_the_corrected_tree_and_the_correct_log(build: Path) -> None:
    corrected = json.loads((build / "corrected.json").read_text(encoding="utf-8"))
    assert corrected["responsible"] == {"editor": "The editor of the digital edition"}
    edits = read_log(build / "correct.changes.jsonl", Change)
    assert len(edits) >= 10 and any("(Eden\u2019s mission)" in change.after for change in edits)


@pytest.mark.parametrize("convention", CONVENTIONS, ids=lambda convention: convention.name)
def test_generated_books_trees_match_the_schema_and_round_trip(convention: object) -> None:
    structured = run_pipeline(generate(convention))  # type: ignore[arg-type]
    tree = structured.tree
    data = tree.to_json()
    assert problems("book", data)[:5] == []
    assert Book.from_json(data) == tree
    assert json.dumps(Book.from_json(data).to_json()) == json.dumps(data)
    evidence = structure_evidence(structured).to_json()
    assert problems("evidence", evidence)[:5] == []
    assert StructureEvidence.from_json(evidence).to_json() == evidence
