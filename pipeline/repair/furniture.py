"""Page furniture: running heads and bare page numbers the OCR kept as blocks of their own.

A page number is a block holding only a number (``42``, ``— 42 —``; ``il`` or ``ll`` for 11, its 1s
read as letters) or a short line in capitals with a number at one end (``26 HISTORY OF SOVIET
DIPLOMACY``, ``THE SOVIET STATE 27``). A number counts as a page number only as part of the book's
page sequence: the longest run of such blocks whose numbers rise by 1 to 3 from one to the next,
that spans most of the book, and whose last number the amount of text can hold (so the years heading
a chronology, ``1917``, ``1918``, are left alone); or, where OCR misread most numbers, two or more
running heads, each opening a page the reader found (of one text, or the verso's and the recto's),
or two or more bare numbers, each the last line of such a page, numbered as far apart as their
pages stand (one of them perhaps with a digit lost: ``1`` for 11). A running head printed with a
number out of that sequence (misread, or another sequence of numbers) is one where its text is that
of the running heads printed with the sequence's numbers; where the numbers stand at the page's
foot, each the last line of its page, so is a bare number out of the sequence ending a page (``33``
for 13).

A running head without a number is a short line in capitals printed again as a numbered running
head, or repeated (at least :data:`REPEATED_HEAD_MIN` times, or twice: beside a page number or as
the shortened form of a heading) where a page ends, unless it is a division's label
(``CHAPTER VIII.``, printed again as contents entries and heading), or printed twice or more, each
printing opening a page the reader found and one at least between the halves of a paragraph the page
break cut (a heading printed again stands inside a page somewhere). Its first printing is kept when
no earlier block starts with it, it stands inside no paragraph, and it is no running head printed
over the book's chapters (running text before it, a division's label between its printings, each
of them opening a page): the title page, or a chapter heading whose running head is the whole title.

A reader that sees the page's layout may class a block as furniture itself (a printer's signature
mark at a page foot, ``extra["furniture"]`` with its evidence): it is removed too; a line classed
by its place on the page (structured OCR's header and footer bands) or as a running title still
gives its page number (:data:`NUMBERING_FURNITURE`).

The book's ``layout`` settings (:class:`LayoutFurniture`) can name running heads the inference
misses and say where the page numbers stand, or that there are none. Each block removed is
logged; the block after it gets ``page_break_before`` and, where the page number is known,
``extra["page"]`` (the number of the page it starts), so later stages can mark the break
(``pb n``) even in the middle of a paragraph the break cut.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import accumulate

from pipeline.chains import heaviest_chain
from pipeline.layout import LAYOUT_RULE_PREFIX, LayoutFurniture
from pipeline.lazy_re import lazy_compile
from pipeline.model import Block, Change, Review
from pipeline.readers.geometry import PLACED_FURNITURE
from pipeline.repair.base import STAGE, RepairContext, Repaired
from pipeline.text.headings import (
    ARABIC_PAGE_NUMBER,
    HEADING_WORD_RE,
    LABEL_LINE_RE,
    is_capitals,
    misread_page_number,
    short_line,
    without_misread_folio,
)
from pipeline.text.markers import FOOT_NOTE_START_RE, NOTE_LIKE_START_RE, may_read_number
from pipeline.text.punctuation import DASHES, ends_clause, ends_sentence, plain_text

RULE = "remove_page_furniture"
MAX_HEAD_WORDS = 12
MAX_HEAD_CHARS = 90
MAX_PAGE_STEP = 3  # a chapter opening or a plate may leave pages without a printed number
MIN_CHAIN = 3
MIN_SPAN = 0.5  # the page numbers run through at least half of the book's text
REPEATED_HEAD_MIN = 3
MIN_PAGE_CHARS = 400  # a printed page holds at least this much text: the numbers cannot outrun the text

NUMBERING_FURNITURE = (PLACED_FURNITURE, "running title")  # readers' classes of lines printing page numbers
BARE_NUMBER_RE = lazy_compile(rf"^[{DASHES}\s]*(?P<n>{ARABIC_PAGE_NUMBER})[{DASHES}\s]*$")
LEADING_NUMBER_RE = lazy_compile(rf"^(?P<n>{ARABIC_PAGE_NUMBER})\s+(?P<head>\S.*)$")
TRAILING_NUMBER_RE = lazy_compile(rf"^(?P<head>.*\S)\s+(?P<n>{ARABIC_PAGE_NUMBER})$")


@dataclass
class Furniture:
    """What the pass found: the page numbers and running heads, and where the numbers stand."""

    page_numbers: dict[int, int] = field(default_factory=dict)  # block index → page number
    heads: dict[int, str] = field(default_factory=dict)  # block index → running head text
    misread: set[int] = field(default_factory=set)  # blocks printing a page number OCR misread
    position: str = "none"  # "top" or "foot": where the page numbers are printed
    evidence: list[str] = field(default_factory=list)


def classed_furniture(block: Block) -> str | None:
    """The class and evidence of a block a reader classed as furniture from the page's layout (a
    printer's signature mark, a running title at page feet: :mod:`pipeline.readers.foot_furniture`),
    else ``None``."""
    furniture = block.extra.get("furniture")
    return None if furniture is None else f"{furniture['kind']} ({furniture['evidence']})"


def _candidate(block: Block) -> tuple[int | None, str] | None:
    """``(number, head text)`` if the block could be page furniture, else ``None``. A block a reader
    classed as furniture is one only where it may print the page number: set in the book's header or
    footer band (:data:`~pipeline.readers.geometry.PLACED_FURNITURE`), or a running title."""
    numbering = block.extra.get("furniture", {}).get("kind") in NUMBERING_FURNITURE
    if block.kind != "text" or (classed_furniture(block) is not None and not numbering):
        return None
    text = short_line(block.text, MAX_HEAD_WORDS)
    if text is None or len(text) > MAX_HEAD_CHARS:
        return None
    bare = BARE_NUMBER_RE.match(text)
    if bare:
        return int(bare.group("n")), ""
    if (misread := misread_page_number(text)) is not None:
        return misread, ""
    for pattern in (LEADING_NUMBER_RE, TRAILING_NUMBER_RE):
        match = pattern.match(text)
        if match and is_capitals(match.group("head")):
            return int(match.group("n")), match.group("head")
    return (None, text) if is_capitals(text) or without_misread_folio(text) else None


def _page_chain(
    numbered: list[tuple[int, int]], lengths: list[int], pages: list[int]
) -> list[tuple[int, int]]:
    """The longest run of ``(block index, number)`` whose numbers rise by 1..MAX_PAGE_STEP for
    each page between them (``pages``: how many pages the reader found before each block; a
    reader that finds none counts one)."""
    chain = heaviest_chain(
        numbered,
        weight=lambda _: 1.0,
        follows=lambda earlier, later: (
            1 <= later[1] - earlier[1] <= MAX_PAGE_STEP * max(1, pages[later[0]] - pages[earlier[0]])
        ),
    )
    if not chain:
        return []
    total = sum(lengths)
    span = sum(lengths[chain[0][0] : chain[-1][0] + 1])
    if len(chain) < MIN_CHAIN or span < MIN_SPAN * total or chain[-1][1] * MIN_PAGE_CHARS > total:
        return []
    return chain


def _pages_before(blocks: Sequence[Block]) -> list[int]:
    """For each block, how many page breaks the reader marked up to it."""
    return list(accumulate(int(block.page_break_before) for block in blocks))


def _numbered_as_pages(edge: list[tuple[int, int]], pages: list[int], total: int) -> list[tuple[int, int]]:
    """A page sequence too short for :data:`MIN_CHAIN` (OCR lost or misread the other numbers: ``Pa``
    for 2, ``1`` for 11): of ``(block index, number)`` at page edges, the most numbered as far apart
    as their pages stand (one offset from the pages the reader counted: ``8 FUTURE AUSTRIA FREE``,
    ``10 FUTURE AUSTRIA FREE`` two pages later; or the offset's number with digits lost,
    :func:`~pipeline.text.markers.may_read_number`: ``10`` and, a page later, ``1`` for 11, each
    then numbered as its page stands), two at least, one exactly, and more than any other offset
    gathers, where the text can hold their pages (:data:`MIN_PAGE_CHARS`)."""
    support = Counter(
        offset
        for offset in {number - pages[index] for index, number in edge}
        for index, number in edge
        if may_read_number(number, pages[index] + offset)
    ).most_common(2)
    if not support or support[0][1] < 2 or (len(support) > 1 and support[1][1] == support[0][1]):
        return []
    offset = support[0][0]
    sequence = [
        (index, pages[index] + offset)
        for index, number in edge
        if may_read_number(number, pages[index] + offset)
    ]
    return [] if sequence[-1][1] * MIN_PAGE_CHARS > total else sequence


def _opens_page(blocks: Sequence[Block], index: int) -> bool:
    """Whether block ``index`` opens a page the reader found after another (``page_break_before``;
    the book's first block, perhaps a cover or a half-title, does not count)."""
    return blocks[index].page_break_before


def _ends_page(blocks: Sequence[Block], index: int) -> bool:
    """Whether block ``index`` is the last of a page the reader found (the next opens a page)."""
    return index + 1 == len(blocks) or blocks[index + 1].page_break_before


def _candidates(blocks: Sequence[Block]) -> dict[int, tuple[int | None, str]]:
    """Block index → ``(number, head text)`` of every block shaped like page furniture."""
    return {i: candidate for i, block in enumerate(blocks) if (candidate := _candidate(block))}


def furniture_shaped(blocks: Sequence[Block]) -> set[int]:
    """Indices of the blocks shaped like page furniture whatever stands around them: a number,
    or a running head printed at least :data:`REPEATED_HEAD_MIN` times.

    :func:`remove_page_furniture` removes only those the page sequence or a page edge confirms;
    the page-break joins (:mod:`pipeline.repair.page_breaks`) let a paragraph's two halves confirm
    the others.
    """
    candidates = _candidates(blocks)
    counts = Counter(head for n, head in candidates.values() if n is None)
    return {i for i, (n, head) in candidates.items() if n is not None or counts[head] >= REPEATED_HEAD_MIN}


def find_furniture(blocks: Sequence[Block], settings: LayoutFurniture | None = None) -> Furniture:
    """Recognise the page numbers and running heads among ``blocks``."""
    settings = settings or LayoutFurniture()
    candidates = _candidates(blocks)
    numbered = [(i, n) for i, (n, _) in candidates.items() if n is not None]
    found = Furniture()
    if settings.page_numbers != "none":
        pages = _pages_before(blocks)
        lengths = [len(block.text) for block in blocks]
        # (or, too short a sequence: the running heads opening pages, or the bare numbers ending them)
        heads = [(i, n) for i, n in numbered if candidates[i][1] and _opens_page(blocks, i)]
        feet = [(i, n) for i, n in numbered if not candidates[i][1] and _ends_page(blocks, i)]
        chain = (
            _page_chain(numbered, lengths, pages)
            or _numbered_as_pages(heads, pages, sum(lengths))
            or _numbered_as_pages(feet, pages, sum(lengths))
        )
        found.page_numbers = dict(chain)
        if chain:
            found.evidence.append(
                f"{len(chain)} page numbers in sequence ({chain[0][1]} to {chain[-1][1]}) from line "
                f"{blocks[chain[0][0]].first_line} to line {blocks[chain[-1][0]].first_line}"
            )
    numbered_heads = {candidates[i][1] for i in found.page_numbers if candidates[i][1]}
    for i in found.page_numbers:
        if candidates[i][1]:
            found.heads[i] = candidates[i][1]
    if numbered_heads:
        found.evidence.append(f"{len(numbered_heads)} running head(s) printed with the page number")
    given = {plain_text(head, markers=True).upper() for head in settings.running_heads}
    printings: dict[str, list[int]] = {}  # each head without a number → its blocks
    for i, (number, head) in candidates.items():
        if number is None:
            printings.setdefault(head, []).append(i)
    cutting = _heads_cutting_paragraphs(blocks, printings)
    seen: set[str] = set()
    for i, (number, head) in candidates.items():
        if i in found.page_numbers:
            continue
        if number is not None:
            if head in numbered_heads:
                found.heads[i] = head  # its number out of the sequence: misread, or the book's own
            continue
        bare = without_misread_folio(head)  # (its number misread into other signs)
        if bare is not None and bare in numbered_heads and _opens_page(blocks, i):
            found.heads[i] = bare
            continue
        first = head not in seen
        seen.add(head)
        beside_number = i - 1 in found.page_numbers or i + 1 in found.page_numbers
        count = len(printings[head])
        repeated = count >= REPEATED_HEAD_MIN or (
            count > 1 and (beside_number or _starts_earlier(blocks, i, head))
        )
        at_edge = _at_page_edge(blocks, i, found.page_numbers) or (head in cutting and _opens_page(blocks, i))
        known = head in numbered_heads or head.upper() in given
        if not known and (HEADING_WORD_RE.match(head) or not ((repeated or head in cutting) and at_edge)):
            continue  # a division's label (``CHAPTER VIII.``) repeats as its heading and contents entries
        if first and not (
            _starts_earlier(blocks, i, head)
            or _inside_paragraph(blocks, i)
            or _across_divisions(blocks, printings[head])
        ):
            continue  # the title page or the heading the running head repeats
        found.heads[i] = head
    unnumbered = {head for i, head in found.heads.items() if i not in found.page_numbers}
    if unnumbered:
        found.evidence.append(f"{len(unnumbered)} running head(s) repeated without a number")
    found.position = _position(blocks, found, settings)
    if found.position == "foot":
        found.misread = {
            i
            for i, (number, head) in candidates.items()
            if number is not None and not head and i not in found.page_numbers and _ends_page(blocks, i)
        }
    return found


def _at_page_edge(blocks: Sequence[Block], index: int, page_numbers: dict[int, int]) -> bool:
    """Whether block ``index`` stands where a page ends: beside a page number, after a footnote,
    or after a paragraph cut off mid-sentence."""
    if index - 1 in page_numbers or index + 1 in page_numbers:
        return True
    if index == 0:
        return False
    before = plain_text(blocks[index - 1].text, markers=True)
    return NOTE_LIKE_START_RE.match(before) is not None or _cut_off(before)


def _cut_off(text: str) -> bool:
    """Whether ``text`` is running text a page break cut: longer than a head, ending no sentence or clause."""
    return len(text) > MAX_HEAD_CHARS and not ends_sentence(text) and not ends_clause(text)


def _inside_paragraph(blocks: Sequence[Block], index: int) -> bool:
    """Whether block ``index`` opens a page the reader found between the halves of a paragraph the
    page break cut: the running text before it (the notes of the page before between them, those
    the reader found and those opening as notes do, ``1. Great …``, whose markers OCR misread) ends
    mid-sentence (:func:`_cut_off`, or in a word in lower case, a comma or a hyphen). No title
    page or heading stands there."""
    if not _opens_page(blocks, index):
        return False
    before = next(
        (
            block
            for block in reversed(blocks[:index])
            if block.kind != "note" and not FOOT_NOTE_START_RE.match(block.text)
        ),
        None,
    )
    if before is None or before.kind != "text":
        return False
    text = plain_text(before.text)
    if not text or is_capitals(text):
        return False
    last = text.rsplit(maxsplit=1)[-1]
    return _cut_off(text) or text.endswith((",", "-")) or (last[-1].isalpha() and last[0].islower())


def _across_divisions(blocks: Sequence[Block], printings: list[int]) -> bool:
    """Whether a head printed at blocks ``printings`` is the book's running head, printed over its
    chapters: each printing opens a page the reader found, running text stands before the first (no
    title page), a division's label stands between it and a later printing, and none right before
    it (a part's heading under its label, printed again over the part's chapters)."""
    first = printings[0]
    if not all(_opens_page(blocks, i) for i in printings):
        return False
    labels = [i for i in range(first + 1, printings[-1]) if LABEL_LINE_RE.match(blocks[i].text.strip())]
    opening = first > 0 and LABEL_LINE_RE.match(blocks[first - 1].text.strip()) is not None
    text_before = any(
        block.kind == "text" and len(block.text) > MAX_HEAD_CHARS and not is_capitals(block.text)
        for block in blocks[:first]
    )
    return bool(labels) and not opening and text_before


def _heads_cutting_paragraphs(blocks: Sequence[Block], printings: dict[str, list[int]]) -> set[str]:
    """The heads without a number printed twice or more (``printings``: each head's blocks), each
    printing opening a page the reader found and one at least inside a paragraph
    (:func:`_inside_paragraph`): running heads (a heading printed again stands inside a page
    somewhere)."""
    return {
        head
        for head, places in printings.items()
        if len(places) > 1
        and all(_opens_page(blocks, i) for i in places)
        and any(_inside_paragraph(blocks, i) for i in places)
    }


def _starts_earlier(blocks: Sequence[Block], index: int, head: str) -> bool:
    """Whether a block before ``index`` (a heading it shortens) starts with ``head``."""
    return any(
        plain_text(block.text, markers=True).startswith(head) and plain_text(block.text, markers=True) != head
        for block in blocks[:index]
    )


def _position(blocks: Sequence[Block], found: Furniture, settings: LayoutFurniture) -> str:
    """``"top"`` or ``"foot"``: the setting, a number in a running head, every number the last line of
    its page (a page the reader found), or a number after the last text."""
    if not found.page_numbers:
        return "none"
    if settings.page_numbers in ("top", "foot"):
        found.evidence.append(f"page numbers at the {settings.page_numbers} of the page (layout setting)")
        return settings.page_numbers
    if any(i in found.heads for i in found.page_numbers):
        found.evidence.append("page numbers at the top of the page (printed in the running heads)")
        return "top"
    if all(_ends_page(blocks, i) for i in found.page_numbers):
        found.evidence.append("page numbers at the foot of the page (each the last line of a page)")
        return "foot"
    last = max(found.page_numbers)
    if all(
        block.kind == "note" or i in found.heads or classed_furniture(block) is not None
        for i, block in enumerate(blocks)
        if i > last
    ):
        found.evidence.append("page numbers at the foot of the page (the last block of the book is one)")
        return "foot"
    found.evidence.append("page numbers at the top of the page (text follows the last one)")
    return "top"


def _removal(
    found: Furniture, number: int | None, head: str | None, classed: str | None, read: str, misread: bool
) -> str:
    """Why a furniture block (its text ``read``) is removed: the reader's class and evidence, or the
    book's sequence of page numbers and running heads."""
    if classed is not None:
        return f"{classed} removed"
    what = "page number" if head is None else "running head"
    if misread:
        what = "page number OCR misread (a bare number out of the sequence, the last line of its page)"
    where = f" (page {number})" if number is not None else ""
    if number is not None and head is None and str(number) not in read:
        where = f" (page {number}, read {read.strip()!r})"  # (a digit lost, or 1s read as letters)
    return f"{what}{where} removed: {'; '.join(found.evidence) or 'layout setting'}"


def remove_page_furniture(blocks: Sequence[Block], context: RepairContext) -> Repaired:
    """Drop running heads, page numbers and the blocks a reader classed as furniture (signature
    marks); mark the page break on the block after them."""
    found = find_furniture(blocks, context.furniture)
    result: list[Block] = []
    changes: list[Change] = []
    page: int | None = None
    pending = False
    for i, block in enumerate(blocks):
        number = found.page_numbers.get(i)
        head = found.heads.get(i)
        classed = classed_furniture(block)
        misread = i in found.misread
        if number is None and head is None and classed is None and not misread:
            if pending:
                extra = dict(block.extra)
                if page is not None:
                    extra["page"] = page
                block = replace(block, page_break_before=True, extra=extra)
                pending, page = False, None
            result.append(block)
            continue
        if number is not None:
            page = number if found.position == "top" else number + 1
        pending = True
        changes.append(
            Change(
                STAGE,
                RULE,
                block.first_line,
                block.text,
                "",
                _removal(found, number, head, classed, block.text, misread),
            )
        )
    review = []
    classes = [block.extra["furniture"]["kind"] for block in blocks if "furniture" in block.extra]
    titles = {
        block.text for block in blocks if block.extra.get("furniture", {}).get("kind") == "running title"
    }
    heads = set(found.heads.values()) | titles
    marks = classes.count("signature mark")
    if found.page_numbers or heads or marks:
        summary = f"page numbers: {found.position}"
        if heads:
            summary += "; running heads: " + ", ".join(sorted(heads))
        if marks:
            summary += f"; {marks} signature marks"
        review.append(
            Review(
                f"{LAYOUT_RULE_PREFIX}page_furniture",
                blocks[0].first_line,
                summary,
                "; ".join(found.evidence),
            )
        )
    return Repaired(result, changes, review)
