"""The reader of OCR wrapped as printed: one line per printed line, no blank line between
paragraphs, pages separated by runs of blank lines or form feeds.

A page is cut into blocks as the first book's OCR would have cut it: one block per paragraph,
heading line or page-edge furniture line (a bare page number, a short line in capitals at the
page top), so the repairs (furniture, notes, page-break joins) see a page as they see one there.

A paragraph ends where a line is clearly short against the page's measure and ends a sentence,
where a single blank line stands, or before a heading line (a few words in capitals, or
``CHAPTER …``). Its lines are joined with a space (where each starts is kept, for the raw line
of any place); a line ending in a hyphen keeps its line end (``foun-\\ndation``) for the repair
stage to decide on the book's vocabulary (:func:`pipeline.repair.hyphenation.rejoin_inline_hyphenation`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.model import Block
from pipeline.text.headings import ARABIC_PAGE_NUMBER, PAGE_NUMBER, is_capitals
from pipeline.text.punctuation import DASHES, ends_glued, ends_sentence

FORM_FEED = "\f"
PAGE_BREAK_BLANKS = 2  # a run of this many blank lines (or a form feed) ends a page
# A line shorter than this share of its page's measure ends its paragraph if it ends a sentence.
SHORT_LINE_SHARE = 0.75
MEASURE_PERCENTILE = 0.8  # the page's measure: this percentile of its line lengths
MIN_MEASURED_LINES = 5  # a page with fewer lines is measured on the whole book
HEADING_MAX_WORDS = 10
HEADING_WORD_RE = re.compile(r"^(?:CHAPTER|PART|BOOK|APPENDIX|SECTION)\b")
PAGE_NUMBER_LINE_RE = re.compile(
    rf"^[\s.{re.escape(DASHES)}]*(?:{PAGE_NUMBER})[\s.{re.escape(DASHES)}]*$", re.IGNORECASE
)
RUNNING_HEAD_RE = re.compile(rf"^(?:{ARABIC_PAGE_NUMBER}\s+)?\D+?(?:\s+{ARABIC_PAGE_NUMBER})?\.?$")
HYPHEN_END_RE = re.compile(r"[^\W\d_]-$")  # a word broken at the line end

Line = tuple[int, str]  # raw line number, text


def split_wrapped_lines(text: str, first_line: int = 1) -> list[Block]:
    """Return the blocks of ``text`` read as wrapped lines: paragraphs, headings and page-edge lines.

    Line numbers are 1-based raw lines, as in :func:`pipeline.readers.paragraph_lines.split_blocks`.
    """
    pages = split_pages(text, first_line)
    book_measure = measure([line for page in pages for run in page for line in run])
    blocks: list[Block] = []
    for page in pages:
        lines = [line for run in page for line in run]
        page_measure = measure(lines) if len(lines) >= MIN_MEASURED_LINES else book_measure
        blocks += read_page(page, page_measure)
    return blocks


def split_pages(text: str, first_line: int = 1) -> list[list[list[Line]]]:
    """The pages of ``text``, each a list of runs of non-blank lines (a single blank line
    separates runs; :data:`PAGE_BREAK_BLANKS` blank lines or a form feed separate pages)."""
    pages: list[list[list[Line]]] = [[]]
    run: list[Line] = []
    blanks = 0
    for number, line in enumerate(text.split("\n"), start=first_line):
        if FORM_FEED in line:
            blanks = PAGE_BREAK_BLANKS
            line = line.replace(FORM_FEED, "")
        if not line.strip():
            blanks += 1
            continue
        if blanks and run:
            pages[-1].append(run)
            run = []
        if blanks >= PAGE_BREAK_BLANKS and pages[-1]:
            pages.append([])
        blanks = 0
        run.append((number, line))
    if run:
        pages[-1].append(run)
    return [page for page in pages if page]


def measure(lines: Sequence[Line]) -> int:
    """The typical length of a full line: :data:`MEASURE_PERCENTILE` of the lines' lengths."""
    lengths = sorted(len(text.strip()) for _, text in lines)
    return lengths[int(MEASURE_PERCENTILE * (len(lengths) - 1))] if lengths else 0


def is_heading_line(text: str) -> bool:
    """A line of a few words in capitals, or one opening with ``CHAPTER``, ``PART``, ``APPENDIX`` …"""
    line = text.strip()
    return bool(HEADING_WORD_RE.match(line)) or (len(line.split()) <= HEADING_MAX_WORDS and is_capitals(line))


def is_edge_furniture(text: str, page_measure: int) -> bool:
    """A bare page number, or a short line in capitals perhaps with a page number at one end."""
    line = text.strip()
    if PAGE_NUMBER_LINE_RE.match(line):
        return True
    return (
        len(line) < SHORT_LINE_SHARE * page_measure
        and is_capitals(line)
        and bool(RUNNING_HEAD_RE.match(line))
    )


def ends_paragraph(text: str, page_measure: int) -> bool:
    """A line clearly short against the page's measure that ends a sentence."""
    line = text.strip()
    return len(line) < SHORT_LINE_SHARE * page_measure and ends_sentence(line)


def read_page(page: Sequence[Sequence[Line]], page_measure: int) -> list[Block]:
    """The blocks of one page: its edge furniture lines, headings and paragraphs."""
    runs = [list(run) for run in page]
    top = [runs[0].pop(0)] if is_edge_furniture(runs[0][0][1], page_measure) else []
    foot = [runs[-1].pop()] if runs[-1] and is_edge_furniture(runs[-1][-1][1], page_measure) else []
    blocks = [line_block([line]) for line in top]
    for run in runs:
        blocks += read_run(run, page_measure)
    return blocks + [line_block([line]) for line in foot]


def read_run(run: Sequence[Line], page_measure: int) -> list[Block]:
    """The paragraphs and headings of a run of lines with no blank line between them; the lines
    of a heading over several lines stay one block, a line each."""
    blocks: list[Block] = []
    paragraph: list[Line] = []
    heading: list[Line] = []
    for line in run:
        if is_heading_line(line[1]):
            if paragraph:
                blocks.append(line_block(paragraph))
                paragraph = []
            heading.append(line)
            continue
        if heading:
            blocks.append(heading_block(heading))
            heading = []
        paragraph.append(line)
        if ends_paragraph(line[1], page_measure):
            blocks.append(line_block(paragraph))
            paragraph = []
    if heading:
        blocks.append(heading_block(heading))
    if paragraph:
        blocks.append(line_block(paragraph))
    return blocks


def line_block(lines: Sequence[Line]) -> Block:
    """One block of printed lines, joined with a space; without one after a dash or a digit's
    hyphen (:func:`ends_glued`) or a hyphen before a non-letter; by a line end where a word is
    broken by a hyphen. Where each line joined without a line end starts is kept
    (``extra["line_starts"]``), for the raw line of any place."""
    text = lines[0][1].strip()
    starts: list[dict[str, int]] = []
    for number, line in lines[1:]:
        line = line.strip()
        if HYPHEN_END_RE.search(text, max(0, len(text) - 3)) and line[:1].isalpha():  # (the end only)
            text += "\n"
        else:
            text += "" if ends_glued(text) or text.endswith("-") else " "
            starts.append({"line": number, "offset": len(text)})
        text += line
    return Block(text, lines[0][0], lines[-1][0], extra={"line_starts": starts} if starts else {})


def heading_block(lines: Sequence[Line]) -> Block:
    """One block of heading lines, a line each (as the first book's OCR gives a heading)."""
    return Block("\n".join(line.strip() for _, line in lines), lines[0][0], lines[-1][0])
