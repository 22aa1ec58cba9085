"""What the page analysis of text wrapped as printed found, for the QA report's Input section."""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median

from pipeline.model import Block
from pipeline.model.pages import Line
from pipeline.readers.foot_furniture import HABIT_MIN_PAGES
from pipeline.readers.page_foot import FootHabits
from pipeline.text.punctuation import PAGE_BREAK_BLANKS


def page_findings(
    pages: Sequence[Sequence[Line]],
    blocks: Sequence[Block],
    habits: FootHabits,
    book_measure: float,
    form_feeds: int,
) -> list[str]:
    """The pages and their measure, the footnotes found at page feet, and the page-foot habits
    learned of the book (symbol notes, signature marks, running titles), each with its evidence."""
    continued = [block for block in blocks if "continues" in block.extra]
    notes = [block for block in blocks if block.kind == "note" and "continues" not in block.extra]
    note_pages = {sum(1 for page in pages if page and page[0][0] <= block.first_line) for block in notes}
    note_lines = sum(block.last_line - block.first_line + 1 for block in notes)
    plates = [block for block in blocks if "plate" in block.extra]
    captions = [block for block in blocks if "caption" in block.extra]
    return [
        f"{len(pages)} pages, separated by runs of {PAGE_BREAK_BLANKS} or more blank lines "
        f"({form_feeds} form feeds); {median(map(len, pages)) if pages else 0:g} lines a page "
        f"(median), a full line about {book_measure:.0f} characters (of the average width)",
        f"{len(notes)} footnotes ({note_lines} lines) found at the foot of {len(note_pages)} pages: "
        "each opens with a marker whose number stands in the page's text above, or with a symbol, or "
        "in the book's numbering of its notes running on from page foot to page foot, or is set apart "
        "at the page's foot in the notes' smaller type",
        f"page feet whose notes are numbered on from an earlier page foot's, their markers unread in the "
        f"text: {len(habits.running_notes)}"
        + (
            " (their notes set in a smaller type than the body): taken as notes, and the page's marks "
            "read as their markers where they are as many"
            if habits.running_notes
            else " (two or more going on so, their notes set smaller than the body, would be taken as notes)"
        ),
        f"page feet whose notes are set apart by a blank line in a smaller type (whatever OCR made of "
        f"their numbers): {len(habits.set_apart_notes)}"
        + (
            ": taken as notes, each run of lines a note, and the page's marks read as their markers "
            "where they are as many"
            if habits.set_apart_notes
            else f" ({HABIT_MIN_PAGES} pages or more ending so, in a type smaller than the body's, would "
            "be taken as notes)"
        ),
        f"{len(continued)} notes going on at the next page's foot, without a marker: "
        + (
            f"lines in the notes' type (over {habits.note_type.note_length:.0f} characters, the body's "
            f"full line {habits.note_type.body_measure:.0f}) opening in lower case, after a page whose "
            "last note ends mid-sentence"
            if habits.note_type
            else "the notes are not set in a smaller type than the body, so no such lines are told apart"
        ),
        f"pages whose foot opens a note with a symbol: {habits.symbol_zones}; "
        + (
            "a habit of the book, so such notes are taken even where OCR lost the marker in the text"
            if habits.symbol_notes
            else f"fewer than {HABIT_MIN_PAGES}, or than the {habits.symbol_specks} lines opening with a "
            "symbol before a word in lower case (OCR's specks), so a symbol note needs its marker in the "
            "text above"
        ),
        f"printer's signature marks at page feet: {len(habits.signatures)} "
        + (
            "(a sequence of marks rising through the book, and lines of their form)"
            if habits.signatures
            else "(no sequence of marks found: none taken)"
        ),
        f"running titles printed at page feet: {', '.join(sorted(habits.foot_titles)) or 'none'}"
        + (f" (each on at least {HABIT_MIN_PAGES} page feet)" if habits.foot_titles else ""),
        f"plates' captions: {len(plates)} (pages of a few caption lines alone between pages of text: "
        "titles in capitals, labels such as Plate 4., credits such as (From a photograph by …)); each "
        "becomes a figure, and a paragraph the plate cut is joined across it"
        + (f" (lines {', '.join(str(block.first_line) for block in plates)})" if plates else ""),
        f"captions standing apart on pages of text: {len(captions)} (a run of a few caption lines between "
        "blank lines, with a label such as Fig. 3. or a title in capitals over a credit); each becomes a "
        "figure, and a paragraph it stood in goes on across it where its lines show it"
        + (f" (lines {', '.join(str(block.first_line) for block in captions)})" if captions else ""),
    ]
