"""Marks on the printed pages that are no text of the book: a library's accession stamp.

A library stamps its copy with the day it took it in, as an accession number (``1997.11.1.``, a
date's numbers between full stops or slashes), and often its name or place on the next line. OCR
reads the stamp as text; on the title pages, where it is found, it would be printed as part of
them. It is known by its form (a paragraph of a line or two whose first line is such a number
alone) and its place (the front matter): marked as a stamp, so that the editions leave it out of
the title pages' text (the TEI keeps it apart, as a ``note type="stamp"``), logged as a change and
listed for the editor's review.
"""

from __future__ import annotations

from pipeline.lazy_re import lazy_compile
from pipeline.model import Item, Paragraph
from pipeline.structure.findings import Findings
from pipeline.structure.items import item_text

# a date's numbers, year first or last, between full stops or slashes: ``1997.11.1.``, ``12/3/1954``
ACCESSION_NUMBER_RE = lazy_compile(r"\d{1,4}([./])\d{1,2}\1\d{1,4}\.?")
STAMP_MAX_LINES = 3  # the number and a line or two: a library's name, its place
STAMP_MAX_WORDS = 6


def is_stamp(text: str) -> bool:
    """Whether a paragraph reads as a library's stamp: an accession number alone on its first line,
    then at most a short line or two."""
    lines = [line.strip() for line in text.replace("*", "").strip().split("\n")]
    if not lines or not ACCESSION_NUMBER_RE.fullmatch(lines[0]) or len(lines) > STAMP_MAX_LINES:
        return False
    return len(" ".join(lines[1:]).split()) <= STAMP_MAX_WORDS


def mark_stamps(front: list[Item], findings: Findings) -> None:
    """Mark the stamps among the front matter's paragraphs (:func:`is_stamp`); log and flag each."""
    for item in front:
        if isinstance(item, Paragraph) and item.mark is None and is_stamp(item_text(item)):
            item.mark = "stamp"
            text = " ".join(item_text(item).split())
            explanation = "a library's stamp (an accession number and its place), not the book's text"
            findings.change("library_stamp", item.first_line, text, text, f"{explanation}: marked as a stamp")
            findings.flag("stamp", item.first_line, text, f"{explanation}: left out of the title pages")
