"""The book list of a build (pipeline/books.py): pairs of raw files, and what stops a build at once."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from pipeline.books import Books, corrections_file, date_the_build, find_books, refusals_summary, sources_date


def raw_folder(tmp_path: Path, *names: str) -> Path:
    """A raw folder holding empty files called ``names``."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in names:
        (raw / name).touch()
    return raw


def refusals(raw: Path, books: tuple[str, ...] = ()) -> list[str]:
    """The messages of the raw files refused in ``raw``, which holds the good ``books``."""
    found = find_books(raw)
    assert found.names == books
    return [refusal.message for refusal in found.refused]


RENAME = (
    ': rename it: a book name holds only ASCII letters, digits, "_", "-" and "." (no two dots in a row,'
    " none last), and opens with a letter or digit"
)


def test_books_are_the_pairs_of_text_and_metadata(tmp_path: Path) -> None:
    raw = raw_folder(tmp_path, "b.txt", "b.yaml", "a-1.2_x.txt", "a-1.2_x.yaml", "b.corrections.yaml")
    assert find_books(raw) == Books(("a-1.2_x", "b"), ())


def test_the_corrections_file_is_optional(tmp_path: Path) -> None:
    raw = raw_folder(tmp_path, "a.txt", "a.yaml", "b.txt", "b.yaml", "b.corrections.yaml")
    assert corrections_file(raw, "a") == []
    assert corrections_file(raw, "b") == [str(raw / "b.corrections.yaml")]


def test_every_unpaired_file_is_named_with_what_to_do(tmp_path: Path) -> None:
    raw = raw_folder(tmp_path, "a.txt", "b.yaml", "c.corrections.yaml", "d.txt", "d.yaml")
    assert refusals(raw, ("d",)) == [
        f"{raw}/a.txt has no metadata: write {raw}/a.yaml",
        f"{raw}/b.yaml has no text: add {raw}/b.txt",
        f"{raw}/c.corrections.yaml has no book: add {raw}/c.txt or rename it",
    ]


@pytest.mark.parametrize(
    "name",
    ["my book", "café", "-x", "a..b", "book.", "_x"],
    ids=["space", "non-ascii", "dash", "dots", "last-dot", "underscore"],
)
def test_a_book_name_outside_the_allowed_characters_is_refused_alone(tmp_path: Path, name: str) -> None:
    raw = raw_folder(tmp_path, f"{name}.txt", f"{name}.yaml", "good.txt", "good.yaml")
    assert refusals(raw, ("good",)) == [f"{raw}/{name}.txt{RENAME}"]


def test_an_empty_raw_folder_says_where_books_go(tmp_path: Path) -> None:
    raw = raw_folder(tmp_path, "notes.md")
    assert refusals(raw) == [f"no books found: put <book>.txt and <book>.yaml into {raw}/"]
    assert refusals(tmp_path / "missing") == [
        f"no books found: put <book>.txt and <book>.yaml into {tmp_path / 'missing'}/"
    ]


def test_each_refusal_has_a_name_safe_in_paths_and_unique(tmp_path: Path) -> None:
    raw = raw_folder(tmp_path, "my book.txt", "my?book.txt", "-x.yaml", "café.corrections.yaml", "..x.yaml")
    names = [refusal.name for refusal in find_books(raw).refused]
    assert len(set(names)) == len(names) == 5
    assert all(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*-[0-9a-f]{8}", name) for name in names), names
    assert names[-2].startswith("my_book-")


def test_the_summary_lists_the_refused_files_a_line_each(tmp_path: Path) -> None:
    raw = raw_folder(tmp_path, "a.txt", "b.yaml", "c.txt", "c.yaml")
    assert refusals_summary(find_books(raw).refused) == (
        "2 of the raw files make no book and were not built:\n"
        f"error: {raw}/a.txt has no metadata: write {raw}/a.yaml\n"
        f"error: {raw}/b.yaml has no text: add {raw}/b.txt\n"
    )
    assert refusals_summary(()) == ""


def test_the_sources_date_is_their_last_commits_and_none_outside_a_checkout(
    repo_root: Path, tmp_path: Path
) -> None:
    date = sources_date(repo_root / "raw")
    assert date is not None and int(date) > 1_600_000_000  # (a commit of this project: after 2020)
    assert sources_date(tmp_path) is None
    assert sources_date(tmp_path / "missing") is None


def test_a_build_is_dated_by_its_sources_unless_given_a_date(
    repo_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    date_the_build(repo_root / "raw")
    assert os.environ["SOURCE_DATE_EPOCH"] == sources_date(repo_root / "raw")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    date_the_build(repo_root / "raw")
    assert os.environ["SOURCE_DATE_EPOCH"] == "86400"
