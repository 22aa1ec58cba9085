"""Footnotes: their bodies listed in their division, their markers linked to them, the numbering
convention (per division, book-wide or per page) inferred from the printed numbers and described,
with its evidence, for the QA report."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from itertools import pairwise

from pipeline.layout import LAYOUT_RULE_PREFIX, Layout
from pipeline.lazy_re import lazy_compile
from pipeline.model import Block, Division, ListItem, Note, NoteRef, Paragraph, Part, Review, Section
from pipeline.model.records import CONTEXT_CHARS
from pipeline.structure.breaks import Marked, PageMarks
from pipeline.structure.findings import Findings
from pipeline.structure.items import Collected, Flow, NoteBody, PendingText, add_paragraph
from pipeline.structure.patterns import SYMBOL_MARKER_RE, SYMBOL_NAMES
from pipeline.text.markers import (
    FROM_SUPERSCRIPT,
    NOTE_LIKE_START_RE,
    NOTE_MARKER_RE,
    NOTE_SYMBOLS,
    PLACED_NOTE_START_RE,
    plain_marker_re,
)

PLAIN_MARKER_LOOKBACK = 15
UNEVEN_SYMBOLS = (
    "the page's markers of this symbol are not as many as its notes of it: which is whose cannot be "
    "told; kept as a note, unlinked"
)
MISREAD_NUMBERS = (
    "a symbol among the page's numbered notes, in a book that numbers its notes: a number OCR "
    "misread, whose marker cannot be told; kept as a note, unlinked"
)
NUMBERED_MAJORITY = 3  # a book's placed notes this many times as often numbered as not: it numbers them
# what an XML id may not hold of a note's printed number (a range's dash, a superscript OCR left)
NOT_IN_ID_RE = lazy_compile(r"[^A-Za-z0-9._-]")

Pool = dict[tuple[str | None, str], list[NoteBody]]  # (scope, printed number) → its notes, in order
SymbolMarker = tuple[re.Match[str], str, int]  # a symbol marker in a text: its match, symbol and page


def add_note_block(
    flow: Flow,
    division: Division | None,
    block: Block,
    order: int,
    collected: Collected,
    findings: Findings,
) -> None:
    """Footnote bodies of a division; a note outside any division stays as a paragraph."""
    if division is None:
        add_paragraph(flow, collected, Marked(block.text), block.first_line, order)
        findings.flag("note_outside_division", block.first_line, block.text, "kept as a paragraph")
        return
    current: NoteBody | None = None
    placed = "placed" in block.extra
    for offset, line in enumerate(block.text.split("\n")):
        start = (PLACED_NOTE_START_RE if placed else NOTE_LIKE_START_RE).match(line)
        if start and (start.group("number") or offset == 0):
            printed = start.group("number") or start.group("plain") or start.group("symbol")
            key = printed.translate(FROM_SUPERSCRIPT)
            line_number = block.first_line + offset
            current = _new_note(division, key, start.group("text"), line_number, order, collected, placed)
        elif current is not None:
            current.text += "\n" + line
        elif placed:
            current = _new_note(division, "", line, block.first_line, order, collected, placed)
            findings.flag(
                "note_without_number", block.first_line, block.text, "kept as a note (by its place), unlinked"
            )
        elif division.notes:
            current = collected.body_of(division.notes[-1])
            current.text += " " + line.strip()
            findings.flag("note_continuation", block.first_line, block.text, "joined to the note before it")
        else:
            add_paragraph(flow, collected, Marked(block.text), block.first_line, order)
            findings.flag("note_without_number", block.first_line, block.text, "kept as a paragraph")
            return


def link_notes(collected: Collected, layout: Layout, marks: PageMarks, findings: Findings) -> str:
    """Attach every marker to its note (a symbol to a note of its own page, ``marks`` tells the
    pages); return the numbering convention found."""
    notes = collected.notes
    numbering = layout.note_numbering or _numbering(notes)
    if notes:
        summary, evidence = describe_notes(
            [note.key for note in notes], numbering, layout.note_numbering is None
        )
        findings.conventions.append(
            Review(f"{LAYOUT_RULE_PREFIX}notes", notes[0].note.first_line, summary, evidence)
        )
    pool: Pool = defaultdict(list)
    for note in notes:
        pool[(None if numbering == "book" else note.scope, note.key)].append(note)
    pages = {note.order: marks.page_at(note.note.first_line) for note in notes}
    symbols = [list(_symbol_markers(text, marks)) for text in collected.texts]
    unsure = _unsure_symbols(collected.notes, pages, symbols)
    for text, found in zip(collected.texts, symbols, strict=True):
        scope = None if numbering == "book" else text.scope
        _link_number_markers(text, pool, scope, findings)
        _link_symbol_markers(text, found, pool, scope, pages, unsure)
    for note in notes:
        if (pages[note.order], note.key) in unsure:
            note.note.unlinked = True
            reason = unsure[(pages[note.order], note.key)]
            findings.flag("note_without_marker", note.note.first_line, note.text[:80], reason)
        elif not note.linked and not _link_plain_marker(note, collected.texts, pages, marks, findings):
            note.note.unlinked = True
            findings.flag("note_without_marker", note.note.first_line, note.text[:80], _unlinked_reason(note))
    return numbering


def fill_parts(text: PendingText, marks: PageMarks) -> None:
    """Split ``text`` at its resolved markers and page breaks into its owner's parts (a heading's
    ``title_parts``, only when it has a marker).

    A break at a marker's place comes before the marker's note.
    """
    owner = text.owner
    if isinstance(owner, Section | Division) and not text.refs:
        return
    places: list[tuple[int, int, int, list[Part]]]
    places = [(position, 0, number, [marks.page_break(number)]) for position, number in text.breaks]
    places += [(start, 1, end, [NoteRef(identifier) for identifier in ids]) for start, end, ids in text.refs]
    parts: list[Part] = []
    position = 0
    for start, is_marker, end, pieces in sorted(places, key=lambda place: place[:3]):
        if start > position:
            parts.append(text.text[position:start])
        parts.extend(pieces)
        position = max(position, end if is_marker else start)
    if position < len(text.text):
        parts.append(text.text[position:])
    if isinstance(owner, Section | Division):
        owner.title_parts = parts
    else:
        owner.parts = parts


def _new_note(
    division: Division, key: str, text: str, line: int, order: int, collected: Collected, placed: bool
) -> NoteBody:
    """List a note in its division under a unique id built from its printed number (a symbol by its
    name; what an XML name may not hold, as a dash, made a hyphen)."""
    base = f"{division.id}-n{NOT_IN_ID_RE.sub('-', SYMBOL_NAMES.get(key, key))}"
    identifier, count = base, 1
    while identifier in collected.ids:
        count += 1
        identifier = f"{base}-{count}"
    collected.ids.add(identifier)
    note = Note(identifier, key, line, [])
    division.notes.append(note)
    body = NoteBody(key, order, division.id, text, note, placed)
    collected.notes.append(body)
    return body


def _link_number_markers(text: PendingText, pool: Pool, scope: str | None, findings: Findings) -> None:
    """Link superscript markers (a range ``²¹⁻²²`` to one note, else to a note for each number)."""
    for marker in NOTE_MARKER_RE.finditer(text.text):
        if marker.start() == 0:
            continue  # a footnote's own number (a note block kept as a paragraph)
        key = marker.group().translate(FROM_SUPERSCRIPT)
        found = _take(pool[(scope, key)], text.order)
        if found is None and "-" in key:
            parts = [_take(pool[(scope, part)], text.order) for part in key.split("-")]
            found_parts = [note for note in parts if note]
            if len(found_parts) == len(parts):
                text.refs.append((marker.start(), marker.end(), [n.note.id for n in found_parts]))
                continue
            for note in found_parts:
                note.linked = False
        if found is None:
            context = _context(text.text, marker.start()) + marker.group()
            findings.flag("marker_without_note", text.line, context, f"no note {key} found for this marker")
        else:
            text.refs.append((marker.start(), marker.end(), [found.note.id]))


def _link_symbol_markers(
    text: PendingText,
    found: list[SymbolMarker],
    pool: Pool,
    scope: str | None,
    pages: dict[int, int],
    unsure: Mapping[tuple[int, str], str],
) -> None:
    """Link the symbol markers ``found`` in ``text`` (``*``, ``†``, ``‡``: :func:`_symbol_markers`)
    like numbers: to the nearest free note after them on their own page.

    Symbols restart on every page, so a paragraph a page break cut may hold the same symbol
    twice, once for each page's note; a marker takes a note printed on its page (``pages``: note
    order → page), the page after the last page break before it in its paragraph, or the page the
    paragraph starts on
    (a marker whose note OCR lost takes no other page's note, nor does one whose note is a table's
    note printed higher up its page). Where the page's layout told its notes, a page and symbol
    ``unsure`` (:func:`_unsure_symbols`) link none: which is whose cannot be told.
    """
    for marker, key, page in found:
        if (page, key) in unsure:
            continue
        candidates = [note for note in pool.get((scope, key), ()) if pages[note.order] == page]
        note = _take(candidates, text.order)
        if note is not None:
            text.refs.append((marker.start(), marker.end(), [note.note.id]))


def _symbol_markers(text: PendingText, marks: PageMarks) -> Iterator[SymbolMarker]:
    """The symbol markers of ``text``: each with its symbol and its page (:func:`_page_of`); a
    ``*`` that closes an emphasis is none."""
    if not any(symbol in text.text for symbol in NOTE_SYMBOLS):
        return
    start = marks.page_at(text.line)
    emphasis, position = False, 0  # whether an emphasis opened by ``*`` is open
    for marker in SYMBOL_MARKER_RE.finditer(text.text):
        key = marker.group("symbol")
        emphasis ^= text.text[position : marker.start()].replace("**", "").count("*") % 2 == 1
        position = marker.end()
        if key.startswith("*") and emphasis:
            emphasis = False  # this one closes the emphasis
            continue
        yield marker, key, _page_of(text, marker.start(), start)


def _unsure_symbols(
    notes: list[NoteBody], pages: dict[int, int], markers: list[list[SymbolMarker]]
) -> dict[tuple[int, str], str]:
    """The pages and symbols of notes the page's layout told (placed notes) whose markers cannot be
    told, and why: the page's markers of the symbol (``markers``, each text's) are not as many as
    its notes of it; or, in a book that numbers its placed notes (:data:`NUMBERED_MAJORITY`), the
    page has numbered notes too, so its symbols are numbers OCR misread."""
    placed = [note for note in notes if note.placed]
    symbols = Counter((pages[note.order], note.key) for note in placed if note.key in SYMBOL_NAMES)
    numbered = Counter(pages[note.order] for note in placed if note.key[:1].isdigit())
    found = Counter((page, key) for in_text in markers for _, key, page in in_text)
    unsure = {place: UNEVEN_SYMBOLS for place, count in symbols.items() if found[place] != count}
    if numbered.total() >= NUMBERED_MAJORITY * symbols.total():
        unsure |= {(page, key): MISREAD_NUMBERS for page, key in symbols if page in numbered}
    return unsure


def _link_plain_marker(
    note: NoteBody, texts: list[PendingText], pages: dict[int, int], marks: PageMarks, findings: Findings
) -> bool:
    """Link a note to the one plain marker just above it.

    The marker is either digits the OCR did not read as superscript (``…Holland" 87``) or a
    symbol such as an asterisk (``…White House.*``) that closes no emphasis. Symbols restart on
    every page: a symbol's marker is sought on its note's page (``pages``: note order → page) when
    the page's layout told the note, as only then are the pages sure.
    """
    if not note.key.isdigit() and note.key not in SYMBOL_NAMES:
        return False
    pattern = plain_marker_re(note.key)
    earlier = [
        t
        for t in texts
        if t.scope == note.scope and t.order < note.order and isinstance(t.owner, Paragraph | ListItem)
    ]
    symbol = not note.key.isdigit()
    for text in reversed(earlier[-PLAIN_MARKER_LOOKBACK:]):
        found = [
            m
            for m in pattern.finditer(text.text)
            if not _inside(m.start(), text.refs)
            and text.text[: m.start()].replace("**", "").count("*") % 2 == 0
        ]
        if symbol and note.placed:
            start = marks.page_at(text.line)
            found = [m for m in found if _page_of(text, m.start(), start) == pages[note.order]]
        if len(found) == 1:
            marker = found[0]
            text.refs.append((marker.start(), marker.end(), [note.note.id]))
            note.linked = True
            if symbol:
                return True
            before = _context(text.text, marker.start()) + marker.group()
            explanation = f"note marker printed as plain digits linked to note {note.key}"
            findings.change(
                "plain_digit_marker", text.line, before, before[: -len(marker.group())], explanation
            )
            findings.flag(
                "plain_digit_marker", text.line, before, f"linked to note {note.key} on weak evidence"
            )
            return True
    return False


def _page_of(text: PendingText, position: int, start: int) -> int:
    """The page that ``position`` of ``text`` stands on, ``text`` starting on page ``start``: the
    page after the last page break before it."""
    return max((number + 1 for at, number in text.breaks if at <= position), default=start)


def _unlinked_reason(note: NoteBody) -> str:
    """Why a note stays unlinked; a symbol's marker is often lost by OCR (too small to read)."""
    if note.key and all(symbol in NOTE_SYMBOLS for symbol in note.key):
        return (
            f"marker {note.key} not found: OCR may have lost the small symbol in the text; "
            "kept as a note, unlinked"
        )
    return "marker not found"


def _numbering(notes: list[NoteBody]) -> str:
    """``"division"``, ``"book"`` or ``"page"``: how the printed note numbers run."""
    sequences: dict[str | None, list[int]] = defaultdict(list)
    for note in notes:
        first = note.key.split("-")[0]
        if first.isdigit():
            sequences[note.scope].append(int(first))
    runs = [numbers for numbers in sequences.values() if numbers]
    total = sum(len(numbers) for numbers in runs)
    restarts = sum(1 for numbers in runs for a, b in pairwise(numbers) if b < a)
    if restarts >= 3 and restarts * 20 >= total:
        return "page"
    continued = sum(1 for a, b in pairwise(runs) if b[0] > a[-1])
    restarted = sum(1 for numbers in runs[1:] if numbers[0] <= 2)
    return "book" if continued > restarted else "division"


def describe_notes(keys: list[str], numbering: str, inferred: bool) -> tuple[str, str]:
    """What the note convention is, and the evidence, from the printed note keys in book order.

    Returns ``(summary, evidence)`` for a review item of the QA report.
    """
    kinds = Counter("symbols" if set(key) <= set(NOTE_SYMBOLS) else "numbers" for key in keys)
    ranges = sum("-" in key for key in keys)
    markers = "symbols" if kinds["symbols"] > kinds["numbers"] else "numbers"
    summary = f"note numbering: {numbering}; markers: {markers}"
    if ranges:
        summary += f"; {ranges} marker range(s) with one body"
    restarts = sum(1 for a, b in pairwise(keys) if _first_number(b) < _first_number(a))
    how = "inferred from the printed numbers" if inferred else "layout setting in the metadata"
    evidence = (
        f"{len(keys)} notes ({kinds['numbers']} numbered, {kinds['symbols']} with symbols), "
        f"{restarts} restarts of the numbering in book order; numbering {how}"
    )
    return summary, evidence


def _first_number(key: str) -> int:
    """The first number of a note key (``21-22`` → 21); symbols count as 0."""
    head = key.split("-")[0]
    return int(head) if head.isdigit() else 0


def _take(candidates: list[NoteBody], order: int) -> NoteBody | None:
    """The nearest unlinked note printed at or after ``order`` (else the last one before it)."""
    free = [note for note in candidates if not note.linked]
    after = [note for note in free if note.order >= order]
    chosen = after[0] if after else (free[-1] if free else None)
    if chosen:
        chosen.linked = True
    return chosen


def _context(text: str, end: int, width: int = CONTEXT_CHARS) -> str:
    """Some whole words of ``text`` before position ``end``."""
    start = max(0, end - width)
    if start:
        start = text.find(" ", start) + 1 or start
    return text[start:end]


def _inside(position: int, refs: list[tuple[int, int, list[str]]]) -> bool:
    """Whether ``position`` lies in a marker already resolved."""
    return any(start <= position < end for start, end, _ in refs)
