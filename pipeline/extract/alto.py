"""ALTO XML v1-v4 (Tesseract, ABBYY FineReader, kraken, national libraries): pages of lines.

``Layout/Page`` (``WIDTH``, ``HEIGHT``) holds text blocks in its print space and margins (where
running heads and page numbers often stand), each ``TextLine`` (``HPOS``, ``VPOS``, ``WIDTH``,
``HEIGHT``, ``BASELINE``) holds ``String`` words (``CONTENT``, ``WC`` confidence 0-1, their own
boxes), spaces and a line-end hyphen (``HYP``). A line's type size is read from its words' heights
(:func:`pipeline.extract.xml.type_size`), of the words whose boxes lie within the line's (an engine
may stretch a word's box to take in a speck beside it: Tesseract does, and gives the line the box of
its row without it); where they tell none, from its box where that spans its type
(:func:`pipeline.extract.xml.sized_by_span`). A line without a ``BASELINE`` (Tesseract writes none)
has the one its words' boxes show, at its left end as hOCR gives it: the feet of its plain words
without a descender (their boxes no taller than its type), fitted to a straight line where three or
more show a skewed page's slope. The image is ``Description/sourceImageInformation/fileName``.
Names are matched without their namespace, so every version reads alike.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from pathlib import Path

from lxml import etree

from pipeline.extract.xml import (
    PLAIN_WORD_RE,
    descendants,
    local_name,
    number,
    parse_xml,
    points,
    sized_by_span,
    type_size,
)
from pipeline.model.geometry import Box, PrintedLine, PrintedPage
from pipeline.text.widths import DESCENDING_RE

FITTED_FEET = 3  # the words' feet a line's baseline is fitted through, at least
STRETCHED = 1.2  # a word's box taller than its line's type size by this share reaches a speck below it
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
        pages.append(
            PrintedPage(path.name, image, number(page, "WIDTH"), number(page, "HEIGHT"), sized_by_span(lines))
        )
    return pages


def _line(element: etree._Element, region: str | None) -> PrintedLine | None:
    """The printed line of a ``TextLine`` (``None``: no words, or no position)."""
    where = _box(element)
    if where is None:
        return None
    words: list[str] = []
    confidences: list[float] = []
    heights: list[tuple[str, float]] = []
    boxes: list[Box] = []
    feet: list[tuple[float, float, float]] = []  # (middle, foot, height) of plain words not descending
    for child in element:
        name = local_name(child)
        if name == "String" and (content := (child.get("CONTENT") or "").strip()):
            words.append(content)
            word = _box(child)
            boxes += [word] if word else []
            if (confidence := number(child, "WC")) is not None:
                confidences.append(confidence)
            if word and where.top <= word.top and word.bottom <= where.bottom:
                heights.append((content, word.height))
                if PLAIN_WORD_RE.fullmatch(content) and not DESCENDING_RE.search(content):
                    feet.append(((word.left + word.right) / 2, word.bottom, word.height))
        elif name == "HYP" and words:
            words[-1] += child.get("CONTENT") or "-"
    if not words:
        return None
    baseline = element.get("BASELINE")
    at = [y for _, y in points(baseline)] if baseline and " " in baseline.strip() else []
    level = sum(at) / len(at) if at else number(element, "BASELINE")
    size = type_size(heights)
    if level is None:
        level = _baseline_at(where.left, feet, size)
    return PrintedLine(0, " ".join(words), where, size, level, region, tuple(confidences), words=tuple(boxes))


def _baseline_at(left: float, feet: Sequence[tuple[float, float, float]], size: float | None) -> float | None:
    """The height of a line's baseline at ``left`` from its plain words without a descender (their
    middles, feet and heights), but those whose boxes are taller than its type ``size`` allows: the
    line fitted through three or more, else their median foot; ``None`` where it has none."""
    kept = [(middle, foot) for middle, foot, height in feet if size is None or height <= STRETCHED * size]
    if not kept:
        return None
    if len(kept) < FITTED_FEET or len({middle for middle, _ in kept}) < 2:
        return statistics.median(foot for _, foot in kept)
    slope, intercept = statistics.linear_regression(*zip(*kept, strict=True))
    return slope * left + intercept


def _box(element: etree._Element) -> Box | None:
    """The box of a ``TextLine`` or ``String`` (``None`` where its position is not given whole)."""
    left, top = number(element, "HPOS"), number(element, "VPOS")
    width, height = number(element, "WIDTH"), number(element, "HEIGHT")
    if left is None or top is None or width is None or height is None:
        return None
    return Box(left, top, left + width, top + height)
