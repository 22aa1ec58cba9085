"""hOCR (Tesseract, OCRmyPDF, the Internet Archive, kraken): pages of lines from its XHTML.

A page is an element of class ``ocr_page``; a line one of ``ocr_line`` or a kind of line
(``ocr_header``, ``ocr_caption``, ``ocr_textfloat``), its words ``ocrx_word``. Each element's
``title`` holds its properties: ``bbox`` (the box), ``baseline`` (slope and offset from the box's
bottom), ``x_size`` (the line's height), ``x_wconf`` (a word's confidence, 0-100), ``image`` (the
page's image file). One file may hold the whole book or one page.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from pipeline.extract.xml import parse_xml
from pipeline.model.geometry import Box, PrintedLine, PrintedPage

LINE_CLASSES = ("ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat")
PROPERTY_RE = re.compile(r"\s*([a-z_]+)\s+([^;]*)")
CONFIDENCE_RE = re.compile(r"\bx_wconf\s+(-?[\d.]+)")


def _of_class(names: tuple[str, ...], within: str = "//") -> etree.XPath:
    """An XPath to the elements (under the context node, ``.//``, or in the whole document) with
    one of the classes ``names``."""
    tests = " or ".join(f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')" for name in names)
    return etree.XPath(f"{within}*[{tests}]")


def _found(path: etree.XPath, node: etree._Element) -> list[etree._Element]:
    """The elements ``path`` finds from ``node``."""
    return [found for found in path(node) if isinstance(found, etree._Element)]  # type: ignore[union-attr]


PAGES = _of_class(("ocr_page",))
LINES = _of_class(LINE_CLASSES, ".//")
WORDS = _of_class(("ocrx_word",), ".//")


def is_hocr(root: etree._Element) -> bool:
    """An XHTML document holding at least one ``ocr_page``."""
    return bool(_found(PAGES, root))


def properties(element: etree._Element) -> dict[str, str]:
    """The hOCR properties of ``element``'s ``title``: ``{"bbox": "0 0 10 20", …}``."""
    return {name: value.strip() for name, value in PROPERTY_RE.findall(element.get("title", ""))}


def box(values: dict[str, str]) -> Box | None:
    numbers = values.get("bbox", "").split()
    return Box(*map(float, numbers)) if len(numbers) == 4 else None


def read_hocr(path: Path, root: etree._Element | None = None) -> list[PrintedPage]:
    """The pages of the hOCR file ``path``, lines numbered 0 (the extract stage numbers them)."""
    root = parse_xml(path) if root is None else root
    pages = []
    for page in _found(PAGES, root):
        values = properties(page)
        size = box(values)
        image = values.get("image", "").strip('"') or None
        lines = [line for element in _found(LINES, page) if (line := _line(element)) is not None]
        width, height = (size.width, size.height) if size else (None, None)
        pages.append(PrintedPage(path.name, image, width, height, lines))
    return pages


def _text(element: etree._Element) -> str:
    """The text within ``element``, its tags left out."""
    return "".join(str(piece) for piece in element.itertext())


def _line(element: etree._Element) -> PrintedLine | None:
    """The printed line of an hOCR line element (``None``: no words in it, or no box)."""
    values = properties(element)
    where = box(values)
    words = _found(WORDS, element)
    text = " ".join(" ".join(map(_text, words)).split() if words else _text(element).split())
    if not text or where is None:
        return None
    confidences = tuple(
        float(found[1]) / 100 for word in words if (found := CONFIDENCE_RE.search(word.get("title", "")))
    )
    size = float(values["x_size"]) if "x_size" in values else where.height
    baseline = values.get("baseline", "").split()
    at = where.bottom + float(baseline[1]) if len(baseline) == 2 else None
    kinds = set(element.get("class", "").split())
    kind = next((name for name in LINE_CLASSES[1:] if name in kinds), None)
    return PrintedLine(0, text, where, size, at, kind, confidences)
