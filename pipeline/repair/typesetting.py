"""The last repair: the typographic rules of :mod:`pipeline.text.typography` applied to every
block, each edit logged against its raw line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import partial

from pipeline.model import Block, Change
from pipeline.repair.base import STAGE, RepairContext, Repaired, context_after, context_before
from pipeline.text.typography import RULES, Edit


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
            current = replace(block, text=text, extra=extra)  # as the rules so far left it
            for edit in edits:
                lead = context_before(text, edit.start)
                trail = context_after(text, edit.start + len(edit.before))
                changes.append(
                    Change(
                        STAGE,
                        rule.__name__,
                        current.raw_line(edit.start),
                        lead + edit.before + trail,
                        lead + edit.after + trail,
                        explanations[rule],
                    )
                )
            if current.places():  # moved with the text
                extra = current.extra_with_places_moved(partial(_shift_offset, edits=edits))
            text = typeset_text
        if text != block.text:  # a rule edited it
            block = replace(block, text=text, extra=extra)
        repaired.append(block)
    return Repaired(repaired, changes, [])
