"""Readers of a book's normalised text: each turns it into the blocks the repair stage works on.

A reader is a function ``reader(text, first_line=1) -> list[Block]`` (:class:`Reader`): the
blocks of ``text`` in order, each with the raw lines it came from. :data:`READERS` names them;
a new input format (hard-wrapped plain text, hOCR, ALTO, PAGE XML) is a new module here, listed
there, producing the same blocks.

* ``paragraph_lines`` (:mod:`pipeline.readers.paragraph_lines`): OCR already cut into one
  paragraph per line, blank lines between blocks.
"""

from __future__ import annotations

from typing import Protocol

from pipeline.model import Block
from pipeline.readers.paragraph_lines import split_blocks


class Reader(Protocol):
    """Turns a normalised text, starting at raw line ``first_line``, into blocks."""

    def __call__(self, text: str, first_line: int = 1) -> list[Block]: ...


READERS: dict[str, Reader] = {"paragraph_lines": split_blocks}
DEFAULT_READER = "paragraph_lines"


def read_blocks(text: str, reader: str = DEFAULT_READER) -> list[Block]:
    """The blocks of a whole book's normalised ``text``, read by the reader named ``reader``."""
    return READERS[reader](text)
