"""Note numbers OCR damaged, restored on the evidence of the note sequence and the page's markers.

* :func:`restore_plain_note_numbers` restores the superscript of a note number OCR read as a
  plain number (and a number OCR misread, damaged or lost), on the evidence of the note sequence
  and the marker in the text above;
* :func:`restore_line_start_markers` restores a note's marker that OCR put at the start of the
  next printed line, where it was taken for a paragraph's start."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from pipeline.lazy_re import lazy_compile
from pipeline.model import Block, Change, Review
from pipeline.repair.base import (
    STAGE,
    RepairContext,
    Repaired,
    context_after,
    excerpt,
    seam_excerpt,
)
from pipeline.repair.evidence import is_paragraph
from pipeline.repair.note_markers import marker_replaced, reopened
from pipeline.text.headings import LABEL_LINE_RE
from pipeline.text.markers import (
    DAMAGED_NUMBER_START_RE,
    DIGIT_MISREADINGS,
    FROM_SUPERSCRIPT,
    MISREAD_NUMBER_RE,
    NOTE_RANGE_DASHES,
    NOTE_START_RE,
    PLAIN_NOTE_START_RE,
    TO_SUPERSCRIPT,
    plain_marker_re,
    spaced_marker_re,
)
from pipeline.text.widths import printed_length
from pipeline.text.words import is_function_word

NOTE_RANGE_SPLIT_RE = lazy_compile(f"[{NOTE_RANGE_DASHES}]")
NEARLY_FULL_SHARE = 0.85  # a line filling this share of its measure ends a paragraph that goes on
SPACED_QUOTE_RE = lazy_compile("[\"\u201c\u2018'] ")  # a quotation mark OCR set apart from its word
TEXT_WORD_START_RE = lazy_compile('^["\u201c\u2018(]?[A-Z][a-z]')  # a capitalised word opening a text


def _note_number(text: str) -> int | None:
    """The (last) number of a note body starting with a superscript number or range."""
    match = NOTE_START_RE.match(text)
    if not match or not match.group("number"):
        return None
    return int(NOTE_RANGE_SPLIT_RE.split(match.group("number"))[-1].translate(FROM_SUPERSCRIPT))


def restore_plain_note_numbers(blocks: Sequence[Block], context: RepairContext) -> Repaired:
    """Restore the superscript of a note number OCR read as a plain number (``87 *Documents…*``).

    A block ``N text`` is taken for note N only on two pieces of evidence: the previous note of
    the book was N-1 (or N is 1: a book printing all its markers as plain digits), or a reader
    found the block as a note at its page's foot; and the text of the same page carries N as a
    plain marker (``Holland" 87``, ``Canterbury1``), or, for a note found at the page's foot, once
    set apart between two words (``the 9 underlying``). Both numbers are made superscript again.
    A note found at the page's foot whose number jumps ahead of the sequence (``31`` after note 10)
    is the next note where the page's text carries that one's marker (``Serle. 11``): OCR misread it.
    One whose number stays out of the sequence, no marker of it found, takes the sequence's next
    place for the notes after it (:func:`_sequence_number`); a 1 so too (a digit of 11 OCR lost):
    the sequence starts again only where the page carries its marker.
    A note found at the page's foot whose number OCR damaged (``1(5 It is``,
    :data:`DAMAGED_NUMBER_START_RE`) is the next note of the sequence where the page's text
    carries that one's marker, or where the notes damaged so fill the gap up to the next number.
    """
    result = list(blocks)
    changes: list[Change] = []
    last_number: int | None = None
    page_text: list[int] = []  # indices of the text blocks since the notes of the previous page
    after_notes = False
    for index, block in enumerate(blocks):
        if block.page_break_before:
            page_text, after_notes = [], False
        if (
            block.kind == "note"
            and last_number is not None
            and (
                _damaged_number(block, last_number + 1)
                or (_unnumbered(block) and _page_marker(result, page_text, last_number + 1, True))
            )
        ):
            found_number = _damaged_note_number(result, page_text, index, last_number + 1)
            if found_number is not None:
                result[index], change = _restore_damaged_number(result[index], last_number + 1, found_number)
                block = result[index]
                changes.append(change)
        match = PLAIN_NOTE_START_RE.match(block.text)
        number = int(match.group("number")) if match else _note_number(block.text)
        follows = last_number is not None and number == last_number + 1
        found = None
        if match and number is not None and (number == 1 or follows or block.kind == "note"):
            printed = match.group("number")
            found = _page_marker(result, page_text, number, block.kind == "note")
            if (
                found is None
                and block.kind == "note"
                and last_number is not None
                and number > last_number + 1
            ):
                found = _page_marker(result, page_text, last_number + 1, True)
                number = number if found is None else last_number + 1
            restore = _restore_marker
            if (
                found is None
                and block.kind == "note"
                and (follows or _next_note(blocks, index) == number + 1)
            ):
                found, restore = _misread_marker(result, page_text, number), _restore_misread_marker
            if found is not None:
                at, marker = found
                result[at], marker_change = restore(result[at], marker, number)
                result[index], note_change = _restore_note_number(block, number, printed)
                changes += [marker_change, note_change]
        if result[index].kind == "note":
            stray = match is not None and found is None and not follows
            last_number = _sequence_number(last_number, number, stray)
            after_notes = True
            continue
        if after_notes:
            page_text, after_notes = [], False
        page_text.append(index)
    return Repaired(result, changes, [])


def _sequence_number(last: int | None, number: int | None, stray: bool) -> int | None:
    """The number of the book's last note after a note numbered ``number`` (``None``: none read),
    the one before being ``last``: a ``stray`` number (printed plain out of the sequence, its
    marker nowhere on the page: ``58`` after note 37, OCR misread it) only takes the sequence's
    next place."""
    if number is None:
        return last
    return last + 1 if stray and last is not None else number


def _damaged_number(block: Block, number: int | None = None) -> re.Match[str] | None:
    """The damaged number opening a note block (:data:`DAMAGED_NUMBER_START_RE`), if it opens
    with no number or symbol as printed (a plain number is one, unless a quotation mark OCR set
    apart follows it: ``3 \u2018 Babbage``); a number's two digits set apart (``4 5``) are note
    ``number``'s, if given."""
    damaged = DAMAGED_NUMBER_START_RE.match(block.text)
    plain = PLAIN_NOTE_START_RE.match(block.text)
    if NOTE_START_RE.match(block.text) or damaged is None:
        return None
    split = damaged.group("split")
    if split and number is not None and split.replace(" ", "") != str(number):
        return None
    if plain and not split and not SPACED_QUOTE_RE.match(block.text, damaged.end()):
        return None
    if number is not None and damaged.group("marker") == str(number):
        return None  # the number as printed: only the quotation mark after it is set apart
    return damaged


def _damaged_note_number(
    blocks: Sequence[Block], page_text: Sequence[int], index: int, number: int
) -> str | None:
    """The evidence that the note block ``index``, its number damaged, is note ``number``: the
    notes right after it with damaged numbers fill the gap up to the next note printed with its
    number, or the page's text carries its marker and that next note (if any) does not stand
    before it (a number far ahead is one OCR misread: ``58`` for 38). Where one note lacks before
    that next one and the page carries the markers of both places, the lost note may be either
    (``*3.`` before note 14, markers 12 and 13 above): none, unless its digits read its number
    set apart (``1 6``)."""
    damaged = 1
    following: int | None = None
    for block in blocks[index + 1 :]:
        if block.kind != "note" or block.page_break_before:
            break
        if not _damaged_number(block, number + damaged):
            start = PLAIN_NOTE_START_RE.match(block.text)
            following = int(start.group("number")) if start else _note_number(block.text)
            break
        damaged += 1
    if following == number + damaged:
        return f"the notes after it go on with note {following}"
    after = following is None or following >= number + damaged
    opening = _damaged_number(blocks[index], number)
    read = opening is not None and opening.group("split") is not None  # ``1 6``: its digits read
    lost = following == number + damaged + 1 and not read
    either = lost and _page_marker(blocks, page_text, number + damaged, True) is not None
    if after and not either and _page_marker(blocks, page_text, number, True) is not None:
        return f"the page's text carries note {number}'s marker"
    return None


def _unnumbered(block: Block) -> bool:
    """Whether a note block opens with a word of its text, no number nor symbol (``The Freeling
    (after …``): a note whose number OCR lost, found at the page foot by its type
    (:mod:`pipeline.readers.page_foot`)."""
    return TEXT_WORD_START_RE.match(block.text) is not None


def _restore_damaged_number(block: Block, number: int, evidence: str) -> tuple[Block, Change]:
    """Print note ``number`` as a plain number in place of the damaged one opening ``block``, or
    before its text where OCR lost it (made superscript with the other plain numbers)."""
    damaged = DAMAGED_NUMBER_START_RE.match(block.text)
    printed = (
        f"opens with {damaged.group('marker')!r}, a number OCR damaged" if damaged else "has lost its number"
    )
    explanation = f"a note at the page foot {printed}: it follows note {number - 1} and {evidence}, "
    explanation += f"so it is note {number}"
    cut = damaged.end() if damaged else 0
    return reopened(block, cut, f"{number} ", "restore_plain_note_numbers", explanation)


def _page_marker(
    blocks: Sequence[Block], page_text: Sequence[int], number: int, at_foot: bool
) -> tuple[int, re.Match[str]] | None:
    """Where the page's text carries note ``number``'s plain marker (the lowest such place), or
    for a note found at the page's foot (``at_foot``) its marker set apart between two words; never
    on a division's label (``Chapter 2``: :func:`_on_label_line`)."""
    marker_re = plain_marker_re(str(number))
    found = next(
        (
            (i, marker)
            for i in reversed(page_text)
            for marker in marker_re.finditer(blocks[i].text)
            if not _on_label_line(blocks[i].text, marker)
        ),
        None,
    )
    return _spaced_marker(blocks, page_text, number) if found is None and at_foot else found


def _spaced_marker(
    blocks: Sequence[Block], page_text: Sequence[int], number: int
) -> tuple[int, re.Match[str]] | None:
    """The one place of the page's text where note ``number`` (found at the page's foot) stands
    set apart between two words (:func:`spaced_marker_re`), if there is exactly one."""
    pattern = spaced_marker_re(str(number))
    found = [
        (i, match)
        for i in page_text
        for match in pattern.finditer(blocks[i].text)
        if not _on_label_line(blocks[i].text, match)
    ]
    return found[0] if len(found) == 1 else None


def _on_label_line(text: str, match: re.Match[str]) -> bool:
    """Whether ``match`` stands on a line of ``text`` that is a division's label alone
    (:data:`~pipeline.text.headings.LABEL_LINE_RE`: ``Chapter 2``, whose number is no note's)."""
    start = text.rfind("\n", 0, match.start()) + 1
    end = text.find("\n", match.end())
    return LABEL_LINE_RE.match(text[start : end if end >= 0 else len(text)]) is not None


def _next_note(blocks: Sequence[Block], index: int) -> int | None:
    """The number of the note right after block ``index`` on its page, plain or superscript."""
    after = blocks[index + 1] if index + 1 < len(blocks) else None
    if after is None or after.kind != "note" or after.page_break_before:
        return None
    plain = PLAIN_NOTE_START_RE.match(after.text)
    return int(plain.group("number")) if plain else _note_number(after.text)


def _misread_marker(
    blocks: Sequence[Block], page_text: Sequence[int], number: int
) -> tuple[int, re.Match[str]] | None:
    """The one place of the page's text where note ``number`` (found at the page's foot) stands as
    OCR misread it (:data:`MISREAD_NUMBER_RE`: ``Society B began`` for note 8, ``Creek.” ls`` for
    note 15), if there is exactly one; a frequent word (``so``) is none."""
    found = [
        (i, match)
        for i in page_text
        for match in MISREAD_NUMBER_RE.finditer(blocks[i].text)
        if match.group("token").translate(DIGIT_MISREADINGS) == str(number)
        and not is_function_word(match.group("token").lower())
    ]
    return found[0] if len(found) == 1 else None


def _restore_misread_marker(block: Block, match: re.Match[str], number: int) -> tuple[Block, Change]:
    """Print the note marker ``match`` OCR misread in ``block`` as note ``number``'s superscript."""
    explanation = (
        f"note {number} at the page foot follows note {number - 1}, and its marker is nowhere in the "
        f"page's text: {match.group('token')!r} reads {number} with the letters OCR takes small digits "
        "for, and stands once on the page where a marker may"
    )
    superscript = str(number).translate(TO_SUPERSCRIPT)
    return marker_replaced(block, match, superscript, "restore_plain_note_numbers", explanation)


def _restore_marker(block: Block, match: re.Match[str], number: int) -> tuple[Block, Change]:
    """Make the plain note marker ``match`` found in ``block`` superscript."""
    explanation = (
        f"note marker {number} printed as a plain number: made superscript (note {number} "
        + (f"follows note {number - 1}" if number > 1 else "opens a note sequence")
        + " at the page foot)"
    )
    superscript = str(number).translate(TO_SUPERSCRIPT)
    return marker_replaced(block, match, superscript, "restore_plain_note_numbers", explanation)


def _restore_note_number(
    block: Block, number: int, printed: str, rule: str = "restore_plain_note_numbers"
) -> tuple[Block, Change]:
    """Make the plain number ``printed`` opening a note body note ``number``'s superscript (the
    change logged under ``rule``)."""
    misread = "" if printed == str(number) else f" (OCR read {printed}: the note after {number - 1})"
    explanation = (
        f"note body numbered {number}{misread} without superscript: it "
        + ("continues" if number > 1 else "opens")
        + " the note sequence and its marker is in the text above, so it is a note"
    )
    superscript = str(number).translate(TO_SUPERSCRIPT)
    restored, change = reopened(block, len(printed), superscript, rule, explanation)
    return replace(restored, kind="note"), change


def restore_line_start_markers(blocks: Sequence[Block], context: RepairContext) -> Repaired:
    """Restore the marker of a note that OCR put at the start of the next printed line, where it
    was taken for a paragraph's start (``… the bottom sound.`` / ``17 That Eyre had missed …``).

    A note at the page foot still opening with a plain number N (no marker of it was found on the
    page), whose number follows the book's note before it or precedes the page's note after it:
    where exactly one text block of the page opens with N, right after a paragraph of the page
    ending on a line nearly full (:data:`NEARLY_FULL_SHARE`: it goes on, the marker at its end), N is
    the marker at that paragraph's end; it is made superscript there and the two blocks are one
    paragraph again. After a paragraph ending on a short line, the number may be printed before
    the block's text (a list's item): left, for review."""
    pages: list[list[Block]] = []
    for block in blocks:
        if block.page_break_before or not pages:
            pages.append([])
        pages[-1].append(block)
    result: list[Block] = []
    changes: list[Change] = []
    review: list[Review] = []
    last_number: int | None = None
    for page in pages:
        index = 0
        while index < len(page):
            plain = PLAIN_NOTE_START_RE.match(page[index].text) if page[index].kind == "note" else None
            number = int(plain.group("number")) if plain else _note_number(page[index].text)
            if (
                plain
                and number is not None
                and (last_number == number - 1 or _next_note(page, index) == number + 1)
            ):
                moved, doubts = _move_line_start_marker(page, index, number, plain.group("number"))
                index -= bool(moved)  # the two blocks above it made one, the note moved up
                changes += moved
                review += doubts
            if page[index].kind == "note" and number is not None:
                last_number = number
            index += 1
        result += page
    return Repaired(result, changes, review)


def _move_line_start_marker(
    page: list[Block], index: int, number: int, printed: str
) -> tuple[list[Change], list[Review]]:
    """For the note block ``index`` of ``page`` (changed in place), note ``number`` printed plain:
    its marker moved back from the start of the page's text block opening with it, as
    :func:`restore_line_start_markers` tells; the changes (the marker's, the note's), or the doubt."""
    opening = _opening_marker(page[:index], number)
    if opening is None:
        return [], []
    rest = page[opening].text[len(printed) + 1 :]
    if (_last_line_fill(page[opening - 1]) or 0) < NEARLY_FULL_SHARE:
        doubt = (
            f"may open with note {number}'s marker, found nowhere else on the page; the line before "
            "is short: left"
        )
        first_line = page[opening].first_line
        return [], [Review("restore_line_start_markers", first_line, context_after(rest, 0), doubt)]
    page[opening - 1 : opening + 1], change = _marker_moved_back(page[opening - 1], page[opening], number)
    rule = "restore_line_start_markers"
    page[index - 1], note_change = _restore_note_number(page[index - 1], number, printed, rule)
    return [change, note_change], []


def _last_line_fill(block: Block) -> float | None:
    """How much of its page's measure the last printed line of a paragraph read from wrapped lines
    fills (``extra["past_measure"]``, :func:`pipeline.readers.wrapped_lines.paragraph_block`)."""
    if "past_measure" not in block.extra:
        return None
    starts = block.extra.get("line_starts", [])
    last = block.text[starts[-1]["offset"] :] if starts else block.text
    length = printed_length(last.rsplit("\n", 1)[-1])
    return length / (length - block.extra["past_measure"])


def _opening_marker(page: Sequence[Block], number: int) -> int | None:
    """The one text block of ``page`` (the blocks above a note) opening with ``number`` right after
    a paragraph, if there is one."""
    pattern = re.compile(rf"^{number} \S")
    found = [
        index
        for index, block in enumerate(page)
        if index and block.kind == "text" and pattern.match(block.text) and is_paragraph(page[index - 1])
    ]
    return found[0] if len(found) == 1 else None


def _marker_moved_back(first: Block, second: Block, number: int) -> tuple[list[Block], Change]:
    """One paragraph of ``first`` and ``second``, the plain note number ``number`` opening the
    second made the superscript marker at the first's end."""
    printed = PLAIN_NOTE_START_RE.match(second.text)
    assert printed is not None
    marker = str(number).translate(TO_SUPERSCRIPT)
    text = f"{first.text}{marker} {second.text[printed.end() :]}"
    offset = len(first.text) + len(marker) + 1
    extra = {key: value for key, value in first.extra.items() if key not in ("room", "past_measure")}
    extra |= {key: second.extra[key] for key in ("room", "past_measure") if key in second.extra}
    moved = [
        {**place, "offset": place["offset"] - printed.end() + offset}
        for place in second.extra.get("line_starts", [])
    ]
    extra["line_starts"] = [
        *first.extra.get("line_starts", []),
        {"line": second.first_line, "offset": offset},
        *moved,
    ]
    joined = replace(first, text=text, last_line=second.last_line, extra=extra)
    explanation = (
        f"note {number}'s marker stands nowhere on the page but at the start of line {second.first_line}, "
        "which OCR took for a paragraph's start: it is the marker at the end of the line before, "
        "and the paragraph goes on"
    )
    change = Change(
        STAGE,
        "restore_line_start_markers",
        second.first_line,
        seam_excerpt(first.text, second.text),
        excerpt(text, len(first.text), offset),
        explanation,
    )
    return [joined], change
