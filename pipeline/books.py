"""The books of a build: every ``<book>.yaml`` in the raw folder with the book's OCR beside it.

A book's OCR is one of (:func:`book_source`):

* ``<book>.txt``: plain text;
* ``<book>.hocr``, ``<book>.html`` or ``<book>.xml``: one hOCR, ALTO or PAGE XML file for the book;
* a folder ``<book>/`` of such files, one a page, or of page images (``.png``, ``.tif``, ``.jpg``),
  OCR'd by Tesseract first; files in page order by the numbers in their names;
* ``<book>.pdf``: a scanned PDF, its pages made images (poppler's ``pdftoppm``) and OCR'd.

The workflow reads the book list from here before anything runs: an unpaired or misnamed raw file
is refused on its own, with a message saying what to do, and the other books build
(:func:`find_books`). :func:`copy_workflow` sets up
another folder to build books in (the tests and the benchmark build there).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pipeline.lazy_re import lazy_compile
from pipeline.model import InputError
from pipeline.pdf_pages import page_names

# letters, digits, '_', '-' and single dots, opening with a letter or digit (no "..", no trailing dot)
BOOK_NAME = lazy_compile(r"[A-Za-z0-9](?:[A-Za-z0-9_-]|\.(?=[A-Za-z0-9_-]))*")
UNSAFE_RE = lazy_compile(r"[^A-Za-z0-9._-]+")
CORRECTIONS = ".corrections.yaml"
TEXT = ".txt"
STRUCTURED = (".hocr", ".html", ".xhtml", ".xml")  # hOCR, ALTO or PAGE XML (told apart by extract)
IMAGES = (".png", ".tif", ".tiff", ".jpg", ".jpeg")
PDF = ".pdf"
DIGITS_RE = lazy_compile(r"(\d+)")
# the entry, the rules and helpers, the settings, Snakemake's own settings (its workflow profile)
WORKFLOW = ("Snakefile", "workflow", "config", "profiles/default")


@dataclass(frozen=True)
class Refusal:
    """Raw files that make no book: the name they share (or the raw folder), and why, in one line."""

    item: str
    message: str

    @property
    def name(self) -> str:
        """A name for the refusal safe in paths and wildcards, one per item: its letters, digits,
        '.', '_' and '-', and a hash of the whole (``my_book-1a2b3c4d`` for ``my book``)."""
        safe = UNSAFE_RE.sub("_", Path(self.item).name).lstrip("._-") or "raw"
        return f"{safe}-{hashlib.sha1(os.fsencode(self.item)).hexdigest()[:8]}"


@dataclass(frozen=True)
class Books:
    """What the raw folder holds: the books that can be built (``names``, sorted) and the raw files
    that make none (``refused``), each reported on its own so the other books still build."""

    names: tuple[str, ...]
    refused: tuple[Refusal, ...]


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


def find_books(raw: Path) -> Books:
    """The books in ``raw`` that can be built, and the raw files that make none, each with its reason."""
    if not raw.is_dir():
        return Books((), (Refusal(str(raw), f"no books found: put <book>.txt and <book>.yaml into {raw}/"),))
    texts = sources(raw)
    metadata = {path.stem for path in raw.glob("*.yaml") if not path.name.endswith(CORRECTIONS)}
    corrected = {path.name.removesuffix(CORRECTIONS) for path in raw.glob(f"*{CORRECTIONS}")}
    names, refused = [], []
    for book in sorted(texts.keys() | metadata | corrected):
        problem = book_problem(raw, book, texts.get(book, []), book in metadata)
        if problem:
            refused.append(Refusal(book, problem))
        else:
            names.append(book)
    if not names and not refused:
        refused.append(Refusal(str(raw), f"no books found: put <book>.txt and <book>.yaml into {raw}/"))
    return Books(tuple(names), tuple(refused))


def book_problem(raw: Path, book: str, paths: list[Path], has_metadata: bool) -> str | None:
    """Why the raw files called ``book`` (its OCR ``paths``, its metadata, its corrections) make no
    book, saying what to do; ``None`` if they make one."""
    if not paths:
        if has_metadata:
            return f"{raw}/{book}.yaml has no text: add {raw}/{book}.txt"
        return f"{raw}/{book}{CORRECTIONS} has no book: add {raw}/{book}.txt or rename it"
    if not BOOK_NAME.fullmatch(book):
        return (
            f'{paths[0]}: rename it: a book name holds only ASCII letters, digits, "_", "-" and "."'
            " (no two dots in a row, none last), and opens with a letter or digit"
        )
    if not has_metadata:
        return f"{paths[0]} has no metadata: write {raw}/{book}.yaml"
    if len(paths) > 1:
        return f"{book} has {len(paths)} sources ({', '.join(str(path) for path in paths)}): keep one"
    if paths[0].is_dir() and not folder_files(paths[0], STRUCTURED + IMAGES):
        return f"{paths[0]}/ holds no OCR file (.hocr, .html, .xml) and no page image (.png, .tif, .jpg)"
    if paths[0].suffix == PDF:
        try:
            page_names(paths[0])
        except InputError as error:
            return str(error)
    return None


def refusals_summary(refused: tuple[Refusal, ...]) -> str:
    """The refused raw files, an ``error:`` line each under a line counting them (none: nothing)."""
    if not refused:
        return ""
    lines = [f"error: {refusal.message}\n" for refusal in refused]
    return f"{len(refused)} of the raw files make no book and were not built:\n" + "".join(lines)


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


def sources_date(raw: Path) -> str | None:
    """When the sources of a build were last changed, in seconds since 1970 (``SOURCE_DATE_EPOCH``):
    the date of the last commit of the git checkout holding ``raw``, the same for every build of
    that commit; ``None`` outside a checkout (or without git)."""
    try:
        found = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=raw, capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return None
    date = found.stdout.strip()
    return date if found.returncode == 0 and date.isdigit() else None


def date_the_build(raw: Path) -> None:
    """Give the build a date, ``SOURCE_DATE_EPOCH`` (the editions' colophon, pandoc's EPUB metadata),
    where it has none: the sources' last commit (:func:`sources_date`); none outside a checkout."""
    date = sources_date(raw)
    if date and "SOURCE_DATE_EPOCH" not in os.environ:
        os.environ["SOURCE_DATE_EPOCH"] = date
