"""Every intermediate file of the first book and of the generated books matches its JSON Schema,
and the book's tree is read and written back byte for byte."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from bookgen import generate
from conftest import BOOK, REPO_ROOT
from test_generated_books import CONVENTIONS, run_pipeline

from pipeline.chronology import main as chronology_main
from pipeline.correct import main as correct_main
from pipeline.metadata import main as metadata_main
from pipeline.model import Book, read_book, write_book
from pipeline.model.schema import FILE_SCHEMAS, problems
from pipeline.normalise import main as normalise_main
from pipeline.repair.__main__ import main as repair_main
from pipeline.report import main as report_main
from pipeline.structure import main as structure_main
from pipeline.suspects import main as suspects_main

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
    normalise_changes, suspects = built("normalise.changes.jsonl"), built("suspects.json")
    run(metadata_main, input=str(RAW / f"{BOOK}.yaml"), output=metadata)
    run(
        normalise_main,
        input=str(RAW / f"{BOOK}.txt"),
        output=built("normalised.txt"),
        changes=normalise_changes,
    )
    run(repair_main, input=built("normalised.txt"), metadata=metadata, output=repaired)
    run(structure_main, input=repaired, metadata=metadata, output=structure)
    run(correct_main, input=structure, corrections=corrections, output=corrected)
    run(suspects_main, input=repaired, corrections=corrections, output=suspects)
    run(chronology_main, input=corrected, csv=built("chronology.csv"), json=built("chronology.json"))
    report = {"normalise_changes": normalise_changes, "repaired": repaired, "structure": corrected}
    report |= {"suspects": suspects, "changes_log": built("changes.jsonl"), "output": built("report.html")}
    run(report_main, book=BOOK, **report)
    return folder


@pytest.mark.parametrize("name", sorted(FILE_SCHEMAS))
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


def test_the_merged_change_log_is_not_empty(build: Path) -> None:
    assert len((build / "changes.jsonl").read_text(encoding="utf-8").splitlines()) > 1000


def test_the_corrected_tree_holds_the_corrections(build: Path) -> None:
    corrected = json.loads((build / "corrected.json").read_text(encoding="utf-8"))
    assert corrected["responsible"] == {"editor": "The editor of the digital edition"}
    edits = [change for change in corrected["changes"] if change["stage"] == "correct"]
    assert len(edits) >= 10 and any("(Eden\u2019s mission)" in change["after"] for change in edits)


@pytest.mark.parametrize("convention", CONVENTIONS, ids=lambda convention: convention.name)
def test_generated_books_trees_match_the_schema_and_round_trip(convention: object) -> None:
    tree = run_pipeline(generate(convention))  # type: ignore[arg-type]
    data = tree.to_json()
    assert problems("book", data)[:5] == []
    assert Book.from_json(data) == tree
    assert json.dumps(Book.from_json(data).to_json()) == json.dumps(data)
