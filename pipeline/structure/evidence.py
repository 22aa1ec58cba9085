"""The evidence the stage leaves for the editor besides its logs (``structure.evidence.json``):
the layout conventions found, the printed contents checked against the headings, the page breaks."""

from __future__ import annotations

from pipeline.model import (
    Book,
    ContentsCheck,
    ContentsDifference,
    ContentsEntry,
    Division,
    Review,
    Section,
    StructureEvidence,
    walk,
)
from pipeline.structure.build import Structured
from pipeline.structure.headings import DIFFERS_FROM_CONTENTS


def structure_evidence(structured: Structured) -> StructureEvidence:
    """The evidence of the book's structure: conventions, contents check, page breaks."""
    return StructureEvidence(
        structured.conventions, check_contents(structured.tree, structured.review), structured.page_breaks
    )


def check_contents(book: Book, review: list[Review]) -> ContentsCheck:
    """The printed contents against the headings found: entries, entries found, every difference.
    An entry without a page (a chapter's synopsis or numbered sections, a group's head in a contents
    printed as lines) names no heading to look for, unless it is a division's with its label."""
    entries = _headed(book)
    found = sum(1 for entry in entries if entry.target)
    return ContentsCheck(len(entries), found, contents_differences(book, review))


def _headed(book: Book) -> list[ContentsEntry]:
    """The entries that name a heading: with a page, or a division's with a label."""
    return [entry for entry in book.contents if entry.page is not None or (entry.label and entry.level == 1)]


def contents_differences(book: Book, review: list[Review]) -> list[ContentsDifference]:
    """Every difference between the printed contents and the headings found, by raw line.

    A heading not found, an entry out of order, a heading that reads differently (beyond case,
    emphasis and punctuation: the ``heading_differs_from_contents`` review items).
    """
    order = [node.id for node in walk(book) if isinstance(node, Division | Section)]
    position = {identifier: number for number, identifier in enumerate(order)}
    differs = {item.line: item for item in review if item.rule == DIFFERS_FROM_CONTENTS}
    found: list[ContentsDifference] = []
    last = -1
    for entry in _headed(book):
        title = " ".join(filter(None, [entry.label, entry.title]))
        target = entry.target
        if target is None or target not in position:
            found.append(ContentsDifference(entry.line, title, "heading not found in the text"))
            continue
        if position[target] < last:
            found.append(
                ContentsDifference(entry.line, title, "heading stands before the previous entry's heading")
            )
        last = max(last, position[target])
    for item in differs.values():
        found.append(ContentsDifference(item.line, item.text, f"reads differently: {item.reason}"))
    return sorted(found, key=lambda difference: (difference.line, difference.entry, difference.difference))
