"""hOCR (Tesseract, OCRmyPDF, the Internet Archive, kraken): pages of lines from its XHTML.

A page is an element of class ``ocr_page``; a line one of ``ocr_line`` or a kind of line
(``ocr_header``, ``ocr_caption``, ``ocr_textfloat``), its words ``ocrx_word``. Each element's
``title`` holds its properties: ``bbox`` (the box), ``baseline`` (slope and offset from the box's
bottom), ``x_size`` (Tesseract's estimate of the line's type size), ``x_wconf`` (a word's
confidence, 0-100), ``image`` (the page's image file). One file may hold the whole book or one page.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Iterator, Sequence
from pathlib import Path

from lxml import etree

from pipeline.extract.xml import parse_xml, reaching_type_size
from pipeline.lazy_re import lazy_compile
from pipeline.model.geometry import Box, PrintedLine, PrintedPage
from pipeline.text.widths import ASCENDING_PLAIN_WORD_RE, ASCENDING_RE, DESCENDING_RE

LINE_CLASSES = ("ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat")
LINE_CLASS_SET = frozenset(LINE_CLASSES)
WORD_CLASS = "ocrx_word"
PROPERTY_RE = lazy_compile(r"\s*([a-z_]+)\s+([^;]*)")
# (``x_wconf`` at a word's start: the name first, so that the search skips to it; the look-behind
# then asks what ``\b`` before it would)
CONFIDENCE_RE = lazy_compile(r"x_wconf(?<!\wx_wconf)\s+(-?[\d.]+)")
# Tesseract's estimate of a line's type size (``x_size``) this much taller than a box spanning the
# type's whole height is none (a one-line note 23 px high given 28.75)
X_SIZE_OVER_BOX = 1.2
# lines a page needs, sized both ways, for the ratio of the two to be its own (a chapter's last page
# of two lines, its note's ratio one of them, would bring the note's x_size to its words' scale)
SCALE_LINES = 5
OFF_BASELINE = 0.2  # a word not descending whose foot stands this share of its height below the baseline
BBOX_RE = lazy_compile(r"bbox(?<!\wbbox)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)")  # a word's box
# a word's title as Tesseract writes it, its box then its confidence: read by one match a word (a
# title written otherwise by :data:`BBOX_RE` and :data:`CONFIDENCE_RE`)
TESSERACT_WORD_TITLE_RE = lazy_compile(r"bbox (\d+) (\d+) (\d+) (\d+); x_wconf (\d+)")


def is_hocr(root: etree._Element) -> bool:
    """An XHTML document holding at least one ``ocr_page``."""
    return any("ocr_page" in names for _, names in _classed(root))


def _classed(root: etree._Element) -> Iterator[tuple[etree._Element, list[str]]]:
    """Each element of the document with a class, in document order, with its classes."""
    for element in root.iter(etree.Element):
        classes = element.get("class")
        if classes:
            yield element, classes.split()


def properties(element: etree._Element) -> dict[str, str]:
    """The hOCR properties of ``element``'s ``title``: ``{"bbox": "0 0 10 20", …}``."""
    return {name: value.strip() for name, value in PROPERTY_RE.findall(element.get("title", ""))}


def box(values: dict[str, str]) -> Box | None:
    numbers = values.get("bbox", "").split()
    return Box(*map(float, numbers)) if len(numbers) == 4 else None


def hocr_pages(root: etree._Element) -> list[etree._Element]:
    """The page elements of a parsed hOCR file, each of which :func:`read_hocr` reads alone: its
    ``div`` elements of class ``ocr_page`` (as every engine writes a page), else the root itself."""
    pages = [element for element in root.iter("{*}div") if "ocr_page" in element.get("class", "").split()]
    return pages or [root]


def read_hocr(path: Path, root: etree._Element | None = None) -> list[PrintedPage]:
    """The pages of the hOCR file ``path``, lines numbered 0 (the extract stage numbers them), read
    in one pass over the document: a line's words are the word elements inside it. Their boxes are
    read where the page names its image, the only thing they are read for (:mod:`pipeline.extract.raised`)."""
    root = parse_xml(path) if root is None else root
    pages: list[PrintedPage] = []
    engine_sizes: list[list[float | None]] = []  # a page's lines' x_size
    line: etree._Element | None = None
    line_names: Sequence[str] = ()  # its classes
    words: list[etree._Element] = []

    def close_line() -> None:
        if line is None or not pages:
            return
        page = pages[-1]
        if (read := _line(line, line_names, words, boxed=page.image is not None)) is not None:
            page.lines.append(read[0])
            engine_sizes[-1].append(read[1])

    for element in root.iter(etree.Element):
        classes = element.get("class")
        if classes == WORD_CLASS:  # (most elements: told without splitting their classes)
            if line is not None and _inside(element, line):
                words.append(element)
            continue
        names = classes.split() if classes else ()
        if "ocr_page" in names:
            close_line()
            line, words = None, []
            values = properties(element)
            size = box(values)
            image = values.get("image", "").strip('"') or None
            width, height = (size.width, size.height) if size else (None, None)
            pages.append(PrintedPage(path.name, image, width, height, []))
            engine_sizes.append([])
        elif not LINE_CLASS_SET.isdisjoint(names):
            close_line()
            line, line_names, words = element, names, []
        elif WORD_CLASS in names and line is not None and _inside(element, line):
            words.append(element)
    close_line()
    return [_sized(page, sizes) for page, sizes in zip(pages, engine_sizes, strict=True)]


def _sized(page: PrintedPage, engine_sizes: Sequence[float | None]) -> PrintedPage:
    """The page with each line's type size from both its measures: its words' heights (the line's
    size as read) and Tesseract's ``x_size`` (``engine_sizes``), brought to the words' scale by the
    page's own ratio of the two, and averaged. Each alone errs on some lines: ``x_size`` gives a
    note's smaller type nearly the text's (21 px to 23, where its words stand 15 to 18), or a
    one-line note more than its box; a short line's few words may stand taller than their type
    (``Defence``: 17 to 18). On a page of fewer than :data:`SCALE_LINES` such lines, the words' sizes
    alone; where no line's words tell a size, ``x_size`` or the line's height."""
    pairs = [
        (line.size, engine)
        for line, engine in zip(page.lines, engine_sizes, strict=True)
        if line.size and engine
    ]
    if not pairs:
        page.lines = [
            line if line.size else line.sized(engine or line.box.height)
            for line, engine in zip(page.lines, engine_sizes, strict=True)
        ]
        return page
    scale = statistics.median(words / engine for words, engine in pairs)
    weighed = len(pairs) >= SCALE_LINES  # (else the words' sizes alone, where they tell one)
    sized = []
    for line, engine in zip(page.lines, engine_sizes, strict=True):
        if engine and not line.size:
            sized.append(line.sized(engine * scale))
        elif engine and line.size and weighed:
            sized.append(line.sized((line.size + engine * scale) / 2))
        else:
            sized.append(line)
    page.lines = sized
    return page


def _inside(element: etree._Element, line: etree._Element) -> bool:
    """Whether ``element`` stands inside ``line`` (a word is most often its child)."""
    return element.getparent() is line or line in element.iterancestors()


def _text(element: etree._Element) -> str:
    """The text within ``element``, its tags (emphasis) left out."""
    if not len(element):
        return element.text or ""
    return "".join(str(piece) for piece in element.itertext())


def _word_heights(
    texts: Sequence[str], places: Sequence[re.Match[str] | None], line: Box, baseline: float | None
) -> list[tuple[str, float]]:
    """The words of a line (their ``texts``, and their boxes as ``places``: the matches of their
    titles, top and bottom in groups 2 and 4) that tell its type size (:func:`tells_type_size`), with
    the heights of their boxes, of those lying within the line's box (a word's box reaching past its
    line's spans a speck or a neighbour's stroke too) and standing on its ``baseline`` (a foot
    :data:`OFF_BASELINE` of its height below it, a speck's: Tesseract's box of ``Brest`` reached a
    third of its height below the line's, and the line was taken for a heading's larger type)."""
    heights: list[tuple[str, float]] = []
    fitting = map(ASCENDING_PLAIN_WORD_RE.fullmatch, texts)  # (``tells_type_size``'s, every word asked in C)
    for text, place in itertools.compress(zip(texts, places, strict=True), fitting):
        if place is not None:
            top, bottom = float(place[2]), float(place[4])
            if (
                line.top <= top
                and bottom <= line.bottom
                and (baseline is None or bottom - baseline <= OFF_BASELINE * (bottom - top))
            ):
                heights.append((text, bottom - top))
    return heights


def _read_titles(titles: Sequence[str]) -> tuple[tuple[float, ...], list[re.Match[str] | None]]:
    """What a line's words' ``titles`` say: their confidences (0-1, of the words that give one) and
    their boxes (each title's match, the box's edges in groups 1 to 4; ``None``: no box). Titles all
    as Tesseract writes them are read by one match each (:data:`TESSERACT_WORD_TITLE_RE`)."""
    found: list[re.Match[str] | None] = list(map(TESSERACT_WORD_TITLE_RE.fullmatch, titles))
    if all(found):
        return tuple(int(match[5]) / 100 for match in found if match), found
    confidences = tuple(float(match[1]) / 100 for match in map(CONFIDENCE_RE.search, titles) if match)
    return confidences, list(map(BBOX_RE.search, titles))


def _spans_its_type(text: str) -> bool:
    """Whether a line's box spans its type's whole height, ascenders to descenders: its text has both
    (no type stands taller than such a box)."""
    return bool(ASCENDING_RE.search(text) and DESCENDING_RE.search(text))


def _line(
    element: etree._Element, names: Sequence[str], words: list[etree._Element], boxed: bool
) -> tuple[PrintedLine, float | None] | None:
    """The printed line of an hOCR line element (its classes ``names``) and its word elements, with
    their boxes if ``boxed``, and Tesseract's ``x_size`` for it (``None``: no text in it, or no box).
    Its size is its words' (:func:`pipeline.extract.xml.type_size`, as ALTO's), to be weighed with
    ``x_size`` (:func:`_sized`)."""
    values = properties(element)
    where = box(values)
    texts = [_text(word) for word in words]
    text = " ".join(" ".join(texts).split() if words else _text(element).split())
    if not text or where is None:
        return None
    confidences, places = _read_titles([word.get("title", "") for word in words])
    boxes = tuple(Box(*map(float, place.group(1, 2, 3, 4))) for place in places if place) if boxed else ()
    baseline = values.get("baseline", "").split()
    at = where.bottom + float(baseline[1]) if len(baseline) == 2 else None
    kind = next((name for name in LINE_CLASSES[1:] if name in names), None)
    size = reaching_type_size(_word_heights(texts, places, where, at))
    engine_size = float(values["x_size"]) if "x_size" in values else None
    if engine_size and engine_size > X_SIZE_OVER_BOX * where.height and _spans_its_type(text):
        engine_size = None
    return PrintedLine(0, text, where, size, at, kind, confidences, words=boxes), engine_size
