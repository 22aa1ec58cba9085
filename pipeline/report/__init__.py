"""Stage ``report``: merge every stage's changes into one log and write the editor's QA report.

It reads the stages' logs (``build/<book>/<stage>.changes.jsonl``, ``<stage>.review.jsonl``), the
structure's evidence (``structure.evidence.json``) and the misreadings (``misreadings.json``), never
the book's text or tree, and writes

* ``build/<book>.changes.jsonl``: every automatic change, in raw-line order (machine-readable);
* ``build/<book>.report.html``: one self-contained page: counts per stage and rule, the items
  that need an editor's review, and every change with the changed span marked.

Modules: :mod:`.logs` (reading and ordering the logs), :mod:`.markup` (escaping, marked diffs,
tables), :mod:`.sections` (the report's sections), :mod:`.page` (the whole page),
:mod:`.command` (the command line). The HTML is built by pure functions from plain data; all
text from the book is escaped.
"""

from pipeline.report.command import main
from pipeline.report.logs import ReviewItem, count_by_rule, merge_changes, read_review_log
from pipeline.report.markup import mark_diff, show
from pipeline.report.page import render_report

__all__ = [
    "ReviewItem",
    "count_by_rule",
    "main",
    "mark_diff",
    "merge_changes",
    "read_review_log",
    "render_report",
    "show",
]
