"""The printed pages: where the page breaks of the printed book fall, and their page numbers.

The repair stage leaves evidence of page breaks in the blocks: a paragraph cut by a page break
and joined again records the break at its exact offset (``extra["page_breaks"]``, the word
hyphenated across it flagged ``in_word``), and a block that follows a group of footnotes at a
page foot is marked ``page_break_before``. A chapter starting on a later page than the contents
entry before it starts on a new page. Where the book prints page numbers (running heads, bare
numbers: :mod:`pipeline.repair.furniture`), the block after a removed page number records the number of
the page it starts (``extra["page"]``; ``"page"`` in a joined paragraph's break record): such a
break takes its printed number. The printed contents gives the first page of every entry; an
anchor the printed numbers contradict is reported and not used. Between two known pages (anchors
and printed numbers) the breaks are numbered when their count is the one the pages require;
elsewhere the breaks stay unnumbered and the page table says why.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from pipeline.model import Block, PageSpan

# A block after a paragraph's last raw line and at most one blank line stands on its page; more raw
# lines between them (a run of blank lines, furniture removed) end that page.
PARAGRAPH_GAP = 2

# A break numbered by its place in the text (:func:`infer_numbers`) lies at most this share of a page
# from the start of the page it is counted to open, for each certainty; farther, it stays unnumbered.
INFERRED_CERTAINTY = (("medium", 0.2), ("low", 0.3))


@dataclass
class FoundBreak:
    """A detected page break: before block ``block`` (``offset`` ``None``) or inside its text."""

    block: int
    offset: int | None
    line: int
    evidence: str  # "cut" (paragraph cut), "hyphen" (word cut), "notes" (after a note group), "chapter"
    n: str | None = None
    printed: int | None = None  # the page number printed on the page the break starts
    cert: str | None = None  # a number inferred from the break's place in the text: medium, low
    why: str = ""  # how the number was inferred, or why the break stays unnumbered

    @property
    def in_word(self) -> bool:
        return self.evidence == "hyphen"


@dataclass
class Anchor:
    """A line known to be printed on ``page`` (a contents entry's heading)."""

    line: int
    page: int
    block: int
    label: str
    new_page: bool = False  # a chapter: starts on a new page


def detect_breaks(blocks: list[Block]) -> list[FoundBreak]:
    """Every page break the blocks give evidence of, in text order.

    A block after a note group is not a break of its own when the notes stood inside a joined
    paragraph just before it: the break is already recorded in that paragraph.
    """
    breaks: list[FoundBreak] = []
    for index, block in enumerate(blocks):
        if block.page_break_before and not _recorded_in_paragraph(blocks, index):
            printed = block.extra.get("page")
            breaks.append(FoundBreak(index, None, block.first_line, "notes", printed=printed))
        for found in block.extra.get("page_breaks", []):
            evidence = "hyphen" if found.get("in_word") else "cut"
            offset, line = int(found["offset"]), int(found["line"])
            breaks.append(FoundBreak(index, offset, line, evidence, printed=found.get("page")))
    return sorted(breaks, key=_position)


def add_chapter_breaks(breaks: list[FoundBreak], anchors: list[Anchor]) -> list[FoundBreak]:
    """Add a break before every chapter that starts on a later page than the anchor before it,
    unless a printed page number shows that its page began earlier."""
    breaks = sorted(breaks, key=_position)
    keys = [_key(item) for item in breaks]
    last_printed: list[int | None] = [None]  # last_printed[i]: the last printed number in breaks[:i]
    for item in breaks:
        last_printed.append(item.printed or last_printed[-1])
    before = {item.block for item in breaks if item.offset is None}
    added = list(breaks)
    for previous, anchor in pairwise(anchors):
        if last_printed[bisect_left(keys, (anchor.block, -1, 1))] == anchor.page:
            continue
        if anchor.new_page and anchor.page > previous.page and anchor.block not in before:
            added.append(FoundBreak(anchor.block, None, anchor.line, "chapter"))
            before.add(anchor.block)
    return sorted(added, key=_position)


def number_breaks(breaks: list[FoundBreak], anchors: list[Anchor], starts: Sequence[int]) -> list[PageSpan]:
    """Number the breaks; the page table rows (one per pair of successive anchors).

    A break with a printed page number takes it. The known pages — printed numbers and the anchors
    they do not contradict — fix the numbers of the breaks between them when their count is the one
    the pages require. A break at an anchor's own block (just before its heading) belongs to the
    span ending there, and starts the anchor's page. The breaks left are numbered by their place in
    the text where it tells their page (:func:`infer_numbers`; ``starts``: the characters of the text
    before each block).
    """
    anchors = sorted(anchors, key=lambda anchor: anchor.block)
    breaks = sorted(breaks, key=_position)
    keys = [_key(item) for item in breaks]
    positions = [_position(item) for item in breaks]
    printed = [item for item in breaks if item.printed is not None]
    for item in printed:
        item.n = str(item.printed)
    printed_keys = [_key(item) for item in printed]
    disagreements = [_disagreement(anchor, printed, printed_keys) for anchor in anchors]
    known = [(_key(item), int(item.printed or 0)) for item in printed]
    agreeing = [anchor for anchor, bad in zip(anchors, disagreements, strict=True) if not bad]
    known += [((anchor.block, -1, 1), anchor.page) for anchor in agreeing]
    known.sort()
    for (start, first_page), (end, last_page) in pairwise(known):
        inside = breaks[bisect_right(keys, start) : bisect_right(keys, end)]
        if len(inside) == last_page - first_page:
            for page, item in enumerate(inside, start=first_page + 1):
                item.n = item.n or str(page)
    opening = {anchor.block: anchor.page for anchor in agreeing}
    for item in breaks:
        if item.offset is None and item.block in opening:
            item.n = item.n or str(opening[item.block])
    infer_numbers(breaks, [anchor for anchor in agreeing if anchor.new_page], starts)
    table = []
    for (start_anchor, end_anchor), disagreement in zip(pairwise(anchors), disagreements[1:], strict=True):
        first = bisect_right(positions, (start_anchor.block, -1))
        inside = breaks[first : bisect_right(positions, (end_anchor.block, -1))]
        table.append(
            PageSpan(
                start=start_anchor.label,
                start_page=start_anchor.page,
                start_line=start_anchor.line,
                end=end_anchor.label,
                end_page=end_anchor.page,
                end_line=end_anchor.line,
                expected=end_anchor.page - start_anchor.page,
                found=len(inside),
                printed=sum(1 for item in inside if item.printed is not None),
                numbered=all(item.n for item in inside),
                disagreement=disagreement or None,
                inferred=sum(1 for item in inside if item.cert),
            )
        )
    return table


def infer_numbers(breaks: list[FoundBreak], chapters: list[Anchor], starts: Sequence[int]) -> None:
    """Number the breaks left unnumbered between two known page starts by their place in the text.

    The known page starts are the numbered breaks and the chapters' headings (a chapter opens a
    page). Between two of them the text is shared evenly among its pages: a break is counted to
    open the page whose start lies nearest to it, with the certainty :data:`INFERRED_CERTAINTY` gives
    its distance from that start; farther away, or where the pages so counted would not rise, it
    stays unnumbered. Before the first and after the last known page start nothing closes the count.
    """
    known = sorted(
        [(_place(item, starts), int(item.n)) for item in breaks if item.n and item.n.isdigit()]
        + [(starts[anchor.block], anchor.page) for anchor in chapters]
    )
    left = [item for item in breaks if not item.n]
    for item in left:
        item.why = "no known page start on both sides of it to count from"
    # (the breaks left found between two known starts by their places' order, kept in book order: a
    # book of thousands of pages would otherwise look at every break left for each pair of starts)
    by_place = sorted(range(len(left)), key=lambda at: _place(left[at], starts))
    places = [_place(left[at], starts) for at in by_place]
    for (start, first), (end, last) in pairwise(known):
        between = sorted(by_place[bisect_right(places, start) : bisect_left(places, end)])
        inside = [left[at] for at in between]
        if inside and last > first and end > start:
            _infer_run(inside, (start, first), (end, last), starts)


def _infer_run(
    inside: list[FoundBreak], before: tuple[int, int], after: tuple[int, int], starts: Sequence[int]
) -> None:
    """Number ``inside``, the breaks between the known page starts ``before`` and ``after`` (each
    its place in the text and its page), by their places (see :func:`infer_numbers`)."""
    (start, first), (end, last) = before, after
    length = (end - start) / (last - first)  # characters a page
    places = [first + (_place(item, starts) - start) / length for item in inside]
    pages = [round(place) for place in places]
    frame = f"between p. {first} and p. {last}, {last - first} pages of about {length:.0f} characters"
    if not all(a < b for a, b in pairwise([first, *pages, last])):
        for item in inside:
            item.why = f"{frame}: the breaks' places give no rising pages"
        return
    for item, place, page in zip(inside, places, pages, strict=True):
        distance = abs(place - page)
        cert = next((name for name, limit in INFERRED_CERTAINTY if distance <= limit), None)
        where = f"{frame}: it stands {place - first:.2f} pages after p. {first}"
        if cert is None:
            item.why = f"{where}, between two pages"
        else:
            item.n, item.cert, item.why = str(page), cert, where


def _disagreement(anchor: Anchor, printed: list[FoundBreak], keys: list[tuple[int, int, int]]) -> str:
    """Why the printed page numbers contradict ``anchor``'s contents page, or ``""``.

    ``printed`` are the breaks with a printed number in book order, ``keys`` their sort keys.
    """
    position = (anchor.block, -1, 1)
    before = printed[: bisect_left(keys, position)]
    after = printed[bisect_right(keys, position) :]
    if before:
        last = before[-1]
        at_heading = last.block == anchor.block and last.offset is None
        # a break just before the heading starts the anchor's page; an earlier one, a page before it
        contradicts = last.printed != anchor.page if at_heading else int(last.printed or 0) > anchor.page
        if contradicts:
            return (
                f"contents page {anchor.page}, but the page starting at line {last.line} "
                f"is printed as page {last.printed}"
            )
    if after and int(after[0].printed or 0) <= anchor.page:
        return (
            f"contents page {anchor.page}, but the page starting later at line {after[0].line} "
            f"is printed as page {after[0].printed}"
        )
    return ""


def _key(item: FoundBreak) -> tuple[int, int, int]:
    """Sort key among breaks and anchors: an anchor comes after a break just before its heading."""
    return (*_position(item), 0)


def _position(item: FoundBreak) -> tuple[int, int]:
    """Sort key: a break before a block comes before breaks inside it."""
    return (item.block, -1 if item.offset is None else item.offset)


def _place(item: FoundBreak, starts: Sequence[int]) -> int:
    """Where ``item`` stands in the text, in characters (``starts``: those before each block)."""
    return starts[item.block] + (item.offset or 0)


def text_starts(blocks: list[Block]) -> list[int]:
    """The characters of the text before each block (each block's text and a line end)."""
    starts = [0]
    for block in blocks:
        starts.append(starts[-1] + len(block.text) + 1)
    return starts


def _recorded_in_paragraph(blocks: list[Block], index: int) -> bool:
    """Whether the note group before ``blocks[index]`` stood inside the joined paragraph before it:
    not where the block stood between the paragraph's halves itself (a plate's page), or where
    raw lines stand between the paragraph's end and the block (a run of blank lines, furniture
    removed: the block opens a page of its own)."""
    first_note = index
    while first_note > 0 and blocks[first_note - 1].kind == "note":
        first_note -= 1
    if first_note == index or first_note == 0:
        return False
    paragraph = blocks[first_note - 1]
    if not paragraph.last_line < blocks[index].first_line <= paragraph.last_line + PARAGRAPH_GAP:
        return False
    notes = blocks[first_note:index]
    recorded = paragraph.extra.get("page_breaks", [])
    printed = blocks[index].extra.get("page")
    if printed is not None and all(found.get("page") != printed for found in recorded):
        return False  # a page number printed just before the block: a page break of its own
    return bool(recorded) and all(note.first_line < paragraph.last_line for note in notes)
