"""The book list of a build (pipeline/books.py): pairs of raw files, and what stops a build at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.books import RawFolderError, corrections_file, find_books


def raw_folder(tmp_path: Path, *names: str) -> Path:
    """A raw folder holding empty files called ``names``."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in names:
        (raw / name).touch()
    return raw


def problems(raw: Path) -> list[str]:
    with pytest.raises(RawFolderError) as error:
        find_books(raw)
    assert str(error.value) == "\n".join(f"error: {problem}" for problem in error.value.problems)
    return error.value.problems


def test_books_are_the_pairs_of_text_and_metadata(tmp_path: Path) -> None:
    raw = raw_folder(tmp_path, "b.txt", "b.yaml", "a-1.2_x.txt", "a-1.2_x.yaml", "b.corrections.yaml")
    assert find_books(raw) == ["a-1.2_x", "b"]


def test_the_corrections_file_is_optional(tmp_path: Path) -> None:
    raw = raw_folder(tmp_path, "a.txt", "a.yaml", "b.txt", "b.yaml", "b.corrections.yaml")
    assert corrections_file(raw, "a") == []
    assert corrections_file(raw, "b") == [str(raw / "b.corrections.yaml")]


def test_every_unpaired_file_is_named_with_what_to_do(tmp_path: Path) -> None:
    raw = raw_folder(tmp_path, "a.txt", "b.yaml", "c.corrections.yaml", "d.txt", "d.yaml")
    assert problems(raw) == [
        f"{raw}/a.txt has no metadata: write {raw}/a.yaml",
        f"{raw}/b.yaml has no text: add {raw}/b.txt",
        f"{raw}/c.corrections.yaml has no book: add {raw}/c.txt or rename it",
    ]


def test_a_book_name_outside_the_allowed_characters_is_refused(tmp_path: Path) -> None:
    raw = raw_folder(tmp_path, "my book.txt", "my book.yaml", "-x.txt", "-x.yaml")
    assert problems(raw) == [
        f"{raw}/-x.txt: rename it; book names may hold only letters, digits, '.', '_' and '-'",
        f"{raw}/my book.txt: rename it; book names may hold only letters, digits, '.', '_' and '-'",
    ]


def test_an_empty_raw_folder_says_where_books_go(tmp_path: Path) -> None:
    raw = raw_folder(tmp_path, "notes.md")
    assert problems(raw) == [f"no books found: put <book>.txt and <book>.yaml into {raw}/"]
