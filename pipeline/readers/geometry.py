"""What the printed lines' positions and sizes tell the wrapped-lines reader, where structured OCR
gives them (:class:`pipeline.model.geometry.Geometry`).

Learned per book, from every page: the body's type size (the most common line height), each
page's line pitch and text edge, and the bands at the page's top and foot where a book prints its
running heads and page numbers. From them each line's decisions, each with its evidence:

* **furniture**: a page's first or last line, short, set apart from the text by more than a line's
  space, standing in the band where the book's other pages have such a line;
* **a paragraph's start**: a line indented from the lines above and below it (the book indents its
  paragraphs), or set after more than a line's space (the book spaces them);
* **footnotes**: the run of lines in smaller type ending a page;
* **headings**: a line in larger type.

Where a line has no geometry, the reader decides from the text alone, as for plain text.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from pipeline.model.geometry import Geometry, PrintedLine, PrintedPage
from pipeline.model.pages import Line

SMALLER_TYPE = 0.85  # a line this share of the body's size or less is set in smaller type
LARGER_TYPE = 1.25  # a line this share of the body's size or more is set in larger type
INDENT_MIN, INDENT_MAX = 0.5, 6.0  # a paragraph's indent, in body sizes
SPACED = 1.6  # a gap above a line of this many line pitches sets it apart
EDGE_SHORT = 0.7  # furniture is shorter than this share of the page's text width
BAND_SLACK = 0.02  # of the page's height: how far a band's lines stand from the others in it
MIN_BAND_PAGES = 3  # pages with a line set apart in a band, for the book to have that band


@dataclass
class LineGeometry:
    """The decisions the positions of a book's lines support (:func:`learn_geometry`)."""

    lines: Mapping[int, PrintedLine]
    furniture: dict[int, str] = field(default_factory=dict)  # line → evidence
    indented: set[int] = field(default_factory=set)
    spaced: set[int] = field(default_factory=set)
    smaller: set[int] = field(default_factory=set)
    larger: set[int] = field(default_factory=set)
    body_size: float = 0.0
    findings: list[str] = field(default_factory=list)

    def starts_paragraph(self, number: int) -> bool | None:
        """Whether raw line ``number`` opens a paragraph by its place: indented from the lines around
        it, or set after more than a line's space; ``None`` where it has no geometry."""
        if number not in self.lines:
            return None
        return number in self.indented or number in self.spaced

    def note_zone(self, lines: Sequence[Line]) -> int | None:
        """The index in a page's ``lines`` of the first of the lines in smaller type that end it,
        below lines of the body's type; ``None`` where there are none."""
        at = len(lines)
        while at and lines[at - 1].number in self.smaller:
            at -= 1
        body = any(line.number in self.lines and line.number not in self.smaller for line in lines[:at])
        return at if at < len(lines) and body else None


def learn_geometry(geometry: Geometry) -> LineGeometry:
    """The decisions of :class:`LineGeometry` for the lines of ``geometry``."""
    printed = geometry.lines()
    learned = LineGeometry(printed)
    sizes = [line.size for line in printed.values() if line.size > 0]
    if not sizes:
        return learned
    learned.body_size = body = statistics.median(sizes)
    learned.smaller = {number for number, line in printed.items() if line.size <= SMALLER_TYPE * body}
    learned.larger = {number for number, line in printed.items() if line.size >= LARGER_TYPE * body}
    for page in geometry.pages:
        _mark_paragraph_starts(page, learned)
    _mark_furniture(geometry.pages, learned)
    learned.findings = _findings(geometry, learned)
    return learned


def _body_lines(page: PrintedPage, learned: LineGeometry) -> list[PrintedLine]:
    return [line for line in page.lines if line.line not in learned.smaller | learned.larger]


def _pitch(lines: Sequence[PrintedLine]) -> float | None:
    """The page's usual distance from one line's top to the next's, or ``None`` (too few lines)."""
    steps = [after.box.top - before.box.top for before, after in itertools.pairwise(lines)]
    steps = [step for step in steps if step > 0]
    return statistics.median(steps) if steps else None


def _mark_paragraph_starts(page: PrintedPage, learned: LineGeometry) -> None:
    """Mark the page's lines indented from their neighbours, and those set after a wide gap."""
    body = _body_lines(page, learned)
    pitch = _pitch(body)
    size = learned.body_size
    lines = page.lines
    for at, line in enumerate(lines):
        before = lines[at - 1] if at else None
        after = lines[at + 1] if at + 1 < len(lines) else None
        if pitch and before is not None and line.box.top - before.box.top > SPACED * pitch:
            learned.spaced.add(line.line)
        neighbours = [
            other for other in (before, after) if other is not None and other.size > SMALLER_TYPE * size
        ]
        if neighbours and all(
            INDENT_MIN * size <= line.box.left - other.box.left <= INDENT_MAX * size for other in neighbours
        ):
            learned.indented.add(line.line)


def _set_apart(line: PrintedLine, neighbour: PrintedLine | None, pitch: float, width: float) -> bool:
    """A short line set more than a line's space apart from the line next to it (or alone)."""
    if line.box.width > EDGE_SHORT * width:
        return False
    return neighbour is None or abs(neighbour.box.top - line.box.top) > SPACED * pitch


def _mark_furniture(pages: Sequence[PrintedPage], learned: LineGeometry) -> None:
    """Mark the lines at the page's top and foot that stand apart in the book's header or footer band."""
    for edge, name in ((0, "top"), (-1, "foot")):
        candidates: list[tuple[PrintedLine, float]] = []
        for page in pages:
            body = _body_lines(page, learned)
            pitch, width = _pitch(body), _text_width(body)
            if not page.lines or not page.height or pitch is None or not width:
                continue
            line = page.lines[edge]
            neighbour = None if len(page.lines) < 2 else page.lines[1 if edge == 0 else -2]
            if _set_apart(line, neighbour, pitch, width):
                place = (line.box.top if edge == 0 else line.box.bottom) / page.height
                candidates.append((line, place))
        if len(candidates) < MIN_BAND_PAGES:
            continue
        middle = statistics.median(place for _, place in candidates)
        inside = [line for line, place in candidates if abs(place - middle) <= BAND_SLACK]
        if len(inside) < MIN_BAND_PAGES:
            continue
        evidence = f"set apart at the page's {name}, in the band where {len(inside)} pages have such a line"
        learned.furniture.update((line.line, evidence) for line in inside)


def _text_width(lines: Sequence[PrintedLine]) -> float:
    """The width of the page's full lines: the widest of its body lines, but for a stray one."""
    widths = sorted(line.box.width for line in lines)
    return widths[int(0.9 * (len(widths) - 1))] if widths else 0.0


def _findings(geometry: Geometry, learned: LineGeometry) -> list[str]:
    """What the geometry taught of the book, for the report's Input section."""
    lines = len(learned.lines)
    return [
        f"geometry: {geometry.format}, {len(geometry.pages)} pages, {lines} lines; body type "
        f"{learned.body_size:.1f} high",
        f"geometry: {len(learned.indented)} lines indented, {len(learned.spaced)} set after a wide gap: "
        "each opens a paragraph",
        f"geometry: {len(learned.furniture)} lines of page furniture by their place at a page's edge",
        f"geometry: {len(learned.smaller)} lines in smaller type, {len(learned.larger)} in larger type",
    ]
