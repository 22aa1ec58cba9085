"""The printed pages: where the page breaks of the printed book fall, and their page numbers.

The repair stage leaves evidence of page breaks in the blocks: a paragraph cut by a page break
and joined again records the break at its exact offset (``extra["page_breaks"]``, the word
hyphenated across it flagged ``in_word``), and a block that follows a group of footnotes at a
page foot is marked ``page_break_before``. A chapter starting on a later page than the contents
entry before it starts on a new page. The printed contents gives the first page of every entry,
so the breaks between two anchors can be numbered when their count is the one the page numbers
require; elsewhere the breaks stay unnumbered and the page table says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from pipeline.model import Block


@dataclass
class PageBreak:
    """A detected page break: before block ``block`` (``offset`` ``None``) or inside its text."""

    block: int
    offset: int | None
    line: int
    evidence: str  # "cut" (paragraph cut), "hyphen" (word cut), "notes" (after a note group), "chapter"
    n: str | None = None

    @property
    def in_word(self) -> bool:
        return self.evidence == "hyphen"


@dataclass
class Anchor:
    """A line known to be printed on ``page`` (a contents entry's heading)."""

    line: int
    page: int
    block: int
    label: str
    new_page: bool = False  # a chapter: starts on a new page


def detect_breaks(blocks: list[Block]) -> list[PageBreak]:
    """Every page break the blocks give evidence of, in text order.

    A block after a note group is not a break of its own when the notes stood inside a joined
    paragraph just before it: the break is already recorded in that paragraph.
    """
    breaks: list[PageBreak] = []
    for index, block in enumerate(blocks):
        if block.page_break_before and not _recorded_in_paragraph(blocks, index):
            breaks.append(PageBreak(index, None, block.first_line, "notes"))
        for found in block.extra.get("page_breaks", []):
            evidence = "hyphen" if found.get("in_word") else "cut"
            breaks.append(PageBreak(index, int(found["offset"]), int(found["line"]), evidence))
    return sorted(breaks, key=_position)


def add_chapter_breaks(breaks: list[PageBreak], anchors: list[Anchor]) -> list[PageBreak]:
    """Add a break before every chapter that starts on a later page than the anchor before it."""
    before = {item.block for item in breaks if item.offset is None}
    added = list(breaks)
    for previous, anchor in pairwise(anchors):
        if anchor.new_page and anchor.page > previous.page and anchor.block not in before:
            added.append(PageBreak(anchor.block, None, anchor.line, "chapter"))
            before.add(anchor.block)
    return sorted(added, key=_position)


def number_breaks(breaks: list[PageBreak], anchors: list[Anchor]) -> list[dict[str, Any]]:
    """Number the breaks between anchors whose count matches the pages; the page table rows.

    A break at an anchor's own block (just before its heading) belongs to the span ending there.
    """
    table = []
    for start, end in pairwise(sorted(anchors, key=lambda anchor: anchor.block)):
        inside = [item for item in breaks if (start.block, -1) < _position(item) <= (end.block, -1)]
        expected = end.page - start.page
        numbered = len(inside) == expected
        if numbered:
            for page, item in enumerate(inside, start=start.page + 1):
                item.n = str(page)
        table.append(
            {
                "from": start.label,
                "from_page": start.page,
                "from_line": start.line,
                "to": end.label,
                "to_page": end.page,
                "to_line": end.line,
                "expected": expected,
                "found": len(inside),
                "numbered": numbered,
            }
        )
    return table


def _position(item: PageBreak) -> tuple[int, int]:
    """Sort key: a break before a block comes before breaks inside it."""
    return (item.block, -1 if item.offset is None else item.offset)


def _recorded_in_paragraph(blocks: list[Block], index: int) -> bool:
    """Whether the note group before ``blocks[index]`` stood inside the joined paragraph before it."""
    first_note = index
    while first_note > 0 and blocks[first_note - 1].kind == "note":
        first_note -= 1
    if first_note == index or first_note == 0:
        return False
    paragraph = blocks[first_note - 1]
    notes = blocks[first_note:index]
    return bool(paragraph.extra.get("page_breaks")) and all(
        note.first_line < paragraph.last_line for note in notes
    )
