"""The editor's corrections file and the ``correct`` stage."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pipeline.correct import apply_corrections, main
from pipeline.corrections import load_corrections
from pipeline.model import Book, Correction, InputError, NoteRef, Paragraph, read_json, write_json


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


def test_without_corrections_file_the_tree_is_copied(tmp_path: Path) -> None:
    write_json(tmp_path / "structure.json", _structure())
    status = main(
        [
            "--input",
            str(tmp_path / "structure.json"),
            "--corrections",
            str(tmp_path / "none.yaml"),
            "--output",
            str(tmp_path / "corrected.json"),
            "--changes",
            str(tmp_path / "correct.changes.jsonl"),
        ]
    )
    assert status == 0
    assert read_json(tmp_path / "corrected.json") == {**_structure(), "responsible": {}}
    assert (tmp_path / "correct.changes.jsonl").read_text(encoding="utf-8") == ""


def test_the_books_corrections_file_is_valid(repo_root: Path, book_name: str) -> None:
    corrections = load_corrections(repo_root / "raw" / f"{book_name}.corrections.yaml")
    assert len(corrections.entries) >= 10
