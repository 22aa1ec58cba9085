"""Headings found by their printed form: a chapter label over its title (capitals, title case, a
span of years), a title alone in capitals or title case, a lettered appendix, a subtitle in
parentheses, an author line under the title (the byline of an essay); running heads the repairs
left at the page edges are none. :mod:`pipeline.structure.headings` uses these for books without a
printed contents, and for the chapters a contents does not list.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from pipeline.lazy_re import lazy_compile
from pipeline.model import Block
from pipeline.model.blocks import SET_APART
from pipeline.structure.contents import INTRODUCTION_WORDS, LABEL_LINE_RE, OTHER_TOP_WORDS, PrintedEntry
from pipeline.structure.findings import Findings
from pipeline.structure.patterns import MAX_HEADING_CHARS
from pipeline.text.headings import (
    CAPITALS_MIN_LETTERS,
    TITLE_CASE_MIN_CAPITALISED,
    heading_key,
    is_capitals,
    is_mostly_capitals,
    is_title_case,
)
from pipeline.text.markers import NOTE_MARKER_RE
from pipeline.text.ocr import CAPITAL_I_MARK_RE
from pipeline.text.punctuation import ends_with_punctuation, plain_text
from pipeline.text.words import is_function_word

LONE_LABEL_RE = lazy_compile(r"^[*_\s]*(?P<label>APPENDIX|Appendix)\.?[*_\s]*$")  # over a lettered title
LETTERED_RE = lazy_compile(r"^(?P<letter>[A-Z])\.\s*[-\u2013\u2014]")  # ``B.—THE CELL``
PARENTHETICAL_RE = lazy_compile(r"^\(.*\)$")
MAX_SUBTITLE_CHARS = 80
RUNNING_LINE_CHARS = 60
RUNNING_HEAD_PAGES = 3
MAX_TITLE_LINES = 5  # of a title under a label (a chapter's topics in capitals run long)
TITLE_LINE_MAX_CHARS = 120  # two printed lines a hyphen at the line end joined
BYLINE_RE = lazy_compile(r"^(?:BY|By)\s+(?P<name>[A-Z][^:;]*?)\.?$")


@dataclass
class Heading:
    """A heading found in the text: blocks ``start``..``end`` (exclusive) hold label, title, subtitle."""

    start: int
    end: int
    level: int
    printed: str
    line: int
    entry: PrintedEntry | None = None
    label: str | None = None
    n: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    markers: str = ""
    rest: tuple[str, int] | None = None  # the lines after the heading in its last block (text, line)
    confirmed: bool = False  # found by its form, its entry only confirms it: its title stays as printed


def headings_from_form(blocks: list[Block], skip: set[int], findings: Findings) -> list[Heading]:
    """Headings of a book without contents: chapter labels, capitals, bold or title-case lines."""
    headings: list[Heading] = []
    labelled = False  # whether a chapter label was seen: unlabelled headings after it are sections
    running = _running_heads(blocks)
    i = 0
    while i < len(blocks):
        first = not any(earlier.label or _names_division(earlier.printed) for earlier in headings)
        heading = (
            None
            if i in skip or i in running or blocks[i].kind != "text"
            else form_heading(blocks, i, findings, first=first)
        )
        if heading and heading.label:
            labelled = True
        elif heading and labelled and not _names_division(heading.printed) and not _own_heading(heading):
            tops = [earlier for earlier in headings if earlier.level == 1]
            if not (tops and _continues_lettering(tops[-1].printed, heading.printed)):
                heading.level = 2
        if heading and (heading.level == 2 and not headings):
            heading = None  # a section before the first chapter is front matter
        if heading:
            headings.append(heading)
            findings.flag("heading_by_form", heading.line, heading.printed, "heading found by its form alone")
            i = heading.end
        else:
            i += 1
    return headings


def _running_heads(blocks: list[Block]) -> set[int]:
    """The blocks at a page's edge (first or last) whose text stands at the edge of
    :data:`RUNNING_HEAD_PAGES` pages or more: a running head the repairs left, not a heading."""
    edges = [
        i
        for i, block in enumerate(blocks)
        if block.kind == "text"
        and (block.page_break_before or (i + 1 < len(blocks) and blocks[i + 1].page_break_before))
    ]
    keys = {i: heading_key(blocks[i].text) for i in edges if len(blocks[i].text) <= RUNNING_LINE_CHARS}
    counts = Counter(keys.values())
    return {i for i, key in keys.items() if key and counts[key] >= RUNNING_HEAD_PAGES}


def set_subtitle(heading: Heading, printed: str, findings: Findings) -> None:
    """Set the heading's subtitle (a parenthesis such as a period of years), without emphasis."""
    heading.subtitle = plain_text(printed)
    if heading.subtitle != printed.strip():
        explanation = "emphasis around a subtitle dropped (the subtitle is set apart by the encoding)"
        findings.change("subtitle_emphasis", heading.line, printed.strip(), heading.subtitle, explanation)


def form_heading(
    blocks: list[Block], index: int, findings: Findings, *, first: bool = False
) -> Heading | None:
    """A heading recognised by its printed form alone, or ``None``; ``first``: no labelled or named
    division (``PREFACE``, ``INTRODUCTION`` …) was found before it, as on the title pages, a
    dedication, an imprint (an unlabelled heading needs running text on its own page, not such a
    page's)."""
    block = blocks[index]
    lines = block.text.split("\n")
    line_label = LABEL_LINE_RE.match(lines[0])
    label = line_label or LONE_LABEL_RE.match(lines[0])
    end, rest = index + 1, None
    title = _title_after_label(blocks, index, lines[1:], block.first_line + 1) if label else None
    if title and (title[0] or line_label):
        lines, end, rest = title
    elif label:
        label = None  # ``APPENDIX`` alone, without a title under it: a heading of one word
    if not label:
        byline = next((number for number, line in enumerate(lines) if number and is_byline(line)), None)
        if byline is not None:
            lines, rest = lines[:byline], ("\n".join(lines[byline:]), block.first_line + byline)
        else:
            lines, end, rest = _title_over_blocks(blocks, index, lines)
    text = plain_text("\n".join(lines))
    if not label:
        if len(text) > MAX_HEADING_CHARS // 2 or not _followed_by_running_text(
            blocks, index, same_page=first
        ):
            return None
        bold = block.text.startswith("**") and block.text.rstrip().endswith("**")
        set_apart = SET_APART in block.extra  # (a title wrapped over lines set apart is one title)
        if is_capitals(block.text):
            level = 1
        elif bold or (
            (len(lines) == 1 or set_apart) and _is_short_title(" ".join(text.split()), set_apart=set_apart)
        ):
            level = 2
        else:
            return None
    else:
        level = 1
    heading = Heading(start=index, end=end, level=level, printed=text, line=block.first_line, rest=rest)
    if label:
        heading.label, heading.n = label.group("label"), label.groupdict().get("n")
    if level == 1 and len(lines) > 1 and PARENTHETICAL_RE.match(plain_text(lines[-1])):
        set_subtitle(heading, lines[-1], findings)
        heading.printed = plain_text("\n".join(lines[:-1]))
    nxt = next_text(blocks, end - 1, set()) if rest is None else None
    if level == 1 and not heading.subtitle and nxt is not None and is_subtitle(blocks[nxt].text):
        set_subtitle(heading, blocks[nxt].text, findings)
        heading.end = nxt + 1
    if level == 1:  # a section has no place for an author line: it stays text
        take_byline(heading, blocks)
    heading.markers = "".join(NOTE_MARKER_RE.findall("\n".join(lines)))
    return heading


def _title_after_label(
    blocks: list[Block], index: int, lines: list[str], line: int
) -> tuple[list[str], int, tuple[str, int] | None]:
    """The title lines printed under a label line (in its block, else the next block's), the end of
    the heading's blocks and what follows the title in its block (``Heading.rest``)."""
    if lines:
        count = _title_line_count(lines)
        rest = ("\n".join(lines[count:]), line + count) if count < len(lines) else None
        return lines[:count], index + 1, rest
    nxt = next_text(blocks, index, set())
    if nxt is None:
        return [], index + 1, None
    lines = blocks[nxt].text.split("\n")
    count = _title_line_count(lines)
    if not count:
        return [], index + 1, None
    rest = ("\n".join(lines[count:]), blocks[nxt].first_line + count) if count < len(lines) else None
    return lines[:count], nxt + 1, rest


def _title_over_blocks(
    blocks: list[Block], index: int, lines: list[str]
) -> tuple[list[str], int, tuple[str, int] | None]:
    """The lines of a title printed over two blocks (a page's first line is read apart), where an
    author line follows them; else the block's own lines. Returns the lines, the end of the
    heading's blocks and what follows the title in its last block (``Heading.rest``)."""
    nxt = next_text(blocks, index, set())
    if nxt is None:
        return lines, index + 1, None
    following = blocks[nxt].text.split("\n")
    count = next((k for k, line in enumerate(following) if not _is_title_line(line) or is_byline(line)), 0)
    if not is_byline(following[count]) or any(LABEL_LINE_RE.match(line) for line in following[:count]):
        return lines, index + 1, None
    if not count:
        return lines, index + 1, None  # the byline's block follows the heading: :func:`take_byline`
    rest = ("\n".join(following[count:]), blocks[nxt].first_line + count)
    return lines + following[:count], nxt + 1, rest


def _title_line_count(lines: list[str]) -> int:
    """How many of ``lines``, from the first, are a title: short lines in capitals (``&c.`` aside),
    in title case (a line broken after a grammatical word, ``Russia Defeated Its Enemies and`` or
    ``Situation Changed Radically with``, where the title goes on in the next, or before one,
    ``and Takes Careful``, ``the Victory``, going on with the title line above it) or holding a date
    without words; a line ending in a full stop ends the title."""
    count = 0
    for at, line in enumerate(lines[:MAX_TITLE_LINES]):
        after = lines[at + 1] if at + 1 < len(lines) else ""
        broken = bool(after) and _is_title_line(f"{line} {after}")
        going_on = at > 0 and _is_title_line(f"{lines[at - 1]} {line}")
        if not (_is_title_line(line) or broken or going_on) or is_byline(line):
            break
        count += 1
        if plain_text(line).rstrip().endswith("."):
            break
    return count


def _is_title_line(line: str) -> bool:
    """A short line in capitals (a few letters in lower case allowed), in title case, or a date or
    span of years (digits without letters)."""
    text = plain_text(line).strip()
    if not text or len(text) > TITLE_LINE_MAX_CHARS:
        return False
    if not any(char.isalpha() for char in text):
        return any(char.isdigit() for char in text)
    return is_mostly_capitals(text) or is_title_case(text.rstrip(".,;:"))


def is_byline(line: str) -> bool:
    """``BY F. ALEXANDER``: *by* and a name of two words or more (initials, capitalised words, none
    of them a grammatical word but *the* before a title abbreviated: ``THE REV.``), on a line of its own."""
    match = BYLINE_RE.match(plain_text(line).strip())
    if not match:
        return False
    words = match.group("name").split()
    if words[0].casefold() == "the" and words[1:] and words[1].endswith("."):  # ``BY THE HON. H. B. HIGGINS``
        words = words[1:]
    return len(words) >= 2 and not any(is_function_word(word.strip(".,")) for word in words)


def take_byline(heading: Heading, blocks: list[Block]) -> None:
    """The author line printed under the heading's title, where there is one, becomes its byline:
    the first line after the heading in its block, else the next block if it is that line alone."""
    if heading.rest is not None:
        text, line = heading.rest
        first, _, after = text.partition("\n")
        if is_byline(first):
            heading.byline = plain_text(first).strip()
            heading.rest = (after, line + 1) if after.strip() else None
        return
    nxt = next_text(blocks, heading.end - 1, set())
    if nxt is not None and "\n" not in blocks[nxt].text.strip() and is_byline(blocks[nxt].text):
        heading.byline = plain_text(blocks[nxt].text).strip()
        heading.end = nxt + 1


def _continues_lettering(previous: str, text: str) -> bool:
    """Whether ``text`` is lettered next after ``previous`` (``A.—MIMICRY``, ``B.—THE CELL``)."""
    before, after = LETTERED_RE.match(previous), LETTERED_RE.match(text)
    return bool(before and after and ord(after.group("letter")) == ord(before.group("letter")) + 1)


def _own_heading(heading: Heading) -> bool:
    """A heading with its own subtitle or author line (an essay, a paper reprinted in the book): a
    division, which keeps them (a section has no place for them)."""
    return heading.subtitle is not None or heading.byline is not None


def _names_division(text: str) -> bool:
    """A heading that names a division of its own (``INTRODUCTION``, ``APPENDIX``, ``INDEX`` …)."""
    return plain_text(text).lower().startswith(INTRODUCTION_WORDS + OTHER_TOP_WORDS)


def _followed_by_running_text(blocks: list[Block], index: int, *, same_page: bool = False) -> bool:
    """Whether running text (long lines, not a title page's) follows within three text blocks; on
    the heading's page where ``same_page`` (before the first division, where a title page's lines
    are followed by the next page's text)."""
    following = []
    for block in blocks[index + 1 : index + 6]:
        if same_page and block.page_break_before:
            break
        following.append(block)
    following = [block for block in following if block.kind == "text"][:3]
    return any(max(len(line) for line in block.text.split("\n")) >= RUNNING_LINE_CHARS for block in following)


def next_text(blocks: list[Block], index: int, skip: set[int]) -> int | None:
    """The index of the next block if it is a text block."""
    nxt = index + 1
    if nxt < len(blocks) and nxt not in skip and blocks[nxt].kind == "text":
        return nxt
    return None


def first_line(block: Block) -> str:
    """The first line of a block."""
    return block.text.split("\n", 1)[0]


def is_subtitle(text: str) -> bool:
    """A short parenthesis on its own, such as ``(March-November 1918)``."""
    plain = plain_text(text)
    return len(plain) <= MAX_SUBTITLE_CHARS and bool(PARENTHETICAL_RE.match(plain))


def _is_short_title(text: str, *, set_apart: bool = False) -> bool:
    """A title-case line short enough for a heading, without final punctuation, of a word at least
    (a printer's signature mark, ``B``, is none). A line the page's geometry ``set_apart`` as a
    heading is set needs no share of its words capitalised (``Relations with the USSR and for
    Repressive``): its first and last words capitalised, and grammatical words only in lower case, a
    word opening with a mark OCR reads a capital I as counting as capitalised (``Northern [ran``)."""
    if len(text) > MAX_HEADING_CHARS // 3 or ends_with_punctuation(text):
        return False
    if set_apart:
        text = CAPITAL_I_MARK_RE.sub("I", text)
    share = 0.0 if set_apart else TITLE_CASE_MIN_CAPITALISED
    return sum(char.isalpha() for char in text) >= CAPITALS_MIN_LETTERS and is_title_case(
        text, min_capitalised=share
    )
