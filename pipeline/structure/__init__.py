"""Stage ``structure``: repaired blocks → the book as a tree (``structure.json``).

Command line::

    python -m pipeline.structure --input build/<book>/repaired.json --output build/<book>/structure.json
        --changes build/<book>/structure.changes.jsonl --review build/<book>/structure.review.jsonl
        --evidence build/<book>/structure.evidence.json [--metadata build/<book>/metadata.json]

The steps (:mod:`.build`): find the printed contents (:mod:`.contents`), the headings it lists or,
without one, the headings by their form (:mod:`.headings`), cross-checked with a contents printed as
lines where one is read (:mod:`.contents_rows`); number the page breaks
(:mod:`.pages`) and place them (:mod:`.breaks`); assemble front matter, divisions, sections and
back matter (:mod:`.assemble`, the chronology's entries in :mod:`.chronology_entries`, dated by
:mod:`pipeline.text.dates`); attach the footnote bodies to their markers, inferring the numbering
convention (:mod:`.notes`) unless the book's layout settings (:mod:`pipeline.layout`) give it. The text
knowledge read on the way is in :mod:`.patterns`. Besides the tree the stage logs its changes and
review items (:mod:`.findings`) and leaves its evidence for the report (:mod:`.evidence`).
"""

from pipeline.structure.build import Structured, build_structure
from pipeline.structure.command import main

__all__ = ["Structured", "build_structure", "main"]
