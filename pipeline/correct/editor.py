"""The editor's corrections file applied to the book's tree.

The corrections file, ``raw/<book>.corrections.yaml`` (optional), is read by
:mod:`pipeline.corrections` (its format: ``docs/formats.md``).
Straight quotes, ``...`` and the like in the file are matched as the repair stage typesets them.
Each corrected string part of a paragraph, list item or note is split around a
:class:`~pipeline.model.Correction` (in ``corrected.json``:
``["…", {"sic": "Iden", "corr": "Eden", "resp": "editor"}, "…"]``; a corrected note's ``text``
becomes such a list of parts). An entry whose ``corr`` is its ``sic`` corrects nothing: it refuses
the automatic correction at its place (:mod:`pipeline.correct.automatic`). An entry whose context is
found nowhere, or more than once, stops the build with an :class:`InputError` naming the corrections
file, the entry and its line.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pipeline.corrections import CorrectionEntry, Corrections
from pipeline.model import (
    Book,
    Change,
    Correction,
    InputError,
    ListItem,
    Note,
    Paragraph,
    walk,
)
from pipeline.model.records import CONTEXT_CHARS, EDITOR_CORRECTION

STAGE = "correct"
NOWHERE = "nowhere in the book's paragraphs, list items and notes"


# --- where text can be corrected -------------------------------------------------------------------

Place = Paragraph | ListItem | Note  # what holds text that corrections may split


def places(book: Book) -> Iterator[Place]:
    """Every paragraph, list item and note of the book (front and back matter included)."""
    for node in walk(book):
        if isinstance(node, Paragraph | ListItem | Note):
            yield node


def _find(book: Book, entry: CorrectionEntry) -> list[tuple[Place, int, str, int]]:
    """Every (place, part index, the part, offset of the context) where the context occurs."""
    found = []
    for place in places(book):
        for index, part in enumerate(place.parts):
            if isinstance(part, str):
                start = part.find(entry.context)
                while start != -1:
                    found.append((place, index, part, start))
                    start = part.find(entry.context, start + 1)
    return found


def _find_once(book: Book, entry: CorrectionEntry, source: str | Path) -> tuple[Place, int, str, int]:
    """Where the entry's context occurs; an :class:`InputError` unless exactly once."""
    found = _find(book, entry)
    if len(found) != 1:
        lines = ", ".join(str(place.first_line) for place, _, _, _ in found)
        where = f"{len(found)} times (raw lines {lines})" if found else NOWHERE
        message = f"{entry.label()}: the context occurs {where}; it must occur exactly once"
        raise InputError(source, message, entry.line)
    return found[0]


def apply_corrections(book: Book, corrections: Corrections, source: str | Path) -> list[Change]:
    """Split the corrected text parts around a :class:`Correction`; log every correction.

    ``book`` is changed in place (``responsible`` names the ids the corrections use); the changes
    returned are the stage's log. Each context must occur exactly once.
    """
    changes = []
    for entry in corrections.entries:
        place, index, text, start = _find_once(book, entry, source)
        if entry.refuses():
            continue
        at = start + entry.context.index(entry.sic)
        end = at + len(entry.sic)
        choice = Correction(entry.sic, entry.corr, entry.resp)
        pieces = [piece for piece in (text[:at], choice, text[end:]) if piece != ""]
        place.parts = [*place.parts[:index], *pieces, *place.parts[index + 1 :]]
        before = text[max(0, at - CONTEXT_CHARS) : end + CONTEXT_CHARS]
        after = text[max(0, at - CONTEXT_CHARS) : at] + entry.corr + text[end : end + CONTEXT_CHARS]
        explanation = f"editor's correction (corrections file line {entry.line}, resp {entry.resp})"
        if entry.note:
            explanation += f": {entry.note}"
        changes.append(Change(STAGE, EDITOR_CORRECTION, place.first_line, before, after, explanation))
    used = {entry.resp for entry in corrections.entries if not entry.refuses()}
    book.responsible = {key: name for key, name in corrections.responsible.items() if key in used}
    return changes
