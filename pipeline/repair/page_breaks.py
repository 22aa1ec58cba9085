"""Paragraphs cut by page breaks: whether a block continues the paragraph before it, and the join.

The notes, plates' captions and page furniture that stood between the halves follow the joined paragraph; the
place of each break is kept in ``extra["page_breaks"]``. Page furniture is what
:func:`pipeline.repair.furniture.furniture_shaped` recognises: the furniture repair, which runs
first, removed what it could confirm; what is left is skipped here when it stands between halves.
Where structured OCR placed the next page's first line in a book that indents its paragraphs
(``extra["indented"]``, :mod:`pipeline.readers.geometry`), its indent decides a join the text leaves
in doubt; a block it set apart as a heading is (centred, or in larger type: ``extra["set_apart"]``)
is a heading whatever its words (``Agents Northern [ran``: OCR's bracket for an ``I``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import NamedTuple

from pipeline.lazy_re import lazy_compile
from pipeline.model import Block, Change, Review
from pipeline.model.blocks import HEADING_PLACES, SET_APART
from pipeline.repair.base import STAGE, RepairContext, Repaired, excerpt, seam_excerpt
from pipeline.repair.evidence import (
    contents_titles,
    first_char_class,
    is_heading,
    is_list_item,
    is_set_apart,
    starts_lower,
)
from pipeline.repair.furniture import furniture_shaped
from pipeline.repair.hyphenation import (
    broken_word_at_end,
    join_at_seam,
)
from pipeline.repair.vocabulary import BookVocabulary
from pipeline.text.markers import SUPERSCRIPT_DIGITS, SUPERSCRIPT_MINUS
from pipeline.text.punctuation import (
    LIST_BULLET,
    ends_clause,
    ends_glued,
    ends_sentence,
    ends_with_comma,
    opens_quote,
    plain_text,
)
from pipeline.text.widths import printed_length
from pipeline.text.words import first_word, is_function_word, last_word

NOT_JOINED = "not joined: "  # how a review item for a refused page-break join starts
# A sentence ended on a full line: the text cannot tell whether the paragraph goes on. The reader goes
# on over such a line within a page, and so does the join across a page break, unless a quotation
# opens the next page (a quoted passage set as its own paragraph); where no page break stands between
# them (a blank line, or a line left out, stood there) the blocks stay apart.
FULL_LINE_SENTENCE_END = (
    "the page ends a sentence on a full line (no room was left for the next word), so the paragraph "
    "may go on across the break or end there; joined, as such lines are within a page: check the printed page"
)
FULL_LINE_KEPT = (
    "a sentence ends on a full line and {why}, so a new paragraph may start there; kept as two "
    "paragraphs: check the printed page"
)
# A paragraph's last line ends with a mark: a page ending in a word on a line that left no room for
# the next page's first word goes on there.
FULL_LINE_WORD_END = "the first part ends in a word on a full line (no room was left for the next word)"
# A word seen this often in the book and never before a full stop cannot end a sentence.
NEVER_FINAL_MIN_COUNT = 3
QUOTE_END_RE = lazy_compile(rf"[\"\u201d\u2019][{SUPERSCRIPT_DIGITS}{SUPERSCRIPT_MINUS}\s*_]*$")
# A last line running more characters than this past its page's measure is set in smaller type (a
# footnote OCR set in the running text), not a full line of the paragraph.
OVERFULL_CHARACTERS = 6
BULLET_RE = lazy_compile(rf"^\s*{LIST_BULLET}")


def is_plate(block: Block) -> bool:
    """A picture's caption printed apart from the text (:meth:`Block.caption_reason`): a plate's
    page (:func:`pipeline.readers.wrapped_lines.plate_pages`) bound in between the halves of a
    paragraph, which it does not end, or a caption standing apart on a page."""
    return block.caption_reason() is not None


def ends_page(block: Block) -> bool:
    """A block that stands at the end of its page: a note (at the page foot), or a plate's page."""
    return block.kind == "note" or "plate" in block.extra


def is_inserted(block: Block, first: Block | None, between: Sequence[Block]) -> bool:
    """Lines set on their own (``extra["lineated"]``, :func:`pipeline.readers.wrapped_lines.read_run`:
    a table) opening a page while the paragraph ``first`` before the break is cut mid-sentence, with
    nothing but notes ``between`` them: set in where the page had room, as a plate is bound in, so
    the paragraph may go on after it."""
    return (
        "lineated" in block.extra
        and block.page_break_before
        and first is not None
        and all(item.kind == "note" for item in between)
        and first.kind == "text"
        and not is_set_apart(first.text)
        and _ends_in_a_word(first.text)
    )


def _ends_in_a_word(text: str) -> bool:
    """The text ends with a word, a comma or a word broken by a hyphen: cut mid-sentence, not
    announcing what follows (``as follows:—``)."""
    last = plain_text(text).rstrip()[-1:]
    return last.isalpha() or last == "," or bool(broken_word_at_end(text))


class JoinDecision(NamedTuple):
    """Whether a block continues the paragraph before it, why, and whether an editor should look."""

    join: bool
    reason: str
    doubtful: bool = False


def _neverends_sentence(word: str, vocabulary: BookVocabulary) -> bool:
    key = word.lower()
    return vocabulary.words[key] >= NEVER_FINAL_MIN_COUNT and not vocabulary.sentence_final[key]


def ends_full_line(first: Block, continuation: str) -> bool:
    """The printed line ``first`` ends on had no room for the first word of ``continuation``
    (``extra["room"]``, known for a paragraph read from wrapped lines), and runs no further past
    the page's measure than a full line may (``extra["past_measure"]``, :data:`OVERFULL_CHARACTERS`)."""
    words = continuation.split(maxsplit=1)
    if "room" not in first.extra or not words:
        return False
    full = first.extra["room"] <= printed_length(words[0])
    return full and first.extra.get("past_measure", 0) <= OVERFULL_CHARACTERS


def decided_by_reader(first: Block, second: Block) -> bool:
    """The reader cut ``first`` from ``second`` on the evidence of its last printed line
    (``extra["room"]``): they stand on consecutive raw lines of one page (``second`` opens no page:
    a form feed opens a page without a line of its own, so the last line of a page without a folio
    and the first of the next are consecutive too)."""
    return "room" in first.extra and second.first_line == first.last_line + 1 and not second.page_break_before


def _cut_mid_sentence(text: str, vocabulary: BookVocabulary) -> str:
    """Why ``text`` must go on (a comma, dash or hyphen at its end, or a word that never ends a
    sentence in the book), or an empty string."""
    if ends_with_comma(text):
        return "the first part ends with a comma"
    if broken_word_at_end(text) or ends_glued(text):
        return "the first part ends with a hyphen or dash"
    word = last_word(plain_text(text))
    if word and _neverends_sentence(word, vocabulary):
        return f"the first part ends with '{word}', which never ends a sentence in the book"
    return ""


def decide_page_break_join(
    first: Block, second: Block, vocabulary: BookVocabulary, listed: frozenset[str] = frozenset()
) -> JoinDecision:
    """Decide whether ``second`` continues the paragraph ``first`` that a page break cut.

    ``listed`` holds the headings the contents table lists (see :func:`contents_titles`).
    """
    text = first.text
    if first.kind != "text" or is_set_apart(text):
        return JoinDecision(False, "the first block is a heading, table or set line by line")
    if is_heading(second.text, listed) or is_set_apart(second.text):
        return JoinDecision(False, "the next block is a heading, table or separator")
    continuation = _strip_spurious_bullet(text, second.text)
    if is_list_item(continuation):
        return JoinDecision(False, "the next block is a list item")
    placed = first.extra.get(SET_APART)
    by_place = placed in HEADING_PLACES
    if is_heading(text, listed) or by_place:
        if starts_lower(continuation):
            return JoinDecision(
                True, "the first part looks like a title but the next block continues it", True
            )
        return JoinDecision(False, f"the first block is a heading{f' ({placed})' if by_place else ''}")
    if ends_sentence(text):
        if starts_lower(continuation) and ends_full_line(first, continuation):
            return JoinDecision(
                True, "the next block starts in lower case and the first part ends on a full line", True
            )
        if starts_lower(continuation):
            return JoinDecision(
                False, "the next block starts in lower case, but the first part ends a sentence", True
            )
        if ends_full_line(first, continuation):
            if "indented" in second.extra:
                return _decide_by_indent(
                    second.extra["indented"], "the first part ends a sentence on a full line"
                )
            kept = _new_paragraph_after_full_line(second, continuation)
            if kept:
                return JoinDecision(False, FULL_LINE_KEPT.format(why=kept), True)
            return JoinDecision(True, FULL_LINE_SENTENCE_END, True)
        return JoinDecision(False, "the first part ends a sentence")
    if starts_lower(continuation):
        if ends_clause(text):
            return JoinDecision(
                True, "continues in lower case after a colon or semicolon", text.rstrip().endswith(":")
            )
        return JoinDecision(True, "the continuation starts in lower case")
    if ends_clause(text):
        return JoinDecision(False, "the first part ends with a colon or semicolon")
    if first_char_class(text.split("\n")[-1]) == first_char_class(continuation) == "digit":
        return JoinDecision(False, "both blocks start like entries of one list (a number first)", True)
    decision = _decide_capital_continuation(first, continuation, vocabulary)
    if decision.doubtful and "indented" in second.extra:
        return _decide_by_indent(second.extra["indented"], decision.reason)
    return decision


def _decide_by_indent(indented: bool, doubt: str) -> JoinDecision:
    """The decision the place of the next page's first line gives, where the book indents its
    paragraphs' first lines (``extra["indented"]``, read from structured OCR) and the text leaves
    the join in ``doubt``: an indented line opens a paragraph, a line flush with the text's edge
    goes on with the one the page before cut."""
    if indented:
        return JoinDecision(
            False, f"the next page's first line is indented, as the book opens its paragraphs ({doubt})"
        )
    return JoinDecision(
        True,
        f"the next page's first line is flush with the text's edge, where the book indents its "
        f"paragraphs' first lines ({doubt})",
    )


def _new_paragraph_after_full_line(second: Block, continuation: str) -> str:
    """Why a block after a sentence ended on a full line may start a paragraph (:data:`FULL_LINE_KEPT`):
    no page break stands before it, or it opens a quotation; else an empty string."""
    if not second.page_break_before:
        return "no page break stands before the next"
    if opens_quote(continuation):
        return "the next page opens a quotation"
    return ""


def _decide_capital_continuation(block: Block, continuation: str, vocabulary: BookVocabulary) -> JoinDecision:
    """The first part, ``block``, ends without punctuation and the next starts with a capital or a digit."""
    text = block.text
    last, first = last_word(plain_text(text)), first_word(plain_text(continuation))
    if first_char_class(continuation) == "other":
        return JoinDecision(False, "the next block starts with neither a letter nor a digit")
    if ends_with_comma(text):
        return JoinDecision(True, "the first part ends with a comma")
    if QUOTE_END_RE.search(text):
        return JoinDecision(
            False, "the first part ends with a closing quote: a quotation probably ended there", True
        )
    if last and first and vocabulary.has_pair(last, first):
        return JoinDecision(True, f"the book has '{last} {first}' elsewhere")
    mid_sentence = _cut_mid_sentence(text, vocabulary)
    if first.isdigit():
        return JoinDecision(
            True, f"continues with a number; {mid_sentence or 'no punctuation before it'}", not mid_sentence
        )
    if vocabulary.is_name_like(first):
        reason = f"'{first}' is capitalised inside sentences in the book (a name)"
        return JoinDecision(True, f"{reason}; {mid_sentence or 'no punctuation before it'}", not mid_sentence)
    if mid_sentence:
        return JoinDecision(True, f"{mid_sentence}, though '{first}' usually opens a sentence", True)
    if _goes_on_past_full_line(block, continuation, first):
        return JoinDecision(True, f"{FULL_LINE_WORD_END}, though '{first}' usually opens a sentence", True)
    return JoinDecision(False, f"no punctuation at the end, but '{first}' usually opens a sentence", True)


def _goes_on_past_full_line(block: Block, continuation: str, first: str) -> bool:
    """Whether the page ``block`` ends in a word on a full line (:func:`ends_full_line`), and the next
    page neither opens a quotation nor starts with a grammatical word (``But``, ``The``: a sentence's
    opening, where a line was lost or a table stands between; a name goes on: ``Southeast`` |
    ``Europe``)."""
    return (
        _ends_in_a_word(block.text)
        and ends_full_line(block, continuation)
        and not opens_quote(continuation)
        and not is_function_word(first)
    )


def _strip_spurious_bullet(text: str, continuation: str) -> str:
    """``continuation`` without a list bullet OCR put before the continued line of a list entry.

    The bullet is spurious if the first part is unfinished and the line after the bullet starts in
    lower case (``- ate cessation``) or not like the entries that follow it (``- Republic.`` among
    ``- 20 January…`` entries).
    """
    bullet = BULLET_RE.match(continuation)
    if not bullet or ends_sentence(text) or ends_clause(text):
        return continuation
    rest = continuation[bullet.end() :]
    if starts_lower(rest):
        return rest
    siblings = [first_char_class(line) for line in continuation.split("\n")[1:] if is_list_item(line)]
    own = first_char_class(rest)
    if siblings and all(kind != own for kind in siblings):
        return rest
    return continuation


def rejoin_page_breaks(blocks: Sequence[Block], context: RepairContext) -> Repaired:
    """Join paragraphs cut by page breaks, across the notes and page furniture between the halves.

    The joined paragraph takes the first half's place and the blocks that stood between the halves
    follow it. Each break is kept in ``extra["page_breaks"]`` (raw line of the continuation and its
    offset in the joined text); a text block that follows notes gets ``page_break_before``.

    A join can change the evidence for the seam before it (a short title-like block that turns out
    to start a paragraph), so passes repeat until one joins nothing: the result is idempotent. Only
    the last pass's refusals are reported, since earlier ones may have been overturned. A pass
    meets again most seams the pass before decided: their decisions are remembered.
    """
    changes: list[Change] = []
    doubts: list[Review] = []
    decisions: dict[SeamKey, JoinDecision] = {}
    while True:
        joined = _rejoin_page_breaks_once(blocks, context.vocabulary, decisions)
        changes += joined.changes
        if not joined.changes:
            return Repaired(joined.blocks, changes, doubts + joined.review)
        doubts += [item for item in joined.review if not item.reason.startswith(NOT_JOINED)]
        blocks = joined.blocks


# What :func:`decide_page_break_join` reads of a seam: the kind and text of the block before it,
# the text of the block after it and whether its first line is indented, and the headings the
# contents table lists.
SeamKey = tuple[str, str, str, bool | None, frozenset[str]]


def _rejoin_page_breaks_once(
    blocks: Sequence[Block], vocabulary: BookVocabulary, decisions: dict[SeamKey, JoinDecision]
) -> Repaired:
    """One pass of :func:`rejoin_page_breaks` over ``blocks``; ``decisions`` remembers the seams decided."""
    furniture = furniture_shaped(blocks)
    listed = contents_titles(blocks)
    result: list[Block] = []
    changes: list[Change] = []
    review: list[Review] = []
    open_paragraph: int | None = None  # index in ``result`` of the last block of running text
    for index, block in enumerate(blocks):
        first_half = result[open_paragraph] if open_paragraph is not None else None
        between = result[open_paragraph + 1 :] if open_paragraph is not None else []
        if (
            block.kind == "note"
            or index in furniture
            or is_plate(block)
            or is_inserted(block, first_half, between)
        ):
            result.append(block)
            continue
        if open_paragraph is not None and decided_by_reader(result[open_paragraph], block):
            between = []  # what follows the block before it stood before the page it ends
        elif open_paragraph is not None:
            first = result[open_paragraph]
            seam_key = (first.kind, first.text, block.text, block.extra.get("indented"), listed)
            if seam_key not in decisions:
                decisions[seam_key] = decide_page_break_join(first, block, vocabulary, listed)
            decision = decisions[seam_key]
            if decision.join:
                between, block = _move_page_break(between, block)
                result[open_paragraph + 1 :] = between
                result[open_paragraph], change, doubts = _join_blocks(
                    first, block, between, decision, vocabulary
                )
                changes.append(change)
                review += doubts
                continue
            if decision.doubtful:
                seam = seam_excerpt(first.text, block.text)
                reason = f"{NOT_JOINED}{decision.reason} (the next part starts at line {block.first_line})"
                review.append(Review("rejoin_page_breaks", first.last_line, seam, reason))
        if (
            any(map(ends_page, between))
            and not block.page_break_before
            and not _breaks_before_inserted(between)
        ):
            block = replace(block, page_break_before=True)
        result.append(block)
        open_paragraph = len(result) - 1
    return Repaired(result, changes, review)


def _breaks_before_inserted(between: Sequence[Block]) -> bool:
    """Lines set in at a page top (:func:`is_inserted`) stand among ``between`` with the page break."""
    return any("lineated" in item.extra and item.page_break_before for item in between)


def _move_page_break(between: list[Block], second: Block) -> tuple[list[Block], Block]:
    """The blocks between two halves of a paragraph and its second half, the page break before lines
    inserted between them (:func:`is_inserted`) moved to the second half: the break falls inside
    the paragraph, which goes before what was inserted."""
    inserted = [i for i, item in enumerate(between) if "lineated" in item.extra and item.page_break_before]
    if not inserted:
        return between, second
    table = between[inserted[0]]
    extra = {key: value for key, value in table.extra.items() if key != "page"}
    moved = {"page": table.extra["page"]} if "page" in table.extra else {}
    between = [*between]
    between[inserted[0]] = replace(table, page_break_before=False, extra=extra)
    return between, replace(second, page_break_before=True, extra={**second.extra, **moved})


def _join_blocks(
    first: Block, second: Block, between: list[Block], decision: JoinDecision, vocabulary: BookVocabulary
) -> tuple[Block, Change, list[Review]]:
    continuation = _strip_spurious_bullet(first.text, second.text)
    seam = join_at_seam(first.text, continuation, vocabulary)
    extra = dict(first.extra)
    page_break = {"line": second.first_line, "offset": seam.offset, "in_word": seam.hyphen is not None}
    if "page" in second.extra:  # the printed page number (pipeline.repair.furniture) of the page it opens
        page_break["page"] = second.extra["page"]
    end = len(seam.text) - len(second.text)  # where the second half's text starts in the joined text
    carried_breaks = [
        {**place, "offset": end + place["offset"]} for place in second.extra.get("page_breaks", [])
    ]
    extra["page_breaks"] = [*first.extra.get("page_breaks", []), page_break, *carried_breaks]
    for last_line in ("room", "past_measure"):  # the joined paragraph ends where the second half ends
        extra.pop(last_line, None)
        if last_line in second.extra:
            extra[last_line] = second.extra[last_line]
    if "line_starts" in second.extra:  # the printed lines of the second half, where the joined text has them
        carried = [{**place, "offset": end + place["offset"]} for place in second.extra["line_starts"]]
        extra["line_starts"] = [*first.extra.get("line_starts", []), *carried]
    joined = replace(first, text=seam.text, last_line=second.last_line, extra=extra)
    notes = sum(item.kind == "note" for item in between)
    plates = sum(map(is_plate, between))
    details = [f"paragraph cut by a page break rejoined with line {second.first_line}: {decision.reason}"]
    if notes:
        details.append(f"{notes} note block(s) stood between the halves and now follow it")
    if plates:
        details.append(f"{plates} picture caption(s) stood between the halves and now follow it")
    if any("lineated" in item.extra for item in between):
        details.append(
            "lines set on their own (a table) opened the page between the halves and now follow it"
        )
    if continuation != second.text:
        details.append("the list bullet OCR put before the continued line was dropped")
    if seam.hyphen:
        details.append(seam.hyphen_note)
    before = seam_excerpt(first.text, second.text)
    rule = "dehyphenate" if seam.hyphen else "rejoin_page_breaks"
    change = Change(
        STAGE,
        rule,
        first.last_line,
        before,
        excerpt(seam.text, seam.offset, seam.offset),
        "; ".join(details),
    )
    review = []
    if decision.doubtful:
        review.append(Review("rejoin_page_breaks", first.last_line, before, f"joined: {decision.reason}"))
    if seam.hyphen and not seam.hyphen.conclusive:
        review.append(Review("dehyphenate", first.last_line, before, seam.hyphen_note))
    return joined, change, review
