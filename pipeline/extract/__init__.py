"""Stage ``extract``: a structured OCR book (hOCR, ALTO, PAGE XML) as plain text and geometry.

The book's files (one for the whole book, or one per page, in page order) are read by the reader
of their format, recognised from each file's root (:data:`FORMATS`: a new format is a module
with a test and a reader, listed there). The text is written a printed line a line, a form feed
opening each page after the first (``source.txt``, the raw text every later stage's line numbers
point into); the geometry of every line (:class:`pipeline.model.geometry.Geometry`) beside it. A
page the files hold no text of is read again from its image (:mod:`pipeline.extract.read_again`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple, TypeVar

from lxml import etree, html

from pipeline.extract.alto import is_alto, read_alto
from pipeline.extract.hocr import hocr_pages, is_hocr, read_hocr
from pipeline.extract.page_xml import is_page_xml, read_page_xml
from pipeline.extract.raised import with_raised, with_set_apart_numbers
from pipeline.extract.read_again import read_again
from pipeline.extract.xml import parse_xml
from pipeline.forked import read_in_runs
from pipeline.model import InputError
from pipeline.model.geometry import Geometry, PrintedPage
from pipeline.text.punctuation import FORM_FEED

Part = TypeVar("Part")


class Format(NamedTuple):
    """A structured OCR format: whether a parsed file is one, its reader, and the parts of a parsed
    file the reader reads alone (hOCR's pages; else the file's root): a book in one file is read by
    processes side by side, a run of its parts each."""

    recognises: Callable[[etree._Element], bool]
    read: Callable[[Path, etree._Element], list[PrintedPage]]
    parts: Callable[[etree._Element], list[etree._Element]] = lambda root: [root]


FORMATS: dict[str, Format] = {
    "hocr": Format(is_hocr, read_hocr, hocr_pages),
    "alto": Format(is_alto, read_alto),
    "page": Format(is_page_xml, read_page_xml),
}
SHARED_WORK_MIN_PARTS = 50  # a book of fewer files (or pages of one file) is read by one process


def parse(path: Path) -> etree._Element:
    """The root of an OCR file: XML, or for hOCR written as HTML, what an HTML parser makes of it."""
    try:
        return parse_xml(path)
    except InputError:
        if path.suffix.lower() not in (".hocr", ".html", ".xhtml"):
            raise
        return html.parse(str(path)).getroot()


def file_format(path: Path, root: etree._Element) -> str:
    """The name of the format of the parsed file ``path``; :class:`InputError` if none knows it."""
    for name, format_ in FORMATS.items():
        if format_.recognises(root):
            return name
    raise InputError(
        path, "not a structured OCR file: neither hOCR (ocr_page), ALTO (<alto>) nor PAGE XML (<PcGts>)"
    )


def read_geometry(paths: Sequence[Path], language: str | None = None, workers: int = 1) -> Geometry:
    """The pages of a book's OCR files, in the order given; every file of one format; where a page's
    image is at hand, a page the file holds no text of read again (:func:`read_again`, in the book's
    ``language``, a BCP 47 tag) and the raised glyphs OCR did not read (:func:`with_raised`); a
    raised number OCR set as a line of its own joined to the line it stands beside
    (:func:`with_set_apart_numbers`). With ``workers`` above one, a book of many files or of one
    file of many pages is read in as many runs of them by processes side by side
    (:func:`pipeline.forked.read_in_runs`)."""
    if len(paths) == 1:  # (parsed here, read in runs of its pages)
        root = parse(paths[0])
        found = file_format(paths[0], root)
        parts = _runs(FORMATS[found].parts(root), workers)
        pages = read_in_runs(lambda run: _read_parts(paths[0], found, run, language), parts)
    else:
        files = read_in_runs(lambda run: [_read_file(path, language) for path in run], _runs(paths, workers))
        found, pages = "", []
        for path, read in zip(paths, files, strict=True):
            if isinstance(read, InputError):
                raise read
            name, file_pages = read
            if found and name != found:
                raise InputError(path, f"a {name} file among {found} files: a book's files have one format")
            found = name
            pages += file_pages
    if not any(page.lines for page in pages):
        raise InputError(paths[0] if paths else "(no file)", "no line of text in the book's OCR files")
    return Geometry(found, pages)


def _runs(parts: Sequence[Part], workers: int) -> list[Sequence[Part]]:
    """``parts`` in ``workers`` runs of as many, in order (one run: too few to share)."""
    count = workers if len(parts) >= SHARED_WORK_MIN_PARTS else 1
    return [parts[len(parts) * at // count : len(parts) * (at + 1) // count] for at in range(count)]


def _read_file(path: Path, language: str | None) -> tuple[str, list[PrintedPage]] | InputError:
    """The format of the OCR file ``path`` and its pages, or the error of a file that is none (sent
    back as it is, so that the book's first bad file is the one named, whichever process read it)."""
    try:
        root = parse(path)
        name = file_format(path, root)
        return name, _read_parts(path, name, [root], language)
    except InputError as error:
        return error


def _read_parts(
    path: Path, name: str, parts: Sequence[etree._Element], language: str | None
) -> list[PrintedPage]:
    """The pages of ``parts`` of the OCR file ``path`` of format ``name``, each read again from its
    image where it holds no text, its raised glyphs and set-apart numbers found (:func:`read_geometry`)."""
    pages = []
    for part in parts:
        for page in FORMATS[name].read(path, part):
            read = read_again(replace(page, image=image_path(path, page.image)), language)
            pages.append(with_raised(with_set_apart_numbers(read)))
    return pages


def image_path(source: Path, image: str | None) -> str | None:
    """Where the page image an OCR file names is: as named, where a file is there (Tesseract names
    the image it read, from the folder it ran in), else beside the OCR file (ALTO and PAGE name it
    so), else as named."""
    if image is None or Path(image).exists():
        return image
    beside = source.parent / image
    return str(beside) if beside.is_file() else image


def extract(paths: Sequence[Path], language: str | None = None, workers: int = 1) -> tuple[str, Geometry]:
    """The text of a book's OCR files, a line a printed line, a form feed opening each page after the
    first, and their geometry with each line's number in that text (``language``: the book's, a BCP
    47 tag, for the pages read again; ``None``: Tesseract's default; ``workers``: processes reading
    the files side by side)."""
    geometry = read_geometry(paths, language, workers)
    texts: list[str] = []
    for page in geometry.pages:
        numbered = []
        for at, line in enumerate(page.lines):
            opening = FORM_FEED if texts and at == 0 else ""
            texts.append(opening + line.text)
            numbered.append(line.numbered(len(texts)))
        page.lines = numbered
    return "\n".join(texts) + "\n", geometry
