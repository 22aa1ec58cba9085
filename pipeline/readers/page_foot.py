"""The foot of a printed page in wrapped OCR: its footnote bodies, and the book's habits at its page
feet (the footnote zones, signature marks and running titles it prints there).

A footnote zone is the run of lines from a note's first line to the page's end (after the body
text): each note opens with its marker (``1 Ibid.``, ``* See …``), the lines after it go on with it.
A zone is taken only on evidence, since a body line may also open with a number:

* the notes' numbers rise from the zone's first note to its last (OCR misreads some: ``31`` for
  ``11``), symbols: any symbols;
* a numbered zone's marker stands in the page's text above (``…altogether,” 1``, ``Canterbury1``),
  or the markers of its first two notes stand there set apart between words (``the 9 underlying``),
  or the marker of its one note, note 1, stands there once set apart (``Carrickgollogan 1 (often``);
  the notes with lower numbers right above that note belong to the zone too, and so does a note
  whose number OCR damaged (``” See P.P.``, :data:`DAMAGED_NUMBER_START_RE`) a few lines above the
  zone's first note N, where the marker of note N-1 stands in the text above it;
  a zone marked by a symbol needs its marker above or the book's habit of such zones at its page
  feet (:data:`HABIT_MIN_PAGES`), since OCR often loses a small ``*`` in the text; where OCR read
  the book's markers as marks (``people.?``), a numbered zone is taken on the book's numbering of
  its notes running on from page foot to page foot, in their smaller type
  (:func:`learn_running_notes`), or, their numbers damaged too, on the book's habit of setting its
  notes apart by a blank line at its page feet in their smaller type (:func:`learn_set_apart_notes`;
  on the pages where no numbering running on is found);
* the notes take at most :data:`MAX_ZONE_SHARE` of the page's lines, or
  :data:`MAX_MARKED_ZONE_SHARE` where their marker stands above (the short last page of a chapter).

A note whose number OCR lost altogether (``The Freeling (after the Surveyor-General), …`` above
``21 It was …``) opens no line as a note: it is told by its type, where the book sets its notes
smaller than its body (:func:`learn_note_type`: their lines hold more characters), and by its marker.
The zone's first note found being N, the lines right above it set in the notes' type (a full line
of the body's type among them, a note's last line ending a sentence right above note N), from a
line opening a note's text, are note N-1 where N-1's marker stands in the text above them; a zone
whose first note N stands once set apart in the text (``sediment 21 “so``) is taken on that evidence.

Notes whose numbers OCR damaged beyond the sequence's rules (``54 Increased …``, ``35 p.p. …``,
``50 C.S.O. …``, ``5” Lake …`` for notes 34 to 37; ``-- Sir Richard …`` above note 23) are told
by that type too (:func:`_typed_zone`): a run of lines down to the page's end (or the zone found),
each set in the notes' type, a full line between two such, or a line ending a note before one
opening a note; the first opening with a number-like token, no line of the notes' type above it;
at least a third of the lines from it in the notes' type, and the marker of one of their numbers
in the page's text above. A numbered list or table in the body's type is none: its lines are no
longer than the body's.

A note the page before left unfinished (its last line ends mid-sentence) goes on at the top of
this page's foot, without a marker: the lines right above the page's notes (or its end) set in the
notes' type, from one opening in lower case right under the body's last line
(:func:`continued_note_top`).

The printer's signature marks and the running titles at the page feet and edges are told in
:mod:`pipeline.readers.foot_furniture`; :func:`learn_foot_habits` gathers them with the zones.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from pipeline.lazy_re import lazy_compile
from pipeline.model.pages import Line
from pipeline.readers.foot_furniture import (
    HABIT_MIN_PAGES,
    learn_edge_titles,
    learn_foot_titles,
    learn_signatures,
    title_key,
    title_shaped,
)
from pipeline.text.headings import PAGE_NUMBER_CHARACTERS
from pipeline.text.markers import (
    DAMAGED_NUMBER_START_RE,
    FOOT_NOTE_START_RE,
    FOOT_NOTE_SYMBOLS,
    GLUED_DAMAGED_NUMBER_START_RE,
    NOTE_TEXT_START,
    NUMBERED_NOTE_TEXT_START,
    PLAIN_NOTE_START_RE,
    SYMBOL_ORDER,
    SYMBOL_TOKEN,
    plain_marker_re,
    spaced_marker_re,
)
from pipeline.text.punctuation import DASHES, ends_sentence, starts_lower
from pipeline.text.widths import MEASURE_SHARE, length_percentile, printed_length

# a line opening with a note symbol before a word in lower case: no note opens so, OCR's speck
SYMBOL_SPECK_START_RE = lazy_compile(rf"^\s*[{FOOT_NOTE_SYMBOLS}]{{1,3}}\s*[^\W\d_A-Z]")
DAMAGED_SYMBOL_START_RE = lazy_compile(rf"^\s*(?:{SYMBOL_TOKEN})\s+{NOTE_TEXT_START}")
# a second note on a note's line, after the first one's last sentence: ``… p. 63. t Ibid., p. 103.``
SECOND_NOTE_SYMBOLS = "|".join(map(re.escape, (*SYMBOL_ORDER, "f", "t", "x", "J", "||")))
SECOND_SYMBOL_NOTE_RE = lazy_compile(
    rf"(?<=[.)\u201d\u2019])\s+(?=(?:{SECOND_NOTE_SYMBOLS})\s+{NOTE_TEXT_START})"
)
SECOND_NUMBERED_NOTE_RE = lazy_compile(rf"(?<=[.)\u201d\u2019])\s+(?P<number>\d{{1,3}})\s+{NOTE_TEXT_START}")
DAMAGED_DIGIT_RE = lazy_compile(r"[\dol]")  # what a damaged note number still shows of its digits
NOTE_END_RE = lazy_compile(r"[.)\u201d\u2019\"]$")  # the end of a note's text
# a note's number whose stop OCR read as a comma or a colon (``1, Foreigner``): told only in a run
MISREAD_STOP_NOTE_START_RE = lazy_compile(rf"^\s*(?P<number>\d{{1,3}})[,;:]\s+{NUMBERED_NOTE_TEXT_START}")
MAX_ZONE_SHARE = 0.6  # notes take at most this share of a page's lines
MAX_NOTE_LINES = 4  # a note right above the first one found, whose marker OCR misread
MIN_SPACED_NOTES = 2  # notes whose markers OCR set apart from their words: two in a row
MAX_MARKED_ZONE_SHARE = 0.8  # … or this share, where the first note's marker stands above them
MIN_MEASURED_NOTE_LINES = 20  # fewer lines of notes found are too few to measure the notes' type
SMALL_TYPE_RATIO = 1.05  # notes set smaller: their measure is at least this many times the body's …
MAX_LONG_BODY_SHARE = 0.05  # … and at most this share of the body's lines are as long as a note's
FULL_LINE_SHARE = 0.95  # a line at least this share of the body's measure is full
MIN_LOST_NOTE_LINES = 2  # a note whose number OCR lost: at least this many lines in the notes' type
MIN_BODY_ABOVE = 2  # a note continued at the page's foot: at least this many body lines above it
MIN_TYPED_SHARE = 1 / 3  # notes told by their type: at least this share of their lines in it
# why a note block is one, told by the book's numbering of its notes from page foot to page foot
RUNNING_NOTES = "footnotes numbered on from the notes at an earlier page's foot"
MIN_RUNNING_PAIRS = 2  # page feet whose notes' numbers go on from the last such foot's: the book's habit
MIN_RUNNING_NOTE_LINES = 12  # the runs' lines: fewer are too few to tell their type by
MAX_MARKED_RUN_SHARE = 0.25  # this share of the runs' pages with notes their markers tell: markers are read
MAX_NUMBER_STEP = 2  # a run's notes numbered on: each the one before plus one, or two (one damaged)
SET_APART_NOTES = "footnotes set apart by a blank line at the page's foot, in their smaller type"


@dataclass(frozen=True)
class NoteType:
    """The smaller type of a book's notes, as lengths of printed lines: ``body_measure``, a full
    line of the body's type, and ``note_length``, halfway from it to a full line of the notes'
    (a line longer is set in the notes' type)."""

    body_measure: float
    note_length: float


@dataclass(frozen=True)
class FootHabits:
    """What the book's page feet show: how many pages end in a zone opening with a note symbol,
    the signature marks found (raw line → evidence) and the running titles printed at the foot
    (their :func:`title_key`), the titles and page numbers at a page's edge that repeat a title
    printed earlier (raw line → class, :func:`learn_edge_titles`), the notes' smaller type
    (:func:`learn_note_type`), if they are set in one, how many lines of the book open with a
    note symbol before a word in lower case (where no note opens: OCR's specks), and the first lines
    (raw) of the notes numbered on from page foot to page foot (:func:`learn_running_notes`) or set
    apart there in their type (:func:`learn_set_apart_notes`)."""

    symbol_zones: int = 0
    signatures: Mapping[int, str] = field(default_factory=dict)
    foot_titles: Mapping[str, int] = field(default_factory=dict)
    edge_titles: Mapping[int, dict[str, str]] = field(default_factory=dict)
    note_type: NoteType | None = None
    symbol_specks: int = 0
    running_notes: frozenset[int] = frozenset()
    set_apart_notes: frozenset[int] = frozenset()

    def placed_notes(self, line: int) -> str | None:
        """Why the notes opening at raw line ``line`` are the page's by the book's habits (numbered
        on from page foot to page foot, or set apart in their type), or ``None``."""
        if line in self.running_notes:
            return RUNNING_NOTES
        return SET_APART_NOTES if line in self.set_apart_notes else None

    @property
    def symbol_notes(self) -> bool:
        """Whether notes opening with a symbol are a habit of the book: seen on
        :data:`HABIT_MIN_PAGES` page feet at least, and more often than the symbol opens a line
        before a word in lower case (else a symbol opening a line is OCR's speck in this book)."""
        return self.symbol_zones >= HABIT_MIN_PAGES and self.symbol_specks < self.symbol_zones


def learn_foot_habits(pages: Sequence[Sequence[Line]]) -> FootHabits:
    """The book's habits at its page feet: note zones opened by a symbol, signature marks and
    running titles printed at the foot."""
    symbol_zones = 0
    for lines in pages:
        starts = _note_starts(lines)
        symbol_zones += any(not marker.isdigit() for _, marker in starts[-1:])
    specks = sum(1 for lines in pages for _, text in lines if SYMBOL_SPECK_START_RE.match(text))
    zones = foot_note_zones(pages, FootHabits(symbol_zones, symbol_specks=specks))
    running = learn_running_notes(pages, zones)
    symbols = FootHabits(symbol_zones, symbol_specks=specks).symbol_notes
    apart = learn_set_apart_notes(pages, damaged_symbols=not symbols)
    if running or apart:
        learned = FootHabits(symbol_zones, symbol_specks=specks, running_notes=running, set_apart_notes=apart)
        zones = foot_note_zones(pages, learned)
    return FootHabits(
        symbol_zones,
        learn_signatures(pages, zones),
        learn_foot_titles(pages),
        learn_edge_titles(pages),
        learn_note_type(pages, zones),
        specks,
        running,
        apart,
    )


def learn_running_notes(pages: Sequence[Sequence[Line]], zones: Sequence[int | None]) -> frozenset[int]:
    """The first lines (raw line numbers) of the page feet whose notes the book numbers on from page
    to page, their markers unread (OCR read each small raised number as a mark: ``people.?``).

    Numbering its notes so is the book's habit where :data:`MIN_RUNNING_PAIRS` page feet's runs of
    notes (:func:`_foot_run`) go on from the run before them (:func:`_goes_on`). Then a run that goes
    on from the one before it, or that the next one goes on from, is the book's notes; so is a run
    opening with note 1 (the book numbers its notes by chapter) where the next run starts again
    too, or, the book's last, one of two notes or more (a lone ``1`` may be note 14 with a digit
    lost). None is taken where the runs are set in the body's type (:func:`_set_smaller`: numbered
    paragraphs), or where the zones found by their markers in the text (``zones``) stand on
    :data:`MAX_MARKED_RUN_SHARE` of the runs' pages or more: the book's markers are read, and they
    decide."""
    runs = [(run, zone) for lines, zone in zip(pages, zones, strict=True) if (run := _foot_run(lines))]
    if sum(zone is not None for _, zone in runs) >= MAX_MARKED_RUN_SHARE * len(runs):
        return frozenset()
    going_on = [_goes_on(earlier, later) for ((_, earlier), _), ((_, later), _) in pairwise(runs)]
    if sum(going_on) < MIN_RUNNING_PAIRS:
        return frozenset()
    taken = set()
    for at, ((line, numbers), _) in enumerate(runs):
        after = runs[at + 1][0][1][0] if at + 1 < len(runs) else None
        restarts = numbers[0] == 1 and (after == 1 or (after is None and len(numbers) > 1))
        if (at and going_on[at - 1]) or (at < len(going_on) and going_on[at]) or restarts:
            taken.add(line)
    return frozenset(taken) if _set_smaller(pages, taken) else frozenset()


def learn_set_apart_notes(pages: Sequence[Sequence[Line]], damaged_symbols: bool = False) -> frozenset[int]:
    """The first lines (raw line numbers) of the notes the book sets apart at its page feet, their
    numbers damaged or read as marks (``? Strengthened …``, ``® They …``), their markers too
    (``itself.!``): the runs of lines at a page's foot each opening as a note (:func:`_set_apart_foot`;
    with a note symbol too, OCR's reading of a number, where ``damaged_symbols``: the book marks no
    notes with symbols). Taken where :data:`~pipeline.readers.foot_furniture.HABIT_MIN_PAGES`
    pages or more end so, more of those runs open with a number (read or damaged) than with a
    symbol, and they are set smaller than the body above them, the body's lines rarely as long
    (:func:`learn_note_type`), on each page where the runs' lines are shaped as notes in that type
    (:func:`_shaped_as_notes`)."""
    feet = [_set_apart_foot(lines, damaged_symbols) for lines in pages]
    if sum(foot is not None for foot in feet) < HABIT_MIN_PAGES:
        return frozenset()
    symbols = [
        bool((start := FOOT_NOTE_START_RE.match(lines[at][1])) and start.group("symbol"))
        for lines, foot in zip(pages, feet, strict=True)
        if foot is not None
        for at in _run_starts(lines, foot)
    ]
    note_type = learn_note_type(pages, feet)
    if note_type is None or sum(symbols) >= len(symbols) / 2:
        return frozenset()
    return frozenset(
        lines[foot][0]
        for lines, foot in zip(pages, feet, strict=True)
        if foot is not None and _shaped_as_notes(lines[foot:], note_type)
    )


def _set_apart_foot(lines: Sequence[Line], damaged_symbols: bool = False) -> int | None:
    """The first line of the notes set apart at the page's foot, or ``None``: from the page's end (less
    its number, :func:`_folio_at_foot`), up over the runs of lines parted by a blank line each
    opening as a note (:func:`_opens_set_apart_note`), the page's first run left to its text; they
    take at most :data:`MAX_ZONE_SHARE` of its lines."""
    first = None
    for at in reversed(_run_starts(lines, 0)[1:]):
        if not _opens_set_apart_note(lines[at][1], damaged_symbols):
            break
        first = at
    if first is None or len(lines) - first > MAX_ZONE_SHARE * len(lines):
        return None
    return first


def _run_starts(lines: Sequence[Line], start: int) -> list[int]:
    """The lines from ``start`` on (the page's number at its foot left out, :func:`_folio_at_foot`)
    that open a run: ``start`` itself, and each with a blank line above it."""
    end = len(lines) - _folio_at_foot(lines)
    return [at for at in range(start, end) if at == start or lines[at][0] - lines[at - 1][0] > 1]


def _folio_at_foot(lines: Sequence[Line]) -> int:
    """1 where the page ends in a line alone (after a blank line) no longer than a page number
    (:data:`~pipeline.text.headings.PAGE_NUMBER_CHARACTERS`: its number, however OCR read it,
    ``12``, ``ee``), else 0."""
    alone = len(lines) > 1 and lines[-1][0] - lines[-2][0] > 1
    return int(alone and len(lines[-1][1].strip()) <= PAGE_NUMBER_CHARACTERS)


def _opens_set_apart_note(text: str, damaged_symbols: bool = False) -> bool:
    """Whether a line opens as a numbered note: a number, or one OCR damaged (perhaps glued to the
    text: :data:`GLUED_DAMAGED_NUMBER_START_RE`), before a capitalised word (``2 The …``,
    ``2? Germany's …``, ``\u2018©The …``); a note symbol only where ``damaged_symbols`` (``*For …``),
    never a dash (a quotation's source: ``— Spectator``)."""
    start = FOOT_NOTE_START_RE.match(text)
    if start is not None:
        return start.group("number") is not None or damaged_symbols
    damaged = DAMAGED_NUMBER_START_RE.match(text) or GLUED_DAMAGED_NUMBER_START_RE.match(text)
    if damaged is None:
        return False
    return bool(damaged.group("marker").strip(DASHES + " " + ("" if damaged_symbols else FOOT_NOTE_SYMBOLS)))


def _shaped_as_notes(lines: Sequence[Line], note_type: NoteType) -> bool:
    """Whether the lines of a page's foot (its number left out) are shaped as notes in their type:
    of each note's lines but its last (a note: a run of lines between blank lines, or two on one
    where a line ends one above a line opening the next, :func:`set_apart_openings`), at least half
    longer than ``note_type.note_length`` (the notes' ragged edge leaves some short); a paragraph of
    the body's type has none so long."""
    notes = lines[: len(lines) - _folio_at_foot(lines)]
    opening = set_apart_openings(notes)
    starts = [at for at, (number, _) in enumerate(notes) if number in opening]
    for start, end in pairwise([*starts, len(notes)]):
        inner = [printed_length(text) > note_type.note_length for _, text in notes[start : end - 1]]
        if inner and sum(inner) < len(inner) / 2:
            return False
    return True


def set_apart_openings(lines: Sequence[Line]) -> dict[int, bool]:
    """The lines (raw line numbers) of notes set apart at a page's foot (:func:`learn_set_apart_notes`)
    that open a note whatever their text: the first of each run (after a blank line), and one
    opening as a note (:func:`_opens_set_apart_note`, ``® Been …``) under a line ending one
    (:data:`NOTE_END_RE`); the other lines are left to their text (:func:`note_groups`)."""
    return {
        number: True
        for at, (number, text) in enumerate(lines)
        if at == 0
        or number - lines[at - 1][0] > 1
        or (NOTE_END_RE.search(lines[at - 1][1].strip()) and _opens_set_apart_note(text))
    }


def _set_smaller(pages: Sequence[Sequence[Line]], firsts: Collection[int]) -> bool:
    """Whether the lines from the runs of notes opening at the raw lines ``firsts`` to their pages'
    ends are set in smaller type than the lines above them (:func:`_zone_measures`;
    :data:`MIN_RUNNING_NOTE_LINES` lines or more): a book's paragraphs numbered on from page to page
    are set in the body's type."""
    zones = [next((at for at, (number, _) in enumerate(lines) if number in firsts), None) for lines in pages]
    _, body_measure, note_measure, note_lines = _zone_measures(pages, zones)
    return note_lines >= MIN_RUNNING_NOTE_LINES and note_measure >= SMALL_TYPE_RATIO * body_measure


def _goes_on(earlier: Sequence[int], later: Sequence[int]) -> bool:
    """Whether a page foot's run of notes ``later`` goes on from the run ``earlier``: its first number
    is the other's last plus one, or plus two where each numbers two notes or more (a note's number
    between them damaged; two notes read alone a number apart are too little: ``2``, ``4`` for 22
    and 24)."""
    step = later[0] - earlier[-1]
    return step == 1 or (step == MAX_NUMBER_STEP and min(len(earlier), len(later)) > 1)


def _foot_run(lines: Sequence[Line]) -> tuple[int, list[int]] | None:
    """The notes numbered in order at the page's foot, down to its last note, each number the one
    before it plus one or two (a note's number OCR damaged between them: ``4, Firm``): the raw line
    number of the first one's line and their numbers. A line right above it opening with the number
    before the first's, a comma or a colon read for its stop (``1, Foreigner``), opens the run.
    ``None`` where the page's last note opens with a symbol, or the notes would take more than
    :data:`MAX_ZONE_SHARE` of its lines; the page's first line opens none."""
    found = _note_starts(lines)
    starts = [(at, int(marker)) for at, marker in found if at and marker.isdigit()]
    if not starts or found[-1][0] != starts[-1][0]:
        return None
    first = len(starts) - 1
    while first and 0 < starts[first][1] - starts[first - 1][1] <= MAX_NUMBER_STEP:
        first -= 1
    index, numbers = starts[first][0], [number for _, number in starts[first:]]
    above = next(
        (
            at
            for at in range(index - 1, max(0, index - MAX_NOTE_LINES), -1)
            if _misread_stop_start(lines[at][1], numbers[0] - 1)
        ),
        None,
    )
    if above is not None:
        index, numbers = above, [numbers[0] - 1, *numbers]
    if len(lines) - index > MAX_ZONE_SHARE * len(lines):
        return None
    return lines[index][0], numbers


def _misread_stop_start(text: str, number: int) -> bool:
    """Whether ``text`` opens note ``number`` with a comma or a colon read for its stop (``1, Foreigner``)."""
    start = MISREAD_STOP_NOTE_START_RE.match(text)
    return start is not None and int(start["number"]) == number


def learn_note_type(pages: Sequence[Sequence[Line]], zones: Sequence[int | None]) -> NoteType | None:
    """The smaller type of the book's notes, from the pages whose notes were found (``zones``):
    where a full line of their notes (:data:`~pipeline.text.widths.MEASURE_SHARE`) is at least
    :data:`SMALL_TYPE_RATIO` times as long as one of their body, and at most
    :data:`MAX_LONG_BODY_SHARE` of the body's lines reach halfway between the two; else ``None``."""
    body, body_measure, note_measure, note_lines = _zone_measures(pages, zones)
    if note_lines < MIN_MEASURED_NOTE_LINES:
        return None
    note_length = (body_measure + note_measure) / 2
    long_body = sum(printed_length(text) > note_length for text in body)
    if note_measure < SMALL_TYPE_RATIO * body_measure or long_body > MAX_LONG_BODY_SHARE * len(body):
        return None
    return NoteType(body_measure, note_length)


def _zone_measures(
    pages: Sequence[Sequence[Line]], zones: Sequence[int | None]
) -> tuple[list[str], float, float, int]:
    """The body's lines above the notes of the pages whose notes open at line ``zones`` (each page's
    first line, its edge's, left out), a full line of the body and of the notes (printed lengths,
    :data:`~pipeline.text.widths.MEASURE_SHARE`), and how many lines the notes hold."""
    body = [text for lines, zone in zip(pages, zones, strict=True) if zone for _, text in lines[1:zone]]
    notes = [text for lines, zone in zip(pages, zones, strict=True) if zone for _, text in lines[zone:]]
    return body, length_percentile(body, MEASURE_SHARE), length_percentile(notes, MEASURE_SHARE), len(notes)


def foot_note_zones(pages: Sequence[Sequence[Line]], habits: FootHabits) -> list[int | None]:
    """The first line of each page's footnote zone, or ``None`` (:func:`foot_note_zone`)."""
    return [foot_note_zone(lines, habits) for lines in pages]


def is_foot_title(text: str, habits: FootHabits) -> bool:
    """Whether ``text`` is one of the running titles the book prints at its page feet."""
    return title_shaped(text) and title_key(text) in habits.foot_titles


def foot_class(line: Line, habits: FootHabits) -> dict[str, str] | None:
    """The class of a line the page's foot ends with, and its evidence, where the book's habits
    tell it: a signature mark, or a running title the book prints at its page feet."""
    number, text = line
    if number in habits.edge_titles:
        return habits.edge_titles[number]
    if number in habits.signatures:
        return {"kind": "signature mark", "evidence": habits.signatures[number]}
    if is_foot_title(text, habits):
        count = habits.foot_titles[title_key(text)]
        return {"kind": "running title", "evidence": f"printed at {count} page feet"}
    return None


def note_groups(
    lines: Sequence[Line], note_type: NoteType | None = None, openings: Mapping[int, bool] | None = None
) -> list[list[Line]]:
    """The footnotes of a page's foot zone, the lines of each: a note from its first line to the
    next one's. A line holding two notes is cut between them: after the first one's last sentence,
    where the next number opens a note (``2 Woodward, op. cit., p. 31. 3 Ibid., p. 33.``) or, in a
    zone marked by symbols, a symbol (``* Origin of Species, p. 63. t Ibid., p. 103.``). There, a
    note also opens at a symbol OCR misread (``f Mines …`` for ``† Mines …``) after a line that
    ends a note; in a zone marked by numbers, at a number OCR damaged (``1(5 It is``,
    :func:`_damaged_number`; or the next number, its stop read as a comma: ``9, Could``) after a
    line that ends a note, and, where the zone's lines show the notes' smaller type (``note_type``,
    :func:`_set_in_note_type`), at a plain number before any text (``35 p.p. 25/1858``) after a line
    that ends a note short of their full line. A line
    opening with a number lower than its note's goes on with it (:func:`_lines_going_on`); one
    opening with the number missing between two notes opens that note, whatever follows
    (:func:`_gap_notes`). Where the lines' places tell whether a line opens a note (``openings``,
    by raw line: its indent, :mod:`pipeline.readers.geometry`), they decide, whatever its text."""
    first = FOOT_NOTE_START_RE.match(lines[0][1]) if lines else None
    symbols = first is not None and first.group("symbol") is not None
    damaged_start = _damaged_symbol if symbols else _damaged_number
    going_on = _lines_going_on(lines)
    filling = _gap_notes(lines)
    typed = not symbols and note_type is not None and _set_in_note_type(lines, note_type)
    groups: list[list[Line]] = []
    placed = openings or {}
    for index, (number, text) in enumerate(lines):
        for at, part in enumerate(_line_notes(text.strip(), symbols, groups)):
            damaged = groups and NOTE_END_RE.search(groups[-1][-1][1].strip())
            opens = (FOOT_NOTE_START_RE.match(part) and index not in going_on) or (
                index in filling and part == text.strip()
            )
            plain = typed and groups and _plain_number_after_note(groups[-1][-1][1], part, note_type)
            by_place = placed.get(number) if at == 0 else None
            if by_place is None:
                by_place = bool(
                    opens
                    or plain
                    or (damaged and (damaged_start(part) or _next_with_misread_stop(groups, part)))
                )
            if not groups or by_place:
                groups.append([])
            groups[-1].append(Line(number, part))
    return groups


def _plain_number_after_note(last: str, text: str, note_type: NoteType | None) -> bool:
    """Whether ``text`` opens a note with a plain number before any text (``35 p.p. 25/1858``)
    after the line ``last`` ending a note short of a full line of the notes' type."""
    return (
        note_type is not None
        and PLAIN_NOTE_START_RE.match(text) is not None
        and NOTE_END_RE.search(last.strip()) is not None
        and printed_length(last) <= note_type.note_length
    )


def _gap_notes(lines: Sequence[Line]) -> set[int]:
    """The lines of a note zone opening with the number that lacks between two notes, N-1 and N+1,
    before any text (``2 e.g. Chartulary …`` between notes 1 and 3): note N."""
    starts = [(index, int(marker)) for index, marker in _note_starts(lines) if marker.isdigit()]
    found: set[int] = set()
    for (first, earlier), (last, later) in pairwise(starts):
        if later == earlier + 2:
            pattern = re.compile(rf"^\s*{earlier + 1}[.,;:]?\s+\S")
            found |= {index for index in range(first + 1, last) if pattern.match(lines[index][1])}
    return found


def _lines_going_on(lines: Sequence[Line]) -> set[int]:
    """The lines of a note zone that open with a number lower than the note's before them, between
    two that follow each other (``1 Richard 11, c. No. 25`` between notes 3 and 4), after a line
    that ends no note (``… (p. 252);``): the text of the note before goes on
    (:func:`_stray_among_numbers`)."""
    starts = _note_starts(lines)
    return {
        index
        for at, (index, marker) in enumerate(starts)
        if _stray_among_numbers(starts, at)
        and marker.isdigit()
        and int(marker) < int(starts[at - 1][1])
        and not NOTE_END_RE.search(lines[index - 1][1].strip())
    }


def _damaged_symbol(text: str) -> bool:
    """Whether ``text`` opens with a note symbol OCR misread (:data:`DAMAGED_SYMBOL_START_RE`)."""
    return DAMAGED_SYMBOL_START_RE.match(text) is not None


def _next_with_misread_stop(groups: Sequence[Sequence[Line]], text: str) -> bool:
    """Whether ``text`` opens the note numbered after the last of ``groups`` with a comma or a colon
    read for its stop (``9, Could``, after note 8)."""
    opening = FOOT_NOTE_START_RE.match(groups[-1][0][1].strip())
    number = opening["number"] if opening else None
    return number is not None and _misread_stop_start(text, int(number) + 1)


def _damaged_number(text: str) -> bool:
    """Whether ``text`` opens with a note number OCR damaged (:data:`DAMAGED_NUMBER_START_RE`)
    that still shows a digit, or a small o or l read for one (``1(5``, ``■*o``; not a dash
    opening a quotation's source, ``— Spectator``)."""
    damaged = DAMAGED_NUMBER_START_RE.match(text)
    return damaged is not None and DAMAGED_DIGIT_RE.search(damaged.group("marker")) is not None


def _line_notes(text: str, symbols: bool, groups: Sequence[Sequence[Line]]) -> list[str]:
    """A note line cut where a second note opens on it (see :func:`note_groups`)."""
    if symbols:
        return SECOND_SYMBOL_NOTE_RE.split(text)
    opening = FOOT_NOTE_START_RE.match(text) or (
        FOOT_NOTE_START_RE.match(groups[-1][0][1]) if groups else None
    )
    current = int(opening.group("number")) if opening and opening.group("number") else None
    parts: list[str] = []
    start = 0
    for match in SECOND_NUMBERED_NOTE_RE.finditer(text):
        if current is not None and int(match.group("number")) == current + 1:
            parts.append(text[start : match.start()])
            start, current = match.start("number"), current + 1
    return [*parts, text[start:]]


def foot_note_zone(lines: Sequence[Line], habits: FootHabits) -> int | None:
    """Index of the first line of the page's footnotes in ``lines`` (the page without its edge
    furniture), or ``None``: see the module's docstring for the evidence asked. The notes the book's
    habits place (:meth:`FootHabits.placed_notes`) open it where the page has them; else their
    sequence and markers do (:func:`_sequence_zone`). It reaches up over the notes told by their
    type whose numbers OCR damaged beyond it (:func:`_typed_zone`)."""
    placed = next((at for at, (number, _) in enumerate(lines) if habits.placed_notes(number)), None)
    found = _sequence_zone(lines, habits) if placed is None else placed
    typed = _typed_zone(lines, found, habits.note_type)
    return typed if typed is not None and (found is None or typed < found) else found


def _sequence_zone(lines: Sequence[Line], habits: FootHabits) -> int | None:
    """The first line of the page's footnotes found by their markers and numbers, or ``None``."""
    starts = _note_starts(lines)
    if not starts:
        return None
    first = len(starts) - 1
    while first > 0 and (
        _follows(starts[first - 1][1], _next_marker(starts, first)) or _stray_among_numbers(starts, first - 1)
    ):
        first -= 1
    for at, (index, marker) in enumerate(starts[first:], start=first):
        if index == 0 or len(lines) - index > MAX_MARKED_ZONE_SHARE * len(lines):
            continue
        if marker.isdigit() and _stray_among_numbers(starts, at):
            continue
        above = " ".join(text for _, text in lines[:index])
        if (
            _marker_above(marker, above)
            or _spaced_markers_above(starts, index, above)
            or _lone_first_note(starts, index, above)
        ):
            return _lost_note_above(
                lines, *_damaged_note_above(lines, starts, _earlier_notes(starts, index)), habits
            )
        lost = _lost_note_above(lines, index, marker, habits)
        if lost < index and marker.isdigit() and len(spaced_marker_re(marker).findall(above)) == 1:
            return lost
        if not marker.isdigit() and habits.symbol_notes and len(lines) - index <= MAX_ZONE_SHARE * len(lines):
            return index
    return None


def _note_starts(lines: Sequence[Line]) -> list[tuple[int, str]]:
    """``(index, marker)`` of the lines opening like a footnote, top to bottom."""
    return [
        (i, match.group("number") or match.group("symbol"))
        for i, (_, text) in enumerate(lines)
        if (match := FOOT_NOTE_START_RE.match(text))
    ]


def _next_marker(starts: Sequence[tuple[int, str]], index: int) -> str:
    """The marker of note ``index``, or where it stands out of the sequence of numbered notes
    (:func:`_stray_among_numbers`), the number of the note after it."""
    if _stray_among_numbers(starts, index):
        return starts[index + 1][1]
    return starts[index][1]


def _stray_among_numbers(starts: Sequence[tuple[int, str]], index: int) -> bool:
    """Whether the line opening like note ``index`` stands out of the sequence of the numbered
    notes around it, which follow each other: marked by a symbol (an editor's note among the
    author's: ``1 British Museum…``, ``* “ Why…``, ``3 Cf.…``), or by a number out of their
    order (a note's line opening with a number: ``1 Richard 11, c. No. 25`` between notes 3 and
    4; a number OCR misread: ``6 According`` between notes 4 and 6)."""
    if index == 0 or index + 1 >= len(starts):
        return False
    earlier, marker, later = starts[index - 1][1], starts[index][1], starts[index + 1][1]
    if not (earlier.isdigit() and later.isdigit() and _follows(earlier, later)):
        return False
    return not (marker.isdigit() and int(earlier) < int(marker) < int(later))


def _follows(earlier: str, later: str) -> bool:
    """Whether note ``later`` can follow note ``earlier`` in one zone."""
    if earlier.isdigit() and later.isdigit():
        return int(later) > int(earlier)
    return not earlier.isdigit() and not later.isdigit()


def _earlier_notes(starts: Sequence[tuple[int, str]], index: int) -> int:
    """The zone's first line, from line ``index``, the first note whose marker was found: up over
    the notes right above it whose numbers are lower (their markers OCR misread), each at most
    :data:`MAX_NOTE_LINES` lines above the next."""
    numbered = {at: int(marker) for at, marker in starts if marker.isdigit()}
    for at in sorted(numbered, reverse=True):
        if (
            at < index
            and index in numbered
            and index - at <= MAX_NOTE_LINES
            and numbered[at] < numbered[index]
        ):
            index = at
    return index


def _damaged_note_above(
    lines: Sequence[Line], starts: Sequence[tuple[int, str]], index: int
) -> tuple[int, str]:
    """The zone's first line and its note's marker, from line ``index`` (its first note found,
    numbered N): the nearest line at most :data:`MAX_NOTE_LINES` above it opening as a note whose
    number OCR damaged (:data:`DAMAGED_NUMBER_START_RE`), where the text above that line holds note
    N-1's marker, plain or set apart between words; and so on up (N-2 above that one …)."""
    number = dict(starts).get(index, "")
    if not number.isdigit():
        return index, number
    expected = int(number) - 1
    while expected > 0:
        at = next(
            (
                at
                for at in range(index - 1, max(0, index - MAX_NOTE_LINES) - 1, -1)
                if at and DAMAGED_NUMBER_START_RE.match(lines[at][1])
            ),
            None,
        )
        above = " ".join(text for _, text in lines[:at]) if at else ""
        if at is None or not _marker_or_spaced_above(str(expected), above):
            return index, str(expected + 1)
        index, expected = at, expected - 1
    return index, str(expected + 1)


def _marker_or_spaced_above(marker: str, text: str) -> bool:
    """Whether note ``marker``'s marker stands in ``text``, plain or set apart between words."""
    return _marker_above(marker, text) or spaced_marker_re(marker).search(text) is not None


def _lost_note_above(lines: Sequence[Line], index: int, marker: str, habits: FootHabits) -> int:
    """The zone's first line, from line ``index`` (its first note found, marked ``marker``): the
    first line of a note right above it whose number OCR lost (:func:`_lost_note_top`), where
    ``marker`` is a number N and the text above that note holds note N-1's marker."""
    if habits.note_type is None or not marker.isdigit() or int(marker) < 2:
        return index
    top = _lost_note_top(lines, index, habits.note_type)
    if top is None or not _marker_or_spaced_above(str(int(marker) - 1), " ".join(t for _, t in lines[:top])):
        return index
    return top


def _lost_note_top(lines: Sequence[Line], index: int, note_type: NoteType) -> int | None:
    """The first line of the lines right above line ``index`` set in the notes' type, or ``None``:
    up over the lines longer than ``note_type.note_length`` (at least :data:`MIN_LOST_NOTE_LINES`),
    a full line of the body's type between two of them, and a line ending a sentence right above
    line ``index`` (a note's last); to the full line above them opening as a note's text (a note's
    first line, indented), or else the first of them, if it opens so. Some body stays above."""
    lengths = [printed_length(text) for _, text in lines]
    full = FULL_LINE_SHARE * note_type.body_measure
    long = [length > note_type.note_length for length in lengths]
    at = index - 1
    while at > 0 and (
        long[at]
        or (at == index - 1 and ends_sentence(lines[at][1]))
        or (lengths[at] >= full and long[at - 1] and long[at + 1])
    ):
        at -= 1
    if sum(long[at + 1 : index]) < MIN_LOST_NOTE_LINES:
        return None
    opens = [top for top in (at, at + 1) if re.match(NUMBERED_NOTE_TEXT_START, lines[top][1].strip())]
    if opens and opens[0] == at and lengths[at] < full:
        opens = opens[1:]
    return opens[0] if opens and opens[0] > 0 else None


def _typed_zone(lines: Sequence[Line], found: int | None, note_type: NoteType | None) -> int | None:
    """The first line of the page's notes told by their smaller type, where OCR damaged their
    numbers beyond the sequence's rules (``54 Increased …``, ``35 …``, ``50 …``, ``5” Lake …``
    for notes 34 to 37), or ``None``: up from the zone ``found`` (or the page's end), over the
    lines shaped as notes (:func:`_note_shaped`), to the first of them opening as a note
    (:func:`_opens_note`), none above it set in the notes' type (the text above is the body's).
    The lines from it to the page's end are at least :data:`MIN_TYPED_SHARE` (and
    :data:`MIN_LOST_NOTE_LINES`) in the notes' type, and the page's text above holds the marker
    of one of their notes (plain, or set apart between words)."""
    if note_type is None:
        return None
    end = len(lines) if found is None else found
    shaped = _note_shaped(lines, note_type)
    top = end
    while top > 1 and shaped[top - 1]:
        top -= 1
    first = next((at for at in range(top, end) if _opens_note(lines, at, note_type)), None)
    if first is None or len(lines) - first > MAX_MARKED_ZONE_SHARE * len(lines):
        return None
    if any(printed_length(text) > note_type.note_length for _, text in lines[top:first]):
        return None
    if not _set_in_note_type(lines[first:], note_type):
        return None
    above = " ".join(text for _, text in lines[:first])
    numbers = {number for _, text in lines[first:] if (number := _opening_number(text))}
    return first if any(_marker_or_spaced_above(number, above) for number in numbers) else None


def _opening_number(text: str) -> str | None:
    """The number a line opens with, as a note's (``12 Ibid.``, ``12. Ibid.``, ``35 p.p.``)."""
    start = FOOT_NOTE_START_RE.match(text) or PLAIN_NOTE_START_RE.match(text.strip())
    return start.group("number") if start else None


def _set_in_note_type(lines: Sequence[Line], note_type: NoteType) -> bool:
    """Whether ``lines`` show the notes' type: at least :data:`MIN_TYPED_SHARE` of them (and
    :data:`MIN_LOST_NOTE_LINES`) longer than ``note_type.note_length``."""
    long = sum(printed_length(text) > note_type.note_length for _, text in lines)
    return long >= max(MIN_LOST_NOTE_LINES, MIN_TYPED_SHARE * len(lines))


def _note_shaped(lines: Sequence[Line], note_type: NoteType) -> list[bool]:
    """Whether each line is shaped as a line of the notes: set in their type (longer than
    ``note_type.note_length``), a full line of the body's type between two such, or a line ending
    a note (:data:`NOTE_END_RE`) before one opening a note (:func:`_opens_note`) or the page's end."""
    lengths = [printed_length(text) for _, text in lines]
    long = [length > note_type.note_length for length in lengths]
    full = FULL_LINE_SHARE * note_type.body_measure
    shaped: list[bool] = []
    for at, (_, text) in enumerate(lines):
        between = 0 < at < len(lines) - 1 and lengths[at] >= full and long[at - 1] and long[at + 1]
        ends = NOTE_END_RE.search(text.strip()) is not None and (
            at == len(lines) - 1 or _opens_note(lines, at + 1, note_type)
        )
        shaped.append(long[at] or between or ends)
    return shaped


def _opens_note(lines: Sequence[Line], at: int, note_type: NoteType) -> bool:
    """Whether line ``at`` opens as a note whose number OCR may have damaged: a number then the
    note's text (:data:`FOOT_NOTE_START_RE`), a damaged number still showing a digit
    (:func:`_damaged_number`), on a line set in the notes' type any short token of signs
    (``-- Sir Richard …``: :data:`DAMAGED_NUMBER_START_RE`), or a plain number before any text
    after a line ending a note (:func:`_plain_number_after_note`: ``35 p.p. 25/1858``)."""
    text = lines[at][1]
    start = FOOT_NOTE_START_RE.match(text)
    if start is not None:
        return start.group("number") is not None
    if at and _plain_number_after_note(lines[at - 1][1], text.strip(), note_type):
        return True
    damaged = DAMAGED_NUMBER_START_RE.match(text) is not None
    return _damaged_number(text) or (damaged and printed_length(text) > note_type.note_length)


def _spaced_markers_above(starts: Sequence[tuple[int, str]], index: int, text: str) -> bool:
    """Whether the notes from line ``index`` open with :data:`MIN_SPACED_NOTES` numbers rising by
    one, each set apart between two words in ``text`` (:func:`spaced_marker_re`)."""
    numbers = [marker for at, marker in starts if at >= index][:MIN_SPACED_NOTES]
    rising = all(b.isdigit() and a.isdigit() and int(b) == int(a) + 1 for a, b in pairwise(numbers))
    return (
        len(numbers) == MIN_SPACED_NOTES and rising and all(spaced_marker_re(n).search(text) for n in numbers)
    )


def _lone_first_note(starts: Sequence[tuple[int, str]], index: int, text: str) -> bool:
    """Whether line ``index`` opens the page's one note, numbered 1 (a sequence's start), whose
    marker stands once in ``text`` set apart between two words (``Carrickgollogan 1 (often``)."""
    return starts[-1] == (index, "1") and len(starts) == 1 and len(spaced_marker_re("1").findall(text)) == 1


def _marker_above(marker: str, text: str) -> bool:
    """Whether ``marker`` stands in ``text`` as a plain note marker (:func:`plain_marker_re`)."""
    return plain_marker_re(marker).search(text) is not None


def note_ends(text: str) -> bool:
    """Whether a note's last line ends its text (:data:`NOTE_END_RE`): else the note goes on on the
    next page."""
    return NOTE_END_RE.search(text.strip()) is not None


def continued_note_top(lines: Sequence[Line], end: int, note_type: NoteType | None) -> int | None:
    """The first line of a note the page before left unfinished, printed at the top of this page's
    foot, above line ``end`` (the page's first note, or its end), or ``None``: the lines right above
    ``end`` set in the notes' type (:class:`NoteType`; at least :data:`MIN_LOST_NOTE_LINES`, the
    last perhaps a note's short last line ending a sentence), the first of them opening in lower
    case (the note's sentence going on) right under a line of the body's type, some body above it.
    Only where the book sets its notes smaller than its body."""
    if note_type is None or end < 1:
        return None
    long = [printed_length(text) > note_type.note_length for _, text in lines[:end]]
    at = end - 1
    if not long[at] and ends_sentence(lines[at][1]):
        at -= 1
    top = at
    while top >= 0 and long[top]:
        top -= 1
    top += 1
    if top < MIN_BODY_ABOVE or sum(long[top:end]) < MIN_LOST_NOTE_LINES:
        return None
    return top if starts_lower(lines[top][1].strip()) else None
