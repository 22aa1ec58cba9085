"""The text knowledge only the structure stage needs: note symbols in the running text and their
names, the longest heading, title case for headings printed in capitals, hyphenated words joined.

What other stages know too (note markers and note starts, plain text, separators, running heads
and page numbers, title-case tests, heading keys) is in :mod:`pipeline.text`.
"""

from __future__ import annotations

import re

from pipeline.lazy_re import lazy_compile
from pipeline.text.markers import PLAIN_MARKER_FOLLOWS
from pipeline.text.words import english_zipf

# note symbols after a word in the running text (the numbers: pipeline.text.markers.NOTE_MARKER_RE);
# not after a digit, where OCR reads minutes of arc as ``*`` (``28° 10* 45'``); before a space, a dash
# (``following :*—``) or the end
SYMBOL_MARKER_RE = lazy_compile(
    rf"(?<=[^\W\d]|[{PLAIN_MARKER_FOLLOWS}])(?P<symbol>\*{{1,3}}|[†‡§‖¶])(?=[\s\u2014]|$)"
)
SYMBOL_NAMES = {
    "*": "star",
    "**": "star2",
    "***": "star3",
    "†": "dagger",
    "‡": "ddagger",
    "§": "sect",
    "‖": "par",
    "¶": "para",
}

MAX_HEADING_CHARS = 400


def join_hyphenated(left: str, right: str) -> str:
    """Join ``left-`` + ``right`` as one word when the joined word is a known word, else keep the hyphen."""
    head = re.search(r"[^\W\d_]+$", left)
    tail = re.match(r"[^\W\d_]+", right)
    if head and tail:
        joined = (head.group() + tail.group()).lower()
        hyphenated = f"{head.group()}-{tail.group()}".lower()
        if english_zipf(joined) >= max(english_zipf(hyphenated), 1.0):
            return left + right
    return f"{left}-{right}"
