"""The reader of OCR already cut into paragraphs: one paragraph (or heading, or note) per line or
run of lines, blank lines between blocks."""

from __future__ import annotations

from pipeline.model import Block
from pipeline.model.pages import Reading
from pipeline.text.punctuation import FORM_FEED


def read_paragraph_lines(text: str, first_line: int = 1) -> Reading:
    """The blocks of ``text`` (:func:`split_blocks`); pages are found later, from their printed numbers."""
    blocks = split_blocks(text, first_line)
    finding = (
        f"{len(blocks)} blocks between blank lines, each a paragraph, heading, note or page-edge line; "
        "pages are found later from their printed numbers"
    )
    return Reading(blocks, None, [finding])


def split_blocks(text: str, first_line: int = 1) -> list[Block]:
    """Return the blank-line-separated blocks of ``text``; lines inside a block are joined by newlines.

    A form feed opening a line (a page break, as some OCR sources print it) ends the block before it
    and the next block gets ``page_break_before``.

    Line numbers are 1-based raw lines: ``text`` keeps the raw file's lines and starts at raw line
    ``first_line`` (1 for a whole book, more for an excerpt).
    """
    blocks: list[Block] = []
    current: list[str] = []
    first = 0
    page_break = False  # a form feed opened a line: the block being read starts a page
    opens_page = False  # … the block of ``current`` starts a page

    def close() -> None:
        if current:
            blocks.append(
                Block("\n".join(current), first, first + len(current) - 1, page_break_before=opens_page)
            )
            current.clear()

    for number, line in enumerate(text.split("\n"), start=first_line):
        if line.startswith(FORM_FEED):
            close()
            page_break, line = True, line.lstrip(FORM_FEED)
        if line.strip():
            if not current:
                first, opens_page, page_break = number, page_break, False
            current.append(line)
        else:
            close()
    close()
    return blocks
