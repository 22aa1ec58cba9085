"""The page images of a book OCR'd from scans or given as structured OCR: TEI ``facsimile``.

Each page is a ``surface`` (its size in the OCR file's units; its image as a ``graphic`` where the
file names one) holding a ``zone`` for each printed line (its box); each ``pb`` points to the
surface of the page it opens (``pb/@facs``, by the raw line the page break stands at).
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from pipeline.encode.elements import element
from pipeline.model.geometry import Geometry, PrintedLine
from pipeline.tei import TEI_NS, XML_ID, tei


def surface_id(index: int) -> str:
    """The id of the surface of the book's page ``index`` (0-based)."""
    return f"surface-{index + 1}"


def surfaces_of_lines(geometry: Geometry) -> dict[int, str]:
    """Each raw line of the book with the id of the surface of the page it stands on."""
    return {line.line: surface_id(index) for index, page in enumerate(geometry.pages) for line in page.lines}


CORNERS = ("ulx", "uly", "lrx", "lry")  # a box's attributes, in the order of its numbers
# a line's zone as XML: its surface's id, its line, its box's corners
ZONE = '<zone type="line" xml:id="{}-line-{}"' + "".join(f' {name}="{{}}"' for name in CORNERS) + "/>"


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
        surface.extend(_zones(surface_id(index), page.lines))
    return result


def _zones(surface: str, lines: Sequence[PrintedLine]) -> list[etree._Element]:
    """A ``zone`` for each line of the surface ``surface`` (an id). (Written as XML and parsed at
    once, numbers and ids only: a book has thousands of zones, each made as an element alone took
    twice as long.)"""
    zones = "".join(ZONE.format(surface, line.line, *map(_coordinate, line.box)) for line in lines)
    return list(etree.fromstring(f'<surface xmlns="{TEI_NS}">{zones}</surface>'))
