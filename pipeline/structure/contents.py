"""Find and parse a book's printed contents table.

The contents is the evidence the structure stage uses to find headings in the text. It starts at a
``CONTENTS`` line and is printed either as markdown table rows (``| Title | 30 |``), possibly split
over several tables at page breaks, or as plain lines (``Title .... 30``). OCR leaves leader dots,
stray characters (``-CHAPTER XIII``) and in-line hyphenation (``Ag- gression``) in the titles; they
are cleaned here and every cleaning is logged as a :class:`~pipeline.model.Change`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.lazy_re import lazy_compile
from pipeline.model import Block, Change, ContentsEntry, Review
from pipeline.model.tree import DivisionType
from pipeline.structure.findings import STAGE
from pipeline.structure.patterns import join_hyphenated
from pipeline.text.headings import (
    CONTENTS_PAGE_FURNITURE_RE,
    LABEL,
    LABEL_LINE_RE,
    LEADER_DOTS,
    PAGE_NUMBER,
    STRAY_TITLE_LEAD_RE,
    TABLE_ROW_RE,
    leader_dots_re,
)
from pipeline.text.ocr import ROMAN_NUMERAL_LETTERS
from pipeline.text.punctuation import plain_text

CONTENTS_HEAD_RE = lazy_compile(
    r"^[#*_\s]*(?:table\s+of\s+)?contents(?:\s+(?:of|to)\s+vol(?:ume|\.)?\s+\w+)?[*_\s.:]*$", re.IGNORECASE
)
TABLE_RULE_RE = lazy_compile(r"^\s*\|[\s:|-]*\|\s*$")
PAGE_RE = lazy_compile(rf"^(?:{PAGE_NUMBER})$", re.IGNORECASE)
PLAIN_LINE_RE = lazy_compile(
    rf"^(?P<title>\S.*?)(?:\s*{LEADER_DOTS}(?P<page>{PAGE_NUMBER})|\s+(?P<bare>\d{{1,3}}))\s*$", re.IGNORECASE
)
NUMBER_WORDS = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
LABEL_RE = lazy_compile(rf"^{LABEL}\b\.?\s*(?P<title>.*)$")
# what repair left at the end of a title: leader dots of a plain line, or a stray full stop
LEADER_RE = leader_dots_re(stray_stop=True)
INLINE_HYPHEN_RE = lazy_compile(r"(?P<left>[^\W\d_]+)- (?P<right>[a-z]+)")

INTRODUCTION_WORDS = ("introduction", "preface", "foreword", "prologue")
CHRONOLOGY_WORDS = ("chronology", "chronological table")
OTHER_TOP_WORDS = (
    "conclusion",
    "afterword",
    "epilogue",
    "appendix",
    "appendices",
    "bibliography",
    "index",
    "notes",
    "glossary",
)
MAX_PLAIN_LINE_CHARS = 160


@dataclass
class PrintedEntry:
    """One entry of the printed contents, with its number and kind (what the headings need)."""

    title: str
    page: int | str | None
    line: int
    label: str | None = None
    n: str | None = None
    level: int = 2
    type: DivisionType = "chapter"
    target: str | None = None

    def contents_entry(self) -> ContentsEntry:
        """The entry as the book's tree lists it."""
        return ContentsEntry(self.label, self.title, self.page, self.level, self.line, self.target)


@dataclass
class ContentsTable:
    """The parsed contents and where it sits among the blocks (indices into the block list)."""

    head_index: int
    block_indices: list[int]
    entries: list[PrintedEntry]
    changes: list[Change] = field(default_factory=list)
    review: list[Review] = field(default_factory=list)

    @property
    def indices(self) -> set[int]:
        """Every block index that belongs to the contents (its heading and its rows)."""
        return {self.head_index, *self.block_indices}


def division_type(title: str, label: str | None) -> DivisionType:
    """``introduction``, ``chronology`` or ``chapter``, from a top-level title and its label."""
    if label:
        return "chapter"
    lowered = plain_text(title).lower()
    if lowered.startswith(INTRODUCTION_WORDS):
        return "introduction"
    if lowered.startswith(CHRONOLOGY_WORDS):
        return "chronology"
    return "chapter"


def find_contents(blocks: list[Block]) -> ContentsTable | None:
    """Find the printed contents (a ``CONTENTS`` line and the rows after it), or ``None``."""
    for index, block in enumerate(blocks):
        if block.kind == "text" and CONTENTS_HEAD_RE.match(block.text.strip()):
            table = _parse_after(blocks, index)
            if table.entries:
                return table
    return None


def contents_lines(blocks: list[Block]) -> set[int]:
    """The blocks of a contents printed as lines that :func:`find_contents` cannot read as rows
    (labels on lines of their own, titles and synopses under them): from the ``CONTENTS`` line to
    the end of the page of its last label, before the first label printed again (the text's first
    chapter); or, printed at the back, where all its labels were printed before it. They are no
    headings; their text stays."""
    for index, block in enumerate(blocks):
        if block.kind == "text" and CONTENTS_HEAD_RE.match(block.text.strip()):
            last = _last_label_before_repeat(blocks, index + 1)
            if last is None:
                last = _last_label_printed_before(blocks, index)
            if last is None:
                return set()
            end = last + 1
            while end < len(blocks) and not blocks[end].page_break_before:
                end += 1
            return set(range(index + 1, end))
    return set()


def label_key(label: str) -> str:
    """A label as compared with another: its word's first four letters and its number's value
    (``CHAPTEE XII`` and ``Chapter 12`` are ``chap 12``)."""
    word, _, n = label.partition(" ")
    return f"{word[:4].casefold()} {label_number(n.strip())}"


def label_number(n: str) -> int | str:
    """The value of a label's number, however printed (``IV``, ``4``, ``Four``, OCR's ``YI`` or
    ``VT`` for ``VI``); the number itself where it has none (a letter)."""
    word = n.casefold()
    if word in NUMBER_WORDS:
        return NUMBER_WORDS.index(word) + 1
    if n.isdigit() and set(n) != {"1"}:
        return int(n)
    if not n.strip("H"):  # (an appendix's letter, not a numeral's two read as one)
        return n
    roman = n.translate(ROMAN_NUMERAL_LETTERS)
    values = [ROMAN_VALUES.get(char) for char in roman]
    if not values or None in values:
        return n
    numbers = [value for value in values if value is not None]
    return sum(-v if v < nxt else v for v, nxt in zip(numbers, [*numbers[1:], 0], strict=True))


def _last_label_printed_before(blocks: list[Block], head: int) -> int | None:
    """The last label line after a contents at ``head`` if every label after it was printed before
    it (a contents at the back of the book); ``None`` otherwise."""
    keys = [(number, _label_key_of(blocks[number])) for number in range(len(blocks))]
    before = {key for number, key in keys[:head] if key}
    after = [(number, key) for number, key in keys[head + 1 :] if key]
    if after and all(key in before for _, key in after):
        return after[-1][0]
    return None


def _label_key_of(block: Block) -> str | None:
    """The :func:`label_key` of a block whose first line is a label, else ``None``."""
    label = LABEL_LINE_RE.match(block.text.split("\n", 1)[0])
    return label_key(label.group("label")) if label else None


def _last_label_before_repeat(blocks: list[Block], start: int) -> int | None:
    """The last label line from ``start`` before a label is printed again; ``None`` if none is."""
    seen: set[str] = set()
    last = None
    for number in range(start, len(blocks)):
        key = _label_key_of(blocks[number])
        if key:
            if key in seen:
                return last
            seen.add(key)
            last = number
    return None


def _contents_style(block: Block) -> str | None:
    """``"table"`` or ``"plain"`` if most lines of the block are contents rows of that form, else ``None``."""
    if block.kind != "text":
        return None
    lines = [line for line in block.text.split("\n") if line.strip()]
    tables = sum(1 for line in lines if TABLE_ROW_RE.match(line))
    plains = sum(1 for line in lines if len(line) <= MAX_PLAIN_LINE_CHARS and PLAIN_LINE_RE.match(line))
    if tables * 2 >= len(lines) and tables:
        return "table"
    if plains * 2 >= len(lines) and plains:
        return "plain"
    return None


def _parse_after(blocks: list[Block], head_index: int) -> ContentsTable:
    """Parse the contents rows in the blocks after the heading at ``head_index``.

    The contents goes on while blocks have the form of its first block; a page number or a repeated
    ``Contents`` between two parts of it is skipped.
    """
    table = ContentsTable(head_index=head_index, block_indices=[], entries=[])
    rows: list[tuple[str, str, int]] = []
    style = _contents_style(blocks[head_index + 1]) if head_index + 1 < len(blocks) else None
    index = head_index + 1
    while style and index < len(blocks):
        block = blocks[index]
        if _contents_style(block) != style:
            nxt = index + 1
            if (
                CONTENTS_PAGE_FURNITURE_RE.match(block.text)
                and nxt < len(blocks)
                and _contents_style(blocks[nxt]) == style
            ):
                index = nxt
                continue
            break
        table.block_indices.append(index)
        rows.extend(_rows(block))
        index += 1
    _build_entries(table, rows)
    return table


def _rows(block: Block) -> list[tuple[str, str, int]]:
    """``(title, page, line)`` for every row or line of a contents block (page may be empty)."""
    rows = []
    for offset, line in enumerate(block.text.split("\n")):
        number = block.first_line + offset
        if TABLE_RULE_RE.match(line):
            continue
        row = TABLE_ROW_RE.match(line)
        if row:
            cells = [cell.strip() for cell in row.group("cells").split("|")]
            page = cells[-1] if len(cells) > 1 and PAGE_RE.match(cells[-1]) else ""
            title = " ".join(cell for cell in (cells[:-1] if page else cells) if cell)
            if title or page:
                rows.append((title, page, number))
            continue
        plain = PLAIN_LINE_RE.match(line)
        if plain:
            rows.append((plain.group("title"), plain.group("page") or plain.group("bare"), number))
        elif line.strip():
            rows.append((line.strip(), "", number))
    return rows


def _build_entries(table: ContentsTable, rows: list[tuple[str, str, int]]) -> None:
    """Join titles split over rows, clean them, and fill ``table.entries``."""
    pending: tuple[str, int] | None = None
    for title, page, line in rows:
        if pending:
            before, first = pending
            title = join_hyphenated(before[:-1], title) if before.endswith("-") else f"{before} {title}"
            line = first
            pending = None
        if not page:
            pending = (title, line)
            continue
        table.entries.append(_entry(table, title, page, line))
    if pending:
        title, line = pending
        table.entries.append(_entry(table, title, None, line))
        table.review.append(Review("contents_no_page", line, title, "last contents entry has no page number"))
    _assign_levels(table.entries)


def _entry(table: ContentsTable, printed: str, page: str | None, line: int) -> PrintedEntry:
    """One cleaned entry; every cleaning of the printed title is logged."""
    title = _clean_title(table, printed, line)
    label = n = None
    labelled = LABEL_RE.match(title)
    if labelled and labelled.group("title"):
        label, n, title = labelled.group("label"), labelled.group("n"), labelled.group("title")
    page_value: int | str | None = int(page) if page and page.isdigit() else page
    return PrintedEntry(title=title, page=page_value, line=line, label=label, n=n)


def _clean_title(table: ContentsTable, title: str, line: int) -> str:
    """Drop leader dots and stray leading characters, undo in-line hyphenation."""
    steps = [
        ("contents_leader_dots", LEADER_RE, "", "leader dots (or a stray full stop) after a contents title"),
        ("contents_stray_char", STRAY_TITLE_LEAD_RE, "", "stray character before a contents title"),
    ]
    for rule, pattern, replacement, explanation in steps:
        cleaned = pattern.sub(replacement, title)
        if cleaned != title:
            table.changes.append(Change(STAGE, rule, line, title, cleaned, explanation))
            title = cleaned
    cleaned = INLINE_HYPHEN_RE.sub(lambda m: join_hyphenated(m.group("left"), m.group("right")), title)
    if cleaned != title:
        explanation = "word hyphenated at a line end of the printed contents"
        table.changes.append(Change(STAGE, "contents_hyphenation", line, title, cleaned, explanation))
    return cleaned


def _assign_levels(entries: list[PrintedEntry]) -> None:
    """Chapters (labelled entries) and named top-level parts are level 1; the rest are sections."""
    labelled = [i for i, entry in enumerate(entries) if entry.label]
    first_labelled = labelled[0] if labelled else len(entries)
    for index, entry in enumerate(entries):
        entry.type = division_type(entry.title, entry.label)
        letters = [c for c in entry.title if c.isalpha()]
        top = (
            entry.label is not None
            or not labelled
            or index < first_labelled
            or entry.type != "chapter"
            or (bool(letters) and all(c.isupper() for c in letters))
            or plain_text(entry.title).lower().startswith(OTHER_TOP_WORDS)
        )
        entry.level = 1 if top else 2
