"""hOCR (Tesseract, OCRmyPDF, the Internet Archive, kraken): pages of lines from its XHTML.

A page is an element of class ``ocr_page``; a line one of ``ocr_line`` or a kind of line
(``ocr_header``, ``ocr_caption``, ``ocr_textfloat``), its words ``ocrx_word``. Each element's
``title`` holds its properties: ``bbox`` (the box), ``baseline`` (slope and offset from the box's
bottom), ``x_size`` (the line's height), ``x_wconf`` (a word's confidence, 0-100), ``image`` (the
page's image file). One file may hold the whole book or one page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from pipeline.extract.xml import parse_xml, type_size
from pipeline.model.geometry import Box, PrintedLine, PrintedPage
from pipeline.text.widths import ASCENDING_RE, DESCENDING_RE

LINE_CLASSES = ("ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat")
LINE_CLASS_SET = frozenset(LINE_CLASSES)
WORD_CLASS = "ocrx_word"
PROPERTY_RE = re.compile(r"\s*([a-z_]+)\s+([^;]*)")
# (``x_wconf`` at a word's start: the name first, so that the search skips to it; the look-behind
# then asks what ``\b`` before it would)
CONFIDENCE_RE = re.compile(r"x_wconf(?<!\wx_wconf)\s+(-?[\d.]+)")
# Tesseract's estimate of a line's type size (``x_size``) this much taller than a box spanning the
# type's whole height is none (a one-line note 23 px high given 28.75: its words' heights tell its
# size instead, as ALTO's do)
X_SIZE_OVER_BOX = 1.2
BBOX_RE = re.compile(r"bbox(?<!\wbbox)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)")  # a word's box


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


def read_hocr(path: Path, root: etree._Element | None = None) -> list[PrintedPage]:
    """The pages of the hOCR file ``path``, lines numbered 0 (the extract stage numbers them), read
    in one pass over the document: a line's words are the word elements inside it. Their boxes are
    read where the page names its image, the only thing they are read for (:mod:`pipeline.extract.raised`)."""
    root = parse_xml(path) if root is None else root
    pages: list[PrintedPage] = []
    line: etree._Element | None = None
    words: list[etree._Element] = []

    def close_line() -> None:
        if line is None or not pages:
            return
        page = pages[-1]
        if (printed := _line(line, words, boxed=page.image is not None)) is not None:
            page.lines.append(printed)

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
        elif not LINE_CLASS_SET.isdisjoint(names):
            close_line()
            line, words = element, []
        elif WORD_CLASS in names and line is not None and _inside(element, line):
            words.append(element)
    close_line()
    return pages


def _inside(element: etree._Element, line: etree._Element) -> bool:
    """Whether ``element`` stands inside ``line`` (a word is most often its child)."""
    return element.getparent() is line or line in element.iterancestors()


def _text(element: etree._Element) -> str:
    """The text within ``element``, its tags (emphasis) left out."""
    if not len(element):
        return element.text or ""
    return "".join(str(piece) for piece in element.itertext())


def _spans_its_type(text: str) -> bool:
    """Whether a line's box spans its type's whole height, ascenders to descenders: its text has both
    (no type stands taller than such a box)."""
    return bool(ASCENDING_RE.search(text) and DESCENDING_RE.search(text))


def _box_height(title: str) -> float | None:
    """The height of the box an element's ``title`` gives, or ``None``."""
    found = BBOX_RE.search(title)
    return float(found.group(4)) - float(found.group(2)) if found else None


def _line(element: etree._Element, words: list[etree._Element], boxed: bool) -> PrintedLine | None:
    """The printed line of an hOCR line element and its word elements, with their boxes if ``boxed``
    (``None``: no text in it, or no box)."""
    values = properties(element)
    where = box(values)
    text = " ".join(" ".join(map(_text, words)).split() if words else _text(element).split())
    if not text or where is None:
        return None
    titles = [word.get("title", "") for word in words]
    confidences = tuple(float(found[1]) / 100 for found in map(CONFIDENCE_RE.search, titles) if found)
    boxes = (
        tuple(Box(*map(float, found.groups())) for found in map(BBOX_RE.search, titles) if found)
        if boxed
        else ()
    )
    size: float | None = float(values["x_size"]) if "x_size" in values else where.height
    if size and size > X_SIZE_OVER_BOX * where.height and _spans_its_type(text):
        heights = [(_text(word), found) for word, found in zip(words, map(_box_height, titles), strict=True)]
        size = type_size([(word, height) for word, height in heights if height is not None])
    baseline = values.get("baseline", "").split()
    at = where.bottom + float(baseline[1]) if len(baseline) == 2 else None
    kinds = set(element.get("class", "").split())
    kind = next((name for name in LINE_CLASSES[1:] if name in kinds), None)
    return PrintedLine(0, text, where, size, at, kind, confidences, words=boxes)
