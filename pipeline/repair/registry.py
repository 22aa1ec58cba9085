"""Every repair of the stage, in the order they run (:data:`REPAIRS`), and the run over a book."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.layout import LAYOUT_RULE_PREFIX, LayoutFurniture
from pipeline.model import Block, Change, Review
from pipeline.model.geometry import Geometry
from pipeline.model.pages import InputEvidence
from pipeline.readers import DEFAULT_READER, read_input
from pipeline.repair.base import Repair, RepairContext, Repaired
from pipeline.repair.furniture import remove_page_furniture
from pipeline.repair.headings import (
    close_spaced_ellipses,
    remove_contents_leaders,
    remove_stray_heading_dashes,
    strip_stray_heading_characters,
)
from pipeline.repair.hyphenation import rejoin_inline_hyphenation, rejoin_words_cut_without_hyphen
from pipeline.repair.note_numbers import restore_line_start_markers, restore_plain_note_numbers
from pipeline.repair.note_symbols import restore_note_symbols
from pipeline.repair.notes import attach_note_continuations, classify_note_blocks
from pipeline.repair.page_breaks import rejoin_page_breaks
from pipeline.repair.placed_markers import restore_placed_note_markers
from pipeline.repair.typesetting import typeset_blocks
from pipeline.repair.vocabulary import BookVocabulary

# The repairs of the text's structure, in order: page furniture goes first (it stands between the
# halves of cut paragraphs), notes are told apart before any text is joined, headings are cleaned
# before the joins ask whether a block is one, and words broken inside blocks are decided before
# the page-break joins meet their halves.
STRUCTURAL_REPAIRS: tuple[Repair, ...] = (
    remove_page_furniture,
    classify_note_blocks,
    restore_note_symbols,
    restore_plain_note_numbers,
    restore_line_start_markers,
    restore_placed_note_markers,
    remove_contents_leaders,
    close_spaced_ellipses,
    strip_stray_heading_characters,
    remove_stray_heading_dashes,
    rejoin_inline_hyphenation,
    rejoin_words_cut_without_hyphen,
    attach_note_continuations,
    rejoin_page_breaks,
)
# Every repair of the stage: the typographic pass comes last.
REPAIRS: tuple[Repair, ...] = (*STRUCTURAL_REPAIRS, typeset_blocks)


def repair_blocks(
    blocks: Sequence[Block], context: RepairContext, repairs: Sequence[Repair] = REPAIRS
) -> Repaired:
    """Run ``repairs`` in order on the blocks of one book; the changes and review items are
    sorted by raw line."""
    changes: list[Change] = []
    review: list[Review] = []
    current = list(blocks)
    for repair_step in repairs:
        current, found, doubts = repair_step(current, context)
        changes += found
        review += doubts
    changes.sort(key=lambda change: change.line)
    review.sort(key=lambda item: item.line)
    return Repaired(current, changes, review)


def repair(
    text: str, typeset: bool = True, furniture: LayoutFurniture | None = None, reader: str | None = None
) -> Repaired:
    """Repair a normalised book text: its blocks, the changes made and the decisions to review
    (:func:`repair_text` without how the text was read)."""
    return repair_text(text, typeset, furniture, reader)[0]


def repair_text(
    text: str,
    typeset: bool = True,
    furniture: LayoutFurniture | None = None,
    reader: str | None = None,
    geometry: Geometry | None = None,
) -> tuple[Repaired, InputEvidence]:
    """Repair a normalised book text; also say how it was read.

    ``typeset`` adds the typographic pass; ``furniture`` holds the book's layout settings for
    running heads and page numbers; ``reader`` (the book's ``layout.input``) names the reader,
    else :func:`pipeline.readers.detect_reader` chooses it; ``geometry``, where structured OCR gave
    the text (:mod:`pipeline.extract`), the places of its lines.
    """
    blocks, evidence = read_input(text, reader, geometry)
    raised = {number: line for number, line in geometry.lines().items() if line.raised} if geometry else {}
    context = RepairContext(
        BookVocabulary.from_texts([text]),
        furniture or LayoutFurniture(),
        evidence.reader != DEFAULT_READER,
        raised,
    )
    repaired = repair_blocks(blocks, context, REPAIRS if typeset else STRUCTURAL_REPAIRS)
    decision = input_review(evidence)
    review = [*([] if decision is None else [decision]), *pages_read_again(geometry), *repaired.review]
    return repaired._replace(review=review), evidence


def pages_read_again(geometry: Geometry | None) -> list[Review]:
    """A review item for each page read again from its image (:mod:`pipeline.extract.read_again`):
    the OCR files held no text of it, and its text is another reading of the page."""
    reviews = []
    for page in geometry.pages if geometry else []:
        if page.read_again:
            text = " / ".join(line.text for line in page.lines)
            reviews.append(Review("read_again", page.lines[0].line, text, page.read_again))
    return reviews


def input_review(evidence: InputEvidence) -> Review | None:
    """The review item saying how the text was read, and on what evidence; none for a text read,
    as detected, one paragraph per line (the input every book had before readers were chosen)."""
    if not evidence.given and evidence.reader == DEFAULT_READER:
        return None
    detected = evidence.detected.replace("_", " ")
    how = f"layout setting (detection says {detected})" if evidence.given else "detected"
    return Review(
        f"{LAYOUT_RULE_PREFIX}input",
        1,
        f"input: {evidence.reader.replace('_', ' ')}",
        f"{how}; measured: {evidence.measured}",
    )
