"""A contents printed as lines, as OCR wrapped as printed gives it: its entries read line by line,
and the headings found by their form cross-checked with them.

The reader of wrapped text joins a contents page's lines into paragraphs; the printed lines are
recovered from where each one starts (``extra["line_starts"]``). A contents is the run of lines
after a ``CONTENTS`` line in which lines end in page numbers that rise (a row: ``I. The Cambrians
...... 1``, ``Intrusion .....12``, ``Foreword ------- v``, ``Canada … … Page 4.``), page after page
while each page holds a row; it ends before a row whose number starts again lower (a list of
illustrations or maps after it). An entry ends at its row; it may go on over several lines and
follow a label printed on its own line (``CHAPTER IV.``); a line that opens with a label (``IV. The``,
``Chap. II.—``, ``Part I.—``) starts the next entry even where OCR damaged the page number before
it. Lines after a row and before the next label are the chapter's synopsis (an entry a level
below, without page). Column heads (``CHAP. PAGE``) and a label printed twice are dropped, and logged.

The headings the book's form gave are then matched to the entries, in order of both, by their
labels' numbers or their titles: a heading the contents confirms takes its entry (whose page anchors
the numbering of the page breaks); an entry that no heading confirms goes to the review list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from pipeline.chains import heaviest_chain
from pipeline.layout import LAYOUT_RULE_PREFIX
from pipeline.lazy_re import lazy_compile
from pipeline.model import Block, Change, Review
from pipeline.structure.contents import (
    CONTENTS_HEAD_RE,
    LABEL_LINE_RE,
    ContentsTable,
    PrintedEntry,
    division_type,
    label_number,
)
from pipeline.structure.findings import STAGE, Findings
from pipeline.structure.heading_forms import Heading
from pipeline.structure.patterns import join_hyphenated
from pipeline.text.headings import (
    CONTENTS_COLUMN_HEAD_RE,
    CONTENTS_PAGE_FURNITURE_RE,
    STRAY_TITLE_LEAD_RE,
    heading_key,
)

# A row's end: leaders (full stops, ellipses, hyphens; spaced or not), then its page number (arabic,
# or a lower-case roman numeral of the front matter), perhaps after ``Page``. The number stands after
# a space or after two leader characters at least (``Intrusion .....12``): not after a word or a
# single hyphen (``1690-91``); ``Page`` may follow a dash (``CHAPTER VI.—Page 43.``).
LEADER_CHARS = r"[.\u2026\u00b7\-]"
LEADER = rf"{LEADER_CHARS}(?:\s*{LEADER_CHARS})+"
ROMAN_PAGE = r"(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"
ROW_RE = lazy_compile(
    rf"^(?P<title>.*?)(?:(?:\s*(?P<leader>{LEADER})\s*|\s+)(?:Page\s+)?|[\u2013\u2014]\s*Page\s+)"
    rf"(?P<page>\d{{1,3}}|{ROMAN_PAGE})\.?$"
)
# a row whose page number OCR misread: leaders, then a few characters that are no number (``vn``, ``“83``)
MISREAD_ROW_RE = lazy_compile(rf"^(?P<title>.*?)\s*(?P<leader>{LEADER})\s*(?P<misread>[^\s.\u2026].{{0,4}})$")
LEADERS_SHARE = 0.6  # a contents whose rows set leaders this often sets them in every row
# A line that opens with an entry's label: a word (``Chap.``, ``Part``) perhaps, a numeral (roman as
# OCR reads it: ``ll``, ``YI``, ``111``; or arabic), then a full stop or a dash, or (an upper-case
# numeral) a space before a capital (``II The Western Boundary``).
LABEL_WORD = r"(?:CHAP(?:TER)?|Chap(?:ter)?|PART|Part|BOOK|Book|APPEN(?:DIX)?|Appen(?:dix)?|SECTION|Section)"
OPENING_LABEL_RE = lazy_compile(
    rf"^(?P<label>(?:{LABEL_WORD}[.,]?\s+)?(?P<n>[IVXLCYTl1]{{1,6}}|\d{{1,2}}))"
    r"(?:[.,]\s*[-\u2013\u2014]?\s*|\s*[-\u2013\u2014]\s*|(?P<space>\s+)(?=[A-Z]))(?P<title>\S.*)$"
)
LABEL_ALONE_RE = lazy_compile(rf"^(?P<label>{LABEL_WORD}[.,]?\s+(?P<n>[IVXLCYTl1]{{1,6}}|\d{{1,2}}))[.,]?$")
MAX_LABEL_NUMBER = 100  # a numeral reading this or more is a letter (``C.``, ``D.``, ``M.``)
PLAIN_NUMERAL_RE = lazy_compile(r"^(?:[IVXLC]+|\d+)$")  # a numeral that needs no stop after it
TITLE_END_RE = lazy_compile(r"[\s\-\u2013\u2014:;,]+$")  # what a title keeps of its leaders and dashes
MIN_ROWS = 3  # fewer rows whose numbers rise are no evidence of a contents
MAX_PAGES = 8  # a contents printed as lines runs over this many pages at most
TITLE_MATCH = 0.8  # the similarity of a heading's title to an entry's that confirms it
WORD_RE = lazy_compile(r"[^\W\d_]+")
MAX_GROUP_WORDS = 3  # a line of this many words at most alone before a labelled entry: ``APPENDICES``


@dataclass(frozen=True)
class PrintedLine:
    """One printed line of a block: its raw line number, its text, its block."""

    line: int
    text: str
    block: int


def printed_lines(block: Block, index: int) -> list[PrintedLine]:
    """The block's printed lines: cut where each joined line starts, and at its line ends."""
    return [
        PrintedLine(line, block.text[start:end].strip(), index)
        for line, start, end in block.line_spans()
        if block.text[start:end].strip()
    ]


def opening_label(text: str) -> re.Match[str] | None:
    """The label a line opens with (:data:`OPENING_LABEL_RE`) whose numeral reads as a number below
    :data:`MAX_LABEL_NUMBER` (``C.`` is a lettered appendix's); one followed by a space only is
    printed plain (``II The``, not OCR's ``ll The``)."""
    opening = OPENING_LABEL_RE.match(text)
    number = label_number(opening.group("n")) if opening else None
    if opening is None or not isinstance(number, int) or number >= MAX_LABEL_NUMBER:
        return None
    if opening.group("space") and not PLAIN_NUMERAL_RE.match(opening.group("n")):
        return None
    return opening


def read_contents_rows(blocks: list[Block]) -> ContentsTable | None:
    """The contents printed as lines after the first ``CONTENTS`` line that has one, or ``None``."""
    for head, block in enumerate(blocks):
        if block.kind == "text" and CONTENTS_HEAD_RE.match(block.text.strip()):
            indices = _contents_blocks(blocks, head)
            if indices:
                table = ContentsTable(head_index=head, block_indices=indices, entries=[])
                lines = [line for index in indices for line in printed_lines(blocks[index], index)]
                _read_entries(table, lines)
                _drop_misread_pages(table)
                return table
    return None


def confirm_headings(
    table: ContentsTable, headings: list[Heading], findings: Findings, blocks: list[Block]
) -> None:
    """Match the headings to the entries (in order of both, by label number or title); a heading
    matched takes its entry; an entry no heading confirms is reported."""
    entries = [entry for entry in table.entries if entry.level == 1]
    if not entries:
        return
    pairs = [
        (score, heading, number)
        for heading in headings
        for number, entry in enumerate(entries)
        if (score := _agreement(heading, entry)) > 0
    ]
    chosen = heaviest_chain(
        pairs,
        weight=lambda pair: pair[0],
        follows=lambda earlier, later: earlier[1].start < later[1].start and earlier[2] < later[2],
    )
    for _, heading, number in chosen:
        heading.entry, heading.confirmed = entries[number], True
    confirmed = {number for _, _, number in chosen}
    for number, entry in enumerate(entries):
        if number not in confirmed and (entry.label or entry.page is not None):
            printed = " ".join(filter(None, (entry.label, entry.title)))
            findings.flag("contents_entry_not_found", entry.line, printed, "no heading found for this entry")
    summary = f"contents printed as lines: {len(entries)} entries, {len(confirmed)} confirmed by headings"
    evidence = f"rows ending in rising page numbers from line {blocks[table.head_index].first_line}"
    findings.conventions.append(Review(f"{LAYOUT_RULE_PREFIX}contents", entries[0].line, summary, evidence))


def _agreement(heading: Heading, entry: PrintedEntry) -> float:
    """How far a heading and an entry agree: their labels' numbers (2), their titles, or labels and
    titles together (1 + similarity from :data:`TITLE_MATCH`), both; 0 where neither does, or their
    labels differ (by number, or by word where both print one: ``Part IV`` is no ``CHAPTER IV``)."""
    score = 0.0
    if heading.label and entry.label and entry.n:
        words = [label.split()[0][:4].casefold() for label in (heading.label, entry.label) if " " in label]
        if label_number(heading.label.split()[-1]) != label_number(entry.n) or len(set(words)) > 1:
            return 0.0
        score += 2.0
    similarity = max(
        _title_similarity(heading.printed, entry.title),
        _title_similarity(f"{heading.label or ''} {heading.printed}", f"{entry.label or ''} {entry.title}"),
    )
    if similarity >= TITLE_MATCH:
        score += 1.0 + similarity
    return score


def _title_similarity(printed: str, title: str) -> float:
    """The similarity of a heading's title to an entry's (its opening, where the entry goes on with
    a synopsis the heading does not print)."""
    left, right = heading_key(printed), heading_key(title)
    if not left or not right:
        return 0.0
    return SequenceMatcher(None, left, right[: len(left) + 2], autojunk=False).ratio()


def _contents_blocks(blocks: list[Block], head: int) -> list[int]:
    """The blocks of the contents after the head at ``head``: its first page, then each page that
    goes on with it (:func:`_goes_on_with`), to the last row whose number rises (and the rest of
    its page, if no row starts again lower on it); none where fewer than :data:`MIN_ROWS` rows rise."""
    taken: list[int] = []
    values: list[tuple[int, int]] = []  # (block, value) of every row so far
    labels: list[int] = []  # the numbers of the labels printed on lines of their own so far
    for number, page in enumerate(_pages_after(blocks, head)):
        lines = [line for index in page for line in printed_lines(blocks[index], index)]
        page_values = [(line.block, value) for line in lines if (value := _row_value(line.text)) is not None]
        if number and not _goes_on_with(lines, page_values, labels):
            break
        labels += _label_numbers(lines)
        restart = _restart(values, page_values)
        if restart is None:
            taken += page
            values += page_values
            continue
        kept = page_values[:restart]
        if kept:
            taken += [index for index in page if index <= kept[-1][0]]
            values += kept
        break
    return taken if len(values) >= MIN_ROWS else []


def _goes_on_with(lines: list[PrintedLine], values: list[tuple[int, int]], labels: list[int]) -> bool:
    """Whether a page goes on with the contents of the pages before: it prints a label that
    follows their last one (``CHAPTER IV.`` after ``CHAPTER III.``, or after ``CHAPTER II.`` where
    OCR misread the third), or it has rows and opens as a contents page does
    (:func:`_opens_contents_page`)."""
    if labels and any(labels[-1] < number <= labels[-1] + 2 for number in _label_numbers(lines)):
        return True
    return bool(values) and _opens_contents_page(lines[0].text)


def _label_numbers(lines: list[PrintedLine]) -> list[int]:
    """The numbers of the labels printed on lines of their own."""
    numbers = [label_number(match.group("n")) for line in lines if (match := LABEL_LINE_RE.match(line.text))]
    return [number for number in numbers if isinstance(number, int)]


def _opens_contents_page(text: str) -> bool:
    """Whether a page's first line goes on with a contents: a row, a label, a column head."""
    return bool(
        _row_value(text) is not None
        or LABEL_LINE_RE.match(text)
        or opening_label(text)
        or CONTENTS_COLUMN_HEAD_RE.match(text)
        or CONTENTS_PAGE_FURNITURE_RE.match(text)
    )


def _restart(before: list[tuple[int, int]], page: list[tuple[int, int]]) -> int | None:
    """Where on a page (its rows' ``(block, value)``) the row numbers start again lower than those
    before (:func:`_starts_again`), or ``None``."""
    highest = max((value for _, value in before), default=-1)
    for at, (_, value) in enumerate(page):
        if value < highest and _starts_again(page, at, highest):
            return at
        highest = max(highest, value)
    return None


def _starts_again(values: list[tuple[int, int]], at: int, highest: int) -> bool:
    """Whether the row numbers start again lower at ``at``: no row after it rises above ``highest``
    (a row lower than the one before but followed by higher ones is a misread number)."""
    after = [value for _, value in values[at + 1 : at + 3]]
    return not after or all(value <= highest for value in after)


def _pages_after(blocks: list[Block], head: int) -> list[list[int]]:
    """The blocks after ``head`` grouped by printed page (a page starts at ``page_break_before``),
    :data:`MAX_PAGES` pages at most; the head's own page first."""
    pages: list[list[int]] = [[]]
    for index in range(head + 1, len(blocks)):
        if blocks[index].page_break_before and pages[-1]:
            if len(pages) == MAX_PAGES:
                break
            pages.append([])
        if blocks[index].kind == "text":
            pages[-1].append(index)
    return [page for page in pages if page]


def _row_value(text: str) -> int | None:
    """The value of a row's page number (roman numbers count below arabic ones), or ``None``."""
    row = _page_row(text)
    if row is None or not _has_letters(row.group("title")):
        return None
    return _page_value(row.group("page"))


def _page_row(text: str) -> re.Match[str] | None:
    """A line ending in a page number (:data:`ROW_RE`) that is no label alone (``CHAPTER 11.``)."""
    return None if LABEL_LINE_RE.match(text) else ROW_RE.match(text)


def _page_value(page: str) -> int:
    """A page number's place in the book: roman numbers (the front matter) before arabic ones."""
    return int(page) + 1000 if page.isdigit() else int(label_number(page.upper()))


def _rows(lines: list[PrintedLine]) -> dict[int, tuple[str, str | None]]:
    """The rows among the contents' lines (by index): title and page number (``None``: misread
    after leaders). Where most rows set leaders (:data:`LEADERS_SHARE`), a row without them is one
    only where its number rises between the rows around it (not ``under William 111`` before
    ``50``)."""
    found: dict[int, re.Match[str]] = {}
    misread: dict[int, str] = {}
    for index, line in enumerate(lines):
        continued = index > 0 and _goes_on(lines[index - 1].text)
        row = _page_row(line.text)
        if row and (continued or _has_letters(row.group("title"))):
            found[index] = row
        unread = MISREAD_ROW_RE.match(line.text)
        if unread and (continued or _has_letters(unread.group("title"))):
            misread[index] = unread.group("title")
    leadered = [index for index, row in found.items() if row.group("leader")]
    leaders = len(leadered) >= LEADERS_SHARE * len(found)
    rows: dict[int, tuple[str, str | None]] = {index: (title, None) for index, title in misread.items()}
    for index, row in found.items():
        if row.group("leader") or not leaders or _rises_between(found, leadered, index):
            rows[index] = (row.group("title"), row.group("page"))
    return rows


def _goes_on(text: str) -> bool:
    """Whether an entry's title may go on after this line: it has words, and is no row, no label
    printed on its own line and no column head."""
    return (
        _has_letters(text)
        and not _row_ends(text)
        and not LABEL_LINE_RE.match(text)
        and not CONTENTS_COLUMN_HEAD_RE.match(text)
    )


def _rises_between(found: dict[int, re.Match[str]], leadered: list[int], index: int) -> bool:
    """Whether row ``index``'s number rises above the leadered row before it and below the one after."""
    value = _page_value(found[index].group("page"))
    before = [_page_value(found[i].group("page")) for i in leadered if i < index][-1:]
    after = [_page_value(found[i].group("page")) for i in leadered if i > index][:1]
    return all(number < value for number in before) and all(value < number for number in after)


def _row_ends(text: str) -> bool:
    """Whether a line ends as a row does: in a page number or a misread one after leaders."""
    return bool(_page_row(text) or MISREAD_ROW_RE.match(text))


def _has_letters(text: str) -> bool:
    return any(char.isalpha() for char in text)


def _printed(entry: PrintedEntry) -> tuple[str | None, str, int | str | None]:
    """What an entry prints: its label, title and page."""
    return entry.label, entry.title, entry.page


def _drop_misread_pages(table: ContentsTable) -> None:
    """A page number lower than one before it (OCR's ``1 73`` read as ``73``) is misread: dropped,
    and reported."""
    highest = -1
    for entry in table.entries:
        if entry.page is None:
            continue
        value = _page_value(str(entry.page))
        if value < highest:
            reason = f"contents page {entry.page} lower than one before it: misread, not used"
            table.review.append(Review("contents_no_page", entry.line, entry.title, reason))
            table.changes.append(
                Change(STAGE, "contents_page_misread", entry.line, str(entry.page), "", reason)
            )
            entry.page = None
        highest = max(highest, value)


def _read_entries(table: ContentsTable, lines: list[PrintedLine]) -> None:
    """Read the entries from the contents' printed lines (see the module's docstring)."""
    reader = _EntryReader(table)
    rows = _rows(lines)
    for index, line in enumerate(lines):
        reader.read(line, rows.get(index))
    reader.flush()


class _EntryReader:
    """Reads a contents line by line into ``table.entries``."""

    def __init__(self, table: ContentsTable) -> None:
        self.table = table
        self.label: tuple[str, str, int] | None = None  # a label printed on its own line: label, n, line
        self.pending: list[PrintedLine] = []  # the lines of the entry being read
        self.after_row = False  # the last entry ended at its row (what follows is its synopsis)

    def read(self, line: PrintedLine, row: tuple[str, str | None] | None) -> None:
        """Take one printed line, a ``row`` (its title and page) or not."""
        text = line.text
        if CONTENTS_COLUMN_HEAD_RE.match(text) or CONTENTS_PAGE_FURNITURE_RE.match(text):
            self._drop(line, "contents_column_head", "a contents page's column head or running head")
            return
        own_label = LABEL_LINE_RE.match(text)
        if own_label:
            label, n = own_label.group("label"), own_label.group("n")
            if self.label and not self.pending and label_number(n) == label_number(self.label[1]):
                self._drop(line, "contents_label_twice", "a contents label printed twice")
                return
            self.flush()
            self.label = (label, n, line.line)
            return
        if opening_label(text) and self.pending:
            self.flush(before_label=True)
        self.pending.append(line)
        if row:
            title, page = row
            self._log_row_end(line, title, page)
            self._entry(page, title, row=True)

    def flush(self, before_label: bool = False) -> None:
        """The lines read since the last row: a group's head (one short line before a labelled
        entry: ``APPENDICES``), a numbered section of the entry before (``1. Methodism in the
        Eastern Provinces.``), its synopsis, or an entry whose page is not printed or not read."""
        if not self.pending and not self.label:
            return
        short = (
            self.label is None
            and len(self.pending) == 1
            and len(WORD_RE.findall(self.pending[0].text)) <= MAX_GROUP_WORDS
        )
        opening = opening_label(self.pending[0].text) if self.pending and self.label is None else None
        if short and before_label:  # a group's head
            self._entry(None, None, row=False)
        elif opening and self.after_row and opening.group("label").isdigit():  # a numbered section
            self._entry(None, None, row=False, level=2)
            self.after_row = True
        elif not short and self.after_row and self.label is None and not opening_label(self.pending[0].text):
            title = self._joined_texts([line.text for line in self.pending], self.pending[0].line)
            self.table.entries.append(
                PrintedEntry(title=title, page=None, line=self.pending[0].line, level=2)
            )
            self.pending = []
        else:
            self._entry(None, None, row=False)
            entry = self.table.entries[-1]
            reason = "contents entry without a page number"
            self.table.review.append(Review("contents_no_page", entry.line, entry.title, reason))

    def _entry(self, page: str | None, last_title: str | None, row: bool, level: int = 1) -> None:
        """The entry of the pending lines (the last one's title without its page: ``last_title``),
        ended by its ``row`` or not, at ``level``."""
        lines = list(self.pending)
        texts = [line.text for line in lines]
        if last_title is not None and texts:
            texts[-1] = last_title
        first = lines[0].line if lines else 0
        title = self._joined_texts(texts, first)
        label = n = None
        title = TITLE_END_RE.sub("", title)
        labelled = opening_label(title) or LABEL_ALONE_RE.match(title)
        if self.label:
            label, n, first = self.label
        elif labelled:  # a label opening the row (``IV. The``), or the row's only words (``CHAPTER I.—``)
            label, n = labelled.group("label"), labelled.group("n")
            title = labelled.groupdict().get("title") or ""
        title = self._cleaned(title, first)
        page_value: int | str | None = int(page) if page and page.isdigit() else page
        entry = PrintedEntry(title=title, page=page_value, line=first, label=label, n=n, level=level)
        entry.type = division_type(title, label)
        if len(lines) == 1 and self._repeats(entry):
            self._drop(lines[0], "contents_label_twice", "a contents entry printed twice")
            self.pending = []
            return
        self.table.entries.append(entry)
        if row and page is None:
            reason = "contents entry whose page number OCR misread"
            self.table.review.append(Review("contents_no_page", first, title, reason))
        self.label = None
        self.pending = []
        self.after_row = row

    def _log_row_end(self, line: PrintedLine, title: str, page: str | None) -> None:
        """Log the words a row's end loses: a page number OCR misread after the leaders (not read),
        or the word ``Page`` before the number."""
        end = line.text[len(title) :]
        if page is None:
            explanation = "page number OCR misread after the leaders: not read"
            self.table.changes.append(Change(STAGE, "contents_page_misread", line.line, end, "", explanation))
        elif _has_letters(end[: end.rindex(page)]):
            explanation = "the word Page before a contents entry's page number"
            self.table.changes.append(Change(STAGE, "contents_page_word", line.line, end, page, explanation))

    def _repeats(self, entry: PrintedEntry) -> bool:
        """Whether ``entry`` is the entry before it printed again (OCR doubled its line)."""
        last = self.table.entries[-1] if self.table.entries else None
        return last is not None and _printed(last) == _printed(entry)

    def _cleaned(self, title: str, line: int) -> str:
        """The title without the stray characters OCR left before it (logged)."""
        cleaned = title.strip()
        cleaned = STRAY_TITLE_LEAD_RE.sub("", cleaned)
        if cleaned != title.strip():
            explanation = "stray character before a contents title"
            self.table.changes.append(Change(STAGE, "contents_stray_char", line, title, cleaned, explanation))
        return cleaned

    def _drop(self, line: PrintedLine, rule: str, explanation: str) -> None:
        """A contents line that is no entry, dropped and logged."""
        self.table.changes.append(Change(STAGE, rule, line.line, line.text, "", explanation))

    def _joined_texts(self, texts: list[str], line: int) -> str:
        """The lines of an entry as one title: a word broken by a hyphen at a line end joined
        (logged where the hyphen goes)."""
        title = ""
        for text in texts:
            if title.endswith("-") and text[:1].isalpha():
                joined = join_hyphenated(title[:-1], text)
                if not joined.startswith(title):
                    explanation = "word hyphenated at a line end of the printed contents"
                    change = Change(
                        STAGE, "contents_hyphenation", line, f"{title} {text}", joined, explanation
                    )
                    self.table.changes.append(change)
                title = joined
            else:
                title = f"{title} {text}".strip()
        return title
