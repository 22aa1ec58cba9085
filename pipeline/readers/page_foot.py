"""The foot of a printed page in wrapped OCR: its footnote bodies and its printer's signature mark.

A footnote zone is the run of lines from a note's first line to the page's end (after the body
text): each note opens with its marker (``1 Ibid.``, ``* See …``), the lines after it go on with it.
A zone is taken only on evidence, since a body line may also open with a number:

* the notes' numbers rise by one from the zone's first note to its last (symbols: any symbols);
* a numbered zone's marker stands in the page's text above (``…altogether,” 1``, ``Canterbury1``);
  a zone marked by a symbol needs its marker above or the book's habit of such zones at its page
  feet (:data:`HABIT_MIN_PAGES`), since OCR often loses a small ``*`` in the text.

A signature mark is the gathering's letter a printer set at the foot of a page (``B``, ``C 2``,
``B VOL. I.``): a line of that shape ending a page counts as one where the book has
:data:`HABIT_MIN_PAGES` of them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.text.markers import NOTE_SYMBOLS, plain_marker_re

Line = tuple[int, str]  # raw line number, text

# a footnote's first line: a number or symbols (OCR reads a small ``*`` as ``•`` too), then its text
FOOT_NOTE_SYMBOLS = NOTE_SYMBOLS + "•"
FOOT_NOTE_START_RE = re.compile(
    rf"^\s*(?:(?P<number>\d{{1,3}})\.?\s+|(?P<symbol>[{FOOT_NOTE_SYMBOLS}]{{1,3}})\s*)(?=[\"\u201c\u2018'(\[]?[A-Z])"
)
# a printer's signature: a gathering's letter(s), perhaps a leaf number and the volume (``B VOL. I.``,
# which OCR reads ``B YOL. I.``)
SIGNATURE_RE = re.compile(r"^\s*[A-Z]{1,2}(?:\s?\d{1,2})?\.?(?:\s+[VY]OL\.?\s*[IVXL1l]{1,4}\.?)?\s*$")
HABIT_MIN_PAGES = 3
MAX_ZONE_SHARE = 0.6  # notes take at most this share of a page's lines


@dataclass(frozen=True)
class FootHabits:
    """What the book's page feet show: how many pages end in a zone opening with a note symbol,
    and how many end in a signature-shaped line."""

    symbol_zones: int = 0
    signatures: int = 0

    @property
    def symbol_notes(self) -> bool:
        return self.symbol_zones >= HABIT_MIN_PAGES

    @property
    def signed(self) -> bool:
        return self.signatures >= HABIT_MIN_PAGES


def learn_foot_habits(pages: Sequence[Sequence[Line]]) -> FootHabits:
    """Count the page feet that open a zone with a note symbol and those ending in a signature shape."""
    symbol_zones = signatures = 0
    for lines in pages:
        signatures += bool(lines) and SIGNATURE_RE.match(lines[-1][1]) is not None
        starts = _note_starts(lines)
        symbol_zones += any(not marker.isdigit() for _, marker in starts[-1:])
    return FootHabits(symbol_zones, signatures)


def signature_at_foot(lines: Sequence[Line], habits: FootHabits) -> bool:
    """Whether the page's last line is a printer's signature mark."""
    return habits.signed and len(lines) > 1 and SIGNATURE_RE.match(lines[-1][1]) is not None


def foot_note_zone(lines: Sequence[Line], habits: FootHabits) -> int | None:
    """Index of the first line of the page's footnotes in ``lines`` (the page without its edge
    furniture), or ``None``: see the module's docstring for the evidence asked."""
    starts = _note_starts(lines)
    if not starts:
        return None
    first = len(starts) - 1
    while first > 0 and _follows(starts[first - 1][1], starts[first][1]):
        first -= 1
    for index, marker in starts[first:]:
        if index == 0 or len(lines) - index > MAX_ZONE_SHARE * len(lines):
            continue
        above = " ".join(text for _, text in lines[:index])
        if _marker_above(marker, above) or (not marker.isdigit() and habits.symbol_notes):
            return index
    return None


def _note_starts(lines: Sequence[Line]) -> list[tuple[int, str]]:
    """``(index, marker)`` of the lines opening like a footnote, top to bottom."""
    return [
        (i, match.group("number") or match.group("symbol"))
        for i, (_, text) in enumerate(lines)
        if (match := FOOT_NOTE_START_RE.match(text))
    ]


def _follows(earlier: str, later: str) -> bool:
    """Whether note ``later`` can follow note ``earlier`` in one zone."""
    if earlier.isdigit() and later.isdigit():
        return int(later) == int(earlier) + 1
    return not earlier.isdigit() and not later.isdigit()


def _marker_above(marker: str, text: str) -> bool:
    """Whether ``marker`` stands in ``text`` as a plain note marker (:func:`plain_marker_re`)."""
    return plain_marker_re(marker).search(text) is not None
