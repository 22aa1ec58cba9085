"""A book's layout settings: the part of its metadata that says how the printed book is laid out.

Most conventions are inferred from the text itself (page furniture by :mod:`pipeline.repair.furniture`,
note numbering by :mod:`pipeline.structure.notes`). Where the text cannot decide, the ``layout`` mapping
of ``raw/<book>.yaml`` overrides the inference::

    layout:
      running_heads: [HISTORY OF SOVIET DIPLOMACY]   # printed heads, removed wherever they stand
      page_numbers: foot                             # top | foot | none
      note_numbering: per-page                       # per-chapter | book | per-page
      input: wrapped-lines                           # paragraph-lines | wrapped-lines

How notes are marked (superscript digits, plain digits after punctuation, ``*``/``†``/``‡``) is
always read from the text, so it has no setting; the report says what was found. ``input`` says
how the OCR text is laid out (:mod:`pipeline.readers`), where detection would choose wrongly.

The QA report lists the conventions found and their evidence: review items whose rule starts
with :data:`LAYOUT_RULE_PREFIX`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.model import read_stage_input

LAYOUT_RULE_PREFIX = "layout_"
# the metadata's words for the numbering → the structure's (``structure.json`` "note_numbering")
NOTE_NUMBERING = {"per-chapter": "division", "book": "book", "per-page": "page"}
# the metadata's words for the input → the reader's name (:data:`pipeline.readers.READERS`)
INPUT_READERS = {"paragraph-lines": "paragraph_lines", "wrapped-lines": "wrapped_lines"}


@dataclass
class LayoutFurniture:
    """The settings the furniture pass reads: printed running heads (removed wherever they stand
    but their first printing), and where the page numbers stand ("top", "foot" or "none")."""

    running_heads: list[str] = field(default_factory=list)
    page_numbers: str | None = None


@dataclass(frozen=True)
class Layout:
    """The layout settings of one book (all optional: ``None`` or empty means "infer")."""

    running_heads: list[str] = field(default_factory=list)
    page_numbers: str | None = None
    note_numbering: str | None = None  # in the structure's words: division, book, page
    input_reader: str | None = None  # the reader's name: paragraph_lines, wrapped_lines

    @classmethod
    def from_metadata(cls, metadata: dict[str, Any]) -> Layout:
        """The settings of a (validated) metadata mapping."""
        layout = metadata.get("layout") or {}
        numbering, given_input = layout.get("note_numbering"), layout.get("input")
        return cls(
            running_heads=list(layout.get("running_heads", [])),
            page_numbers=layout.get("page_numbers"),
            note_numbering=NOTE_NUMBERING[numbering] if numbering else None,
            input_reader=INPUT_READERS[given_input] if given_input else None,
        )

    @property
    def furniture(self) -> LayoutFurniture:
        """The settings the furniture pass reads."""
        return LayoutFurniture(list(self.running_heads), self.page_numbers)


def load_layout(path: str | Path | None) -> Layout:
    """The layout settings of ``raw/<book>.yaml`` (checked), or of the checked copy the build passes,
    ``build/<book>/metadata.json`` (read as it is: no YAML parser loaded); no file → infer everything."""
    if not path:
        return Layout()
    if Path(path).suffix == ".json":
        return Layout.from_metadata(read_stage_input(path, "metadata"))
    from pipeline.metadata import load_metadata

    return Layout.from_metadata(load_metadata(path))
