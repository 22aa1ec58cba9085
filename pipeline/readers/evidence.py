"""What the reading of a book found, for the QA report's Input section (:class:`InputEvidence`)."""

from __future__ import annotations

from statistics import median

from pipeline.model import Block
from pipeline.model.pages import InputEvidence
from pipeline.readers.detection import Detection
from pipeline.readers.foot_furniture import HABIT_MIN_PAGES
from pipeline.readers.page_foot import learn_foot_habits
from pipeline.readers.wrapped_lines import PAGE_BREAK_BLANKS, measure, split_pages
from pipeline.text.punctuation import FORM_FEED


def describe_input(
    text: str, blocks: list[Block], reader: str, detection: Detection, given: bool
) -> InputEvidence:
    """The reader chosen and why, the text's lines and pages, and what the page analysis found."""
    lines = sum(1 for line in text.split("\n") if line.strip())
    evidence = InputEvidence(reader, detection.name, detection.evidence, given, lines, None)
    if reader != "wrapped_lines":
        evidence.findings.append(
            f"{len(blocks)} blocks between blank lines, each a paragraph, heading, note or page-edge line; "
            "pages are found later from their printed numbers"
        )
        return evidence
    pages = [[line for run in page for line in run] for page in split_pages(text)]
    evidence.pages = len(pages)
    habits = learn_foot_habits(pages)
    notes = [block for block in blocks if block.kind == "note"]
    note_pages = {sum(1 for page in pages if page and page[0][0] <= block.first_line) for block in notes}
    note_lines = sum(block.last_line - block.first_line + 1 for block in notes)
    evidence.findings += [
        f"{len(pages)} pages, separated by runs of {PAGE_BREAK_BLANKS} or more blank lines "
        f"({text.count(FORM_FEED)} form feeds); {median(map(len, pages)) if pages else 0:g} lines a page "
        f"(median), a full line about {measure([line for page in pages for line in page]):.0f} characters"
        " (of the average width)",
        f"{len(notes)} footnotes ({note_lines} lines) found at the foot of {len(note_pages)} pages: "
        "each opens with a marker whose number stands in the page's text above, or with a symbol",
        f"pages whose foot opens a note with a symbol: {habits.symbol_zones}; "
        + (
            "a habit of the book, so such notes are taken even where OCR lost the marker in the text"
            if habits.symbol_notes
            else f"fewer than {HABIT_MIN_PAGES}, so a symbol note needs its marker in the text above"
        ),
        f"printer's signature marks at page feet: {len(habits.signatures)} "
        + (
            "(a sequence of marks rising through the book, and lines of their form)"
            if habits.signatures
            else "(no sequence of marks found: none taken)"
        ),
        f"running titles printed at page feet: {', '.join(sorted(habits.foot_titles)) or 'none'}"
        + (f" (each on at least {HABIT_MIN_PAGES} page feet)" if habits.foot_titles else ""),
    ]
    return evidence
