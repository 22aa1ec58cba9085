"""What every repair takes and returns, and how its changes quote the text.

A repair is a pure function ``repair(blocks, context) -> Repaired``: the repaired blocks, the
:class:`Change` records of what it changed (each with its explanation) and :class:`Review` items
for decisions taken on thin evidence. :class:`RepairContext` holds what a repair may read besides
the blocks: the book's vocabulary, its layout settings and what its page images show.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from pipeline.layout import LayoutFurniture
from pipeline.model import Block, Change, Review
from pipeline.model.geometry import PrintedLine
from pipeline.model.records import CONTEXT_CHARS
from pipeline.repair.vocabulary import BookVocabulary

STAGE = "repair"
SEAM_MARK = " | "  # where a page break cut the text, in a change's "before"


class Repaired(NamedTuple):
    """What a repair returns: the blocks, the changes it made, and the decisions to review."""

    blocks: list[Block]
    changes: list[Change]
    review: list[Review]


@dataclass(frozen=True)
class RepairContext:
    """What the repairs read besides the blocks: the book's own words, its layout settings and the
    raised glyphs its page images show unread."""

    vocabulary: BookVocabulary
    furniture: LayoutFurniture = field(default_factory=LayoutFurniture)
    wrapped: bool = False  # the text was read wrapped as printed: its line ends are the print's
    # the printed lines (by raw line) whose page image shows a raised glyph OCR did not read
    raised: Mapping[int, PrintedLine] = field(default_factory=dict)


Repair = Callable[[Sequence[Block], RepairContext], Repaired]


def context_before(text: str, end: int) -> str:
    """The characters of ``text`` before ``end`` that a change quotes (``…`` where cut)."""
    start = max(0, end - CONTEXT_CHARS)
    return ("…" if start else "") + text[start:end]


def context_after(text: str, start: int) -> str:
    """The characters of ``text`` from ``start`` that a change quotes (``…`` where cut)."""
    end = start + CONTEXT_CHARS
    return text[start:end] + ("…" if end < len(text) else "")


def excerpt(text: str, start: int, end: int) -> str:
    """The changed span ``text[start:end]`` with the characters around it."""
    return context_before(text, start) + text[start:end] + context_after(text, end)


def seam_excerpt(left: str, right: str) -> str:
    """The end of ``left`` and the start of ``right``, with the break between them marked."""
    return context_before(left, len(left)) + SEAM_MARK + context_after(right, 0)
