"""The books of a build: every ``<book>.yaml`` in the raw folder with the book's OCR beside it.

A book's OCR is one of (:func:`book_source`):

* ``<book>.txt``: plain text;
* ``<book>.hocr``, ``<book>.html`` or ``<book>.xml``: one hOCR, ALTO or PAGE XML file for the book;
* a folder ``<book>/`` of such files, one a page, or of page images (``.png``, ``.tif``, ``.jpg``),
  OCR'd by Tesseract first; files in page order by the numbers in their names;
* ``<book>.pdf``: a scanned PDF, its pages made images (poppler's ``pdftoppm``) and OCR'd.

The workflow reads the book list from here before anything runs, so an unpaired or misnamed raw
file stops the build at once with a message saying what to do. :func:`copy_workflow` sets up
another folder to build books in (the tests and the benchmark build there).
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from pipeline.model import InputError
from pipeline.pdf_pages import page_names

BOOK_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
CORRECTIONS = ".corrections.yaml"
TEXT = ".txt"
STRUCTURED = (".hocr", ".html", ".xhtml", ".xml")  # hOCR, ALTO or PAGE XML (told apart by extract)
IMAGES = (".png", ".tif", ".tiff", ".jpg", ".jpeg")
PDF = ".pdf"
DIGITS_RE = re.compile(r"(\d+)")
# the entry, the rules and helpers, the settings, Snakemake's own settings (its workflow profile)
WORKFLOW = ("Snakefile", "workflow", "config", "profiles/default")


class RawFolderError(Exception):
    """The raw folder does not hold a buildable set of books: one ``error:`` line per problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(f"error: {problem}" for problem in problems))


@dataclass(frozen=True)
class BookSource:
    """A book's OCR: its ``kind`` (``text``, ``structured``, ``scans`` or ``pdf``) and its files in page
    order (a PDF: the file)."""

    kind: str
    files: tuple[Path, ...]


def page_order(path: Path) -> list[object]:
    """A key that sorts file names by their numbers as numbers (``page-2`` before ``page-10``)."""
    return [int(piece) if piece.isdigit() else piece for piece in DIGITS_RE.split(path.name)]


def folder_files(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """The files of ``folder`` ending in one of ``suffixes``, in page order."""
    return sorted((path for path in folder.iterdir() if path.suffix.lower() in suffixes), key=page_order)


def sources(raw: Path) -> dict[str, list[Path]]:
    """Each book name in ``raw`` with the paths that may hold its OCR (files and folders)."""
    found: dict[str, list[Path]] = {}
    for path in sorted(raw.iterdir()):
        if path.is_dir() and not path.name.startswith("."):
            found.setdefault(path.name, []).append(path)
        elif path.suffix in (TEXT, PDF, *STRUCTURED) and not path.name.startswith("."):
            found.setdefault(path.stem, []).append(path)
    return found


def book_source(raw: Path, book: str) -> BookSource:
    """The OCR of ``book`` in ``raw`` (:func:`find_books` has checked there is exactly one)."""
    path = sources(raw)[book][0]
    if path.suffix == TEXT:
        return BookSource("text", (path,))
    if path.suffix == PDF:
        return BookSource("pdf", (path,))
    if path.is_file():
        return BookSource("structured", (path,))
    structured = folder_files(path, STRUCTURED)
    return (
        BookSource("structured", tuple(structured))
        if structured
        else BookSource("scans", tuple(folder_files(path, IMAGES)))
    )


def page_images(raw: Path, book: str, build: str) -> dict[str, str]:
    """The page images of a book given as scans or a PDF, by page name, in page order: the scans
    themselves, or the PDF's pages as rendered into ``build`` (:mod:`pipeline.pdf_pages`); none for
    other books."""
    source = book_source(raw, book)
    if source.kind == "scans":
        return {path.stem: str(path) for path in source.files}
    if source.kind == "pdf":
        return {name: f"{build}/{book}/pdf/{name}.png" for name in page_names(source.files[0])}
    return {}


def find_books(raw: Path) -> list[str]:
    """The names of the books in ``raw``, sorted; :class:`RawFolderError` if any file is amiss."""
    texts = sources(raw)
    problems = raw_folder_problems(raw, texts)
    if problems:
        raise RawFolderError(problems)
    return sorted(texts)


def raw_folder_problems(raw: Path, texts: dict[str, list[Path]]) -> list[str]:
    """What stops a build of ``raw``: unpaired files, misnamed books, a book with two sources or
    an empty folder, or no book at all."""
    metadata = {path.stem for path in raw.glob("*.yaml") if not path.name.endswith(CORRECTIONS)}
    corrected = {path.name.removesuffix(CORRECTIONS) for path in raw.glob(f"*{CORRECTIONS}")}
    problems = [
        f"{texts[book][0]} has no metadata: write {raw}/{book}.yaml"
        for book in sorted(texts.keys() - metadata)
    ]
    problems += [
        f"{raw}/{book}.yaml has no text: add {raw}/{book}.txt" for book in sorted(metadata - texts.keys())
    ]
    problems += [
        f"{raw}/{book}{CORRECTIONS} has no book: add {raw}/{book}.txt or rename it"
        for book in sorted(corrected - texts.keys())
    ]
    problems += [
        f"{texts[book][0]}: rename it; book names may hold only letters, digits, '.', '_' and '-'"
        for book in sorted(texts)
        if not BOOK_NAME.fullmatch(book)
    ]
    for book, paths in sorted(texts.items()):
        if len(paths) > 1:
            names = ", ".join(str(path) for path in paths)
            problems.append(f"{book} has {len(paths)} sources ({names}): keep one")
        elif paths[0].is_dir() and not folder_files(paths[0], STRUCTURED + IMAGES):
            problems.append(
                f"{paths[0]}/ holds no OCR file (.hocr, .html, .xml) and no page image (.png, .tif, .jpg)"
            )
        elif paths[0].suffix == PDF:
            try:
                page_names(paths[0])
            except InputError as error:
                problems.append(str(error))
    if not texts and not problems:
        problems.append(f"no books found: put <book>.txt and <book>.yaml into {raw}/")
    return problems


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
