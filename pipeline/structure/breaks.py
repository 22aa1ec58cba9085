"""The page breaks placed in the text being structured.

The breaks (:mod:`pipeline.structure.pages`) are numbered, then placed: a break before a heading or
a note block stands as an item of its own before it; a break inside a block goes with the text cut out
of the block (a :class:`Marked` text) to the paragraph or list entry holding it, where it becomes
one of its parts.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass, field

from pipeline.model import Block, PageBreak, PageSpan
from pipeline.structure.findings import Findings
from pipeline.structure.heading_forms import Heading
from pipeline.structure.pages import (
    Anchor,
    FoundBreak,
    add_chapter_breaks,
    detect_breaks,
    number_breaks,
    text_starts,
)

Inside = tuple[tuple[int, int], ...]  # (position in a text, break number), in text order


@dataclass(frozen=True)
class Marked:
    """A text and the page breaks inside it, each before the character at its position."""

    text: str
    breaks: Inside = ()

    def lines(self) -> list[Marked]:
        """The lines of the text; a break at a line's end stays at that end."""
        lines = []
        start = 0
        for line in self.text.split("\n"):
            lines.append(self.slice(start, start + len(line)))
            start += len(line) + 1
        return lines

    def slice(self, start: int, end: int) -> Marked:
        """``text[start:end]`` with the breaks from ``start`` to ``end`` (both included)."""
        inside = tuple((position - start, n) for position, n in self.breaks if start <= position <= end)
        return Marked(self.text[start:end], inside)

    def trim(self, start: int, end: int) -> Marked:
        """``text[start:end]`` with every break, those outside it moved to its nearer end."""
        length = max(end - start, 0)
        inside = tuple((min(max(position - start, 0), length), n) for position, n in self.breaks)
        return Marked(self.text[start : start + length], inside)

    def strip(self) -> Marked:
        """The text without its leading and trailing spaces; their breaks kept at its ends."""
        start = len(self.text) - len(self.text.lstrip())
        return self.trim(start, len(self.text.rstrip()))


@dataclass
class PageMarks:
    """The numbered breaks of the book and where they stand."""

    breaks: list[FoundBreak] = field(default_factory=list)
    table: list[PageSpan] = field(default_factory=list)  # the page table (see ``number_breaks``)
    before: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))  # block → breaks
    inside: dict[int, list[tuple[int, int]]] = field(default_factory=lambda: defaultdict(list))
    lines: list[int] = field(init=False)  # the breaks' raw lines, in order (for ``page_at``)

    def __post_init__(self) -> None:
        self.lines = sorted(found.line for found in self.breaks)

    def text_of(self, index: int, block: Block) -> Marked:
        """The text of block ``index`` with the breaks inside it."""
        return Marked(block.text, tuple(self.inside.get(index, ())))

    def page_break(self, number: int) -> PageBreak:
        """Break ``number`` as the tree holds it (an item between items, or a part of a text)."""
        found = self.breaks[number]
        return PageBreak(
            found.n, found.line, found.evidence, found.printed is not None, found.in_word, found.cert
        )

    def page_at(self, line: int) -> int:
        """The page raw line ``line`` stands on, counted from the first (0): the breaks found up
        to it (a break's line is the first of its page; raw lines run through the pages in order,
        where joined blocks do not)."""
        return bisect.bisect_right(self.lines, line)

    def breaks_of(self, text: Marked) -> list[PageBreak]:
        """The breaks inside ``text``, in their order."""
        return [self.page_break(number) for _, number in text.breaks]


def place_page_breaks(
    blocks: list[Block], headings: list[Heading], skip: set[int], findings: Findings
) -> PageMarks:
    """Detect and number the page breaks, and say where each one stands.

    A break before a heading becomes an item before it; a break inside a heading or the
    contents is not marked (the contents pages are not numbered by the contents itself). The pages
    of a contents that only confirms the headings found by their form anchor the numbering where
    the book prints no page numbers: its own numbers, where it prints them, number its breaks.
    """
    found = detect_breaks(blocks)
    printed = any(item.printed is not None for item in found)
    anchors = [
        Anchor(blocks[h.start].first_line, h.entry.page, h.start, h.entry.title, h.level == 1)
        for h in headings
        if h.entry is not None and isinstance(h.entry.page, int) and not (h.confirmed and printed)
    ]
    breaks = add_chapter_breaks(found, anchors)
    heading_blocks = {i for h in headings for i in range(h.start, h.end)}
    starts = {h.start for h in headings}
    kept = [
        item
        for item in breaks
        if item.block not in skip
        and (item.block not in heading_blocks or (item.offset is None and item.block in starts))
    ]
    marks = PageMarks(kept, number_breaks(kept, anchors, text_starts(blocks)))
    for row in marks.table:
        if row.disagreement:
            reason = f"printed page numbers disagree with the contents: {row.disagreement}"
            findings.flag("page_number_disagrees", row.end_line, row.end, reason)
    numbering = any(item.n for item in kept)  # the book's pages are known somewhere
    for item in kept:
        if item.cert:
            reason = f"page number inferred from the break's place in the text ({item.cert}), {item.why}"
            findings.flag("page_number_inferred", item.line, f"p. {item.n}", reason)
        elif not item.n and numbering:
            findings.flag("page_number_unknown", item.line, "page break", f"not numbered: {item.why}")
    for number, item in enumerate(kept):
        if item.block in starts or blocks[item.block].kind == "note":
            marks.before[item.block].append(number)
        else:
            marks.inside[item.block].append((item.offset or 0, number))
    return marks
