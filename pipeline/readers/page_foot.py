"""The foot of a printed page in wrapped OCR: its footnote bodies, its printer's signature mark
and the running title some books print there.

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
  feet (:data:`HABIT_MIN_PAGES`), since OCR often loses a small ``*`` in the text;
* the notes take at most :data:`MAX_ZONE_SHARE` of the page's lines, or
  :data:`MAX_MARKED_ZONE_SHARE` where their marker stands above (the short last page of a chapter).

A signature mark is the gathering's letter a printer set at the foot of a page, below the text or
above the footnotes: ``B``, ``C 2``, ``2 A``, ``B*``, ``B VOL. I.``, or a gathering's number
(``3``). The book's marks are learned as a sequence: the marks that rise through the book's page
feet (``B``, ``C``, ``D`` … every few pages, :func:`learn_signatures`). Where the book has such a
sequence, a line of that shape at a page foot is a mark too, and so is a short line the OCR
damaged (``ll*``, ``It VOL. I.``) that has the form of the book's usual marks (``B*``, ``B VOL. I.``).

A running title printed at the page foot (with the page number, under the footnotes) is a line in
capitals that the book repeats at its page feet (:data:`HABIT_MIN_PAGES` times). One printed too
seldom for a habit is known by repeating a title that opens an earlier page (the book's title, a
chapter's heading) where the page shows it is no heading: at the foot beside a bare page number,
or at the top above a line going on with the previous page's sentence (:func:`learn_edge_titles`).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import NamedTuple

from pipeline.chains import heaviest_chain
from pipeline.text.headings import is_capitals
from pipeline.text.markers import (
    DAMAGED_NUMBER_START_RE,
    NOTE_SYMBOLS,
    SYMBOL_OCR_FORMS,
    SYMBOL_ORDER,
    SYMBOL_TOKEN,
    plain_marker_re,
    spaced_marker_re,
)

Line = tuple[int, str]  # raw line number, text

# a footnote's first line: a number or symbols (OCR reads a small ``*`` as ``•`` or ``♦`` too), then its
# text (after a symbol, a quotation mark OCR set apart: ``* “ Fossil Flora.”``)
FOOT_NOTE_SYMBOLS = NOTE_SYMBOLS + "".join(SYMBOL_OCR_FORMS["*"])
NOTE_TEXT_START = "(?=[\"\u201c\u2018'(\\[]? ?[A-Z])"  # a footnote's text: a capital, perhaps quoted
FOOT_NOTE_START_RE = re.compile(
    rf"^\s*(?:(?P<number>\d{{1,3}})\.?\s+(?=[\"\u201c\u2018'(\[]?[A-Z])|(?P<symbol>[{FOOT_NOTE_SYMBOLS}]{{1,3}})\s*{NOTE_TEXT_START})"
)
DAMAGED_SYMBOL_START_RE = re.compile(rf"^\s*(?:{SYMBOL_TOKEN})\s+{NOTE_TEXT_START}")
# a second note on a note's line, after the first one's last sentence: ``… p. 63. t Ibid., p. 103.``
SECOND_NOTE_SYMBOLS = "|".join(map(re.escape, (*SYMBOL_ORDER, "f", "t", "x", "J", "||")))
SECOND_SYMBOL_NOTE_RE = re.compile(
    rf"(?<=[.)\u201d\u2019])\s+(?=(?:{SECOND_NOTE_SYMBOLS})\s+{NOTE_TEXT_START})"
)
SECOND_NUMBERED_NOTE_RE = re.compile(rf"(?<=[.)\u201d\u2019])\s+(?P<number>\d{{1,3}})\s+{NOTE_TEXT_START}")
DAMAGED_DIGIT_RE = re.compile(r"[\dol]")  # what a damaged note number still shows of its digits
NOTE_END_RE = re.compile(r"[.)\u201d\u2019\"]$")  # the end of a note's text
# a printer's signature: perhaps the alphabet's round (``2 A``), the gathering's letter (or the
# letter doubled, ``Aa``), perhaps its leaf (``C 2``, ``B*``) and the volume (``B VOL. I.``, which
# OCR reads ``B YOL. I.``)
LETTER_SIGNATURE_RE = re.compile(
    r"^(?:(?P<round>\d)\s?)?(?P<letters>[A-Za-z]{1,2})(?:\s?(?P<leaf>\d{1,2}|\*))?\.?"
    r"(?:\s+[VY]OL[.,]?\s*[IVXL1l]{1,4}\.?)?$"
)
EDGE_NUMBER_RE = re.compile(r"^\s*(?:\d{1,4}|[IVXLCivxlc]{1,7})\s*$")  # a bare page number, arabic or roman
NUMBER_SIGNATURE_RE = re.compile(r"^(?P<number>\d{1,2})$")  # a gathering numbered, not lettered
LETTERS_IN_ALPHABET = 26
UNUSED_LETTERS = "JW"  # a printer's alphabet of gatherings skips them
MAX_LETTER_STEP = 3  # a printer's alphabet skips J, V, W; OCR may lose a mark
MIN_PAGES_PER_MARK = 2  # marks stand on the first leaves of a gathering, never on two pages running
MIN_PAGES_PER_NUMBERED_GATHERING = 4  # so page numbers at page feet are not taken for gatherings
SIGNATURE_MAX_CHARS = 14  # a damaged mark is a short line of a few tokens
SIGNATURE_MAX_TOKENS = 3
SIMILAR_FORM = 0.7  # how close a damaged mark's form is to the book's usual one
SIGNATURE_FORM_LETTERS_RE = re.compile(r"^(?:\d\s?)?[^\W\d_]{1,2}")
SIGNATURE_FORM_DROPS_RE = re.compile(r"[.,:;]")
BARE_FORM = "a"  # the form of a bare letter: too common a shape to recognise a damaged mark by
FOOT_TITLE_LINES = 3  # a running title at the foot stands among the page's last lines
FOOT_TITLE_MAX_WORDS = 8
INSIDE_PAGE_WEIGHT = 0.9  # a mark-shaped line inside the page counts for a little less than one at its foot
HABIT_MIN_PAGES = 3
MAX_ZONE_SHARE = 0.6  # notes take at most this share of a page's lines
MAX_NOTE_LINES = 4  # a note right above the first one found, whose marker OCR misread
MIN_SPACED_NOTES = 2  # notes whose markers OCR set apart from their words: two in a row
MAX_MARKED_ZONE_SHARE = 0.8  # … or this share, where the first note's marker stands above them


class SignatureKey(NamedTuple):
    """Where a mark stands in the printer's sequence: lettered or numbered gatherings, the
    gathering's rank and the leaf."""

    scheme: str
    rank: int
    leaf: int


class FootLine(NamedTuple):
    """A line that may be a signature mark: its page, raw line, text and key; ``at_foot`` where it
    ends the page or stands right above the page's footnote zone (else above some note's line)."""

    page: int
    line: int
    text: str
    key: SignatureKey | None
    at_foot: bool


@dataclass(frozen=True)
class FootHabits:
    """What the book's page feet show: how many pages end in a zone opening with a note symbol,
    the signature marks found (raw line → evidence) and the running titles printed at the foot
    (their :func:`title_key`), and the titles and page numbers at a page's edge that repeat a title
    printed earlier (raw line → class, :func:`learn_edge_titles`)."""

    symbol_zones: int = 0
    signatures: Mapping[int, str] = field(default_factory=dict)
    foot_titles: Mapping[str, int] = field(default_factory=dict)
    edge_titles: Mapping[int, dict[str, str]] = field(default_factory=dict)

    @property
    def symbol_notes(self) -> bool:
        return self.symbol_zones >= HABIT_MIN_PAGES


def learn_foot_habits(pages: Sequence[Sequence[Line]]) -> FootHabits:
    """The book's habits at its page feet: note zones opened by a symbol, signature marks and
    running titles printed at the foot."""
    symbol_zones = 0
    for lines in pages:
        starts = _note_starts(lines)
        symbol_zones += any(not marker.isdigit() for _, marker in starts[-1:])
    notes = FootHabits(symbol_zones)
    return FootHabits(
        symbol_zones, learn_signatures(pages, notes), learn_foot_titles(pages), learn_edge_titles(pages)
    )


def learn_signatures(pages: Sequence[Sequence[Line]], habits: FootHabits) -> dict[int, str]:
    """The signature marks of the book, raw line → evidence: the longest sequence of marks rising
    through the page feet, then the other lines of a mark's shape at page feet, and the damaged
    marks that have the form of the sequence's usual marks (see the module's docstring).
    ``habits`` tells the page feet's footnote zones (:func:`foot_note_zone`)."""
    candidates = [
        FootLine(
            page, *lines[index], signature_key(lines[index][1]), index in _signature_places(lines, habits)
        )
        for page, lines in enumerate(pages)
        for index in _mark_places(lines)
    ]
    chain = heaviest_chain([c for c in candidates if c.key], weight=_mark_weight, follows=_mark_follows)
    if len(chain) < HABIT_MIN_PAGES:
        return {
            mark.line: "a signature mark's shape (a capital letter) closing a page"
            for mark in candidates
            if mark.at_foot and mark.key and mark.key.scheme == "letters" and _capital_mark(mark.text)
        }
    sequence = (
        f"{len(chain)} marks rise through the page feet ({chain[0].text.strip()} … {chain[-1].text.strip()})"
    )
    found = {mark.line: f"signature mark: one of the {sequence}" for mark in chain}
    forms = Counter(signature_form(mark.text) for mark in chain)
    usual = [form for form, count in forms.items() if count >= HABIT_MIN_PAGES and form != BARE_FORM]
    for candidate in candidates:
        if candidate.line in found or not candidate.at_foot:
            continue
        if candidate.key is not None and candidate.key.scheme == "letters":
            found[candidate.line] = f"a signature mark's shape at a page foot; {sequence}"
        elif (similar := _similar_form(candidate.text, usual)) is not None:
            found[candidate.line] = (
                f"a damaged signature mark, in the form of the book's {similar!r}; {sequence}"
            )
    return found


def signature_key(text: str) -> SignatureKey | None:
    """The place in the printer's sequence of a line shaped like a signature mark, else ``None``
    (also for two different letters, which no mark has: a damaged mark or a word)."""
    line = text.strip()
    if number := NUMBER_SIGNATURE_RE.match(line):
        return SignatureKey("numbers", int(number.group("number")), 1)
    match = LETTER_SIGNATURE_RE.match(line)
    if not match:
        return None
    letters = match.group("letters").upper()
    if len(set(letters)) > 1:
        return None
    rank = (ord(letters[0]) - ord("A")) + LETTERS_IN_ALPHABET * (
        len(letters) - 1 + max(0, int(match.group("round") or 1) - 1)
    )
    leaf = match.group("leaf")
    return SignatureKey("letters", rank, 2 if leaf == "*" else int(leaf or 1))


def _capital_mark(text: str) -> bool:
    """A mark in capitals closing a page (``E``, ``A 2``): one even a book without a sequence of
    marks is taken to print (a lower-case letter alone may be a stray character)."""
    line = text.strip()
    return (
        LETTER_SIGNATURE_RE.match(line) is not None
        and not any(map(str.islower, line))
        and not set(line) & set(UNUSED_LETTERS)
    )


def signature_form(text: str) -> str:
    """A mark's form, its letters and punctuation aside: ``B VOL. I.`` → ``a vol i``, ``C*`` → ``a*``."""
    form = SIGNATURE_FORM_LETTERS_RE.sub(BARE_FORM, text.strip().casefold())
    return " ".join(SIGNATURE_FORM_DROPS_RE.sub(" ", form).split())


def _similar_form(text: str, usual: Sequence[str]) -> str | None:
    """The usual form a short line's form is close to (:data:`SIMILAR_FORM`), if any."""
    line = text.strip()
    if len(line) > SIGNATURE_MAX_CHARS or len(line.split()) > SIGNATURE_MAX_TOKENS:
        return None
    form = signature_form(line)
    return next((u for u in usual if difflib.SequenceMatcher(None, form, u).ratio() >= SIMILAR_FORM), None)


def _signature_places(lines: Sequence[Line], habits: FootHabits) -> list[int]:
    """Where a page's signature mark may stand: its last line, or right above its footnotes."""
    if len(lines) < 2:
        return []
    zone = foot_note_zone(lines, habits)
    return [*([zone - 1] if zone else []), len(lines) - 1]


def _mark_places(lines: Sequence[Line]) -> list[int]:
    """The lines of a page that may be its signature mark in the book's sequence: its lower half
    and each line right above a line opening like a footnote (a mark stands above the footnotes,
    which may start higher up, or go on from the page before without a marker)."""
    if len(lines) < 2:
        return []
    half = len(lines) // 2
    return [i for i in range(1, len(lines)) if i >= half or FOOT_NOTE_START_RE.match(lines[i + 1][1])]


def _mark_weight(candidate: FootLine) -> float:
    """A mark at the page's foot weighs more than a line of its shape higher up the page."""
    return 1.0 if candidate.at_foot else INSIDE_PAGE_WEIGHT


def _mark_follows(earlier: FootLine, later: FootLine) -> bool:
    """Whether mark ``later`` can follow mark ``earlier`` in the printer's sequence."""
    if earlier.key is None or later.key is None or earlier.key.scheme != later.key.scheme:
        return False
    step = later.key.rank - earlier.key.rank
    pages = later.page - earlier.page
    if earlier.key.scheme == "numbers":
        return step == 1 and pages >= MIN_PAGES_PER_NUMBERED_GATHERING
    return later.key[1:] > earlier.key[1:] and step <= MAX_LETTER_STEP and pages >= MIN_PAGES_PER_MARK


def learn_foot_titles(pages: Sequence[Sequence[Line]]) -> dict[str, int]:
    """The running titles printed at page feet: short lines in capitals among a page's last lines
    that the book repeats at its page feet (:data:`HABIT_MIN_PAGES` times)."""
    counts = Counter(
        title_key(text)
        for lines in pages
        if len(lines) > FOOT_TITLE_LINES
        for _, text in lines[-FOOT_TITLE_LINES:]
        if len(text.split()) <= FOOT_TITLE_MAX_WORDS and _title_shaped(text)
    )
    return {key: count for key, count in counts.items() if count >= HABIT_MIN_PAGES and key}


def learn_edge_titles(pages: Sequence[Sequence[Line]]) -> dict[int, dict[str, str]]:
    """Running titles a book prints too seldom to be a habit, raw line → class: a line in capitals
    at a page's edge that repeats a title opening an earlier page (the book's title, a chapter's
    heading: among its first :data:`FOOT_TITLE_LINES` lines), where the page tells it is no heading:
    at the foot beside a bare page number
    (``7`` / ``THE CAMBRIANS``; the number is classed too), or at the top above a line that goes on
    with the previous page's sentence (``INTRODUCTION`` / ``perhaps, of the interior…``)."""
    found: dict[int, dict[str, str]] = {}
    printed: set[str] = set()
    for lines in pages:
        found.update(_foot_title_lines(lines[-FOOT_TITLE_LINES:], printed))
        found.update(_top_title_line(lines, printed))
        printed |= {title_key(text) for _, text in lines[:FOOT_TITLE_LINES] if _title_shaped(text)} - {""}
    return found


def _foot_title_lines(foot: Sequence[Line], printed: set[str]) -> dict[int, dict[str, str]]:
    """A title printed earlier and a bare page number beside it among a page's last lines."""
    for (first, upper), (second, lower) in pairwise(foot):
        for title, number in (((first, upper), (second, lower)), ((second, lower), (first, upper))):
            if title_key(title[1]) in printed and _title_shaped(title[1]) and EDGE_NUMBER_RE.match(number[1]):
                evidence = f"a title printed earlier, beside page number {number[1].strip()} at the page foot"
                return {
                    title[0]: {"kind": "running title", "evidence": evidence},
                    number[0]: {
                        "kind": "page number",
                        "evidence": f"beside the running title {title[1].strip()}",
                    },
                }
    return {}


def _top_title_line(lines: Sequence[Line], printed: set[str]) -> dict[int, dict[str, str]]:
    """A title printed earlier that opens a page whose next line goes on with a sentence (it starts
    in lower case)."""
    if len(lines) < 2 or not _title_shaped(lines[0][1]) or title_key(lines[0][1]) not in printed:
        return {}
    following = lines[1][1].lstrip()
    if not following[:1].islower():
        return {}
    evidence = "a title printed earlier, at the page top above a sentence that goes on"
    return {lines[0][0]: {"kind": "running title", "evidence": evidence}}


def _title_shaped(text: str) -> bool:
    """A line in capitals mostly of letters (not a reference such as ``(C.S.O. 1713/1857.)``)."""
    return is_capitals(text) and 2 * len(title_key(text)) >= len("".join(text.split()))


def title_key(text: str) -> str:
    """A running title's letters, in capitals (its numbers and punctuation vary with OCR)."""
    return "".join(filter(str.isalpha, text)).upper()


def is_foot_title(text: str, habits: FootHabits) -> bool:
    """Whether ``text`` is one of the running titles the book prints at its page feet."""
    return _title_shaped(text) and title_key(text) in habits.foot_titles


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


def note_groups(lines: Sequence[Line]) -> list[list[Line]]:
    """The footnotes of a page's foot zone, the lines of each: a note from its first line to the
    next one's. A line holding two notes is cut between them: after the first one's last sentence,
    where the next number opens a note (``2 Woodward, op. cit., p. 31. 3 Ibid., p. 33.``) or, in a
    zone marked by symbols, a symbol (``* Origin of Species, p. 63. t Ibid., p. 103.``). There, a
    note also opens at a symbol OCR misread (``f Mines …`` for ``† Mines …``) after a line that
    ends a note; in a zone marked by numbers, at a number OCR damaged (``1(5 It is``,
    :func:`_damaged_number`) after a line that ends a note."""
    first = FOOT_NOTE_START_RE.match(lines[0][1]) if lines else None
    symbols = first is not None and first.group("symbol") is not None
    damaged_start = _damaged_symbol if symbols else _damaged_number
    groups: list[list[Line]] = []
    for number, text in lines:
        for part in _line_notes(text.strip(), symbols, groups):
            damaged = groups and NOTE_END_RE.search(groups[-1][-1][1].strip())
            if not groups or FOOT_NOTE_START_RE.match(part) or (damaged and damaged_start(part)):
                groups.append([])
            groups[-1].append((number, part))
    return groups


def _damaged_symbol(text: str) -> bool:
    """Whether ``text`` opens with a note symbol OCR misread (:data:`DAMAGED_SYMBOL_START_RE`)."""
    return DAMAGED_SYMBOL_START_RE.match(text) is not None


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
    furniture), or ``None``: see the module's docstring for the evidence asked."""
    starts = _note_starts(lines)
    if not starts:
        return None
    first = len(starts) - 1
    while first > 0 and (
        _follows(starts[first - 1][1], _next_marker(starts, first))
        or _symbol_among_numbers(starts, first - 1)
    ):
        first -= 1
    for index, marker in starts[first:]:
        if index == 0 or len(lines) - index > MAX_MARKED_ZONE_SHARE * len(lines):
            continue
        above = " ".join(text for _, text in lines[:index])
        if (
            _marker_above(marker, above)
            or _spaced_markers_above(starts, index, above)
            or _lone_first_note(starts, index, above)
        ):
            return _damaged_note_above(lines, starts, _earlier_notes(starts, index))
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
    """The marker of note ``index``, or where it is a symbol among numbered notes, the number of
    the note after it."""
    if _symbol_among_numbers(starts, index):
        return starts[index + 1][1]
    return starts[index][1]


def _symbol_among_numbers(starts: Sequence[tuple[int, str]], index: int) -> bool:
    """Whether note ``index`` is marked by a symbol between two numbered notes that follow each
    other (an editor's note among the author's: ``1 British Museum…``, ``* “ Why…``, ``3 Cf.…``)."""
    if index == 0 or index + 1 >= len(starts) or starts[index][1].isdigit():
        return False
    earlier, later = starts[index - 1][1], starts[index + 1][1]
    return earlier.isdigit() and later.isdigit() and _follows(earlier, later)


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


def _damaged_note_above(lines: Sequence[Line], starts: Sequence[tuple[int, str]], index: int) -> int:
    """The zone's first line, from line ``index`` (its first note found, numbered N): the nearest
    line at most :data:`MAX_NOTE_LINES` above it opening as a note whose number OCR damaged
    (:data:`DAMAGED_NUMBER_START_RE`), where the text above that line holds note N-1's marker,
    plain or set apart between words; and so on up (N-2 above that one …)."""
    number = dict(starts).get(index, "")
    if not number.isdigit():
        return index
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
        if at is None or not (
            _marker_above(str(expected), above) or spaced_marker_re(str(expected)).search(above)
        ):
            return index
        index, expected = at, expected - 1
    return index


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
