"""The page images of a book OCR'd from scans or given as structured OCR: TEI ``facsimile``.

Each page is a ``surface`` (its size in the OCR file's units; its image as a ``graphic`` where the
file names one) holding a ``zone`` for each printed line (its box); each ``pb`` points to the
surface of the page it opens (``pb/@facs``, by the raw line the page break stands at).
"""

from __future__ import annotations

from lxml import etree

from pipeline.encode.elements import element
from pipeline.model.geometry import Geometry
from pipeline.tei import XML_ID, tei


def surface_id(index: int) -> str:
    """The id of the surface of the book's page ``index`` (0-based)."""
    return f"surface-{index + 1}"


def surfaces_of_lines(geometry: Geometry) -> dict[int, str]:
    """Each raw line of the book with the id of the surface of the page it stands on."""
    return {line.line: surface_id(index) for index, page in enumerate(geometry.pages) for line in page.lines}


CORNERS = ("ulx", "uly", "lrx", "lry")  # a box's attributes, in the order of its numbers


def _coordinate(value: float) -> str:
    return str(round(value))


def facsimile(geometry: Geometry) -> etree._Element:
    """``facsimile``: a ``surface`` a page, a ``zone`` a line."""
    result = etree.Element(tei("facsimile"))
    for index, page in enumerate(geometry.pages):
        surface = element(result, "surface")
        surface.set(XML_ID, surface_id(index))
        if page.width and page.height:
            for name, value in zip(CORNERS, (0, 0, page.width, page.height), strict=True):
                surface.set(name, _coordinate(value))
        if page.image:
            element(surface, "graphic", url=page.image)
        zone, surface_name = tei("zone"), surface_id(index)
        for line in page.lines:  # (each zone made with its attributes at once: a book has thousands)
            corners = zip(CORNERS, map(_coordinate, line.box), strict=True)
            etree.SubElement(
                surface, zone, {"type": "line", XML_ID: f"{surface_name}-line-{line.line}", **dict(corners)}
            )
    return result
