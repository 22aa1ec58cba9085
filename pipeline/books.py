"""The books of a build: every ``<book>.txt`` in the raw folder with its ``<book>.yaml``.

The workflow reads the book list from here before anything runs, so an unpaired or misnamed raw
file stops the build at once with a message saying what to do. :func:`copy_workflow` sets up
another folder to build books in (the tests and the benchmark build there).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

BOOK_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
CORRECTIONS = ".corrections.yaml"
# the entry, the rules and helpers, the settings, Snakemake's own settings (its workflow profile)
WORKFLOW = ("Snakefile", "workflow", "config", "profiles/default")


class RawFolderError(Exception):
    """The raw folder does not hold a buildable set of books: one ``error:`` line per problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(f"error: {problem}" for problem in problems))


def find_books(raw: Path) -> list[str]:
    """The names of the books in ``raw``, sorted; :class:`RawFolderError` if any file is amiss."""
    texts = stems(raw, ".txt")
    problems = raw_folder_problems(raw, texts)
    if problems:
        raise RawFolderError(problems)
    return sorted(texts)


def raw_folder_problems(raw: Path, texts: set[str]) -> list[str]:
    """What stops a build of ``raw``: unpaired files, misnamed books, or no book at all."""
    metadata = {path.stem for path in raw.glob("*.yaml") if not path.name.endswith(CORRECTIONS)}
    corrected = stems(raw, CORRECTIONS)
    problems = [
        f"{raw}/{book}.txt has no metadata: write {raw}/{book}.yaml" for book in sorted(texts - metadata)
    ]
    problems += [f"{raw}/{book}.yaml has no text: add {raw}/{book}.txt" for book in sorted(metadata - texts)]
    problems += [
        f"{raw}/{book}{CORRECTIONS} has no book: add {raw}/{book}.txt or rename it"
        for book in sorted(corrected - texts)
    ]
    problems += [
        f"{raw}/{book}.txt: rename it; book names may hold only letters, digits, '.', '_' and '-'"
        for book in sorted(texts)
        if not BOOK_NAME.fullmatch(book)
    ]
    if not texts and not problems:
        problems.append(f"no books found: put <book>.txt and <book>.yaml into {raw}/")
    return problems


def stems(raw: Path, suffix: str) -> set[str]:
    """The names in ``raw`` of the files ending in ``suffix``, without it."""
    return {path.name.removesuffix(suffix) for path in raw.glob(f"*{suffix}")}


def corrections_file(raw: Path, book: str) -> list[str]:
    """``raw/<book>.corrections.yaml`` as a one-item list if the editor wrote one, else no file."""
    path = raw / f"{book}{CORRECTIONS}"
    return [str(path)] if path.exists() else []


def copy_workflow(repo_root: Path, destination: Path) -> None:
    """Copy the Snakemake workflow of ``repo_root`` into ``destination``, ready to build its raw/."""
    for name in WORKFLOW:
        source = repo_root / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, destination / name)
