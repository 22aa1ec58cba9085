"""Readers of a book's normalised text: each turns it into the blocks the repair stage works on.

A reader is a function ``reader(text, first_line=1) -> Reading`` (:class:`Reader`): the blocks
of ``text`` in order, each with the raw lines it came from, and what the reader learned of the
book (:class:`pipeline.model.pages.Reading`). :data:`READERS` names them;
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

from functools import partial
from typing import Protocol

from pipeline.model import Block
from pipeline.model.geometry import Geometry
from pipeline.model.pages import InputEvidence, Reading
from pipeline.readers.detection import DEFAULT_READER, Detection, detect_reader
from pipeline.readers.geometry import learn_geometry
from pipeline.readers.paragraph_lines import read_paragraph_lines
from pipeline.readers.wrapped_lines import read_wrapped_lines


class Reader(Protocol):
    """Turns a normalised text, starting at raw line ``first_line``, into blocks, and says what it
    learned of the book."""

    def __call__(self, text: str, first_line: int = 1) -> Reading: ...


READERS: dict[str, Reader] = {"paragraph_lines": read_paragraph_lines, "wrapped_lines": read_wrapped_lines}


def read_blocks(text: str, reader: str = DEFAULT_READER) -> list[Block]:
    """The blocks of a whole book's normalised ``text``, read by the reader named ``reader``."""
    return READERS[reader](text).blocks


def read_input(
    text: str, reader: str | None = None, geometry: Geometry | None = None
) -> tuple[list[Block], InputEvidence]:
    """The blocks of a whole book's normalised ``text``, read by the reader named ``reader`` (the
    book's ``layout.input``) or else by the one :func:`detect_reader` chooses, and how it was read.
    A text extracted from structured OCR (:mod:`pipeline.extract`) is a printed line a line, and
    is read as wrapped lines with the decisions its ``geometry`` supports."""
    if geometry is not None:
        lines = sum(len(page.lines) for page in geometry.pages)
        detection = Detection("wrapped_lines", f"{geometry.format}: {lines} printed lines with their places")
        chosen = detection.name
        read: Reader = partial(read_wrapped_lines, geometry=learn_geometry(geometry))
    else:
        detection = detect_reader(text)
        chosen = reader or detection.name
        read = READERS[chosen]
    reading = read(text)
    lines = sum(1 for line in text.split("\n") if line.strip())
    given = reader is not None and geometry is None
    evidence = InputEvidence(
        chosen, detection.name, detection.evidence, given, lines, reading.pages, reading.findings
    )
    return reading.blocks, evidence


__all__ = [
    "DEFAULT_READER",
    "READERS",
    "Detection",
    "Reader",
    "Reading",
    "detect_reader",
    "read_blocks",
    "read_input",
]
