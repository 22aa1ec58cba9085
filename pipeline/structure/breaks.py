"""The page breaks placed in the text being structured.

The breaks (:mod:`pipeline.structure.pages`) are numbered, then marked where they fall: a break
before a heading or a note block stands as a ``pb`` item before it; a break inside a block is
carried through its text as one private-use character (``0xF0000`` + the break's number) until
the text is split into parts, where the mark becomes a ``{"pb": …}`` part.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from pipeline.model import Block
from pipeline.structure.findings import Findings
from pipeline.structure.headings import Heading
from pipeline.structure.pages import Anchor, PageBreak, add_chapter_breaks, detect_breaks, number_breaks

BREAK_BASE = 0xF0000
BREAK_RE = re.compile("[\U000f0000-\U000ffffd]")
LEAD_BREAKS_RE = re.compile("^[\U000f0000-\U000ffffd]*")


@dataclass
class PageMarks:
    """The numbered breaks of the book and where they stand outside the block texts."""

    breaks: list[PageBreak] = field(default_factory=list)
    table: list[dict[str, Any]] = field(default_factory=list)  # the page table (see ``number_breaks``)
    before: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))  # block → breaks

    def item(self, number: int) -> dict[str, Any]:
        """A ``pb`` item (a page break between items) for break ``number``."""
        return {"type": "pb", **_break_part(self.breaks[number])}

    def items_of(self, marks: str) -> list[dict[str, Any]]:
        """The ``pb`` items of the break marks in ``marks``, in their order."""
        return [self.item(ord(mark) - BREAK_BASE) for mark in BREAK_RE.findall(marks)]

    def split(self, part: Any) -> list[Any]:
        """A text part split at its break marks into text and ``{"pb": …}`` parts."""
        if not isinstance(part, str) or not BREAK_RE.search(part):
            return [part]
        pieces: list[Any] = []
        position = 0
        for mark in BREAK_RE.finditer(part):
            if mark.start() > position:
                pieces.append(part[position : mark.start()])
            pieces.append(_break_part(self.breaks[ord(mark.group()) - BREAK_BASE]))
            position = mark.end()
        if position < len(part):
            pieces.append(part[position:])
        return pieces


def place_page_breaks(
    blocks: list[Block], headings: list[Heading], skip: set[int], findings: Findings
) -> PageMarks:
    """Detect and number the page breaks; mark them in the block texts (which this changes).

    A break before a heading becomes a ``pb`` item before it; a break inside a heading or the
    contents is not marked (the contents pages are not numbered by the contents itself).
    """
    anchors = [
        Anchor(blocks[h.start].first_line, h.entry.page, h.start, h.entry.title, h.level == 1)
        for h in headings
        if h.entry is not None and isinstance(h.entry.page, int)
    ]
    breaks = add_chapter_breaks(detect_breaks(blocks), anchors)
    heading_blocks = {i for h in headings for i in range(h.start, h.end)}
    starts = {h.start for h in headings}
    kept = [
        item
        for item in breaks
        if item.block not in skip
        and (item.block not in heading_blocks or (item.offset is None and item.block in starts))
    ]
    marks = PageMarks(kept, number_breaks(kept, anchors))
    for row in marks.table:
        if "disagreement" in row:
            reason = f"printed page numbers disagree with the contents: {row['disagreement']}"
            findings.flag("page_number_disagrees", row["to_line"], row["to"], reason)
    for number, item in reversed(list(enumerate(kept))):
        block = blocks[item.block]
        if item.block in starts or block.kind == "note":
            marks.before[item.block].insert(0, number)
            continue
        offset = item.offset or 0
        block.text = block.text[:offset] + chr(BREAK_BASE + number) + block.text[offset:]
    return marks


def lift(line: str) -> tuple[str, str]:
    """The break marks at the start of ``line`` and the rest of it."""
    lead = LEAD_BREAKS_RE.match(line)
    assert lead is not None
    return lead.group(), line[lead.end() :]


def unmarked(text: str) -> str:
    """``text`` without its break marks."""
    return BREAK_RE.sub("", text)


def _break_part(item: PageBreak) -> dict[str, Any]:
    """A page break as ``structure.json`` records it."""
    part: dict[str, Any] = {"pb": item.n, "line": item.line, "evidence": item.evidence}
    if item.printed is not None:
        part["printed"] = True
    if item.in_word:
        part["in_word"] = True
    return part
