"""The tree of the book: front matter, divisions (parts, chapters, the introduction, the chronology)
with their sections, and back matter, assembled from the blocks and the headings found in them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise

from pipeline.lazy_re import lazy_compile
from pipeline.model import Block, Division, Figure, Item, Paragraph, Section, Separator
from pipeline.model import Heading as HeadingItem
from pipeline.model.tree import DivisionType
from pipeline.structure.breaks import Marked, PageMarks
from pipeline.structure.chronology_entries import add_entries
from pipeline.structure.contents import ContentsTable, PrintedEntry, division_type
from pipeline.structure.findings import Findings
from pipeline.structure.heading_forms import Heading
from pipeline.structure.items import (
    DASH_ITEM_RE,
    YEAR_RE,
    Collected,
    Flow,
    PendingText,
    add_entry,
    add_head,
    add_list_item,
    add_paragraph,
    add_year,
    item_text,
)
from pipeline.structure.notes import add_note_block
from pipeline.structure.titles import heading_title
from pipeline.text.captions import is_credit_line
from pipeline.text.headings import heading_key, is_capitals
from pipeline.text.punctuation import is_separator

PART_LABEL_RE = lazy_compile(r"^(?:PART|Part)\s")
NUMBERED_RE = lazy_compile(r"^\s*(?P<n>\d{1,2})[.)]\s+\S")
MAX_BACK_HEAD_CHARS = 100
TEXT_DIVISION_ID = "text"


@dataclass
class Outline:
    """Where the parts of the book stand among the blocks."""

    headings: list[Heading]
    contents_blocks: set[int]  # the blocks of the printed contents
    back_start: int | None  # the first block of the back matter


@dataclass
class Tree:
    """The book's front matter, divisions and back matter."""

    front: list[Item] = field(default_factory=list)
    divisions: list[Division] = field(default_factory=list)
    back: list[Item] = field(default_factory=list)


@dataclass
class _Division:
    """How to open a division: its heading, kind and number among the divisions of its kind."""

    heading: Heading
    kind: DivisionType
    number: int
    position: int  # among all divisions


def find_back_start(
    blocks: list[Block], headings: list[Heading], contents: ContentsTable | None, findings: Findings
) -> int | None:
    """Where the back matter starts: the first heading in capitals after the last contents entry."""
    if not headings or not contents or headings[-1].entry is not contents.entries[-1]:
        return None
    for i in range(headings[-1].end, len(blocks)):
        block = blocks[i]
        if (
            i not in contents.indices
            and block.kind == "text"
            and is_capitals(block.text)
            and len(block.text) < MAX_BACK_HEAD_CHARS
        ):
            findings.flag(
                "back_matter", block.first_line, block.text, "heading after the last contents entry"
            )
            return i
    return None


def assemble(
    blocks: list[Block],
    outline: Outline,
    marks: PageMarks,
    acronyms: frozenset[str],
    collected: Collected,
    findings: Findings,
) -> Tree:
    """Walk the blocks: headings open divisions and sections, other blocks become items."""
    by_start = {heading.start: heading for heading in outline.headings}
    tree = Tree()
    flow = Flow(tree.front, None)
    counts: dict[str, int] = defaultdict(int)  # divisions of each type so far
    chapters: list[str] | None = None  # those of the part the chapters now found belong to
    if blocks and not _opens_body_division(outline.headings):
        division = _text_division(blocks[0].first_line, collected, findings)
        tree.divisions.append(division)
        flow = Flow(division.content, division.id)
    i = 0
    while i < len(blocks):
        block = blocks[i]
        heading = by_start.get(i)
        for number in marks.before.get(i, []):
            flow.add(marks.page_break(number))
        if outline.back_start is not None and i == outline.back_start:
            flow = Flow(tree.back, None)
            add_head(flow, block.first_line, block.text.strip())
        elif i in outline.contents_blocks:
            pass
        elif heading and (heading.level == 1 or tree.divisions):
            if heading.level == 1:
                kind = _division_kind(heading)
                counts[kind] += 1
                opening = _Division(heading, kind, counts[kind], len(tree.divisions))
                division = _open_division(opening, acronyms, collected, findings)
                if kind == "part":
                    chapters = division.chapters
                elif kind == "chapter" and chapters is not None:
                    chapters.append(division.id)
                else:
                    chapters = None  # an introduction or the chronology ends the part
                tree.divisions.append(division)
                flow = Flow(division.content, division.id, kind == "chronology")
            else:
                division = tree.divisions[-1]
                section = _open_section(heading, division, acronyms, collected, findings)
                division.sections.append(section)
                flow = Flow(section.content, division.id, flow.chronology)
            if heading.rest:
                rest, line = heading.rest
                add_paragraph(flow, collected, Marked(rest), line, order=heading.end - 1)
            i = heading.end
            continue
        elif block.kind == "note":
            holder = tree.divisions[-1] if tree.divisions and flow.scope else None
            add_note_block(flow, holder, block, i, collected, findings)
        else:
            _add_block(flow, block, i, collected, marks, findings)
        i += 1
    return tree


def nest_under_parts(entries: list[PrintedEntry], divisions: list[Division]) -> None:
    """Put the contents entries of a part's chapters (and of their sections) a level below the part's
    entry, where the printed contents sets them at the same level (it shows parts by their labels)."""
    part_of: dict[str, str] = {}  # chapter or section id → the id of the part holding it
    for part in divisions:
        for chapter in part.chapters or []:
            part_of[chapter] = part.id
    for division in divisions:
        if division.id in part_of:
            part_of.update({section.id: part_of[division.id] for section in division.sections})
    part_level = {entry.target: entry.level for entry in entries if entry.target in part_of.values()}
    shift = {
        part: 1
        for part, level in part_level.items()
        if any(entry.level <= level for entry in entries if part_of.get(entry.target or "") == part)
    }
    for entry in entries:
        entry.level += shift.get(part_of.get(entry.target or "", ""), 0)


def mark_blurb(tree: Tree, findings: Findings) -> None:
    """Mark where the publisher's blurb starts in the back matter (its ``division``: ``blurb``).

    The blurb is the first back-matter paragraph, not the first under its heading, that names
    the book by the title its title page prints first.
    """
    first = next((item for item in tree.front if isinstance(item, Paragraph)), None)
    title = heading_key(item_text(first)) if first else ""
    if len(title.split()) < 2:
        return
    for previous, item in pairwise(tree.back):
        if (
            isinstance(item, Paragraph)
            and not isinstance(previous, HeadingItem)
            and title in heading_key(item_text(item))
        ):
            item.division = "blurb"
            reason = "the publisher's blurb (names the book's title) starts here"
            findings.flag("back_matter", item.first_line, item_text(item)[:80], reason)
            return


def _division_kind(heading: Heading) -> DivisionType:
    """``part``, ``chapter``, ``introduction`` or ``chronology``: from the heading's label and title."""
    label = heading.label or (heading.entry.label if heading.entry else None)
    listed = heading.entry is not None and not heading.confirmed  # its title is the entry's
    kind = division_type(heading.entry.title if heading.entry and listed else heading.printed, label)
    if kind == "chapter" and label and PART_LABEL_RE.match(label):
        return "part"
    return kind


def _open_division(
    opening: _Division, acronyms: frozenset[str], collected: Collected, findings: Findings
) -> Division:
    """The division a level-1 heading opens."""
    heading, kind = opening.heading, opening.kind
    entry = heading.entry
    label = heading.label or (entry.label if entry else None)
    n = heading.n or (entry.n if entry else None)
    if label and not heading.label and kind in ("chapter", "part"):
        explanation = f"{kind} label not printed over the heading: taken from the printed contents"
        findings.change("label_from_contents", heading.line, "", label, explanation)
    identifier = {"introduction": "intro", "chronology": "chron", "part": f"part{opening.number}"}.get(
        kind, f"ch{opening.number:02d}"
    )
    if identifier in collected.ids:
        identifier = f"div{opening.position + 1:02d}"
    collected.ids.add(identifier)
    title = heading_title(heading, acronyms, findings)
    numbered = kind in ("chapter", "part")
    division = Division(
        id=identifier,
        type=kind,
        n=n if numbered else None,
        label=label if numbered else None,
        title=title,
        subtitle=heading.subtitle,
        first_line=heading.line,
        byline=heading.byline,
        content=[],
        sections=[],
        notes=[],
        chapters=[] if kind == "part" else None,
    )
    if entry:
        entry.target = identifier
    _collect_heading_markers(heading, division, title, identifier, collected)
    return division


def _opens_body_division(headings: list[Heading]) -> bool:
    """Whether a heading opens an introduction, a part or a chapter."""
    return any(heading.level == 1 and _division_kind(heading) != "chronology" for heading in headings)


def _text_division(line: int, collected: Collected, findings: Findings) -> Division:
    """The one division of a text where no introduction, part or chapter heading was found: it holds
    the whole text, under no printed heading."""
    reason = "no chapter, part or introduction heading found: the whole text is one division"
    findings.flag("no_divisions", line, "", reason)
    collected.ids.add(TEXT_DIVISION_ID)
    return Division(TEXT_DIVISION_ID, "text", None, None, "", None, line, [], [], [])


def _open_section(
    heading: Heading,
    division: Division,
    acronyms: frozenset[str],
    collected: Collected,
    findings: Findings,
) -> Section:
    """The section a level-2 heading opens."""
    identifier = f"{division.id}-s{len(division.sections) + 1}"
    title = heading_title(heading, acronyms, findings)
    section = Section(identifier, title, heading.line, [])
    if heading.entry:
        heading.entry.target = identifier
    _collect_heading_markers(heading, section, title, division.id, collected)
    return section


def _collect_heading_markers(
    heading: Heading, owner: Section | Division, title: str, scope: str, collected: Collected
) -> None:
    """Note markers printed in a heading become ``title_parts``."""
    if heading.markers:
        text = PendingText(title + heading.markers, heading.line, heading.start, scope, owner)
        collected.texts.append(text)


def _add_block(
    flow: Flow, block: Block, order: int, collected: Collected, marks: PageMarks, findings: Findings
) -> None:
    """The items of one text block."""
    marked = marks.text_of(order, block)
    text = block.text.strip()
    lines = block.text.split("\n")
    if flow.chronology:
        add_entries(flow, block, marked, order, collected, marks, findings)
    elif block.caption_reason():
        for page_break in marks.breaks_of(marked):
            flow.add(page_break)
        flow.add(_figure(block, findings))
    elif is_separator(text) or YEAR_RE.match(text):
        for page_break in marks.breaks_of(marked):
            flow.add(page_break)
        if is_separator(text):
            flow.add(Separator(block.first_line))
        else:
            add_year(flow, text, block.first_line, findings)
    elif all(DASH_ITEM_RE.match(line) for line in lines):
        for offset, line in enumerate(marked.lines()):
            dashed = DASH_ITEM_RE.match(line.text)
            assert dashed is not None
            item = line.trim(dashed.start("text"), len(line.text))
            add_list_item(flow, collected, "dash", item, block.first_line + offset, order)
    elif _is_numbered(lines):
        for offset, line in enumerate(marked.lines()):
            number = NUMBERED_RE.match(line.text)
            assert number is not None
            listing = flow.list_for("numbered", block.first_line + offset, int(number.group("n")))
            add_entry(listing, collected, line, block.first_line + offset, order, flow.scope)
    else:
        add_paragraph(flow, collected, marked, block.first_line, order)


def _figure(block: Block, findings: Findings) -> Figure:
    """A picture's caption (:meth:`Block.caption_reason`: why the reader took it for one) as a
    figure: its credit lines (:func:`pipeline.text.captions.is_credit_line`) apart from its title's."""
    lines = [line.strip() for line in block.text.split("\n") if line.strip()]
    head = [line for line in lines if not is_credit_line(line)] or lines
    figure = Figure(block.first_line, head, [line for line in lines if line not in head])
    after = " / ".join(head) + "".join(f" [credit: {line}]" for line in figure.credit)
    explanation = f"a picture's caption set apart as a figure, a line each: {block.caption_reason()}"
    findings.change("figure_caption", block.first_line, block.text, after, explanation)
    return figure


def _is_numbered(lines: list[str]) -> bool:
    """``1. …`` lines numbered one after the other."""
    numbers = [NUMBERED_RE.match(line) for line in lines]
    if not all(numbers):
        return False
    values = [int(number.group("n")) for number in numbers if number]
    return all(b == a + 1 for a, b in pairwise(values))
