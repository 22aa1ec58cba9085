r"""Note markers OCR misread as marks, restored where the page's layout places its footnotes.

OCR reads a small raised note number as a mark more often than as a digit (``proposals.\u2019``,
``events.*``, ``irrelevant.?``, ``hopes.!``, ``Germany.°``). Where structured OCR's geometry found a
page's footnotes (note blocks with ``extra["placed"]``) and the page's text holds no marker for
some of them, the marks where a marker may stand are counted (:data:`MARKS_RE`): marks OCR takes
small digits for after a word or a stop, a question or exclamation mark after a stop, a closing
quotation mark after a stop that closes no quotation its paragraph opened. Where the page has
exactly as many such marks as notes lacking a marker, each mark is read, in order, as the marker
of the page's next such note; else nothing is changed. A note whose number OCR damaged
(``? Sense``, ``1° The``) takes its number from its neighbours' on the page (the note after it less
one, or the note before it plus one); its printed number is restored with its marker.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence

from pipeline.model import Block, Change
from pipeline.repair.base import RepairContext, Repaired
from pipeline.repair.note_markers import marker_replaced, reopened
from pipeline.text.markers import (
    DAMAGED_NUMBER_START_RE,
    FROM_SUPERSCRIPT,
    NOTE_MARKER_RE,
    PLACED_NOTE_START_RE,
    TO_SUPERSCRIPT,
)

RULE = "restore_placed_note_markers"
RAISED_MARKS = "*°®©™º†‡§^~»>\u2018"  # what OCR reads a small raised digit as, printed after no word
QUOTES = {"\u2019": "\u2018", "\u201d": "\u201c", "'": "'"}  # a closing quotation mark → its opening
# marks where a note's marker may stand: after a word, raised marks (perhaps after a closing
# quotation mark); after a stop, those, a question or exclamation mark or a closing quotation mark
MARKS_RE = re.compile(
    rf"(?<=[^\W_])(?P<after_word>[{''.join(QUOTES)}]?[{re.escape(RAISED_MARKS)}]{{1,2}})(?=\s|$)"
    rf"|(?<=[.,;:)])(?P<after_stop>[{''.join(QUOTES)}{re.escape(RAISED_MARKS)}?!]{{1,3}})(?=\s|$)"
)


def restore_placed_note_markers(blocks: Sequence[Block], context: RepairContext) -> Repaired:
    """Read the marks of each page whose placed footnotes lack markers as their markers, and restore
    the damaged numbers of those notes (see the module's docstring)."""
    result = list(blocks)
    changes: list[Change] = []
    for page in _pages(result):
        notes = [index for index in page if result[index].kind == "note" and "placed" in result[index].extra]
        numbers = _sequence([_printed_number(result[index].text) for index in notes])
        if not notes or numbers is None:
            continue
        texts = [index for index in page if result[index].kind == "text"]
        marked = {
            _marker_number(match.group())
            for index in texts
            for match in NOTE_MARKER_RE.finditer(result[index].text)
        }
        lacking = [
            (note, number) for note, number in zip(notes, numbers, strict=True) if number not in marked
        ]
        marks = [(index, span) for index in texts for span in _marks(result[index].text)]
        if not lacking or len(marks) != len(lacking):
            continue
        explanation = (
            f"the page's footnotes (found by their place and type) {', '.join(str(n) for _, n in lacking)} "
            f"have no marker in its text, which has as many marks where a marker may stand ({len(marks)}): "
            "read, in order, as their markers"
        )
        for (at, span), (_, number) in reversed(list(zip(marks, lacking, strict=True))):
            result[at], change = marker_replaced(
                result[at], span, str(number).translate(TO_SUPERSCRIPT), RULE, explanation
            )
            changes.append(change)
        for note, number in lacking:
            damaged = DAMAGED_NUMBER_START_RE.match(result[note].text)
            if damaged is not None and _printed_number(result[note].text) is None:
                why = f"note {number} of the page's sequence: its number misread, between its neighbours'"
                superscript = str(number).translate(TO_SUPERSCRIPT)
                result[note], change = reopened(result[note], damaged.end("marker"), superscript, RULE, why)
                changes.append(change)
    return Repaired(result, changes, [])


def _pages(blocks: Sequence[Block]) -> Iterator[list[int]]:
    """The indices of each page's blocks (a page opens at a block with ``page_break_before``)."""
    page: list[int] = []
    for index, block in enumerate(blocks):
        if block.page_break_before and page:
            yield page
            page = []
        page.append(index)
    if page:
        yield page


def _printed_number(text: str) -> int | None:
    """The number a note's text opens with (superscript, plain, or with a stop), or ``None``."""
    start = PLACED_NOTE_START_RE.match(text)
    if start is None:
        return None
    printed = (start.group("number") or start.group("plain") or "").translate(FROM_SUPERSCRIPT)
    return int(printed) if printed.isdigit() else None


def _marker_number(marker: str) -> int | None:
    """The number of a superscript marker (``None`` for a range)."""
    plain = marker.translate(FROM_SUPERSCRIPT)
    return int(plain) if plain.isdigit() else None


def _sequence(numbers: Sequence[int | None]) -> list[int] | None:
    """The page's note numbers, each unread one from its neighbours' (the next less one, or the one
    before plus one); ``None`` where one cannot be told or they do not rise by one."""
    known = list(numbers)
    for at in range(len(known)):
        if known[at] is None and at + 1 < len(known) and known[at + 1] is not None:
            known[at] = known[at + 1] - 1  # type: ignore[operator]
    for at in range(len(known)):
        if known[at] is None and at and known[at - 1] is not None:
            known[at] = known[at - 1] + 1  # type: ignore[operator]
    if any(number is None or number < 1 for number in known):
        return None
    filled = [number for number in known if number is not None]
    return filled if all(after == before + 1 for before, after in itertools.pairwise(filled)) else None


def _marks(text: str) -> list[tuple[int, int]]:
    """Where ``text`` has marks a note's marker may stand as (:data:`MARKS_RE`), as spans; a closing
    quotation mark that closes a quotation the text opened is none, the marks after it are."""
    found = []
    for match in MARKS_RE.finditer(text):
        start, end = match.span()
        opening = QUOTES.get(text[start])
        if opening is not None and _opened(text[:start], opening, text[start]):
            start += 1
        if start < end:
            found.append((start, end))
    return found


def _opened(before: str, opening: str, closing: str) -> bool:
    """Whether ``before`` leaves a quotation open: more openings than closings (a straight quote
    opens where it stands before a word)."""
    if opening == closing:
        opens = len(re.findall(rf"(?:^|(?<=\s)){re.escape(opening)}(?=\w)", before))
        closes = len(re.findall(rf"(?<=[^\s]){re.escape(closing)}(?=\s|$)", before))
    else:
        opens, closes = before.count(opening), before.count(closing)
    return opens > closes
