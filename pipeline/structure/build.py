"""The structure of a book, step by step: repaired blocks → the book's tree, with the changes and
review items the stage logs and the evidence it leaves for the report."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.layout import Layout
from pipeline.model import Block, Book, Change, ContentsEntry, ContentsHead, PageBreaks, Review
from pipeline.structure.assemble import Outline, Tree, assemble, find_back_start, mark_blurb, nest_under_parts
from pipeline.structure.breaks import place_page_breaks
from pipeline.structure.chronology_entries import date_entries
from pipeline.structure.contents import ContentsTable, contents_lines, find_contents
from pipeline.structure.contents_rows import confirm_headings, read_contents_rows
from pipeline.structure.findings import Findings
from pipeline.structure.headings import check_printed_labels, find_headings
from pipeline.structure.items import Collected
from pipeline.structure.notes import fill_parts, link_notes
from pipeline.structure.stamps import mark_stamps
from pipeline.structure.titles import find_acronyms


@dataclass
class Structured:
    """What the stage finds: the book's tree (``structure.json``), the changes it made and the review
    items it raised (its logs), the layout conventions found and the page breaks numbered."""

    tree: Book
    changes: list[Change]
    review: list[Review]
    conventions: list[Review]
    page_breaks: PageBreaks


def build_structure(blocks: list[Block], layout: Layout | None = None) -> Structured:
    """The structure of a book from its repaired blocks (see ``docs/formats.md``); ``layout``
    holds the book's layout settings (:mod:`pipeline.layout`), which override the inference."""
    blocks = [Block.from_dict(block.to_dict() | {"extra": dict(block.extra)}) for block in blocks]
    findings = Findings()
    contents = find_contents(blocks)
    rows = None if contents else read_contents_rows(blocks)  # a contents printed as lines
    printed = contents or rows
    skip = printed.indices if printed else set()
    if printed:
        findings.changes += printed.changes
        findings.review += printed.review
    printed_lines = set() if contents else contents_lines(blocks) - skip
    captions = {i for i, block in enumerate(blocks) if block.caption_reason()}  # figures, no headings
    headings = find_headings(blocks, contents, skip | printed_lines | captions, findings, rows is not None)
    if rows:
        confirm_headings(rows, headings, findings, blocks)
    else:
        check_printed_labels(blocks, printed_lines, headings, findings)
    marks = place_page_breaks(blocks, headings, skip, findings)
    outline = Outline(headings, skip, find_back_start(blocks, headings, contents, findings))
    collected = Collected()
    tree = assemble(blocks, outline, marks, find_acronyms(blocks, skip), collected, findings)
    if printed:
        nest_under_parts(printed.entries, tree.divisions)
    numbering = link_notes(collected, layout or Layout(), marks, findings)
    for text in collected.texts:
        fill_parts(text, marks)
    for note in collected.notes:
        note.fill()
    for division in tree.divisions:
        if division.type == "chronology":
            date_entries(division, findings)
    mark_blurb(tree, findings)
    mark_stamps(tree.front, findings)
    page_breaks = PageBreaks(
        found=len(marks.breaks),
        numbered=sum(1 for item in marks.breaks if item.n),
        table=marks.table,
        inferred=sum(1 for item in marks.breaks if item.cert),
    )
    book = _book(blocks, printed, tree, numbering)
    return Structured(book, findings.changes, findings.review, findings.conventions, page_breaks)


def _book(blocks: list[Block], contents: ContentsTable | None, tree: Tree, numbering: str) -> Book:
    """The book's tree from what the steps found."""
    head = blocks[contents.head_index] if contents else None
    return Book(
        contents=_contents_entries(blocks, contents) if contents else [],
        front=tree.front,
        divisions=tree.divisions,
        back=tree.back,
        note_numbering=numbering,
        contents_head=ContentsHead(head.text.strip(), head.first_line) if head else None,
    )


def _contents_entries(blocks: list[Block], contents: ContentsTable) -> list[ContentsEntry]:
    """The printed contents' entries, each that begins a page of it marked (``page_break``): the
    first entry at or after a contents block that opens a page."""
    entries = [entry.contents_entry() for entry in contents.entries]
    for index in contents.block_indices:
        if blocks[index].page_break_before and index != contents.head_index:
            opening = next((entry for entry in entries if entry.line >= blocks[index].first_line), None)
            if opening is not None:
                opening.page_break = True
    return entries
