"""ALTO XML v1-v4 (Tesseract, ABBYY FineReader, kraken, national libraries): pages of lines.

``Layout/Page`` (``WIDTH``, ``HEIGHT``) holds text blocks in its print space and margins (where
running heads and page numbers often stand), each ``TextLine`` (``HPOS``, ``VPOS``, ``WIDTH``,
``HEIGHT``, ``BASELINE``) holds ``String`` words (``CONTENT``, ``WC`` confidence 0-1, their own
boxes), spaces and a line-end hyphen (``HYP``). A line's type size is read from its words' heights
(:func:`pipeline.extract.xml.type_size`), of the words whose boxes lie within the line's. The image is
``Description/sourceImageInformation/fileName``. Names are matched without their namespace, so
every version reads alike.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from pipeline.extract.xml import descendants, local_name, number, parse_xml, points, type_size
from pipeline.model.geometry import Box, PrintedLine, PrintedPage

MARGINS = {"TopMargin": "header", "BottomMargin": "footer", "LeftMargin": "margin", "RightMargin": "margin"}


def is_alto(root: etree._Element) -> bool:
    return local_name(root) == "alto"


def read_alto(path: Path, root: etree._Element | None = None) -> list[PrintedPage]:
    """The pages of the ALTO file ``path``, lines numbered 0 (the extract stage numbers them)."""
    root = parse_xml(path) if root is None else root
    names = descendants(root, "fileName")
    image = (names[0].text or "").strip() or None if names else None
    pages = []
    for page in descendants(root, "Page"):
        lines = []
        for space in page:
            region = MARGINS.get(local_name(space))
            lines += [line for element in descendants(space, "TextLine") if (line := _line(element, region))]
        pages.append(PrintedPage(path.name, image, number(page, "WIDTH"), number(page, "HEIGHT"), lines))
    return pages


def _line(element: etree._Element, region: str | None) -> PrintedLine | None:
    """The printed line of a ``TextLine`` (``None``: no words, or no position)."""
    left, top = number(element, "HPOS"), number(element, "VPOS")
    width, height = number(element, "WIDTH"), number(element, "HEIGHT")
    if None in (left, top, width, height):
        return None
    assert left is not None and top is not None and width is not None and height is not None
    where = Box(left, top, left + width, top + height)
    words: list[str] = []
    confidences: list[float] = []
    heights: list[tuple[str, float]] = []
    for child in element:
        name = local_name(child)
        if name == "String" and (content := (child.get("CONTENT") or "").strip()):
            words.append(content)
            if (confidence := number(child, "WC")) is not None:
                confidences.append(confidence)
            if (word_height := _height_within(child, where)) is not None:
                heights.append((content, word_height))
        elif name == "HYP" and words:
            words[-1] += child.get("CONTENT") or "-"
    if not words:
        return None
    baseline = element.get("BASELINE")
    at = [y for _, y in points(baseline)] if baseline and " " in baseline.strip() else []
    level = sum(at) / len(at) if at else number(element, "BASELINE")
    return PrintedLine(0, " ".join(words), where, type_size(heights), level, region, tuple(confidences))


def _height_within(word: etree._Element, line: Box) -> float | None:
    """The height of a ``String``'s box where it lies within its line's box (``None``: no box, or
    one reaching beyond the line's, which an engine may have stretched to take in a speck beside the
    word: Tesseract does, and gives the line the box of its row without it)."""
    top, height = number(word, "VPOS"), number(word, "HEIGHT")
    if top is None or height is None or top < line.top or top + height > line.bottom:
        return None
    return height
