"""Footnote bodies: which blocks are notes, and note text OCR displaced among the running text.

* :func:`classify_note_blocks` marks footnote bodies ``kind: "note"``;
* :func:`attach_note_continuations` gives note text that OCR put among the running text back to
  the note it continues.

The notes' damaged markers (symbols, superscript numbers) are restored in
:mod:`pipeline.repair.note_symbols` and :mod:`pipeline.repair.note_numbers`.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import replace

from pipeline.lazy_re import lazy_compile
from pipeline.model import Block, Change, Review
from pipeline.repair.base import (
    SEAM_MARK,
    STAGE,
    RepairContext,
    Repaired,
    context_after,
    context_before,
    excerpt,
)
from pipeline.repair.evidence import is_list_item, is_paragraph, starts_lower
from pipeline.repair.hyphenation import Seam, join_at_seam
from pipeline.repair.vocabulary import BookVocabulary
from pipeline.text.markers import NOTE_START_RE
from pipeline.text.punctuation import ends_clause, ends_sentence

# A page holds at most about a dozen blocks (paragraphs and notes): displaced note text is looked
# for within that distance of the note before it.
PAGE_MAX_BLOCKS = 12
# a block that is a number and a full stop alone (``1870.``: a citation's year)
NUMBER_WITH_STOP_RE = lazy_compile(r"\s*\d{1,4}\.\s*")


def classify_note_blocks(blocks: Sequence[Block], context: RepairContext) -> Repaired:
    """Mark footnote bodies (a superscript number or range, or ``*``/``†``, then text) as ``note``;
    the notes a reader found at page feet (:mod:`pipeline.readers.page_foot`) stay notes. A symbol
    alone on its printed line (``*`` set between paragraphs) opens no note: a note's marker stands
    on the line of its text."""

    def classified(block: Block) -> Block:
        start = NOTE_START_RE.match(block.text)
        alone = start is not None and block.raw_line(start.start("text")) != block.first_line
        kind = "note" if block.kind == "note" or (start and not alone) else "text"
        return block if block.kind == kind else replace(block, kind=kind)

    return Repaired(list(map(classified, blocks)), [], [])


def _previous_text(blocks: Sequence[Block], index: int) -> int | None:
    return next((i for i in range(index - 1, -1, -1) if blocks[i].kind != "note"), None)


def _next_text(blocks: Sequence[Block], index: int) -> int | None:
    return next((i for i in range(index + 1, len(blocks)) if blocks[i].kind != "note"), None)


def _displaced_note_evidence(blocks: Sequence[Block], index: int, note: Block | None) -> str:
    """Why the text block at ``index`` is the rest of a note that OCR put among the running text.

    Either it stands between the halves of a cut paragraph (the paragraph before it is unfinished,
    the block after it continues that paragraph in lower case, and it ends a sentence itself, so it
    is not what the next block continues); or it starts in lower case after a finished sentence,
    and the note before it is unfinished; or it stands right above the page's notes, in lower case,
    the note before it unfinished, and it does not open its page after an unfinished paragraph (a
    page's text goes on with the paragraph the page before cut). An empty string if none holds.
    """
    block = blocks[index]
    before, after = _previous_text(blocks, index), _next_text(blocks, index)
    if before is None or not is_paragraph(blocks[before]):
        return ""
    first = blocks[before].text
    unfinished = not ends_sentence(first) and not ends_clause(first)
    if (
        unfinished
        and after is not None
        and ends_sentence(block.text)
        and starts_lower(blocks[after].text)
        and not is_list_item(blocks[after].text)
    ):
        if _page_top_then_foot(blocks, index, after) or _opens_page_after_notes(blocks, index):
            return ""
        return "it stood between the halves of a paragraph cut by a page break"
    if (
        note is not None
        and not ends_sentence(note.text)
        and ends_sentence(first)
        and starts_lower(block.text)
        and not is_list_item(block.text)
    ):
        return "it starts in lower case after a finished sentence, and the note before it is unfinished"
    if (
        note is not None
        and not ends_sentence(note.text)
        and starts_lower(block.text)
        and ends_sentence(block.text)
        and index + 1 < len(blocks)
        and blocks[index + 1].kind == "note"
        and not (unfinished and _opens_page_after_notes(blocks, index))
    ):
        return "it stands at a page foot right above the notes, and the note before it is unfinished"
    return ""


def _note_end_evidence(blocks: Sequence[Block], index: int) -> str:
    """Why the text block at ``index``, a number and a stop (``1870.``), is the last line of the note
    right before it on its page, which the page's foot gave as a page number (the page numbers'
    sequence did not take it): the note ends in a comma (``Brisbane: By Authority,``), and a
    citation ends so, with its year. An empty string where that does not hold."""
    block = blocks[index]
    if not index or block.page_break_before or block.kind != "text":
        return ""
    note = blocks[index - 1]
    if note.kind == "note" and note.text.rstrip().endswith(",") and NUMBER_WITH_STOP_RE.fullmatch(block.text):
        return "a number and a stop right after a note ending in a comma, on its page: the note's last line"
    return ""


def _opens_page_after_notes(blocks: Sequence[Block], index: int) -> bool:
    """Block ``index`` opens a page right after the notes of the page before: it goes on with the
    paragraph the page break cut, whatever the block after it."""
    return index > 0 and blocks[index].page_break_before and blocks[index - 1].kind == "note"


def _page_top_then_foot(blocks: Sequence[Block], index: int, after: int) -> bool:
    """Block ``index`` opens a page (right after the notes of the page before) and the finished
    lower-case block right after it is the rest of a note at that page's foot: the first continues
    the cut paragraph, the second is the note text."""
    return (
        index > 0
        and starts_lower(blocks[index].text)
        and blocks[index - 1].kind == "note"
        and after == index + 1
        and ends_sentence(blocks[after].text)
    )


def attach_note_continuations(blocks: Sequence[Block], context: RepairContext) -> Repaired:
    """Give note text that OCR placed among the running text back to the note it continues, and
    the rest of a note that the reader found at the top of the next page's foot
    (``extra["continues"]``, :func:`pipeline.readers.wrapped_lines.continued_note_block`).

    The text is appended to the closest note before it (within about a page, on the note's page or
    the next): mid-sentence if
    that note is unfinished, as a new paragraph (a new line) if it ended a sentence. On a page whose
    foot holds the rest of a note, its running text is not taken for it.
    """
    result: list[Block] = []
    changes: list[Change] = []
    review: list[Review] = []
    last_note: int | None = None  # index in ``result``
    pages = list(itertools.accumulate(block.page_break_before for block in blocks))
    found_rest = {page for page, block in zip(pages, blocks, strict=True) if "continues" in block.extra}
    for index, block in enumerate(blocks):
        near = last_note if last_note is not None and _within_a_page(result, last_note, block) else None
        continues = block.extra.get("continues", "") if block.kind == "note" else ""
        if block.kind == "note" and not (continues and near is not None):
            last_note = len(result)
            result.append(block)
            continue
        if continues or pages[index] in found_rest:
            evidence = continues or _note_end_evidence(blocks, index)
        else:
            evidence = _note_end_evidence(blocks, index) or _displaced_note_evidence(
                blocks, index, None if near is None else result[near]
            )
        if evidence and near is not None:
            result[near], change, doubt = _continue_note(result[near], block, evidence, context.vocabulary)
            changes.append(change)
            review += doubt
            continue
        if evidence:
            review.append(
                Review(
                    "attach_note_continuations",
                    block.first_line,
                    context_after(block.text, 0),
                    f"looks like note text ({evidence}), but no note precedes it within a page: left",
                )
            )
        result.append(block)
    return Repaired(result, changes, review)


def _within_a_page(result: Sequence[Block], note: int, block: Block) -> bool:
    """Whether ``block`` may hold the rest of note ``note`` (an index in ``result``, the blocks
    before it): at most :data:`PAGE_MAX_BLOCKS` blocks after it, on its page or the next one."""
    after = [*result[note + 1 :], block]
    return len(after) <= PAGE_MAX_BLOCKS and sum(b.page_break_before for b in after) <= 1


def _continue_note(
    note: Block, block: Block, evidence: str, vocabulary: BookVocabulary
) -> tuple[Block, Change, list[Review]]:
    finished = ends_sentence(note.text)
    if finished:
        seam = Seam(note.text + "\n" + block.text, len(note.text) + 1, None)
    else:
        seam = join_at_seam(note.text, block.text, vocabulary)
    extra = dict(note.extra)
    extra["continued_at"] = [
        *note.extra.get("continued_at", []),
        {"line": block.first_line, "offset": seam.offset},
    ]
    joined = replace(note, text=seam.text, last_line=block.last_line, extra=extra)
    how = "as a new paragraph" if finished else "mid-sentence"
    change = Change(
        STAGE,
        "attach_note_continuations",
        block.first_line,
        context_before(note.text, len(note.text)) + SEAM_MARK + context_after(block.text, 0),
        excerpt(seam.text, seam.offset, seam.offset),
        f"note text (line {block.first_line}) among the running text: {evidence}; appended {how} "
        f"to the note of line {note.first_line}" + (f"; {seam.hyphen_note}" if seam.hyphen else ""),
    )
    review = (
        []
        if not finished and (seam.hyphen is None or seam.hyphen.conclusive)
        else [
            Review(
                "attach_note_continuations",
                block.first_line,
                context_after(block.text, 0),
                f"appended to the note of line {note.first_line}, which "
                + ("had ended a sentence" if finished else f"ends in a hyphen: {seam.hyphen_note}"),
            )
        ]
    )
    return joined, change, review
