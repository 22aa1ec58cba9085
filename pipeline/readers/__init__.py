"""Readers of a book's normalised text: each turns it into the blocks the repair stage works on.

A reader is a function ``reader(text, first_line=1) -> list[Block]`` (:class:`Reader`): the
blocks of ``text`` in order, each with the raw lines it came from. :data:`READERS` names them;
a new input format (hOCR, ALTO, PAGE XML) is a new module here, listed there, producing the
same blocks.

* ``paragraph_lines`` (:mod:`pipeline.readers.paragraph_lines`): OCR already cut into one
  paragraph per line, blank lines between blocks.
* ``wrapped_lines`` (:mod:`pipeline.readers.wrapped_lines`): OCR wrapped as printed, one line per
  printed line, pages separated by blank-line runs.

:func:`detect_reader` tells them apart from measured evidence; the book's ``layout.input``
setting (:mod:`pipeline.layout`) overrides it.
"""

from __future__ import annotations

from typing import NamedTuple, Protocol

from pipeline.model import Block
from pipeline.readers.paragraph_lines import split_blocks
from pipeline.readers.wrapped_lines import split_wrapped_lines


class Reader(Protocol):
    """Turns a normalised text, starting at raw line ``first_line``, into blocks."""

    def __call__(self, text: str, first_line: int = 1) -> list[Block]: ...


READERS: dict[str, Reader] = {"paragraph_lines": split_blocks, "wrapped_lines": split_wrapped_lines}
DEFAULT_READER = "paragraph_lines"
# Wrapped text: most non-blank lines go on in the next line, and lines are as long as a printed
# line (one-paragraph-per-line text has most lines followed by a blank one, and long lines).
WRAPPED_MIN_CONTINUED = 0.5
WRAPPED_MAX_LONG_LINE = 120  # characters, at the 90th percentile of the line lengths
LONG_LINE_PERCENTILE = 0.9
DETECTION_MIN_LINES = 10  # fewer non-blank lines than this are too few to measure: the default reader


class Detection(NamedTuple):
    """The reader chosen for a text and the measured evidence for it."""

    name: str
    evidence: str


def detect_reader(text: str) -> Detection:
    """The reader for ``text``: ``wrapped_lines`` where most lines go on in the next line and
    lines are no longer than printed lines, else ``paragraph_lines`` (also for a text of fewer than
    :data:`DETECTION_MIN_LINES` lines)."""
    lines = text.split("\n")
    filled = [index for index, line in enumerate(lines) if line.strip()]
    if len(filled) < DETECTION_MIN_LINES:
        return Detection(DEFAULT_READER, f"{len(filled)} non-blank lines, too few to measure")
    continued = sum(index + 1 < len(lines) and bool(lines[index + 1].strip()) for index in filled) / len(
        filled
    )
    lengths = sorted(len(lines[index].strip()) for index in filled)
    long_line = lengths[int(LONG_LINE_PERCENTILE * (len(lengths) - 1))]
    wrapped = continued >= WRAPPED_MIN_CONTINUED and long_line <= WRAPPED_MAX_LONG_LINE
    evidence = (
        f"{continued:.0%} of {len(filled)} non-blank lines go on in the next line "
        f"(wrapped text from {WRAPPED_MIN_CONTINUED:.0%}); 90% of lines have at most {long_line} characters "
        f"(wrapped text at most {WRAPPED_MAX_LONG_LINE})"
    )
    return Detection("wrapped_lines" if wrapped else DEFAULT_READER, evidence)


def read_blocks(text: str, reader: str = DEFAULT_READER) -> list[Block]:
    """The blocks of a whole book's normalised ``text``, read by the reader named ``reader``."""
    return READERS[reader](text)
