"""Stage ``repair``: undo what page layout and OCR did to the running text.

``normalised.txt`` (which keeps the raw file's lines) is read into blocks (:mod:`pipeline.readers`), then

* running heads and page numbers are removed (:mod:`pipeline.repair.furniture`; the book's layout
  settings, :mod:`pipeline.layout`, may name them),
* footnote bodies are marked ``kind: "note"`` (:mod:`pipeline.repair.notes`); the notes' symbols and
  superscript numbers OCR damaged are restored (:mod:`pipeline.repair.note_symbols`,
  :mod:`pipeline.repair.note_numbers`), and, where structured OCR's geometry placed a page's notes,
  the markers OCR read as marks (:mod:`pipeline.repair.placed_markers`),
* note text that OCR displaced into the running text is given back to its note
  (:mod:`pipeline.repair.notes`),
* paragraphs cut by page breaks are joined again; the notes that stood between the halves follow
  the joined paragraph, and the place of each break is kept in ``extra["page_breaks"]``,
* hyphens at breaks are kept or dropped on the evidence of the book's own vocabulary and English
  word frequencies (:mod:`pipeline.repair.hyphenation`),
* headings and the contents table lose OCR noise: stray leading characters, a stray `` - ``,
  leader dots, spaced ellipses,
* last, every block is typeset by the rules of :mod:`pipeline.text.typography`
  (:mod:`pipeline.repair.typesetting`).

Each repair is a small pure function ``repair(blocks, context)`` (:mod:`pipeline.repair.base`)
returning the repaired blocks with the :class:`Change` records of what it changed and
:class:`Review` items for decisions taken on thin evidence; :data:`REPAIRS` lists them in the
order they run. No rule knows anything about a particular book: all evidence comes from the text
itself (:mod:`pipeline.repair.evidence`, :mod:`pipeline.repair.vocabulary`).

A new repair is a function of that shape in the module of its concern, added to :data:`REPAIRS`
(:mod:`pipeline.repair.registry`) at its place in the order.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.repair.base import Repair, RepairContext, Repaired
    from pipeline.repair.registry import REPAIRS, STRUCTURAL_REPAIRS, repair, repair_blocks

__all__ = ["REPAIRS", "STRUCTURAL_REPAIRS", "Repair", "RepairContext", "Repaired", "repair", "repair_blocks"]
# The module of each name, imported when the name is first asked for: a stage that reads only one
# of the package's modules (the corrector, the vocabulary) does not import every repair.
_MODULES = {"Repair": "base", "RepairContext": "base", "Repaired": "base"}


def __getattr__(name: str) -> object:
    """One of the package's names, from its module (imported now if it was not)."""
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_MODULES.get(name, 'registry')}"), name)
