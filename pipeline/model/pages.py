"""The raw text as printed pages of lines, and how it was read (``input.json``).

A reader (:mod:`pipeline.readers`) cuts the normalised text into :class:`Line` runs and pages before
it makes blocks of them, and returns them as a :class:`Reading` with what it learned of the book;
:class:`InputEvidence` says which reader was chosen and on what measured evidence, how many lines
and pages the text has and what the page-level analysis found (footnote zones, signature marks…).
The QA report opens with it. JSON shape: ``schemas/input.schema.json``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from pipeline.model.blocks import Block
from pipeline.model.records import FormatError


class Line(NamedTuple):
    """One non-blank line of the raw text: its 1-based raw line number and its text."""

    number: int
    text: str


class Reading(NamedTuple):
    """What a reader made of a text: its blocks in order, the number of pages it found (``None``:
    pages are found later, from their printed numbers) and what it learned of the book, each
    finding with its evidence (the QA report's Input section)."""

    blocks: list[Block]
    pages: int | None
    findings: list[str]


@dataclass
class InputEvidence:
    """How the raw text was read.

    ``reader`` is the reader chosen, ``detected`` the one detection chose and ``measured`` its
    evidence; ``given``: the book's ``layout.input`` named the reader. ``pages`` counts the pages
    found by the reader's page analysis (``None``: the reader finds pages from their page numbers
    later, see the report's print pages); ``findings`` lists what the page analysis learned of the
    book and the lines it classed, each with its evidence.
    """

    reader: str
    detected: str
    measured: str
    given: bool
    lines: int
    pages: int | None
    findings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "reader": self.reader,
            "detected": self.detected,
            "measured": self.measured,
            "given": self.given,
            "lines": self.lines,
            "pages": self.pages,
            "findings": list(self.findings),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> InputEvidence:
        try:
            return cls(**data)
        except TypeError as error:
            raise FormatError(f"input evidence of another shape: {error}") from None
