"""Shared by the repair tests: a book text made of excerpts of the first book at their raw lines.

Excerpts are copied from ``raw/soviet-foreign-policy-vol1.txt``; the comment before each gives
its raw line numbers. Lines of a thousand characters are clipped in the middle (``[…]``), which
keeps their beginning and end, where the repairs look.
"""

from __future__ import annotations

from pipeline.model import Block, Change, Review
from pipeline.repair import RepairContext
from pipeline.repair import repair as repair_stage
from pipeline.repair.vocabulary import BookVocabulary

NO_CONTEXT = RepairContext(BookVocabulary())  # for the repairs that read no vocabulary or layout


def book(*blocks: tuple[int, str]) -> str:
    """A text with each block at its raw line number and blank lines between, as normalise leaves it."""
    lines: list[str] = []
    for number, text in blocks:
        assert number > len(lines) + 1, "blocks must be given in order, one blank line apart at least"
        lines += [""] * (number - 1 - len(lines)) + text.split("\n")
    return "\n".join(lines) + "\n"


def repair(text: str) -> tuple[list[Block], list[Change], list[Review]]:
    """The structural repairs alone (the typographic pass is tested in test_typography.py and below)."""
    return repair_stage(text, typeset=False)


def texts(blocks: list[Block]) -> list[str]:
    return [block.text for block in blocks]


def kinds(blocks: list[Block]) -> list[str]:
    return [block.kind for block in blocks]
