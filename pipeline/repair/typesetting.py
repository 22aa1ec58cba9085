"""The last repair: the typographic rules of :mod:`pipeline.text.typography` applied to every
block, each edit logged against its raw line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from pipeline.model import Block, Change
from pipeline.repair.base import STAGE, RepairContext, Repaired, context_after, context_before
from pipeline.text.typography import RULES, Edit

# Keys of ``Block.extra`` listing places in the block's text: {"line": raw line, "offset": …, …}
OFFSET_KEYS = ("page_breaks", "continued_at")


def _places_in_order(extra: dict[str, Any]) -> list[dict[str, Any]]:
    """The places ``extra`` lists in a block's text (page breaks, note continuations), by offset."""
    return sorted((p for key in OFFSET_KEYS for p in extra.get(key, [])), key=lambda p: p["offset"])


def _raw_line(first_line: int, text: str, places: Sequence[dict[str, Any]], offset: int) -> int:
    """Raw line of character ``offset`` in a block's ``text``, also one joined across page breaks
    (``places``: those of :func:`_places_in_order`)."""
    line, start = first_line, 0
    for place in places:
        if place["offset"] <= offset:
            line, start = place["line"], place["offset"]
    return line + text.count("\n", start, offset)


def _shift_offset(offset: int, edits: Sequence[Edit]) -> int:
    """Where ``offset`` of a text lands after ``edits`` (made on that text) are applied."""
    return offset + sum(len(e.after) - len(e.before) for e in edits if e.start + len(e.before) <= offset)


def typeset_blocks(blocks: Sequence[Block], context: RepairContext) -> Repaired:
    """Apply the typographic rules of :mod:`pipeline.text.typography` to every block, logging each edit.

    The offsets of page breaks and note continuations in ``extra`` are moved with the text.
    """
    repaired: list[Block] = []
    changes: list[Change] = []
    explanations = {rule: (rule.__doc__ or "").strip().splitlines()[0] for rule in RULES}
    for block in blocks:
        text, extra = block.text, block.extra  # as the rules so far left them
        for rule in RULES:
            typeset_text, edits = rule(text)
            if not edits:
                continue
            places = _places_in_order(extra)
            for edit in edits:
                lead = context_before(text, edit.start)
                trail = context_after(text, edit.start + len(edit.before))
                changes.append(
                    Change(
                        STAGE,
                        rule.__name__,
                        _raw_line(block.first_line, text, places, edit.start),
                        lead + edit.before + trail,
                        lead + edit.after + trail,
                        explanations[rule],
                    )
                )
            if places:  # moved with the text
                extra = {
                    key: [{**place, "offset": _shift_offset(place["offset"], edits)} for place in value]
                    if key in OFFSET_KEYS
                    else value
                    for key, value in extra.items()
                }
            text = typeset_text
        if text != block.text:  # a rule edited it
            block = replace(block, text=text, extra=extra)
        repaired.append(block)
    return Repaired(repaired, changes, [])
