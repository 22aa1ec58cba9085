"""The structure of a book, step by step: repaired blocks → the book's tree."""

from __future__ import annotations

from pipeline.layout import Layout
from pipeline.model import Block, Book, ContentsHead, PageBreaks
from pipeline.structure.assemble import Outline, Tree, assemble, find_back_start, mark_blurb, nest_under_parts
from pipeline.structure.breaks import PageMarks, place_page_breaks
from pipeline.structure.chronology_entries import date_entries
from pipeline.structure.contents import ContentsTable, find_contents
from pipeline.structure.findings import Findings
from pipeline.structure.headings import find_headings
from pipeline.structure.items import Collected
from pipeline.structure.notes import fill_parts, link_notes
from pipeline.structure.titles import find_acronyms


def build_structure(blocks: list[Block], layout: Layout | None = None) -> Book:
    """The structure of a book from its repaired blocks (see ``docs/formats.md``); ``layout``
    holds the book's layout settings (:mod:`pipeline.layout`), which override the inference."""
    blocks = [Block.from_dict(block.to_dict() | {"extra": dict(block.extra)}) for block in blocks]
    findings = Findings()
    contents = find_contents(blocks)
    skip = contents.indices if contents else set()
    if contents:
        findings.changes += contents.changes
        findings.review += contents.review
    headings = find_headings(blocks, contents, skip, findings)
    marks = place_page_breaks(blocks, headings, skip, findings)
    outline = Outline(headings, skip, find_back_start(blocks, headings, contents, findings))
    collected = Collected()
    tree = assemble(blocks, outline, marks, find_acronyms(blocks, skip), collected, findings)
    if contents:
        nest_under_parts(contents.entries, tree.divisions)
    numbering = link_notes(collected, layout or Layout(), findings)
    for text in collected.texts:
        fill_parts(text, marks)
    for note in collected.notes:
        note.fill()
    for division in tree.divisions:
        if division.type == "chronology":
            date_entries(division, findings)
    mark_blurb(tree, findings)
    return _book(blocks, contents, tree, numbering, marks, findings)


def _book(
    blocks: list[Block],
    contents: ContentsTable | None,
    tree: Tree,
    numbering: str,
    marks: PageMarks,
    findings: Findings,
) -> Book:
    """The book's tree from what the steps found."""
    head = blocks[contents.head_index] if contents else None
    return Book(
        contents=[entry.contents_entry() for entry in contents.entries] if contents else [],
        front=tree.front,
        divisions=tree.divisions,
        back=tree.back,
        note_numbering=numbering,
        page_breaks=PageBreaks(
            found=len(marks.breaks),
            numbered=sum(1 for item in marks.breaks if item.n),
            table=marks.table,
        ),
        contents_head=ContentsHead(head.text.strip(), head.first_line) if head else None,
        changes=findings.changes,
        review=findings.review,
        layout=findings.conventions,
    )
