"""The editor's corrections file, the refusals of automatic corrections, and the ``correct`` stage."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pipeline.correct.automatic import SHARED_WORK_MIN_CHARACTERS, even_runs, readings_of
from pipeline.correct.command import main
from pipeline.correct.editor import apply_corrections
from pipeline.correct.lexicon import Lexicon
from pipeline.correct.misreadings import MisreadingFinder
from pipeline.corrections import load_corrections
from pipeline.model import Book, Change, Correction, InputError, NoteRef, Paragraph, read_json, write_json


def _structure() -> dict[str, Any]:
    """A small tree with real sentences: the chronology's entry (raw line 8488) and a note."""
    return {
        "contents": [],
        "front": [],
        "divisions": [
            {
                "id": "chron",
                "type": "chronology",
                "n": None,
                "label": None,
                "title": "Chronology",
                "subtitle": None,
                "first_line": 8085,
                "content": [
                    {
                        "type": "p",
                        "first_line": 8488,
                        "parts": [
                            "Anglo-Soviet negotiations in Moscow (Iden\u2019s mission).",
                            {"note": "chron-n1"},
                        ],
                    },
                    {
                        "type": "p",
                        "first_line": 5615,
                        "parts": ["the German Ambassador in Moscow Schullenburg that"],
                    },
                    {
                        "type": "p",
                        "first_line": 5617,
                        "parts": ["The People\u2019s Commissar told Schullenburg bluntly"],
                    },
                ],
                "sections": [],
                "notes": [
                    {
                        "id": "chron-n1",
                        "n": "1",
                        "first_line": 8490,
                        "text": "Frederick Lewis Schuman, *Ameican* Policy",
                    }
                ],
            }
        ],
        "back": [],
        "note_numbering": "division",
    }


def _book() -> Book:
    return Book.from_json(_structure())


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "book.corrections.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_correction_splits_the_part_and_is_logged(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "corrections:\n  - sic: Iden's\n    corr: Eden's\n    context: (Iden's mission)\n"
    )
    book = _book()
    changes = apply_corrections(book, load_corrections(path), path)
    paragraph = book.divisions[0].content[0]
    assert isinstance(paragraph, Paragraph)
    assert paragraph.parts == [
        "Anglo-Soviet negotiations in Moscow (",
        Correction("Iden\u2019s", "Eden\u2019s", "editor"),
        " mission).",
        NoteRef("chron-n1"),
    ]
    assert [(c.stage, c.rule, c.line) for c in changes] == [("correct", "editor_correction", 8488)]
    assert book.responsible == {"editor": "The edition's editor"}
    assert changes[-1].after.endswith("(Eden\u2019s mission).")


def test_correction_inside_a_note_makes_its_text_parts(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "corrections:\n  - sic: Ameican\n    corr: American\n    context: '*Ameican* Policy'\n"
    )
    book = _book()
    apply_corrections(book, load_corrections(path), path)
    note = book.divisions[0].notes[0].to_json()
    assert note["text"][1] == {"sic": "Ameican", "corr": "American", "resp": "editor"}
    assert "".join(p for p in note["text"] if isinstance(p, str)) == "Frederick Lewis Schuman, ** Policy"


def test_context_found_nowhere_stops_with_the_entry_and_its_line(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "# corrections\ncorrections:\n  - sic: Idem\n    corr: Eden\n    context: Idem's mission\n"
    )
    with pytest.raises(InputError) as error:
        apply_corrections(_book(), load_corrections(path), path)
    assert error.value.line == 3
    assert str(path) in str(error.value) and "'Idem'" in str(error.value) and "nowhere" in str(error.value)


def test_context_found_twice_stops_with_the_places(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "corrections:\n  - sic: Iden\n    corr: Eden\n    context: Iden\n"
        "  - sic: Schullenburg\n    corr: Schulenburg\n    context: Schullenburg\n",
    )
    corrections = load_corrections(path)
    corrections.entries.pop(0)  # "Iden" alone occurs once; the second entry is ambiguous
    with pytest.raises(InputError) as error:
        apply_corrections(_book(), corrections, path)
    assert error.value.line == 5
    assert "2 times (raw lines 5615, 5617)" in str(error.value)


def test_bad_entries_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="'corr' is a required property"):
        load_corrections(_write(tmp_path, "corrections:\n  - sic: Iden\n    context: Iden's\n"))
    with pytest.raises(InputError, match="resp 'proofreader' is not listed"):
        load_corrections(
            _write(tmp_path, "corrections:\n  - {sic: a, corr: b, context: a b, resp: proofreader}\n")
        )
    with pytest.raises(InputError, match="exactly once"):
        load_corrections(_write(tmp_path, "corrections:\n  - {sic: Iden, corr: Eden, context: mission}\n"))


MONEY = {"type": "p", "first_line": 4541, "parts": ["Sabbath-breaking are paid \u00a3lO a year"]}


def _run_stage(folder: Path, corrections: Path) -> dict[str, Any]:
    """The stage run on the small tree with a sum of money misread (its raw text: the tree's lines
    at their raw line numbers); the misreadings it found."""
    folder.mkdir(exist_ok=True)
    structure = _structure()
    structure["divisions"][0]["content"].append(MONEY)
    write_json(folder / "structure.json", structure)
    lines = [""] * 8500
    for paragraph in structure["divisions"][0]["content"]:
        lines[paragraph["first_line"] - 1] = "".join(p for p in paragraph["parts"] if isinstance(p, str))
    (folder / "normalised.txt").write_text("\n".join(lines), encoding="utf-8")
    files = {"input": "structure.json", "text": "normalised.txt", "output": "corrected.json"}
    files |= {"changes": "correct.changes.jsonl", "misreadings": "misreadings.json"}
    arguments = [word for key, name in files.items() for word in (f"--{key}", str(folder / name))]
    assert main([*arguments, "--corrections", str(corrections)]) == 0
    return read_json(folder / "misreadings.json")


def test_without_corrections_file_only_sure_readings_change_the_tree(tmp_path: Path) -> None:
    misreadings = _run_stage(tmp_path, tmp_path / "none.yaml")
    assert [(item["sic"], item["corr"], item["line"]) for item in misreadings["applied"]] == [
        ("lO", "10", 4541)
    ]
    corrected = read_json(tmp_path / "corrected.json")
    assert corrected["divisions"][0]["content"][-1]["parts"] == [
        "Sabbath-breaking are paid \u00a3",
        {"sic": "lO", "corr": "10", "resp": "pipeline", "cert": misreadings["applied"][0]["confidence"]},
        " a year",
    ]
    assert misreadings["applied"][0]["confidence"] >= misreadings["threshold"]
    logged = [Change.from_dict(json.loads(line)) for line in (tmp_path / "correct.changes.jsonl").open()]
    assert [(c.rule, c.line, c.after) for c in logged] == [
        ("misreading_digits", 4541, "Sabbath-breaking are paid \u00a310 a year")
    ]


def test_an_entry_keeping_the_ocr_reading_refuses_the_automatic_correction(tmp_path: Path) -> None:
    refusal = _write(tmp_path, "corrections:\n  - sic: lO\n    corr: lO\n    context: paid \u00a3lO a year\n")
    assert load_corrections(refusal).entries[0].refuses()
    misreadings = _run_stage(tmp_path / "build", refusal)
    assert misreadings["applied"] == []
    assert [(item["sic"], item["refused"]) for item in misreadings["refused"]] == [("lO", True)]
    corrected = read_json(tmp_path / "build" / "corrected.json")
    assert corrected["divisions"][0]["content"][-1] == MONEY
    assert "responsible" not in corrected or corrected["responsible"] == {}


def test_the_books_corrections_file_is_valid(repo_root: Path, book_name: str) -> None:
    corrections = load_corrections(repo_root / "raw" / f"{book_name}.corrections.yaml")
    assert len(corrections.entries) >= 10


def test_two_processes_find_the_readings_one_finds(repo_root: Path, book_name: str) -> None:
    """The first book's paragraphs read by two processes (a forked one reading the first half of the
    characters) give each paragraph the readings one process gives it."""
    texts = (repo_root / "raw" / f"{book_name}.txt").read_text(encoding="utf-8").split("\n")
    assert sum(map(len, texts)) >= SHARED_WORK_MIN_CHARACTERS
    runs = even_runs(texts, 2)
    assert runs[0] + runs[1] == texts
    assert abs(sum(map(len, runs[0])) - sum(map(len, runs[1]))) <= max(map(len, texts))
    lexicon = Lexicon(texts)
    alone = [MisreadingFinder(lexicon).find(text) for text in texts]
    assert sum(map(len, alone)) > 100  # (the book has readings to find)
    assert readings_of(MisreadingFinder(lexicon), texts, workers=2) == alone
