"""The typed data passed between the stages, and how it is written to disk.

Every stage reads and writes files (so a Snakemake rule can re-run it alone); which stage writes
which file is drawn in ``ARCHITECTURE.md``, and each file is described in ``docs/formats.md``.

Every block, item and change keeps the 1-based raw line it came from, so changes, the QA report
and error messages point into the raw file. The JSON shape of every file is a JSON Schema in
``pipeline/model/schemas/`` (see :mod:`pipeline.model.schema`), checked in the tests.

The types are standard-library dataclasses: no runtime dependency to install, fast to build
(the first book's tree is about 100,000 objects) and checked by mypy like the rest of the code;
each has an explicit ``to_json``/``from_json`` so the files keep their exact key order and leave
out unset optional keys.

* :mod:`~pipeline.model.records`: :class:`Change`, :class:`Review`, :class:`InputError`;
* :mod:`~pipeline.model.blocks`: :class:`Block`, the repair stage's unit of text;
* :mod:`~pipeline.model.tree`: :class:`Book` and its divisions, sections, items and notes;
* :mod:`~pipeline.model.pages`: :class:`Line` of the raw text, :class:`InputEvidence`, how it was read;
* :mod:`~pipeline.model.evidence`: :class:`StructureEvidence`, what structure found besides the tree;
* :mod:`~pipeline.model.parts`: the inline parts of running text (note anchors, page breaks …);
* :mod:`~pipeline.model.walk`: the one walk of the tree;
* :mod:`~pipeline.model.io`: atomic writing, reading a stage's file, the stages' logs.
"""

from pipeline.model.blocks import Block
from pipeline.model.evidence import ContentsCheck, ContentsDifference, PageBreaks, PageSpan, StructureEvidence
from pipeline.model.io import (
    CHANGING_STAGES,
    REVIEW_LOG,
    REVIEWING_STAGES,
    atomic_output,
    loads_json,
    read_book,
    read_evidence,
    read_json,
    read_log,
    read_stage_input,
    write_book,
    write_evidence,
    write_json,
    write_log,
)
from pipeline.model.pages import InputEvidence, Line
from pipeline.model.parts import (
    PIPELINE,
    Correction,
    Dating,
    NoteRef,
    PageBreak,
    Part,
    PrintedDate,
    corrected_text,
)
from pipeline.model.records import Change, FormatError, InputError, Review, changed_span
from pipeline.model.tree import (
    Book,
    ContentsEntry,
    ContentsHead,
    Division,
    Figure,
    Heading,
    Item,
    ItemList,
    ListItem,
    Note,
    Paragraph,
    Section,
    Separator,
)
from pipeline.model.walk import Node, parts_of, walk, walk_division, walk_items

__all__ = [
    "CHANGING_STAGES",
    "PIPELINE",
    "REVIEWING_STAGES",
    "REVIEW_LOG",
    "Block",
    "Book",
    "Change",
    "ContentsCheck",
    "ContentsDifference",
    "ContentsEntry",
    "ContentsHead",
    "Correction",
    "Dating",
    "Division",
    "Figure",
    "FormatError",
    "Heading",
    "InputError",
    "InputEvidence",
    "Item",
    "ItemList",
    "Line",
    "ListItem",
    "Node",
    "Note",
    "NoteRef",
    "PageBreak",
    "PageBreaks",
    "PageSpan",
    "Paragraph",
    "Part",
    "PrintedDate",
    "Review",
    "Section",
    "Separator",
    "StructureEvidence",
    "atomic_output",
    "changed_span",
    "corrected_text",
    "loads_json",
    "parts_of",
    "read_book",
    "read_evidence",
    "read_json",
    "read_log",
    "read_stage_input",
    "walk",
    "walk_division",
    "walk_items",
    "write_book",
    "write_evidence",
    "write_json",
    "write_log",
]
