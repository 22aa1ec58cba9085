"""Headings and the contents table: OCR noise removed (stray leading characters, a stray `` - ``
between words, leader dots, spaced ellipses)."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Sequence
from dataclasses import replace
from difflib import SequenceMatcher
from typing import Any

from pipeline.lazy_re import lazy_compile
from pipeline.model import Block, Change, Review
from pipeline.repair.base import STAGE, RepairContext, Repaired, excerpt
from pipeline.repair.evidence import contents_titles, is_table, looks_like_heading
from pipeline.text.headings import STRAY_HEADING_LEAD_RE, TABLE_ROW_RE, heading_key, leader_dots_re
from pipeline.text.words import LETTER

# `` - `` between letters (looking behind after the `` - ``: the search jumps from one to the next)
STRAY_DASH_RE = lazy_compile(rf" - (?<={LETTER} - )(?={LETTER})")
# leader dots left in a contents table's cell; a stop glued to a title is structure's to judge
LEADER_RE = leader_dots_re(stray_stop=False)
SPACED_ELLIPSIS_RE = lazy_compile(r"\.(?: \.){2,}")


def _map_cells(line: str, fix: Callable[[str], str]) -> str:
    """Apply ``fix`` to every cell of a markdown table row except the last (the page number)."""
    cells = line.split("|")
    inner = cells[1:-1]
    fixed = [fix(cell) for cell in inner[:-1]] + inner[-1:]
    return "|".join([cells[0], *fixed, cells[-1]])


def _fix_lines(
    blocks: Sequence[Block],
    rule: str,
    fix_line: Callable[[str, Block], str],
    explanation: str,
    may_change: Callable[[Block], bool],
) -> Repaired:
    """Apply a line-level fix to every text block; log one change per changed line.

    ``may_change`` is a quick test that every block the fix would change passes: the blocks
    failing it are kept as they are without being split into lines.
    """
    result: list[Block] = []
    changes: list[Change] = []
    for block in blocks:
        if not may_change(block):
            result.append(block)
            continue
        lines = block.text.split("\n")
        fixed = [fix_line(line, block) for line in lines]
        if fixed == lines:
            result.append(block)
            continue
        for number, (old, new) in enumerate(zip(lines, fixed, strict=True)):
            if old != new:
                start = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), len(new))
                changes.append(
                    Change(
                        STAGE,
                        rule,
                        block.first_line + number,
                        excerpt(old, start, start + len(old) - len(new)),
                        excerpt(new, start, start),
                        explanation,
                    )
                )
        text = "\n".join(fixed)
        result.append(replace(block, text=text, extra=_moved_places(block, lines, fixed)))
    return Repaired(result, changes, [])


def _moved_places(block: Block, lines: Sequence[str], fixed: Sequence[str]) -> dict[str, Any]:
    """``block.extra`` with its places (:data:`PLACE_KEYS`) moved with the block's ``lines`` fixed
    into ``fixed``, line by line (a fix changes a line, never the line ends)."""
    if not block.places():
        return block.extra
    old_starts = list(itertools.accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
    new_starts = list(itertools.accumulate((len(line) + 1 for line in fixed[:-1]), initial=0))
    opcodes = {
        number: SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
        for number, (old, new) in enumerate(zip(lines, fixed, strict=True))
        if old != new
    }

    def moved(offset: int) -> int:
        number = bisect.bisect_right(old_starts, offset) - 1
        old, new, within = lines[number], fixed[number], offset - old_starts[number]
        if old == new:
            return new_starts[number] + within
        for tag, i1, i2, j1, _ in opcodes[number]:
            if i1 <= within < i2 or within == i2 == len(old):
                return new_starts[number] + (j1 + (within - i1) if tag == "equal" else j1)
        return new_starts[number] + len(new)

    return block.extra_with_places_moved(moved)


def _strip_stray_lead(text: str) -> str:
    match = STRAY_HEADING_LEAD_RE.match(text.strip())
    if not match:
        return text
    rest = text.strip()[match.end() :]
    if "'" in match.group("stray") and ("'" in rest or "\u2019" in rest):
        return text  # an opening quote, closed later in the line
    if not looks_like_heading(rest):
        return text
    leading = text[: len(text) - len(text.lstrip())]
    trailing = text[len(text.rstrip()) :]
    return leading + rest + trailing


def strip_stray_heading_characters(blocks: Sequence[Block], context: RepairContext) -> Repaired:
    """Drop a stray ``-``, ``.``, ``,`` or ``'`` glued to the start of a heading or contents entry."""

    def fix(line: str, block: Block) -> str:
        if block.kind != "text":
            return line
        return _map_cells(line, _strip_stray_lead) if TABLE_ROW_RE.match(line) else _strip_stray_lead(line)

    return _fix_lines(
        blocks,
        "strip_stray_heading_characters",
        fix,
        "stray character before a heading (OCR noise) removed",
        lambda block: block.kind == "text",
    )


def remove_contents_leaders(blocks: Sequence[Block], context: RepairContext) -> Repaired:
    """Drop the leader dots (``..``, ``. . .``) OCR left at the end of contents entries."""

    def fix(line: str, block: Block) -> str:
        if block.kind != "text" or not TABLE_ROW_RE.match(line):
            return line
        return _map_cells(line, lambda cell: LEADER_RE.sub(" ", cell))

    return _fix_lines(
        blocks,
        "remove_contents_leaders",
        fix,
        "leader dots of a contents entry removed",
        lambda block: block.kind == "text" and "|" in block.text,
    )


def close_spaced_ellipses(blocks: Sequence[Block], context: RepairContext) -> Repaired:
    """Write spaced ellipses (``. . .``) as ``...`` (the typography pass makes them ``…``)."""

    def fix(line: str, block: Block) -> str:
        return SPACED_ELLIPSIS_RE.sub(lambda match: "." * match.group().count("."), line)

    return _fix_lines(
        blocks, "close_spaced_ellipses", fix, "spaced ellipsis closed up", lambda block: ". ." in block.text
    )


def remove_stray_heading_dashes(blocks: Sequence[Block], context: RepairContext) -> Repaired:
    """Drop a stray `` - `` between two words of a heading.

    Evidence: the contents table lists the heading without it (conclusive), or lists it with it
    (kept); otherwise it is dropped if both neighbours are capitalised words, for review.
    """
    titles = contents_titles(blocks)
    result: list[Block] = []
    changes: list[Change] = []
    review: list[Review] = []
    for block in blocks:
        match = STRAY_DASH_RE.search(block.text)
        if block.kind != "text" or not match or is_table(block.text) or not looks_like_heading(block.text):
            result.append(block)
            continue
        fixed = STRAY_DASH_RE.sub(" ", block.text)
        if heading_key(fixed, hyphens=True) in titles:
            reason = "the contents table lists this heading without it"
        elif heading_key(block.text, hyphens=True) in titles:
            result.append(block)
            continue
        elif all(_is_capitalised_at(block.text, at) for at in (match.start() - 1, match.end())):
            reason = "it stands between capitalised words of a heading the contents table does not list"
            review.append(
                Review("remove_stray_heading_dashes", block.raw_line(match.start()), block.text, reason)
            )
        else:
            result.append(block)
            continue
        changes.append(
            Change(
                STAGE,
                "remove_stray_heading_dashes",
                block.raw_line(match.start()),
                excerpt(block.text, match.start(), match.end()),
                excerpt(fixed, match.start(), match.start() + 1),
                f"stray ' - ' in a heading removed: {reason}",
            )
        )
        result.append(replace(block, text=fixed))
    return Repaired(result, changes, review)


def _is_capitalised_at(text: str, index: int) -> bool:
    """True if the word around ``text[index]`` starts with a capital."""
    start = index
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return text[start : start + 1].isupper()
