"""PAGE XML 2009-2019 (Transkribus, eScriptorium, OCR-D): pages of lines.

``PcGts/Page`` (``imageFilename``, ``imageWidth``, ``imageHeight``) holds text regions, each with a
``type`` (``paragraph``, ``heading``, ``header``, ``footer``, ``page-number``, ``footnote``…) and
text lines: ``Coords`` (a polygon), ``Baseline`` and ``TextEquiv/Unicode`` (the line's text; else its
words'), words' ``TextEquiv/@conf`` (0-1); a line's type size is read from its words' heights where it has
words (:func:`pipeline.extract.xml.type_size`), else from its box where that spans its type
(:func:`pipeline.extract.xml.sized_by_span`). Regions are read in the page's reading order
(``ReadingOrder``) where it gives one, else in document order.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from pipeline.extract.xml import (
    children,
    descendants,
    local_name,
    number,
    parse_xml,
    points,
    sized_by_span,
    type_size,
)
from pipeline.model.geometry import Box, PrintedLine, PrintedPage


def is_page_xml(root: etree._Element) -> bool:
    return local_name(root) == "PcGts"


def read_page_xml(path: Path, root: etree._Element | None = None) -> list[PrintedPage]:
    """The page of the PAGE file ``path``, lines numbered 0 (the extract stage numbers them)."""
    root = parse_xml(path) if root is None else root
    pages = []
    for page in descendants(root, "Page"):
        lines = [
            line
            for region in _regions_in_order(page)
            for element in children(region, "TextLine")
            if (line := _line(element, region.get("type"))) is not None
        ]
        width, height = number(page, "imageWidth"), number(page, "imageHeight")
        pages.append(
            PrintedPage(path.name, page.get("imageFilename") or None, width, height, sized_by_span(lines))
        )
    return pages


def _regions_in_order(page: etree._Element) -> list[etree._Element]:
    """The page's text regions (nested ones too), in its reading order where it gives one; regions
    the order leaves out follow in document order."""
    regions = descendants(page, "TextRegion")
    order = [
        reference.get("regionRef")
        for group in descendants(page, "ReadingOrder")
        for reference in sorted(
            (element for element in group.iter() if local_name(element).startswith("RegionRef")),
            key=lambda element: number(element, "index") or 0,
        )
    ]
    rank = {identifier: at for at, identifier in enumerate(order)}
    return sorted(regions, key=lambda region: rank.get(region.get("id"), len(rank)))


def _text(element: etree._Element) -> tuple[str, float | None]:
    """The text of an element's first ``TextEquiv`` (the lowest ``index``) and its confidence."""
    equivalents = sorted(children(element, "TextEquiv"), key=lambda equiv: number(equiv, "index") or 0)
    if not equivalents:
        return "", None
    unicode = children(equivalents[0], "Unicode")
    text = (unicode[0].text or "") if unicode else ""
    return " ".join(text.split()), number(equivalents[0], "conf")


def _line(element: etree._Element, region: str | None) -> PrintedLine | None:
    """The printed line of a ``TextLine`` (``None``: no text, or no polygon)."""
    word_elements = children(element, "Word")
    words = [_text(word) for word in word_elements]
    heights = [
        (text, box.height)
        for word, (text, _) in zip(word_elements, words, strict=True)
        if (box := _box(word))
    ]
    text, _ = _text(element)
    text = text or " ".join(word for word, _ in words if word)
    where = _box(element)
    if not text or where is None:
        return None
    baseline = children(element, "Baseline")
    levels = [y for _, y in points(baseline[0].get("points"))] if baseline else []
    confidences = tuple(conf for _, conf in words if conf is not None)
    level = sum(levels) / len(levels) if levels else None
    return PrintedLine(0, text, where, type_size(heights), level, region, confidences)


def _box(element: etree._Element) -> Box | None:
    """The box around an element's ``Coords`` polygon (``None``: it has none)."""
    coords = children(element, "Coords")
    polygon = points(coords[0].get("points")) if coords else []
    if not polygon:
        return None
    xs, ys = [x for x, _ in polygon], [y for _, y in polygon]
    return Box(min(xs), min(ys), max(xs), max(ys))
