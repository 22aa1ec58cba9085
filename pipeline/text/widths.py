"""How wide printed text is: OCR counts characters where the printer measured widths; and which of
its characters reach above the small letters or below the baseline.

A line's printed length weighs each character by its width in a common book face (Times Roman's
advance widths, in thousandths of an em), counted in characters of the average width of English
text set in it, so a line of narrow letters (``ill-fitting``) is shorter than its count of
characters and a line of capitals or ``m`` and ``w`` longer.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from itertools import repeat

from pipeline.lazy_re import lazy_compile

# a character as high as its type's ascenders (a capital, an ascender, a digit), one descending
# below the baseline (a descender, a comma, a bracket), and a word whose only ascender is a t (whose
# top stands lower)
ASCENDING, DESCENDERS = "A-Zbdfhklt0-9", "gjpqy"
ASCENDING_RE = lazy_compile(f"[{ASCENDING}]")
DESCENDING_RE = lazy_compile(rf"[{DESCENDERS},;()\[\]{{}}]")
SHORT_ASCENDER_RE = lazy_compile(r"[aceimnor-z.:]+")
# a word of letters and digits (perhaps a stop after them: nothing raised) reaching the ascenders and
# not descending: its height is its type's from the ascenders to the baseline
ASCENDING_PLAIN_WORD_RE = lazy_compile(rf"(?=[^\W_{DESCENDERS}]*[{ASCENDING}])[^\W_{DESCENDERS}]+[.:]?")

LOWER = (
    "444 500 444 500 444 333 500 500 278 278 500 278 778 500 500 500 500 333 389 278 500 500 722 500 500 444"
)
UPPER = (
    "722 667 667 722 611 556 722 722 333 389 722 611 889 722 722 556 722 667 556 611 722 722 944 722 722 611"
)
LOWER_WIDTHS = dict(zip("abcdefghijklmnopqrstuvwxyz", map(int, LOWER.split()), strict=True))
UPPER_WIDTHS = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", map(int, UPPER.split()), strict=True))
MARK_WIDTHS = {" ": 250, ".": 250, ",": 250, ";": 278, ":": 278, "'": 180, "\u2019": 333, "\u2018": 333}
MARK_WIDTHS |= {'"': 408, "\u201c": 444, "\u201d": 444, "-": 333, "\u2014": 1000, "(": 333, ")": 333}
CHARACTER_WIDTHS = LOWER_WIDTHS | UPPER_WIDTHS | MARK_WIDTHS
DEFAULT_WIDTH = 500  # digits, and what the table does not hold
MEASURE_SHARE = 0.8  # a measure (a full line's length): this share of the lines are no longer
LINES_CACHED = 1 << 16  # lines whose length and end are remembered: a long book's lines
AVERAGE_WIDTH = 403  # a character of English text, on average (measured on the real books' OCR)


@functools.lru_cache(maxsize=LINES_CACHED)
def printed_length(text: str) -> float:
    """How long ``text`` (stripped) is printed, in characters of the average width (remembered: the
    readers weigh each line of a book many times)."""
    return sum(map(CHARACTER_WIDTHS.get, text.strip(), repeat(DEFAULT_WIDTH))) / AVERAGE_WIDTH


def length_percentile(texts: Iterable[str], share: float) -> float:
    """The printed length (:func:`printed_length`) that ``share`` of ``texts`` do not exceed: with
    ``share`` 0.8, the length of a full line of them; 0 for no text."""
    lengths = sorted(map(printed_length, texts))
    return lengths[int(share * (len(lengths) - 1))] if lengths else 0
