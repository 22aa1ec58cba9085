r"""Note markers OCR misread as marks, restored where the page's layout places its footnotes.

OCR reads a small raised note number as a mark more often than as a digit (``proposals.\u2019``,
``events.*``, ``irrelevant.?``, ``hopes.!``, ``Germany.°``). Where structured OCR's geometry found a
page's footnotes (note blocks with ``extra["placed"]``) and the page's text holds no marker for some
of them, the marks where a marker may stand are counted (:data:`MARKS_RE`): marks OCR takes small
digits for after a word or a stop, a question or exclamation mark, a vertical bar or a backslash after
a stop, a closing quotation mark after a stop that closes no quotation its paragraph opened, a marker
read as a number none of the page's notes has that may be one lacking a marker with digits lost (``⁴`` for
²⁴); a mark after a digit or two set apart from a stop takes them in (``defeat. 1°`` for
``defeat.¹⁵``). A number set apart after a stop before a sentence's first word (``area. 5 In``) that
is the number of one of the notes lacking a marker counts with the marks where, among them, it
stands as its note does among those notes. A number glued to a word's end after a stop
(``footing.6``: a raised number OCR read plain) that is the number of one of the notes lacking a
marker is that note's marker, unless it and the marks are as many as those notes and it stands
elsewhere in their order than its note (``benefit.1`` after three marks, for note 4): then it is
read in order with them. Where the page has exactly as many such marks as notes lacking a marker,
each mark is read, in order, as the marker of the page's next such note; where it has fewer, the
numbers glued so that name none of the page's notes (``Roosevelt.2`` for note 5) count with them,
then the places where the page image shows a raised glyph OCR did not read
(:mod:`pipeline.extract.raised`, ``RepairContext.raised``), and where they are still fewer, the
closing double quotation marks after a word that close no quotation their paragraph opened
(``Empire”`` for ``Empire.³``), then the question marks after a word ending a sentence that is no
question (``Italy?`` for ``Italy.³``: the stop restored with the marker), then the single closing
quotation marks ending a sentence after a word not ending in s that close no quotation
(``either\u2019 Trotsky`` for ``either.² Trotsky``, the stop restored); where the places so
counted (a place counted once: a raised glyph the image shows where OCR read a mark is that mark)
are as many as the notes, each is read so in order (a glyph's marker inserted after its word). Else
nothing is changed, and the page's notes go to the review list.

A note whose number OCR damaged (``? Sense``, ``1° The``, ``1`` for ``10``) takes its number from
the book's sequence of placed notes (:func:`count_notes`): two or more notes read as numbers that
rise as the notes do are an anchor (notes read alone otherwise between them are damaged numbers: a
numbering never starts again to go on as before); between two anchors whose numbers agree the notes
take the numbers they count to, an anchor's count goes on to the last note read as it gives, and
where the later anchor's numbers start again lower (the book numbers its notes by chapter), the note
its count makes note 1 opens the new run; no run starts again where its numbers are those of the
count before it (or of the count from the book's first note, note 1) with digits lost (``1``, ``2``
for 11 and 12) and its note 1 would stand in the middle of a page. Where the numbers read give no
count, the digits a damaged number opens with (``7?`` for 7, ``1°`` for 10) are read too; where no
two are read in order still, but two or more are as the count from the book's first note, note 1,
may read them, one as it gives, and any other as no numbering gives it there (``4`` for 11), that
count numbers the notes, unconfirmed (:func:`_counted_from_one`). Elsewhere a note takes its number
from its neighbours' on the page (the note after it less one, or the note before it plus one). Its
printed number is restored, logged. A number read that the count contradicts (``8`` for note 13) is
restored where notes read as the count gives stand on both sides of it (so no note was lost or split
between them; the book's start is one side where the count makes its first note note 1); elsewhere
it goes to the review list, and its page is left as it is. The notes after the book's last note read
as the count gives, where none after it is read as a numbering may give there (``46`` for 16, ``4``
for 11 where notes 1 to 3 would stand on notes counted, ``8`` for 33 where note 1 would stand in the
middle of a page, any lower number where the count went on over a division's label: the book
numbers its notes through its chapters), or where every number read after it and the digits its
damaged numbers open with, two or more in all, are its count with digits lost (``5``, ``2!``,
``3°`` for 25, 21, 30; ``4``, ``2``, ``2`` for 24 to 26) and no numbering started again on a later
page reads them all, are counted on from it; no later reading confirms them, so each number
restored so is also listed for review. A note read as the number of the note before it on its
page, read so, is the next one misread (``18``, ``18`` for 18, 19).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from operator import itemgetter
from typing import NamedTuple

from pipeline.lazy_re import lazy_compile
from pipeline.model import Block, Change, Review
from pipeline.model.geometry import PrintedLine
from pipeline.repair.base import RepairContext, Repaired
from pipeline.repair.note_markers import marker_replaced, reopened
from pipeline.text.headings import LABEL_LINE_RE
from pipeline.text.markers import (
    DAMAGED_NUMBER_START_RE,
    FROM_SUPERSCRIPT,
    GLUED_DAMAGED_NUMBER_START_RE,
    MARKER_STOPS,
    NOTE_MARKER_RE,
    PLACED_NOTE_START_RE,
    PLAIN_MARKER_FOLLOWS,
    TO_SUPERSCRIPT,
    may_read_number,
)
from pipeline.text.ocr import ends_in_question_tag, opens_question
from pipeline.text.words import WORD_RE

RULE = "restore_placed_note_markers"
RAISED_MARKS = "*°®©™º†‡§^~»>\u2018"  # what OCR reads a small raised digit as, printed after no word
# those no quotation or emphasis prints set apart after a stop: OCR's reading of a raised digit there
RAISED_ALONE = "°®©™º†‡§^~"
QUOTES = {
    "\u2019": "\u2018",
    "\u201d": "\u201c",
    "'": "'",
    '"': '"',
}  # a closing quotation mark → its opening
STRAIGHT_QUOTE_FORMS = {"'": ("\u2018", "\u2019"), '"': ("\u201c", "\u201d")}  # its curly opening, closing
# marks where a note's marker may stand: after a word, raised marks (perhaps after a closing
# quotation mark); after a stop, those, a question or exclamation mark, a vertical bar (``state.|``
# for ``state.¹``: after a word it may be a letter), a backslash (``either.\\*`` for ``either.¹⁴``),
# a per cent sign (``.\u2019%`` for ``.¹³``, ``time.2%`` for ``time.²⁹``; not a number's, ``1.5%``),
# a closing quotation mark or an opening double one glued to the stop before a space (``revolution.\u201c``:
# it opens no quotation there), perhaps with a digit of the number among them (``?2>`` for ``25``); or two
# or three such marks or digits, a raised mark or a question or exclamation mark among them, or one raised
# mark no quotation or emphasis sets so, OCR set apart from the stop (``states. !®``, ``settlement.
# !\u201d``, ``questions. !2``, ``sovereignty. ®``, ``enslavement. **``: the space goes with them; no
# English sets them so, and structured OCR's text holds no markdown: its emphasis is left out)
AFTER_STOP = "".join(QUOTES) + re.escape(RAISED_MARKS) + "?!|%\u201c\\\\"
MARKS_RE = lazy_compile(
    rf"(?<=[^\W_])(?P<after_word>[{''.join(QUOTES)}]?[{re.escape(RAISED_MARKS)}]{{1,2}})(?=\s|$)"
    rf"|(?<=[{MARKER_STOPS}])(?!(?<=\d[.,])\d+%)(?P<after_stop>(?=[{AFTER_STOP}\d]{{0,3}}[{AFTER_STOP}])[{AFTER_STOP}\d]{{1,4}})(?=\s|$)"
    rf"|(?<=[{MARKER_STOPS}])(?P<set_apart>\x20"
    rf"(?:(?=\S{{0,2}}[{re.escape(RAISED_MARKS)}?!])[{AFTER_STOP}\d]{{2,3}}|[{re.escape(RAISED_ALONE)}]))(?=\s|$)"
)
# a place where a note's marker may stand: its block, its span, why, and the stop written before it
MarkerPlace = tuple[int, tuple[int, int], str, str]
Run = tuple[int, int, int, int]  # notes read in order: first place, last place, offset, notes read
UNCONFIRMED = (
    "numbered by the book's count of its notes, where no note on its other side is read as the count "
    "gives: unconfirmed"
)
# a number glued to a word's end after a stop (``footing.6``): a raised number OCR read plain
PLAIN_GLUED_RE = lazy_compile(rf"(?<=[^\W\d_]{{2}}[{PLAIN_MARKER_FOLLOWS}])\d{{1,3}}(?=\s|$)")
# a digit or two set apart from a stop before a mark (``defeat. 1° The`` for ``defeat.¹⁵``): a raised
# number OCR read as digits and a mark, its marker's place with them
DIGITS_BEFORE_MARK_RE = lazy_compile(rf"(?<=[{MARKER_STOPS}])\x20\d{{1,2}}$")
# a number after a stop, set apart from it before a sentence's first word (``area. 5 In``): a raised
# number OCR read plain, counted with the page's marks where it stands in their order as its note does
SET_APART_NUMBER_RE = lazy_compile(
    r"(?<=[^\W\d_]{2}[.!?\u201d\u2019\"])\x20(?P<number>\d{1,3})(?=\x20[\"\u2018\u201c]?[A-Z]|$)"
)
# a letter after a stop ending a word, perhaps after a mark (``oil.t``, ``oil.'t``, ``East.*t``): no
# English word ends so, where the page image shows a raised glyph there it is OCR's reading of it
RAISED_READ_AS_LETTER_RE = lazy_compile(
    rf"(?<=[^\W\d_]{{2}}[{MARKER_STOPS}])[{re.escape(AFTER_STOP)}]?[a-z]$"
)
# an opening single quotation mark after a word ending in s, before a word in lower case (``the
# first workers\u2018 and peasants\u2019 state``): a plural's possessive apostrophe misread, which
# counts with a page's marks only where they and its raised glyphs are fewer than its notes lacking
# markers
POSSESSIVE_QUOTE_RE = lazy_compile(r"s\u2018\s[a-z]")
# a closing double quotation mark after a word (``Empire”``, ``Empire.³`` misread): where a page's
# marks and raised glyphs are fewer than its notes lacking markers, one closing no quotation its
# paragraph opened counts with them
CLOSING_AFTER_WORD_RE = lazy_compile(r"(?<=[^\W_])[\u201d\"](?=\s|$)")
# a question mark after a word, ending a sentence (before a capital or the text's end): where a page's
# other places are fewer than its notes lacking markers, one ending a sentence that is no question
# (:func:`~pipeline.text.ocr.opens_question`, :func:`~pipeline.text.ocr.ends_in_question_tag`)
# counts with them
QUESTION_AFTER_WORD_RE = lazy_compile(r"(?<=[^\W\d_])\?(?=\s+[\"'\u2018\u201c]?[A-Z]|\s*$)")
# a closing single quotation mark after a word not ending in s (no plural's possessive), before a
# sentence's capital (``either\u2019 Trotsky`` for ``either.² Trotsky``: the stop and the marker read as
# one mark): where a page's other places are still fewer than its notes lacking markers, one closing
# no quotation its paragraph opened counts with them, its stop restored
SINGLE_CLOSING_AFTER_WORD_RE = lazy_compile(r"(?<=[^\W\d_sS])[\u2019'](?=\s+[\"\u2018\u201c]?[A-Z])")


def restore_placed_note_markers(blocks: Sequence[Block], context: RepairContext) -> Repaired:
    """Number each page's placed footnotes from the book's sequence (restoring numbers OCR damaged),
    and read the page's marks as the markers its notes lack (see the module's docstring)."""
    result = list(blocks)
    changes: list[Change] = []
    review: list[Review] = []
    pages = [
        [index for index in page if result[index].kind == "note" and "placed" in result[index].extra]
        for page in _pages(result)
    ]
    printed = {index: _printed_number(result[index].text) for notes in pages for index in notes}
    page_openers = {0, *itertools.accumulate(len(notes) for notes in pages[:-1])}  # (their places)
    readings = printed
    damaged = [
        _damaged_number(result[index].text) if number is None else None for index, number in printed.items()
    ]
    chapter_openers = _notes_after_labels(result, [index for notes in pages for index in notes])
    count = count_notes(list(readings.values()), page_openers, damaged, chapter_openers)
    if not any(count.numbers):  # (the numbers read give no count: read the damaged ones' digits too)
        readings = {
            index: digits if number is None else number
            for (index, number), digits in zip(printed.items(), damaged, strict=True)
        }
        count = count_notes(list(readings.values()), page_openers, chapter_openers=chapter_openers)
    counted = dict(zip(readings, count.numbers, strict=True))
    order = list(readings)
    bracketed = {order[place] for place in count.bracketed}
    unconfirmed = {order[place] for place in count.unconfirmed}
    for page, notes in zip(_pages(result), pages, strict=True):
        counts = [counted[index] for index in notes]
        known = [
            readings[index] if number is None else number for index, number in zip(notes, counts, strict=True)
        ]
        repeated = _repeated_readings(known, [readings[index] for index in notes])
        numbers = _sequence(
            [None if at in repeated else number for at, number in enumerate(known)], any(counts)
        )
        how = (
            "the book's sequence of footnotes, counted from notes read in order"
            if all(counts)
            else "the page's sequence of footnotes, between its neighbours'"
        )
        if not notes or numbers is None:
            continue
        clashes = [
            (note, number)
            for at, (note, number) in enumerate(zip(notes, numbers, strict=True))
            if not may_read_number(readings[note], number)
            and note not in bracketed | unconfirmed
            and at not in repeated
        ]
        if clashes:
            review += [
                Review(RULE, result[note].first_line, result[note].text[:60], f"note {number} by {how}")
                for note, number in clashes
            ]
            continue
        for note, number in zip(notes, numbers, strict=True):
            if printed[note] != number:
                misread = (
                    "misread" if may_read_number(readings[note], number) else f"misread as {readings[note]}"
                )
                why = f"note {number} by {how}: its number {misread}"
                result[note], change = _renumbered(result[note], number, why)
                changes.append(change)
            if note in unconfirmed:
                review.append(Review(RULE, result[note].first_line, result[note].text[:60], UNCONFIRMED))
        texts = [index for index in page if result[index].kind == "text"]
        marked = {
            _marker_number(match.group())
            for index in texts
            for match in NOTE_MARKER_RE.finditer(result[index].text)
        }
        lacking = [number for number in numbers if number not in marked]
        glued = [
            (index, match)
            for index in texts
            for match in PLAIN_GLUED_RE.finditer(result[index].text)
            if int(match.group()) in lacking
        ]
        marks = _page_marks(result, texts)
        if _glued_out_of_order(glued, marks, lacking):
            marks += [
                (
                    index,
                    match.span(),
                    f"a raised number OCR read plain (as {match.group()}), glued to its word",
                    "",
                )
                for index, match in glued
            ]
        else:
            for index, match in reversed(glued):
                if int(match.group()) not in lacking:
                    continue  # (a number glued twice: the later one is its marker)
                lacking.remove(int(match.group()))
                why = (
                    f"a raised number OCR read plain, glued to the word before it: the page's footnote "
                    f"{match.group()} (found by its place and type) has no other marker in its text"
                )
                marker = match.group().translate(TO_SUPERSCRIPT)
                result[index], change = marker_replaced(result[index], match, marker, RULE, why)
                changes.append(change)
            if glued:  # (the texts changed: their marks found again)
                marks = _page_marks(result, texts)
        set_apart = [
            (index, match, int(match["number"]))
            for index in texts
            for match in SET_APART_NUMBER_RE.finditer(result[index].text)
            if int(match["number"]) in lacking
        ]
        if set_apart and _stand_in_order(set_apart, marks, lacking):
            why = "a raised number OCR read plain (as {}), set apart from its stop"
            marks += [(index, match.span(), why.format(number), "") for index, match, number in set_apart]
        if not lacking:
            continue
        tiers = [
            marks
            + [
                (
                    index,
                    match.span(),
                    f"a marker read as {match.group()!r}, the number of none of the page's notes",
                    "",
                )
                for index in texts
                for match in NOTE_MARKER_RE.finditer(result[index].text)
                if _misnumbered(_marker_number(match.group()), numbers, lacking)
            ],
            [
                (
                    index,
                    match.span(),
                    f"a raised number OCR read plain (as {match.group()}), glued to its word, the number "
                    "of none of the page's notes",
                    "",
                )
                for index in texts
                for match in PLAIN_GLUED_RE.finditer(result[index].text)
                if int(match.group()) not in numbers
            ],
            [
                (
                    index,
                    span,
                    "a raised glyph OCR did not read"
                    + (f" (it read {word[span[0] - span[1] :]!r} for it)" if span[0] < span[1] else "")
                    + f", seen in the page image after {word!r}",
                    "",
                )
                for index in texts
                for span, word in _unread_raised(result[index], context.raised)
            ],
            [
                (
                    index,
                    (match.start() + 1, match.start() + 2),
                    "an opening quotation mark after a plural",
                    "",
                )
                for index in texts
                for match in POSSESSIVE_QUOTE_RE.finditer(result[index].text)
            ],
            [
                (
                    index,
                    span,
                    f"a closing quotation mark closing no quotation its paragraph opened, after {word!r}",
                    "",
                )
                for index in texts
                for span, word in _closing_after_words(result[index].text)
            ],
            [
                (
                    index,
                    span,
                    f"a question mark ending a sentence that is no question, after {word!r}: its "
                    "stop and the marker read as one",
                    ".",
                )
                for index in texts
                for span, word in _unasked_questions(result[index].text)
            ],
            [
                (
                    index,
                    span,
                    f"a closing quotation mark ending a sentence after {word!r}, closing no quotation its "
                    "paragraph opened: its stop and the marker read as one",
                    ".",
                )
                for index in texts
                for span, word in _closing_after_words(result[index].text, SINGLE_CLOSING_AFTER_WORD_RE)
            ],
        ]
        places: list[MarkerPlace] = []
        for tier in tiers:
            places = sorted(places + [place for place in tier if not _counted(place, places)])
            if len(places) >= len(lacking):
                break
        if len(places) != len(lacking):
            note = next(note for note, number in zip(notes, numbers, strict=True) if number in lacking)
            review.append(
                Review(RULE, result[note].first_line, result[note].text[:60], _unlinked(lacking, places))
            )
            continue
        listed = ", ".join(map(str, lacking))
        for (at, span, why, stop), number in reversed(list(zip(places, lacking, strict=True))):
            marker = stop + str(number).translate(TO_SUPERSCRIPT)
            result[at], change = marker_replaced(
                result[at], span, marker, RULE, _linked(listed, len(places), why)
            )
            changes.append(change)
    return Repaired(result, changes, review)


def _page_marks(blocks: Sequence[Block], texts: Sequence[int]) -> list[MarkerPlace]:
    """The places of the marks (:func:`_marks`) in a page's blocks of text ``texts``."""
    return [(index, span, "a mark", "") for index in texts for span in _marks(blocks[index].text)]


def _counted(place: MarkerPlace, places: Sequence[MarkerPlace]) -> bool:
    """Whether ``place`` stands where one of ``places`` does (a raised glyph the image shows where OCR
    read a mark: one marker, counted once)."""
    index, (start, _), *_ = place
    return any(at == index and span[0] <= start <= span[1] for at, span, *_ in places)


def _glued_out_of_order(
    glued: Sequence[tuple[int, re.Match[str]]], marks: Sequence[MarkerPlace], lacking: Sequence[int]
) -> bool:
    """Whether the numbers glued to words (``benefit.1``) and the marks of a page are as many as its
    notes lacking a marker (``lacking``), yet a number stands elsewhere in their order than the
    note it names: read in order, it is another's marker misread (``1`` for ``4``)."""
    numbered = [(index, match, int(match.group())) for index, match in glued]
    return bool(glued) and _stand_in_order(numbered, marks, lacking) is False


def _stand_in_order(
    numbered: Sequence[tuple[int, re.Match[str], int]], marks: Sequence[MarkerPlace], lacking: Sequence[int]
) -> bool | None:
    """Whether each number read in a page's text (its block, match and number) stands in the order
    of the page's places (those numbers and ``marks``) where its note stands among the notes lacking
    a marker; ``None`` where the places are not as many as those notes."""
    if len(numbered) + len(marks) != len(lacking):
        return None
    places = sorted(
        [(index, match.start()) for index, match, _ in numbered] + [(at, span[0]) for at, span, *_ in marks]
    )
    return all(
        places.index((index, match.start())) == lacking.index(number) for index, match, number in numbered
    )


def _linked(lacking: str, places: int, why: str) -> str:
    """Why a place in the page's text (``why``: a mark, a raised glyph OCR did not read…) is read as
    the marker of one of its footnotes ``lacking`` one."""
    return (
        f"{why}: the page's footnotes (found by their place and type) {lacking} have no marker in its "
        f"text, which has as many places where a marker may stand ({places}): read, in order, as theirs"
    )


def _unlinked(lacking: Sequence[int], places: Sequence[MarkerPlace]) -> str:
    """Why a page's footnotes lacking a marker are left so."""
    return (
        f"footnotes {', '.join(map(str, lacking))} have no marker in the page's text, and the places where "
        f"one may stand (marks, raised glyphs OCR did not read, closing quotation marks) are not as many "
        f"({len(places)}): not linked"
    )


def _unasked_questions(text: str) -> list[tuple[tuple[int, int], str]]:
    """The question marks after a word in ``text`` ending a sentence that opens as no question
    (:func:`~pipeline.text.ocr.opens_question`) and ends in no question tag: a stop and a note's
    marker OCR read as one mark (``Italy?`` for ``Italy.³``), as spans, with the word before each."""
    found = []
    for match in QUESTION_AFTER_WORD_RE.finditer(text):
        opening = max(text.rfind(stop, 0, match.start()) for stop in ".?!")
        words = WORD_RE.findall(text, opening + 1, match.start())
        if not (opens_question(words) or ends_in_question_tag(words)):
            found.append((match.span(), words[-1].lower() if words else ""))
    return found


def _closing_after_words(
    text: str, closing: re.Pattern[str] = CLOSING_AFTER_WORD_RE
) -> list[tuple[tuple[int, int], str]]:
    """The closing quotation marks after a word in ``text`` (``closing``: double ones by default,
    :data:`CLOSING_AFTER_WORD_RE`) that close no quotation it opened, as spans, with the word before
    each."""
    return [
        (match.span(), text[: match.start()].rsplit(maxsplit=1)[-1])
        for match in closing.finditer(text)
        if not _opened(text[: match.start()], QUOTES[match.group()], match.group())
    ]


def _unread_raised(block: Block, raised: Mapping[int, PrintedLine]) -> list[tuple[tuple[int, int], str]]:
    """Where in ``block``'s text the page image shows a raised glyph OCR did not read (``raised``:
    the printed lines by raw line): the span of what OCR made of it at the end of the word it
    follows (:data:`RAISED_READ_AS_LETTER_RE`: ``oil.'t``; else empty, after the word), and the
    word; only where the block's line still holds that word (its first, second… on the line as
    printed)."""
    found = []
    for line, start, end in block.line_spans():
        printed = raised.get(line)
        if printed is None:
            continue
        for offset in printed.raised:
            words = printed.text[:offset].split(" ")
            pattern = re.compile(rf"(?<!\S){re.escape(words[-1])}(?=\s|$)")
            ends = [match.end() for match in pattern.finditer(block.text, start, end)]
            if words.count(words[-1]) <= len(ends):
                after = ends[words.count(words[-1]) - 1]
                read = RAISED_READ_AS_LETTER_RE.search(words[-1])
                found.append(((after - (len(read.group()) if read else 0), after), words[-1]))
    return found


def _renumbered(note: Block, number: int, why: str) -> tuple[Block, Change]:
    """``note`` opening with ``number`` (superscript) in place of the number OCR misread: a printed
    number and its stop, a damaged one (:data:`DAMAGED_NUMBER_START_RE`, or glued to its first word:
    :data:`GLUED_DAMAGED_NUMBER_START_RE`, ``\u2018©The``, ``°Ship``), a raised mark before its
    first word, or nothing."""
    text = note.text
    printed = PLACED_NOTE_START_RE.match(text)
    damaged = DAMAGED_NUMBER_START_RE.match(text) or GLUED_DAMAGED_NUMBER_START_RE.match(text)
    if printed is not None and printed.group("symbol") is None:
        cut = printed.start("text")
    elif damaged is not None:
        cut = damaged.end("marker")
    else:
        cut = 1 if text[:1] in RAISED_MARKS else 0
    cut = len(text) - len(text[cut:].lstrip())
    return reopened(note, cut, str(number).translate(TO_SUPERSCRIPT) + " ", RULE, why)


def _notes_after_labels(blocks: Sequence[Block], notes: Sequence[int]) -> set[int]:
    """The places (in ``notes``, the indices of the book's placed notes) of the first note after each
    division's label (a block opening with one: ``Chapter 4``, :data:`LABEL_LINE_RE`)."""
    labels = [
        index
        for index, block in enumerate(blocks)
        if block.kind != "note" and LABEL_LINE_RE.match(block.text.split("\n", 1)[0])
    ]
    return {place for label in labels if (place := bisect.bisect(notes, label)) < len(notes)}


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


def _repeated_readings(known: Sequence[int | None], readings: Sequence[int | None]) -> set[int]:
    """The places of a page's notes (``known``: their numbers counted, else read) whose note is
    read as the number of the note just before it, itself read as its number: no numbering prints
    a number twice, so the second is the next one misread (``18``, ``18`` for 18, 19)."""
    return {
        at
        for at in range(1, len(known))
        if known[at] is not None and known[at] == known[at - 1] == readings[at - 1] == readings[at]
    }


def _damaged_number(text: str) -> int | None:
    """The digits a damaged number opens with (``7?`` for ``7``, ``1°`` for ``10``; after a plus
    sign, OCR's reading of a 1: ``+8`` for ``18``), perhaps with digits lost (:func:`may_read_number`),
    or ``None``; digits after other marks are no reading (``?2`` may be 12 or 23)."""
    damaged = DAMAGED_NUMBER_START_RE.match(text)
    digits = re.match(r"\+?(\d+)(?=\D*$)", damaged.group("marker")) if damaged else None
    return int(digits.group(1)) if digits else None


def _misnumbered(marker: int | None, numbers: Sequence[int], lacking: Sequence[int]) -> bool:
    """Whether a marker read as ``marker`` names none of the page's notes (``numbers``) but may be
    one of those ``lacking`` a marker with digits OCR lost (``⁴`` for ²⁴: :func:`may_read_number`)."""
    return (
        marker is not None
        and marker not in numbers
        and any(may_read_number(marker, number) for number in lacking)
    )


def _marker_number(marker: str) -> int | None:
    """The number of a superscript marker (``None`` for a range)."""
    plain = marker.translate(FROM_SUPERSCRIPT)
    return int(plain) if plain.isdigit() else None


class NoteCount(NamedTuple):
    """The numbers of the book's placed notes, in order (``None``: not told), and the places of
    those between two notes read as the count gives, of one offset (no note lost or split between),
    or before the first so read where its count makes the book's first note note 1."""

    numbers: list[int | None]
    bracketed: set[int]
    unconfirmed: set[int]  # after the last note read, none read on the way: counted, unconfirmed


def count_notes(
    readings: Sequence[int | None],
    page_openers: Collection[int] = (),
    damaged: Sequence[int | None] = (),
    chapter_openers: Collection[int] = (),
) -> NoteCount:
    """The numbers of the book's placed notes from the numbers read at their starts (``None``:
    unread), the places of those that open a page ``page_openers``. A run of two or more notes read
    as rising with them (one offset from their place in the book) is an anchor, of the runs whose
    offsets never rise but by one (a note not found) those holding the most notes read
    (:func:`_falling`; a run is no new start where it is rather the count going on with digits
    lost, :func:`_count_goes_on`). The notes between two anchors of one offset take it; an
    anchor's offset goes on past it up to the last note read as that offset gives (none read
    otherwise on the way); the notes before the first anchor take its offset down to the one it
    makes note 1; between an anchor and a later one of a lower offset (the numbering starts again),
    the notes up to the one the later offset makes note 1 take the earlier offset, the rest the
    later, but a note read as 1 that opens a page between them starts a numbering of its own up
    to that note 1 (a chapter's few notes). The notes after the last one read, where it is
    read as the count gives, go on with its count, unconfirmed, where no number read after it is
    one a numbering may give there (none lower started again where an anchor goes on over one of
    ``chapter_openers``, the places of the first notes after a division's label), or where every
    one, and the digits ``damaged`` numbers open with (by place), two or more in all, are its count
    with digits lost (:func:`_count_read_on`).
    The notes between two read as the count gives, of one offset, are bracketed (:class:`NoteCount`),
    and so are those before the first read so where its count makes the book's first note note 1."""
    anchors = _anchors(readings, page_openers)
    # (an anchor going on over a division's label: the book numbers its notes on through its chapters)
    restarting = not any(first < opener <= last for first, last, _ in anchors for opener in chapter_openers)
    if not anchors and _counted_from_one(readings, page_openers):
        return NoteCount(
            list(range(1, len(readings) + 1)),
            set(),
            {place for place, reading in enumerate(readings) if reading != place + 1},
        )
    numbers: list[int | None] = [None] * len(readings)

    def number(first: int, end: int, offset: int) -> None:
        for place in range(first, end):
            if numbers[place] is None:
                numbers[place] = place + offset

    for first, last, offset in anchors:
        number(first, last + 1, offset)
    for (_, last, offset), (first, _, later) in itertools.pairwise(anchors):
        if later == offset:
            number(last + 1, first, offset)
    for first, last, offset in anchors:
        after, before = range(last + 1, len(readings)), range(first - 1, -1, -1)
        number(last + 1, _reach(readings, numbers, after, offset, page_openers) + 1, offset)
        number(_reach(readings, numbers, before, offset, page_openers), first, offset)
    if anchors and 0 <= 1 - anchors[0][2] <= anchors[0][0]:
        first, offset = anchors[0][0], anchors[0][2]
        number(1 - offset, first, offset)
    for (_, last, offset), (first, _, later) in itertools.pairwise(anchors):
        restart = 1 - later
        if later < offset and last < restart <= first:
            opened = next(  # (a note read as 1 opening a page between them: a numbering of its own)
                (at for at in range(last + 1, restart) if readings[at] == 1 and at in page_openers), restart
            )
            number(last + 1, opened, offset)
            number(opened, restart, 1 - opened)
            number(restart, first, later)
    agreeing = [  # the places of the notes read as the count gives, with their offsets
        (place, reading - place)
        for place, reading in enumerate(readings)
        if reading is not None and reading == numbers[place]
    ]
    starts = [(-1, 1)] if agreeing and agreeing[0][1] == 1 else []  # (the book's first note is note 1)
    bracketed = {
        place
        for (before, offset), (after, later) in itertools.pairwise(starts + agreeing)
        if offset == later
        for place in range(before + 1, after)
    }
    unconfirmed: set[int] = set()
    if agreeing:
        last, offset = agreeing[-1]
        read_after = [(at, read) for at, read in enumerate(readings) if at > last and read is not None]
        if all(
            _beyond_count(reading, place, offset, last, page_openers, restarting)
            for place, reading in read_after
        ) or _count_read_on(read_after, damaged, last, offset, page_openers):
            unconfirmed = {place for place in range(last + 1, len(readings)) if numbers[place] is None}
            number(last + 1, len(readings), offset)
    return NoteCount(numbers, bracketed, unconfirmed)


def _count_read_on(
    read: Sequence[tuple[int, int]],
    damaged: Sequence[int | None],
    last: int,
    offset: int,
    page_openers: Collection[int],
) -> bool:
    """Whether the numbers ``read`` after place ``last`` (the last note read as the count of
    ``offset`` gives; place and number) and the digits the ``damaged`` numbers there open with, two
    or more in all, are all that count going on with digits lost (``5``, ``2`` for 25 and 27; ``2!``,
    ``3°`` for 21 and 30; ``4``, ``2``, ``2`` for 24 to 26; a note read as the count gives the note
    before it, where that one is read so, is the next one misread: ``+8``, ``18`` for 18 and 19), and
    no numbering started again at a page's first note after ``last`` reads them all so: the count
    goes on."""
    digits = [(place, digit) for place, digit in enumerate(damaged) if place > last and digit is not None]
    numbers = [*read, *digits]
    seen = dict(numbers)

    def counts_on(place: int, reading: int) -> bool:
        """Read as the count gives, or as the note before it was read so: the next one misread."""
        counted = place + offset
        before = seen.get(place - 1)
        return may_read_number(reading, counted) or (
            reading == counted - 1 and before is not None and may_read_number(before, counted - 1)
        )

    if len(numbers) < 2 or not all(counts_on(place, reading) for place, reading in numbers):
        return False
    return not any(
        all(
            may_read_number(reading, place - start + 1 if place >= start else place + offset)
            for place, reading in numbers
        )
        for start in page_openers
        if start > last
    )


def _counted_from_one(readings: Sequence[int | None], page_openers: Collection[int]) -> bool:
    """Whether the numbers read, no two in order, are the count from the book's first note, note 1,
    as OCR may read it: two or more read as that count may read them (digits lost: ``1`` for 10),
    one as it gives, and any other as no numbering gives it there (:func:`_beyond_count`: ``4`` for
    11, a damaged number; a book whose notes' numbers OCR read as marks but for a few)."""
    read = [(place, reading) for place, reading in enumerate(readings) if reading is not None]
    fitting = [(place, reading) for place, reading in read if may_read_number(reading, place + 1)]
    return (
        len(fitting) >= 2
        and any(reading == place + 1 for place, reading in fitting)
        and all(
            may_read_number(reading, place + 1) or _beyond_count(reading, place, 1, -1, page_openers)
            for place, reading in read
        )
    )


def _reach(
    readings: Sequence[int | None],
    numbers: Sequence[int | None],
    places: range,
    offset: int,
    page_openers: Collection[int],
) -> int:
    """How far, going over ``places`` from an anchor of ``offset``, the notes are read as that
    offset gives: the place of the last read so, no note on the way numbered already or read
    otherwise than OCR may read its number (:func:`may_read_number`) or, going on after the anchor, than
    any numbering may give (:func:`_beyond_count`); the anchor's edge where none is."""
    reach = places.start - places.step
    for place in places:
        reading = readings[place]
        if numbers[place] is not None or (
            reading is not None
            and not may_read_number(reading, place + offset)
            and not (places.step > 0 and _beyond_count(reading, place, offset, reach, page_openers))
        ):
            break
        if reading == place + offset:
            reach = place
    return reach


def _beyond_count(
    reading: int, place: int, offset: int, since: int, page_openers: Collection[int], restarting: bool = True
) -> bool:
    """Whether a number read at ``place`` that the count of ``offset`` contradicts is one no
    numbering gives there, so a damaged one: higher than the count by more than one (a count never
    leaps on: ``46`` for 16; one more, a note not found), or lower by more than one (one less, a block
    taken for a note), yet too high for a numbering started again after ``since``, the last note read
    as the count gives (``4`` for 11, where notes 1 to 3 would stand before it), or, where the
    pages' first notes ``page_openers`` are known, one whose note 1 would open no page (``8`` for
    33, note 1 standing in the middle of a page: a numbering starts again with a chapter, on a page
    of its own), or at all where the book's numbering is not ``restarting`` (it went on over a
    chapter's opening: ``4`` for 11 after notes 2 and 3 of chapter 2); ``0`` starts no numbering."""
    counted = place + offset
    if reading > counted:
        return reading > counted + 1
    first = place - reading + 1  # (the place of note 1, were the numbering started again)
    restarts = restarting and reading > 0 and since < first and (not page_openers or first in page_openers)
    return reading < counted - 1 and not restarts


def _anchors(readings: Sequence[int | None], page_openers: Collection[int]) -> list[tuple[int, int, int]]:
    """The runs of two or more notes read as rising with them (first place, last place, offset),
    of those whose offsets never rise but by one the ones holding the most notes read
    (:func:`_falling`). A run goes on over notes read alone otherwise (``4``, ``45`` between ``12``
    and ``18``), not over two or more read in order of another offset (a numbering never starts
    again to go on as before, so between notes read of one offset every other reading is a damaged
    number), unless they are its count with digits lost (:func:`_digits_lost`; their note 1 opening
    a page, where the run's count is read again in order after them)."""
    offsets = [(place, number - place) for place, number in enumerate(readings) if number is not None]
    groups = [
        (offset, [place for place, _ in group])
        for offset, group in itertools.groupby(offsets, key=lambda item: item[1])
    ]
    runs = []  # (first place, last place, offset, notes read), from each group of notes read in order
    for at, (offset, places) in enumerate(groups):
        for later, (later_offset, later_places) in enumerate(groups[at + 1 :], start=at + 1):
            if later_offset == offset:
                places = places + later_places
            elif len(later_places) > 1:
                # (the count read again in order after them: they started no numbering, whatever page)
                resumed = sum(len(again) for read, again in groups[later + 1 :] if read == offset) > 1
                if not _digits_lost(readings, later_places, offset, () if resumed else page_openers):
                    break
        # (nor is a run one whose numbers are the count from the book's first note with digits lost,
        # where the pages are known and its own note 1 would open none: ``2``, ``3``, ``4`` for 12-14)
        counted_on = offset != 1 and bool(page_openers) and _digits_lost(readings, places, 1, page_openers)
        if len(places) >= 2 and not counted_on:
            runs.append((places[0], places[-1], offset, len(places)))

    def may_follow(earlier: Run, later: Run) -> bool:
        return _may_follow(earlier, later) and not _count_goes_on(earlier, later, readings, page_openers)

    return [(first, last, offset) for first, last, offset, _ in _falling(runs, may_follow)]


def _falling(runs: Sequence[Run], may_follow: Callable[[Run, Run], bool]) -> list[Run]:
    """Of the runs of notes read in order (first place, last place, offset, notes read), those whose
    offsets never rise but by one (a note not found), holding the most notes read: a book's
    numbering only starts again lower, so a run whose offset leaps (two numbers misread alike,
    ``44``, ``45`` for ``14``, ``15``) is none.
    Of chains holding as many, the one starting again the fewest times (a count going on needs no
    more evidence than the numbers read; a new start, two damaged numbers ``1`` and ``3`` for 11 and 13
    are not enough). Runs going on over other readings may overlap: a chain's follow one another, and
    a run starting again puts its note 1 after the run before it (``2``, ``4`` read for 22 and 24 just
    after note 21 are no new start)."""
    best: list[tuple[tuple[int, int], list[Run]]] = []  # (its weight, a chain)
    for at, run in enumerate(runs):
        before = [best[earlier] for earlier in range(at) if may_follow(runs[earlier], run)]
        chain = [*max(before, key=itemgetter(0), default=((0, 0), []))[1], run]
        best.append((_weight(chain), chain))
    return max(best, key=itemgetter(0), default=((0, 0), []))[1]


def _may_follow(earlier: Run, later: Run) -> bool:
    """Whether run ``later`` (first place, last place, offset, notes read) may follow ``earlier`` in
    a book's numbering: after it, of its offset, one lower (a block taken for a note: a note split in
    two), one higher (a note not found), or starting again lower with note 1 after it."""
    (_, last, offset, _), (first, _, later_offset, _) = earlier, later
    return last < first and (offset - 1 <= later_offset <= offset + 1 or 1 - later_offset > last)


def _count_goes_on(
    earlier: Run, later: Run, readings: Sequence[int | None], page_openers: Collection[int]
) -> bool:
    """Whether run ``later``, a new start after ``earlier``, is rather ``earlier``'s count going on
    with digits lost (:func:`_digits_lost`)."""
    (_, _, offset, _), (first, last, later_offset, _) = earlier, later
    if offset - 1 <= later_offset:
        return False
    read = [place for place in range(first, last + 1) if readings[place] == place + later_offset]
    return _digits_lost(readings, read, offset, page_openers)


def _digits_lost(
    readings: Sequence[int | None], places: Sequence[int], offset: int, page_openers: Collection[int]
) -> bool:
    """Whether the notes at ``places``, read in order as a numbering of their own, are the count of
    ``offset`` with digits lost: each read as that count may read its number (``1``, ``2`` for 11
    and 12, :func:`may_read_number`), and the note 1 of their own numbering opens no page (a book numbering
    its notes again by chapter starts them again with a chapter, on a page of its own)."""
    own = readings[places[0]]
    if own is None or places[0] - own + 1 in page_openers:
        return False
    return all(may_read_number(readings[place], place + offset) for place in places)


def _weight(runs: Sequence[Run]) -> tuple[int, int]:
    """The notes read in ``runs``, and the fewer their offsets the better."""
    return sum(run[3] for run in runs), -len({run[2] for run in runs})


def _sequence(numbers: Sequence[int | None], trusted: bool = False) -> list[int] | None:
    """The page's note numbers, each unknown one from its neighbours' (the next less one, or the one
    before plus one); ``None`` where one cannot be told, where one number read is all the evidence
    for others (``1`` may be ``10`` misread) and none is ``trusted`` (counted in the book's
    sequence), or where they do not rise by one."""
    if not trusted and sum(number is not None for number in numbers) < min(len(numbers), 2):
        return None
    known = list(numbers)
    for at in reversed(range(len(known))):
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
    quotation mark that closes a quotation the text opened is none, the marks after it are; a mark
    after a digit or two set apart from a stop takes them in (:data:`DIGITS_BEFORE_MARK_RE`)."""
    found = []
    for match in MARKS_RE.finditer(text):
        start, end = match.span()
        opening = QUOTES.get(text[start])
        if opening is not None and _opened(text[:start], opening, text[start]):
            start += 1
        if match["after_word"] and (digits := DIGITS_BEFORE_MARK_RE.search(text, 0, start)):
            start = digits.start()
        if start < end and not POSSESSIVE_QUOTE_RE.fullmatch(text, start - 1, end + 2):
            found.append((start, end))
    return found


def _opened(before: str, opening: str, closing: str) -> bool:
    """Whether ``before`` leaves a quotation open: more openings than closings (a straight quote
    opens where it stands before a word; an opening mark glued to a stop before a space opens
    nothing: ``off.\u2018`` is a note's marker misread). A straight quote is OCR's reading of either
    curly one, so a quotation it closes may have opened with a curly one before a word, and one it
    opened may have closed so (``to 'seize\u2019 the matter … at all costs.'``: the last mark closes
    nothing)."""
    if opening == closing:
        curly_opening, curly_closing = STRAIGHT_QUOTE_FORMS[opening]
        opens = len(re.findall(rf"(?:^|(?<=\s))[{re.escape(opening + curly_opening)}](?=\w)", before))
        closes = len(re.findall(rf"(?<=[^\s])[{re.escape(closing + curly_closing)}](?=\s|$)", before))
    else:
        mark = re.escape(opening)
        opens = len(re.findall(rf"(?<![{MARKER_STOPS}]){mark}|{mark}(?=\S)", before))
        closes = before.count(closing)
    return opens > closes
