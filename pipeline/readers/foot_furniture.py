"""The printer's furniture at a page's foot and edges in wrapped OCR: its signature marks and the
running titles printed there (not at the page's head, :mod:`pipeline.text.headings`).

A signature mark is the gathering's letter a printer set at the foot of a page, below the text or
above the footnotes: ``B``, ``C 2``, ``2 A``, ``B*``, ``B VOL. I.``, or a gathering's number
(``3``). The book's marks are learned as a sequence: the marks that rise through the book's page
feet (``B``, ``C``, ``D`` … every few pages, :func:`learn_signatures`). Where the book has such a
sequence, a line of that shape at a page foot is a mark too, and so is a short line the OCR
damaged (``ll*``, ``It VOL. I.``) that has the form of the book's usual marks (``B*``, ``B VOL. I.``).

A running title printed at the page foot (with the page number, under the footnotes) is a line in
capitals that the book repeats at its page feet (:data:`HABIT_MIN_PAGES` times,
:func:`learn_foot_titles`). One printed too seldom for a habit is known by repeating a title that
opens an earlier page (the book's title, a chapter's heading) where the page shows it is no
heading: at the foot beside a bare page number, or at the top above a line going on with the
previous page's sentence, or, the book's title, above a division's label; a chapter's title, or its
first words, alone at a page top (:func:`learn_edge_titles`).

The footnote zones at the page feet, and the habits learned from all of them, are in
:mod:`pipeline.readers.page_foot`.
"""

from __future__ import annotations

import difflib
import itertools
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise
from typing import NamedTuple

from pipeline.chains import heaviest_chain
from pipeline.lazy_re import lazy_compile
from pipeline.model.pages import Line
from pipeline.text.headings import HEADING_WORD_RE, LABEL_LINE_RE, is_capitals, without_misread_folio
from pipeline.text.markers import FOOT_NOTE_START_RE

# a printer's signature: perhaps the alphabet's round (``2 A``), the gathering's letter (or the
# letter doubled, ``Aa``), perhaps its leaf (``C 2``, ``B*``) and the volume (``B VOL. I.``, which
# OCR reads ``B YOL. I.``)
LETTER_SIGNATURE_RE = lazy_compile(
    r"^(?:(?P<round>\d)\s?)?(?P<letters>[A-Za-z]{1,2})(?:\s?(?P<leaf>\d{1,2}|\*))?\.?"
    r"(?:\s+[VY]OL[.,]?\s*[IVXL1l]{1,4}\.?)?$"
)
EDGE_NUMBER_RE = lazy_compile(r"^\s*(?:\d{1,4}|[IVXLCivxlc]{1,7})\s*$")  # a bare page number, arabic or roman
NUMBER_SIGNATURE_RE = lazy_compile(r"^(?P<number>\d{1,2})$")  # a gathering numbered, not lettered
LETTERS_IN_ALPHABET = 26
UNUSED_LETTERS = "JW"  # a printer's alphabet of gatherings skips them
MAX_LETTER_STEP = 3  # a printer's alphabet skips J, V, W; OCR may lose a mark
MIN_PAGES_PER_MARK = 2  # marks stand on the first leaves of a gathering, never on two pages running
MIN_PAGES_PER_NUMBERED_GATHERING = 4  # so page numbers at page feet are not taken for gatherings
SIGNATURE_MAX_CHARS = 14  # a damaged mark is a short line of a few tokens
SIGNATURE_MAX_TOKENS = 3
SIMILAR_FORM = 0.7  # how close a damaged mark's form is to the book's usual one
SIGNATURE_FORM_LETTERS_RE = lazy_compile(r"^(?:\d\s?)?[^\W\d_]{1,2}")
SIGNATURE_FORM_DROPS_RE = lazy_compile(r"[.,:;]")
BARE_FORM = "a"  # the form of a bare letter: too common a shape to recognise a damaged mark by
FOOT_TITLE_LINES = 3  # a running title at the foot stands among the page's last lines
FOOT_TITLE_MAX_WORDS = 8
INSIDE_PAGE_WEIGHT = 0.9  # a mark-shaped line inside the page counts for a little less than one at its foot
HABIT_MIN_PAGES = 3  # a habit of the page feet: a kind of line seen on at least this many pages
SHORTENED_TITLE_MIN_WORDS = 2  # a running title shortening a chapter's title keeps two first words or more


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


def learn_signatures(pages: Sequence[Sequence[Line]], zones: Sequence[int | None]) -> dict[int, str]:
    """The signature marks of the book, raw line → evidence: the longest sequence of marks rising
    through the page feet, then the other lines of a mark's shape at page feet, and the damaged
    marks that have the form of the sequence's usual marks (see the module's docstring).
    ``zones`` holds the first line of each page's footnote zone, if any
    (:func:`pipeline.readers.page_foot.foot_note_zones`)."""
    candidates = [
        FootLine(
            page,
            *lines[index],
            signature_key(lines[index][1]),
            index in _signature_places(lines, zones[page]),
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


def _signature_places(lines: Sequence[Line], zone: int | None) -> list[int]:
    """Where a page's signature mark may stand: its last line, or right above its footnotes (which
    open at line ``zone``)."""
    if len(lines) < 2:
        return []
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
        if len(text.split()) <= FOOT_TITLE_MAX_WORDS and title_shaped(text)
    )
    return {key: count for key, count in counts.items() if count >= HABIT_MIN_PAGES and key}


def learn_edge_titles(pages: Sequence[Sequence[Line]]) -> dict[int, dict[str, str]]:
    """Running titles a book prints too seldom to be a habit, raw line → class: a line in capitals
    at a page's edge that repeats a title opening an earlier page (the book's title, a chapter's
    heading: among its first :data:`FOOT_TITLE_LINES` lines), where the page tells it is no heading:
    at the foot beside a bare page number
    (``7`` / ``THE CAMBRIANS``; the number is classed too), or at the top above a line that goes on
    with the previous page's sentence (``INTRODUCTION`` / ``perhaps, of the interior…``); the
    book's title (the line opening its first page) at a page top above a division's label
    (``THE STONES OF BRAY`` / ``CHAPTER I``); and a chapter's title printed earlier under its label
    (:func:`_labelled_titles`) alone at a page top, no label under it and no page number beside it."""
    found: dict[int, dict[str, str]] = {}
    printed: set[str] = set()
    labelled: set[str] = set()
    book_title = title_key(pages[0][0][1]) if pages and pages[0] else ""
    for lines in pages:
        found.update(_foot_title_lines(lines[-FOOT_TITLE_LINES:], printed))
        found.update(_top_title_line(lines, printed, book_title))
        found.update(_top_chapter_title(lines, labelled))
        printed |= {title_key(text) for _, text in lines[:FOOT_TITLE_LINES] if title_shaped(text)} - {""}
        labelled |= _labelled_titles(lines)
    return found


def _labelled_titles(lines: Sequence[Line]) -> set[str]:
    """The :func:`title_key` of a chapter's title opening the page under its label (``CHAPTER ONE`` /
    ``SECOND PART GERMANY SHOULD`` / ``INCLUDE``): its lines in capitals right after the label, as one."""
    texts = [text for _, text in lines]
    at = next(
        (at for at, text in enumerate(texts[:FOOT_TITLE_LINES]) if LABEL_LINE_RE.match(text.strip())), None
    )
    if at is None:
        return set()
    title = list(itertools.takewhile(title_shaped, texts[at + 1 :]))
    key = title_key(" ".join(title))
    return {key} if key else set()


def _top_chapter_title(lines: Sequence[Line], labelled: set[str]) -> dict[int, dict[str, str]]:
    """A chapter's title printed earlier under its label (``labelled``), or its first words (two at
    least: a running title shortens a long one), opening a page alone, no label under it: the page's
    running title. One printed with the page number is left to the page numbers' sequence
    (:mod:`pipeline.repair.furniture`); one whose number OCR read as letters is taken without them
    (:func:`~pipeline.text.headings.without_misread_folio`)."""
    if len(lines) < 2 or LABEL_LINE_RE.match(lines[1][1].strip()):
        return {}
    top = without_misread_folio(lines[0][1]) or lines[0][1]
    if not title_shaped(top) or any(map(str.isdigit, top)):
        return {}
    key = title_key(top)
    if key in labelled:
        evidence = "a chapter's title printed earlier under its label, at a page top without one"
    elif len(top.split()) >= SHORTENED_TITLE_MIN_WORDS and any(title.startswith(key) for title in labelled):
        evidence = "a chapter's title printed earlier under its label, shortened, at a page top without one"
    else:
        return {}
    return {lines[0][0]: {"kind": "running title", "evidence": evidence}}


def _foot_title_lines(foot: Sequence[Line], printed: set[str]) -> dict[int, dict[str, str]]:
    """A title printed earlier and a bare page number beside it among a page's last lines."""
    for (first, upper), (second, lower) in pairwise(foot):
        for title, number in (((first, upper), (second, lower)), ((second, lower), (first, upper))):
            if title_key(title[1]) in printed and title_shaped(title[1]) and EDGE_NUMBER_RE.match(number[1]):
                evidence = f"a title printed earlier, beside page number {number[1].strip()} at the page foot"
                return {
                    title[0]: {"kind": "running title", "evidence": evidence},
                    number[0]: {
                        "kind": "page number",
                        "evidence": f"beside the running title {title[1].strip()}",
                    },
                }
    return {}


def _top_title_line(lines: Sequence[Line], printed: set[str], book_title: str) -> dict[int, dict[str, str]]:
    """A title printed earlier that opens a page whose next line goes on with a sentence (it starts
    in lower case); or the book's title (``book_title``, the key of the line opening its first
    page) opening a page above a division's label (``CHAPTER I``): over the first page of text."""
    if len(lines) < 2 or not title_shaped(lines[0][1]) or title_key(lines[0][1]) not in printed:
        return {}
    following = lines[1][1].lstrip()
    if following[:1].islower():
        evidence = "a title printed earlier, at the page top above a sentence that goes on"
    elif HEADING_WORD_RE.match(following) and title_key(lines[0][1]) == book_title:
        evidence = "the book's title, at the page top above a division's label"
    else:
        return {}
    return {lines[0][0]: {"kind": "running title", "evidence": evidence}}


def title_shaped(text: str) -> bool:
    """A line in capitals mostly of letters (not a reference such as ``(C.S.O. 1713/1857.)``)."""
    return is_capitals(text) and 2 * len(title_key(text)) >= len("".join(text.split()))


def title_key(text: str) -> str:
    """A running title's letters, in capitals (its numbers and punctuation vary with OCR)."""
    return "".join(filter(str.isalpha, text)).upper()
