"""Note markers OCR damaged: the symbols and superscript numbers of footnotes, restored.

* :mod:`pipeline.repair.note_symbols`: the symbols of a page's footnotes that OCR misread, and
  their markers in the page's text;
* :mod:`pipeline.repair.note_numbers`: the superscript of note numbers OCR read as plain numbers,
  misread, damaged or lost, and markers OCR put at the start of the next line.

Both replace a note's printed opening or a marker in the text with the helpers here, each
replacement logged. The note bodies themselves are told apart, and their displaced text given
back, in :mod:`pipeline.repair.notes`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.model import Block, Change
from pipeline.repair.base import (
    STAGE,
    context_after,
    excerpt,
)


def reopened(block: Block, cut: int, opening: str, rule: str, explanation: str) -> tuple[Block, Change]:
    """``block`` with its first ``cut`` characters (a note's printed number or symbol) replaced by
    ``opening``, and the change logged under ``rule``."""
    text = opening + block.text[cut:]
    change = Change(
        STAGE, rule, block.first_line, context_after(block.text, 0), context_after(text, 0), explanation
    )
    return replace(block, text=text), change


def marker_replaced(
    block: Block, match: re.Match[str] | tuple[int, int], marker: str, rule: str, explanation: str
) -> tuple[Block, Change]:
    """``block`` with the note marker OCR printed as ``match`` (or at that span) replaced by
    ``marker``, and the change logged under ``rule``."""
    start, end = match if isinstance(match, tuple) else match.span()
    text = block.text[:start] + marker + block.text[end:]
    change = Change(
        STAGE,
        rule,
        block.raw_line(start),
        excerpt(block.text, start, end),
        excerpt(text, start, start + len(marker)),
        explanation,
    )
    return replace(block, text=text), change
