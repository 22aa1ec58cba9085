"""What the printed lines' positions and sizes tell the wrapped-lines reader, where structured OCR
gives them (:class:`pipeline.model.geometry.Geometry`).

Learned per book, from every page: the body's type size (the most common line height), each
page's line pitch and text edge, and the bands at the page's top and foot where a book prints its
running heads and page numbers. From them each line's decisions, each with its evidence:

* **furniture**: a page's first or last line, set apart from the text by more than a line's space
  above (or below) the book's text block, standing in the band where the book's other pages have
  such a line (not where as many other pages begin, or end, their text), or a page number, or a
  word no longer than one in the band of the page numbers read (a number OCR misread, ``io``);
* **a paragraph's start**: a line indented from the lines above and below it (the book indents its
  paragraphs), or set after more than a line's space (the book spaces them); where the book
  indents its paragraphs (more of its lines of text open one by their indent than by a space
  alone), whether each page's first line of text is indented from the page's text edge or flush
  with it (a paragraph the page before cut goes on);
* **footnotes**: the lines after a page's last wide gap, in smaller type or set closer together
  than the text above, or nearer the type of the book's other notes than the text's; else the run
  of lines in smaller type ending a page; where the book
  indents its notes' first lines (most of its note zones open with an indented line), each line
  of a zone indented from the text's left edge opens a note, each flush with it goes on with one;
* **headings**: a line in larger type, or set in the middle of the measure.

Where a line has no geometry, the reader decides from the text alone, as for plain text.
"""

from __future__ import annotations

import itertools
import math
import re
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from pipeline.lazy_re import lazy_compile
from pipeline.model.geometry import Geometry, PrintedLine, PrintedPage
from pipeline.model.pages import Line
from pipeline.text.headings import PAGE_NUMBER_CHARACTERS, PAGE_NUMBER_LINE_RE
from pipeline.text.markers import FOOT_NOTE_START_RE, may_read_number
from pipeline.text.punctuation import ends_sentence, starts_lower
from pipeline.text.widths import ASCENDING_RE, DESCENDING_RE

PLACED_FURNITURE = "page furniture by its place"  # the class of a line the geometry sets in a band
PLACED_NOTES = "footnotes by their place and type at the page's foot"  # why a note block is one
SMALLER_TYPE = 0.85  # a line this share of the body's size or less is set in smaller type
LARGER_TYPE = 1.25  # a line this share of the body's size or more is set in larger type
# and stands this share of the book's usual line's height or more (OCR may give a short line a size
# its box belies: Tesseract's 39 for ``party.``, 21 px high where the book's lines are 24.5)
LARGER_MIN_HEIGHT = 0.95
INDENT_MIN, INDENT_MAX = 0.5, 6.0  # a paragraph's indent, in body sizes
SPACED = 1.3  # a line this many line pitches below the line above it is set apart
NOTE_PITCH = 0.9  # footnotes' lines stand this share of the text's pitch apart, or closer
NOTE_TYPE = 0.9  # lines set apart at a page's foot this share of the body's size or less are its notes
FULL_LINE = 0.9  # a line this share of the page's measure or wider is a full line
MIN_FULL_LINES = 3  # full lines a page needs for its measure's edges to be known
CENTRED_MARGIN, CENTRED_SLACK = 2.0, 1.5  # in body sizes: a centred line's margins, and their difference
BAND_SLACK = 0.02  # of the page's height: how far a band's lines stand from the others in it
MEASURE_EDGE_SHARE = 0.9  # the measure's right edge: the full lines' rights, but for the widest tenth
BLOCK_EDGE_SHARE = 0.02  # the text block's top: the tops of all but this share of its lines below it
MIN_BAND_PAGES = 3  # pages with a line set apart in a band, for the book to have that band
# a word of three letters or more ending a sentence, not in small roman numerals alone (``agreement.``)
SENTENCE_END_WORD_RE = lazy_compile(r"(?![ivxlcdm]+\W)[^\W\d_]{3,}[.!?]")
PROSE_WORDS = 5  # a line of this many words, most in lower case, holding a sentence's end, is prose
NO_TEXT = (
    "geometry: {} pages with no line of text (blank, or the OCR read nothing on them and their images"
    " could not be read again: not at hand, Tesseract not installed, or nothing read surely)"
)


@dataclass
class LineGeometry:
    """The decisions the positions of a book's lines support (:func:`learn_geometry`)."""

    lines: Mapping[int, PrintedLine]
    furniture: dict[int, str] = field(default_factory=dict)  # line → evidence
    indented: set[int] = field(default_factory=set)
    spaced: set[int] = field(default_factory=set)
    smaller: set[int] = field(default_factory=set)
    larger: set[int] = field(default_factory=set)
    centred: set[int] = field(default_factory=set)
    page_top_indents: dict[int, bool] = field(default_factory=dict)  # a page's first text line → indented
    room: dict[int, float] = field(default_factory=dict)  # a line of text → the room at its end (_mark_room)
    note_starts: set[int] = field(default_factory=set)  # the first line of a page's footnotes
    note_openings: dict[int, bool] = field(default_factory=dict)  # a note zone's line → opens a note
    body_size: float = 0.0
    body_pitch: float = 0.0  # the book's usual distance from one line of its text to the next
    findings: list[str] = field(default_factory=list)

    def starts_paragraph(self, number: int) -> bool | None:
        """Whether raw line ``number`` opens a paragraph by its place: indented from the lines around
        it, or set after more than a line's space; ``None`` where it has no geometry."""
        if number not in self.lines:
            return None
        return number in self.indented or number in self.spaced

    def note_zone(self, lines: Sequence[Line]) -> int | None:
        """The index in a page's ``lines`` of the first line of its footnotes (:func:`_mark_notes`);
        ``None`` where it has none."""
        return next((at for at, line in enumerate(lines) if line.number in self.note_starts), None)


def learn_geometry(geometry: Geometry) -> LineGeometry:
    """The decisions of :class:`LineGeometry` for the lines of ``geometry``: furniture first, then,
    among each page's other lines, paragraph starts and centred headings."""
    printed = geometry.lines()
    learned = LineGeometry(printed)
    sizes = [line.size for line in printed.values() if line.size]
    if not sizes:
        return learned
    learned.body_size = body = statistics.median(sizes)
    learned.smaller = {
        number for number, line in printed.items() if line.size and line.size <= SMALLER_TYPE * body
    }
    usual_height = statistics.median(line.box.height for line in printed.values())
    learned.larger = {
        number
        for number, line in printed.items()
        if line.size
        and line.size >= LARGER_TYPE * body
        and line.box.height >= LARGER_MIN_HEIGHT * usual_height
    }
    _mark_furniture(geometry.pages, learned)
    texts = [[line for line in page.lines if line.line not in learned.furniture] for page in geometry.pages]
    pairs = [pair for lines in texts for pair in itertools.pairwise(_body_lines(lines, learned))]
    steps = [step for before, after in pairs if (step := _step(before, after)) > 0]
    learned.body_pitch = statistics.median(steps) if steps else 0.0
    zones = []
    for page, lines in zip(geometry.pages, texts, strict=True):
        _mark_paragraph_starts(lines, learned)
        _mark_room(lines, learned)
        _mark_centred(lines, learned)
        zones.append(_mark_notes(lines, learned, page.height))
    note_sizes = [line.size for zone in zones for line in zone if line.size]
    if note_sizes:  # (a page's notes in the type of the book's others, if not smaller enough alone)
        note_size = statistics.median(note_sizes)
        last: int | None = None  # the number of the last note found on the pages before
        for at, (page, lines) in enumerate(zip(geometry.pages, texts, strict=True)):
            following = None if last is None else last + 1
            zones[at] = zones[at] or _mark_notes(lines, learned, page.height, note_size, following)
            last = _last_note_number(zones[at], last) or last
    learned.note_openings = _note_openings(
        [(lines, zone) for lines, zone in zip(texts, zones, strict=True) if zone], learned
    )
    if _indents_paragraphs(
        [line for lines, zone in zip(texts, zones, strict=True) for line in lines if line not in zone],
        learned,
    ):
        learned.page_top_indents = _page_top_indents(texts, learned)
    learned.findings = _findings(geometry, learned)
    return learned


def _body_lines(lines: Sequence[PrintedLine], learned: LineGeometry) -> list[PrintedLine]:
    """The lines set in the body's type."""
    return [line for line in lines if line.line not in learned.smaller and line.line not in learned.larger]


def _step(before: PrintedLine, after: PrintedLine) -> float:
    """How far line ``after`` stands below line ``before``: from baseline to baseline where both are
    known, else between their tops where both or neither reach the ascenders, between their bottoms
    where both or neither descend, else halfway between the two (a line without ascenders has its
    top lower, one with descenders its bottom: ``once.`` above a line with both)."""
    if before.baseline is not None and after.baseline is not None:
        return after.baseline - before.baseline
    tops, bottoms = after.box.top - before.box.top, after.box.bottom - before.box.bottom
    if _reaches_ascenders(before.text) == _reaches_ascenders(after.text):
        return tops
    if bool(DESCENDING_RE.search(before.text)) == bool(DESCENDING_RE.search(after.text)):
        return bottoms
    return (tops + bottoms) / 2


def _reaches_ascenders(text: str) -> bool:
    """Whether a line's text reaches the ascenders by two letters or more: one may be OCR's misreading
    (``wal.`` for ``war.``, its box no taller than its x-height)."""
    return len(ASCENDING_RE.findall(text)) >= 2


def _pitch(lines: Sequence[PrintedLine]) -> float | None:
    """The page's usual distance from one line to the next (:func:`_step`), or ``None`` (too few
    lines)."""
    steps = [_step(before, after) for before, after in itertools.pairwise(lines)]
    steps = [step for step in steps if step > 0]
    return statistics.median(steps) if steps else None


def _wide_gaps(lines: Sequence[PrintedLine], pitch: float | None) -> list[int]:
    """The places of the ``lines`` set after a gap wider than :data:`SPACED` line ``pitch``es (none
    where the pitch is not known)."""
    if not pitch:
        return []
    return [at for at in range(1, len(lines)) if _step(lines[at - 1], lines[at]) > SPACED * pitch]


def _page_pitch(lines: Sequence[PrintedLine], usual: float) -> float:
    """The pitch of a page's lines in the body's type (:func:`_pitch`), at most the book's ``usual``
    one (a short page, one line of text above its notes, would take that gap for its pitch); the
    book's on a page of one such line."""
    pitch = _pitch(lines)
    return usual if pitch is None else min(pitch, usual)


def _mark_paragraph_starts(lines: Sequence[PrintedLine], learned: LineGeometry) -> None:
    """Mark the lines of a page's text (its furniture left out) indented from their neighbours (but
    one set apart by a wide gap: a note below, a heading above), and those set after a wide gap
    (wider than the page's pitch allows, that no more than the book's: :func:`_page_pitch`).
    A line in the body's type whose every neighbour is in smaller type (a short line such as
    ``state.`` read so, a quotation set smaller) is weighed against the page's left edge instead."""
    body = _body_lines(lines, learned)
    pitch = _page_pitch(body, learned.body_pitch) if learned.body_pitch else _pitch(body)
    size = learned.body_size
    # (the places of the lines set after a wide gap: places, not lines, are quick to look up)
    gapped = set(_wide_gaps(lines, pitch))
    learned.spaced.update(lines[at].line for at in gapped)
    edge = _left_edge(body, size)
    for at, line in enumerate(lines):
        before = lines[at - 1] if at and at not in gapped else None
        after = lines[at + 1] if at + 1 < len(lines) and at + 1 not in gapped else None
        neighbours = [
            other for other in (before, after) if other is not None and other.line not in learned.smaller
        ]
        if neighbours:
            if all(
                INDENT_MIN * size <= line.box.left - other.box.left <= INDENT_MAX * size
                for other in neighbours
            ):
                learned.indented.add(line.line)
        elif (before or after) and edge is not None and line in body and _opens_by_indent(line, edge, size):
            learned.indented.add(line.line)


def _mark_room(lines: Sequence[PrintedLine], learned: LineGeometry) -> None:
    """For each line of a page's text in the body's type, the room it left at its end for a next
    word, in characters: from its right end to the right edge of the page's measure
    (:func:`_right_edge`), over the width of a character in its full lines, less a space; a page
    too short to show its edge has none."""
    body = _body_lines(lines, learned)
    full = [line for line in _full_lines(body) if line.text]
    if len(full) < MIN_FULL_LINES:
        return
    edge = _right_edge(full)
    character = statistics.median(line.box.width / len(line.text) for line in full)
    for line in body:
        learned.room[line.line] = (edge - line.box.right) / character - 1


def _right_edge(full: Sequence[PrintedLine]) -> float:
    """The right edge of a page's measure: the rights of its ``full`` lines, but for the widest
    tenth (:data:`MEASURE_EDGE_SHARE`; a ragged edge is near its widest line)."""
    rights = sorted(line.box.right for line in full)
    return rights[int(MEASURE_EDGE_SHARE * (len(rights) - 1))]


def _indents_paragraphs(lines: Sequence[PrintedLine], learned: LineGeometry) -> bool:
    """Whether the book opens its paragraphs with an indent: of its lines of text in the body's type
    (``lines``: its notes left out), more open a paragraph by their indent than by a space alone."""
    body = [line.line for line in _body_lines(lines, learned) if line.line not in learned.centred]
    indented = sum(number in learned.indented for number in body)
    return indented > sum(number in learned.spaced and number not in learned.indented for number in body)


def _page_top_indents(pages: Sequence[Sequence[PrintedLine]], learned: LineGeometry) -> dict[int, bool]:
    """For each page's first line of text (its furniture left out) in the body's type, whether it is
    indented from the left edge of the page's full lines (:data:`INDENT_MIN` to :data:`INDENT_MAX`
    body sizes: it opens a paragraph) or flush with it (it goes on with the paragraph the page before
    cut; :func:`_opens_by_indent`); a page whose first line is neither, or whose edge is not known,
    has none."""
    tops: dict[int, bool] = {}
    size = learned.body_size
    for lines in pages:
        body = _body_lines(lines, learned)
        if not body or body[0] is not lines[0]:
            continue
        edge = _left_edge(body, size)
        opens = None if edge is None else _opens_by_indent(body[0], edge, size)
        if opens is not None:
            tops[body[0].line] = opens
    return tops


def _left_edge(body: Sequence[PrintedLine], size: float) -> float | None:
    """The left edge of a page's text (``body``: its lines in the body's type ``size``): where its
    full lines start flush (:func:`_flush_edge`), or on a page of few full lines (a chapter's last),
    where two or more of its lines after the first start together furthest left; ``None`` where
    neither is known."""
    full = _full_lines(body)
    if len(full) >= MIN_FULL_LINES:
        return _flush_edge([line.box.left for line in full], size)
    edge = min((line.box.left for line in body[1:]), default=None)
    if edge is None or sum(line.box.left - edge < INDENT_MIN * size for line in body[1:]) < 2:
        return None
    return edge


def _flush_edge(lefts: Sequence[float], size: float) -> float:
    """Where a page's full lines start flush (``lefts``, their left ends): the leftmost two or more
    that start together (within :data:`INDENT_MIN` body sizes ``size``), their median. A paragraph's
    indented first line is a full line too: on a short page half of the full lines may be such,
    and the median of all of them stood between the two edges. Where no two start together, it is
    the median of all."""
    ordered = sorted(lefts)
    for edge in ordered:
        together = [left for left in ordered if 0 <= left - edge < INDENT_MIN * size]
        if len(together) > 1:
            return statistics.median(together)
    return statistics.median(ordered)


def _opens_by_indent(line: PrintedLine, edge: float, size: float) -> bool | None:
    """Whether ``line`` opens a paragraph or note by its indent from the text's left ``edge``: set in
    :data:`INDENT_MIN` to :data:`INDENT_MAX` body sizes (``size``), it does; flush with the edge, it
    does not; ``None`` where it is neither."""
    indent = line.box.left - edge
    if INDENT_MIN * size <= indent <= INDENT_MAX * size:
        return True
    return False if abs(indent) < INDENT_MIN * size else None


def _mark_centred(lines: Sequence[PrintedLine], learned: LineGeometry) -> None:
    """Mark the lines of a page's text set in the middle of its measure, well in from either edge
    (a heading's; a paragraph's last line is set from the left edge)."""
    full = _full_lines(lines)
    if len(full) < MIN_FULL_LINES:
        return
    left = statistics.median(line.box.left for line in full)
    right = _right_edge(full)
    size = learned.body_size
    for line in lines:
        before, after = line.box.left - left, right - line.box.right
        if min(before, after) >= CENTRED_MARGIN * size and abs(before - after) <= CENTRED_SLACK * size:
            learned.centred.add(line.line)


def _mark_notes(
    lines: Sequence[PrintedLine],
    learned: LineGeometry,
    height: float | None,
    note_size: float = 0.0,
    following: int | None = None,
) -> Sequence[PrintedLine]:
    """Mark the first line of a page's footnotes: the lines after the page's last gap wider than a
    line's (the page's pitch, at most the book's: a short page's own is its widest gap), ending in
    the lower half of the page (``height``), set in smaller type (their median size) or closer
    together (their pitch) than the book's text, nearer the size of the book's other notes
    (``note_size``, where known) than the text's, or opening with the number of the note
    ``following`` those of the pages before (where known: OCR may misjudge the size of one short
    line); else the run of lines in smaller type that ends the page, unless its first line goes on
    with the text above it (in lower case, after a line ending no sentence: a line of short
    ascenders only, ``ment was trying to put pressure on us.``, may be read smaller). Return the
    footnotes' lines (none where the page has none)."""
    pitch = _page_pitch(lines, learned.body_pitch) if learned.body_pitch else _pitch(lines)
    gaps = _wide_gaps(lines, pitch)
    if gaps and pitch and (not height or lines[-1].box.bottom >= height / 2):
        zone = lines[gaps[-1] :]
        sizes = [line.size for line in zone if line.size]
        size = statistics.median(sizes) if sizes else learned.body_size
        closer = len(zone) > 1 and (_pitch(zone) or learned.body_pitch) <= NOTE_PITCH * learned.body_pitch
        noted = 0 < note_size < learned.body_size and abs(size - note_size) <= abs(size - learned.body_size)
        numbered = following is not None and _note_number(zone[0].text) == following
        if size <= NOTE_TYPE * learned.body_size or closer or noted or numbered:
            learned.note_starts.add(zone[0].line)
            return zone
    at = len(lines)
    while at and lines[at - 1].line in learned.smaller:
        at -= 1
    above = lines[at - 1] if at else None
    if above is not None and at < len(lines) and above.line not in learned.larger:
        if starts_lower(lines[at].text) and not ends_sentence(above.text):
            return []  # (the text going on: ``British govern-`` / ``ment was …``, its size misjudged)
        learned.note_starts.add(lines[at].line)
        return lines[at:]
    return []


def _note_number(text: str) -> int | None:
    """The number a line opens with as a footnote's (:data:`FOOT_NOTE_START_RE`), or ``None``."""
    start = FOOT_NOTE_START_RE.match(text)
    return int(start.group("number")) if start and start.group("number") else None


def _last_note_number(zone: Sequence[PrintedLine], before: int | None = None) -> int | None:
    """The number of the last note of a page's footnotes (``zone``) that opens with one, or ``None``;
    read lower than ``before`` (the last note number of the pages before), the count going on where
    it may be one of the zone's next numbers with digits lost (``4`` for 14 after 13), unless the
    zone opens with note 1 (a numbering started again)."""
    number = next((number for line in reversed(zone) if (number := _note_number(line.text))), None)
    if number is None or before is None or number >= before or _note_number(zone[0].text) == 1:
        return number
    following = range(before + 1, before + len(zone) + 1)
    return next((counted for counted in following if may_read_number(number, counted)), number)


def _note_openings(
    pages: Sequence[tuple[Sequence[PrintedLine], Sequence[PrintedLine]]], learned: LineGeometry
) -> dict[int, bool]:
    """Whether each line of the pages' footnote zones opens a note, by its indent: for each page
    (its lines, its zone), a zone's line indented from the left edge of the page's text
    (:func:`_left_edge`; :data:`INDENT_MIN` to :data:`INDENT_MAX` body sizes; the zone's own edge
    where the page drifted, :func:`_zone_edge`) opens one, a line flush with it goes on with one; a
    line neither is left to the text. Only where most zones open with an indented line (the book
    indents its notes' first lines); else none."""
    openings: dict[int, bool] = {}
    indented_firsts = 0
    size = learned.body_size
    for lines, zone in pages:
        text_edge = _left_edge(_body_lines([line for line in lines if line not in zone], learned), size)
        if text_edge is None:
            continue
        left = _zone_edge(zone, text_edge)
        for line in zone:
            if (opens := _opens_by_indent(line, left, size)) is not None:
                openings[line.line] = opens
        indented_firsts += openings.get(zone[0].line, False)
    return openings if indented_firsts > len(pages) / 2 else {}


def _zone_edge(zone: Sequence[PrintedLine], text_edge: float) -> float:
    """The left edge a note zone's lines are flush with: the zone's leftmost line's, where it stands
    right of the text's edge (``text_edge``; a page scanned askew drifts down the page) by less than
    the zone's other lines stand right of it (their indent: ``era in …`` 9 px right of the text, its
    note's first line 23 px right of it); else the text's."""
    edge = min(line.box.left for line in zone)
    indent = max(line.box.left for line in zone) - edge
    return edge if 0 < edge - text_edge < indent else text_edge


def _full_lines(lines: Sequence[PrintedLine]) -> list[PrintedLine]:
    """The lines as wide as the page's measure (:func:`_text_width`), but for a little."""
    width = _text_width(lines)
    return [line for line in lines if line.box.width >= FULL_LINE * width]


def _mark_furniture(pages: Sequence[PrintedPage], learned: LineGeometry) -> None:
    """Mark the lines at the page's top and foot that stand apart from the text, above (or below)
    the book's text block, in the band where the book's other pages have such a line."""
    bodies = [_body_lines(page.lines, learned) for page in pages]
    body = [line for lines in bodies for line in lines]
    steps = [_step(*pair) for lines in bodies for pair in itertools.pairwise(lines)]
    usual = statistics.median([step for step in steps if step > 0] or [math.inf])
    for edge, name in ((0, "top"), (-1, "foot")):
        candidates: list[tuple[PrintedLine, float]] = []
        for page, lines in zip(pages, bodies, strict=True):
            pitch = _page_pitch(lines, usual)
            if len(page.lines) < 2 or not page.height:
                continue
            line, neighbour = page.lines[edge], page.lines[1 if edge == 0 else -2]
            if abs(_step(line, neighbour)) > SPACED * pitch:
                candidates.append((line, (line.box.top if edge == 0 else line.box.bottom) / page.height))
        chosen = {line.line for line, _ in candidates}
        block = [line for line in body if line.line not in chosen]
        if not block:
            continue
        if edge == 0:
            tops = sorted(line.box.top for line in block)
            edge_of_block = tops[int(BLOCK_EDGE_SHARE * (len(tops) - 1))]
            outside = [(line, place) for line, place in candidates if line.box.bottom <= edge_of_block]
        else:
            bottoms = sorted(line.box.bottom for line in block)
            edge_of_block = bottoms[int((1 - BLOCK_EDGE_SHARE) * (len(bottoms) - 1))]
            outside = [(line, place) for line, place in candidates if line.box.top >= edge_of_block]
        numbers = [(line, place) for line, place in outside if PAGE_NUMBER_LINE_RE.match(line.text)]
        learned.furniture.update(
            (line.line, f"a page number set apart at the page's {name}, outside the text block")
            for line, _ in numbers
        )
        learned.furniture.update(
            (
                line.line,
                f"a page number OCR misread: set apart at the page's {name}, outside the text block,"
                " in the band of the book's page numbers, no longer than one",
            )
            for line in _misread_page_numbers(outside, numbers)
        )
        inside, middle = _densest_band(outside)
        # (a page's first line set apart is the text going on, where the band's others are titles)
        apart = chosen - (_varied_titles(inside) if edge == 0 else set())
        if len(inside) < MIN_BAND_PAGES or _text_starts_in_band(pages, edge, apart, middle, len(inside)):
            continue
        evidence = (
            f"set apart at the page's {name}, {'above' if edge == 0 else 'below'} the text block, in the band"
            f" where {len(inside)} pages have such a line"
        )
        heads = [line for line in inside if not (edge == 0 and _goes_on(line))]
        learned.furniture.update((line.line, evidence) for line in heads)


def _goes_on(line: PrintedLine) -> bool:
    """Whether a line at a page's top is the text going on from the page before, not a running head:
    words in lower case, more of its letters small than capitals (``set up.”``: a paragraph's last
    line, set apart from the next paragraph where the text begins in the band of the running heads;
    not ``ie. THERE WERE``, a head in capitals after its page number misread), or one word ending a
    sentence (``agreement.”°``; not a page number in small roman numerals, ``xii``); or prose
    opening with a name: :data:`PROSE_WORDS` words or more, more of them in lower case than not, a
    sentence ending among them (``Russia on the Karelian Isthmus. These plans were a dismal
    failure.``; a head in title case has its words capitalised but the grammatical ones)."""
    small = sum(character.islower() for character in line.text)
    capitals = sum(character.isupper() for character in line.text)
    words = line.text.split()
    lower = sum(word[:1].islower() for word in words)
    ends = any(SENTENCE_END_WORD_RE.match(word) for word in words)
    if len(words) >= PROSE_WORDS and ends and 2 * lower > len(words):
        return True
    last_word = len(words) == 1 and SENTENCE_END_WORD_RE.match(words[0]) is not None
    return starts_lower(line.text) and (len(words) > 1 or last_word) and small > capitals


def _misread_page_numbers(
    outside: Sequence[tuple[PrintedLine, float]], numbers: Sequence[tuple[PrintedLine, float]]
) -> list[PrintedLine]:
    """The lines set apart outside the text block (``outside``, with their places as shares of
    the page's height) that are no longer than a page number, one word, and stand in the band of
    the page numbers read there (``numbers``): a page number OCR misread (``io`` for ``11``)."""
    if not numbers:
        return []
    middle = statistics.median(place for _, place in numbers)
    found = {line.line for line, _ in numbers}
    return [
        line
        for line, place in outside
        if line.line not in found
        and len(line.text.strip()) <= PAGE_NUMBER_CHARACTERS
        and " " not in line.text.strip()
        and abs(place - middle) <= BAND_SLACK
    ]


def _varied_titles(band: Sequence[PrintedLine]) -> set[int]:
    """The lines of a band at the pages' tops that are the text going on (:func:`_goes_on`), where
    its other lines are each a title of its own, without a number: section titles opening pages (a
    book without running heads), not running heads, which repeat the book's or a chapter's title or
    carry the page number. Else none."""
    going_on = {line.line for line in band if _goes_on(line)}
    titles = [line for line in band if line.line not in going_on]
    keys = [frozenset(re.findall(r"[^\W\d_]{4,}", line.text.lower())) for line in titles]
    numbered = any(character.isdigit() for line in titles for character in line.text)
    if numbered or any(one & other for one, other in itertools.combinations(keys, 2)):
        return set()
    return going_on


def _text_starts_in_band(
    pages: Sequence[PrintedPage], edge: int, apart: set[int], middle: float, lines: int
) -> bool:
    """Whether the book's text begins (or ends) in the band at ``middle`` (a share of the page's
    height), so that a line set apart there is a paragraph's end or start, or a heading opening a
    page (a book without running heads): at the top, where another page's first line, not set
    apart from the text (``apart``), stands in it (a text block begins below its running heads,
    never among them: no page of a book with heads has one there); at the foot, where the other
    pages' last lines stand in it half as often as its ``lines`` do, or more."""
    ordinary = 0
    for page in pages:
        if page.lines and page.height and page.lines[edge].line not in apart:
            line = page.lines[edge]
            place = (line.box.top if edge == 0 else line.box.bottom) / page.height
            ordinary += abs(place - middle) <= BAND_SLACK
    return ordinary >= 1 if edge == 0 else 2 * ordinary >= lines


def _densest_band(candidates: Sequence[tuple[PrintedLine, float]]) -> tuple[list[PrintedLine], float]:
    """The lines whose places (shares of the page's height) lie within :data:`BAND_SLACK` of the
    place most of them lie near (in one pass over the places in order), and that place."""
    places = sorted(place for _, place in candidates)
    best, middle = 0, 0.0
    low = high = 0
    for place in places:
        while places[low] < place - BAND_SLACK:
            low += 1
        while high < len(places) and places[high] <= place + BAND_SLACK:
            high += 1
        if high - low > best:
            best, middle = high - low, place
    return [line for line, place in candidates if abs(place - middle) <= BAND_SLACK], middle


def _text_width(lines: Sequence[PrintedLine]) -> float:
    """The width of the page's full lines: the widest of its lines, but for a stray one."""
    widths = sorted(line.box.width for line in lines)
    return widths[int(0.9 * (len(widths) - 1))] if widths else 0.0


def _findings(geometry: Geometry, learned: LineGeometry) -> list[str]:
    """What the geometry taught of the book, for the report's Input section."""
    lines = len(learned.lines)
    empty = sum(not page.lines for page in geometry.pages)
    return [
        f"geometry: {geometry.format}, {len(geometry.pages)} pages, {lines} lines; body type "
        f"{learned.body_size:.1f} high",
        f"geometry: {len(learned.indented)} lines indented, {len(learned.spaced)} set after a wide gap: "
        "each opens a paragraph",
        f"geometry: pages whose first line of text is flush with the text's edge (a paragraph cut by the "
        f"page break goes on), where the book indents its paragraphs: "
        f"{sum(not indented for indented in learned.page_top_indents.values())} "
        f"(indented: {sum(learned.page_top_indents.values())})",
        f"geometry: {len(learned.furniture)} lines of page furniture by their place at a page's edge",
        f"geometry: footnotes at the foot of {len(learned.note_starts)} pages"
        + (
            f"; {sum(learned.note_openings.values())} footnotes open at a line indented from the text's edge"
            if learned.note_openings
            else ""
        ),
        f"geometry: {len(learned.smaller)} lines in smaller type, {len(learned.larger)} in larger type,"
        f" {len(learned.centred)} centred",
        *(
            f"geometry: {page.source}, line {page.lines[0].line}: {page.read_again}"
            for page in geometry.pages
            if page.read_again
        ),
        *([NO_TEXT.format(empty)] if empty else []),
    ]
