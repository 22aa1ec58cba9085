"""The page images of the HTML edition, from the TEI ``facsimile`` of a book read from scans or
structured OCR.

:func:`page_images` finds each page's image (the ``graphic/@url`` of its ``surface``, looked up
from the working folder, then from the TEI file's folder); :func:`copy_page_images` puts the found
ones beside the edition's pages as ``pages/<surface id>.<ext>``, as PNG where browsers cannot show
the file (TIFF…). A numbered page break on a page with an image links to it in the HTML edition
(:func:`pipeline.render.document.page_marker`); ``assets/page-images.js`` opens it beside the text
with the page's first line outlined. The EPUB has none of this.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from lxml import etree

from pipeline.tei import XML_ID, tei

FOLDER = "pages"  # the page images' folder in the HTML edition
WEB_IMAGES = frozenset({".png", ".jpg", ".jpeg", ".webp", ".gif"})  # shown by every browser as they are
PNG_MODES = frozenset({"1", "L", "LA", "I", "I;16", "P", "RGB", "RGBA"})  # Pillow writes these as PNG
BOX = ("ulx", "uly", "lrx", "lry")
RUNNING_HEAD_GAP = 2.0  # a first line further than this many line pitches above the next one
Box = tuple[float, float, float, float]  # a box's edges (TEI's ulx, uly, lrx, lry), or its place in percent


@dataclass(frozen=True)
class PageImage:
    """A page's image file, its place in the HTML edition (``pages/surface-3.png``), its size in
    pixels, and the box of the page's first line in percent of the page (left, top, width, height),
    ``None`` where the TEI gives no size or no line."""

    source: Path
    name: str
    size: tuple[int, int]
    line: Box | None


def _box(element: etree._Element) -> Box | None:
    """The box of a ``surface`` or ``zone``; ``None`` where it has none."""
    try:
        left, top, right, bottom = (float(element.get(name, "")) for name in BOX)
    except ValueError:
        return None
    return left, top, right, bottom


def first_line(surface: etree._Element) -> Box | None:
    """The box of the page's first text line in percent of the page (left, top, width, height):
    its first line zone, or the second where the first stands apart above the rest (a running
    head); ``None`` without zones or the page's size."""
    page = _box(surface)
    zones = [box for zone in surface.iterfind(tei("zone")) if (box := _box(zone)) is not None]
    if page is None or not zones or page[2] <= page[0] or page[3] <= page[1]:
        return None
    tops = [zone[1] for zone in zones]
    pitches = sorted(abs(below - above) for above, below in pairwise(tops))
    head = len(zones) > 2 and tops[1] - tops[0] > RUNNING_HEAD_GAP * pitches[len(pitches) // 2]
    left, top, right, bottom = zones[1] if head else zones[0]
    width, height = page[2] - page[0], page[3] - page[1]
    return (
        (left - page[0]) / width * 100,
        (top - page[1]) / height * 100,
        (right - left) / width * 100,
        (bottom - top) / height * 100,
    )


def page_images(root: etree._Element, folders: Sequence[Path]) -> dict[str, PageImage]:
    """The pages of the TEI's facsimile (by surface id) whose image file is found in one of
    ``folders`` (the first that holds it); a page whose image is missing or unreadable is left out."""
    found: dict[str, PageImage] = {}
    for surface in root.iterfind(f"{tei('facsimile')}/{tei('surface')}"):
        graphic, identifier = surface.find(tei("graphic")), surface.get(XML_ID)
        url = "" if graphic is None else graphic.get("url", "")
        source = next((folder / url for folder in folders if url and (folder / url).is_file()), None)
        if source is None or not identifier:
            continue
        from PIL import Image  # (a hundredth of a second to import: only where a page's image is found)

        try:
            with Image.open(source) as image:
                size = image.size
        except OSError:
            continue
        suffix = source.suffix.lower() if source.suffix.lower() in WEB_IMAGES else ".png"
        found[identifier] = PageImage(source, f"{FOLDER}/{identifier}{suffix}", size, first_line(surface))
    return found


def copy_page_images(images: dict[str, PageImage], folder: Path) -> None:
    """Put each page image into ``folder`` under its name, converted to PNG where it is another
    format than a browser shows."""
    for image in images.values():
        target = folder / image.name
        target.parent.mkdir(exist_ok=True)
        if image.source.suffix.lower() == target.suffix:
            shutil.copyfile(image.source, target)
            continue
        from PIL import Image

        with Image.open(image.source) as page:
            (page if page.mode in PNG_MODES else page.convert("RGB")).save(target, "PNG")


def count_pages(root: etree._Element) -> int:
    """The pages of the TEI's facsimile (0 without one)."""
    return len(root.findall(f"{tei('facsimile')}/{tei('surface')}"))
