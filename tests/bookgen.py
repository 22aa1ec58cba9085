"""Generate small test books laid out as OCR leaves them, with the clean truth beside them.

A book is made from real-looking English (sentences of the first book, ``raw/<book>.txt``, drawn
with a fixed seed): chapters with titles, sections, paragraphs and notes. It is then laid out on
pages of ``lines`` lines of ``width`` characters, and written the way the OCR writes a book: one
line per paragraph, blank lines between blocks, a paragraph cut by a page break written as two
blocks (a word cut at the break keeps its hyphen), the note bodies of a page at its foot between
the halves, and the page furniture of one :class:`Convention` (running heads, page numbers) as
blocks of their own. :class:`GeneratedBook` keeps the truth the pipeline is measured against.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

SOURCE = Path(__file__).resolve().parents[1] / "raw" / "soviet-foreign-policy-vol1.txt"
SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
SYMBOLS = ["*", "†", "‡"]
ORDINALS = ["ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
SMALL = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"}
SENTENCE_RE = re.compile(r"(?<=[a-z]\.) (?=[A-Z])")
CLEAN_SENTENCE_RE = re.compile(r"[A-Z][A-Za-z ,;'\u2019()-]{30,220}\.")
TITLE_WORD_RE = re.compile(r"^[A-Za-z]{3,}$")
MARKED_RE = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹\d*†‡]$")
SENTENCE_END_RE = re.compile(r"[.!?][\"\u201d\u2019)]*[⁰¹²³⁴⁵⁶⁷⁸⁹⁻\d*†‡-]*$")


@dataclass(frozen=True)
class Convention:
    """How one book is laid out: page size, furniture, notes and headings."""

    name: str
    seed: int = 1
    chapters: int = 5
    width: int = 72  # characters per line
    lines: int = 38  # lines per page
    running_heads: str = "none"  # "none", "with-number" (`26 TITLE`, `TITLE 27`), "alone" (no number)
    page_numbers: str = "none"  # "none", "in-head", "top", "foot"
    number_style: str = "plain"  # "plain" (`42`) or "dashed" (`— 42 —`)
    notes: str = "chapter"  # numbering: "chapter", "book", "page"
    markers: str = "superscript"  # "superscript", "digits", "symbols"
    continued_notes: bool = False  # some long notes go on, unnumbered, at the next page's foot
    ranges: bool = False  # some markers are ranges (``²¹⁻²²``) with one body
    label: str = "CHAPTER I"  # "CHAPTER I", "CHAPTER ONE", "CHAPTER 1", "Chapter 1", "" (unlabelled)
    parts: bool = False  # ``PART I`` and a part title above some chapters
    bold_titles: bool = False
    multiline_titles: bool = False
    contents: bool = True


@dataclass
class Paragraph:
    """A paragraph of the truth: text pieces and the note indices of its markers, in order."""

    pieces: list[str | int]

    @property
    def text(self) -> str:
        return "".join(piece for piece in self.pieces if isinstance(piece, str))


@dataclass
class Heading:
    level: int  # 0 part, 1 chapter, 2 section
    title: str
    label: str = ""


@dataclass
class GeneratedBook:
    """The OCR text of a generated book and the truth it was made from."""

    convention: Convention
    text: str
    title: str
    headings: list[Heading]
    paragraphs: list[Paragraph]
    notes: list[str]
    furniture_lines: list[int] = field(default_factory=list)  # raw lines of running heads and page numbers
    pages: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # cut paragraphs, cut words, continued notes, ranges
    running_heads: list[str] = field(default_factory=list)  # as printed, without page numbers
    page_starts: dict[int, int] = field(default_factory=dict)  # raw line of a page's first text → its number

    def metadata(self, layout: dict | None = None) -> dict:
        """The book's metadata file (``raw/<book>.yaml``) as a dict, with ``layout`` settings if given."""
        return book_metadata(self.title, layout)


def book_metadata(title: str, layout: dict | None = None) -> dict:
    """A generated book's metadata file (``raw/<book>.yaml``) as a dict, with ``layout`` settings if given."""
    return {
        "title": title.title(),
        "volume": "1",
        "period": "1900-1950",
        "editors": ["A. N. Editor"],
        "contributors": [],
        "publisher": "Test Press",
        "place": "Nowhere",
        "year": 2000,
        "language": "en",
        "original": {"title": title.title(), "language": "en"},
    } | ({"layout": layout} if layout else {})


# --- the clean truth --------------------------------------------------------------------------------


def _sentences() -> list[str]:
    """Clean sentences of the first book's running text (no markers, digits or markdown)."""
    found = []
    for line in SOURCE.read_text(encoding="utf-8").split("\n"):
        if len(line) < 300:
            continue
        for sentence in SENTENCE_RE.split(line):
            if CLEAN_SENTENCE_RE.fullmatch(sentence):
                found.append(sentence)
    return sorted(set(found))


_SENTENCES: list[str] = []


def sentences() -> list[str]:
    if not _SENTENCES:
        _SENTENCES.extend(_sentences())
    return _SENTENCES


def _title(rng: random.Random, low: int, high: int) -> str:
    """A title-case title of ``low``..``high`` words taken from a sentence."""
    while True:
        words = [w.strip(",;()") for w in rng.choice(sentences()).rstrip(".").split()]
        words = [w for w in words if TITLE_WORD_RE.match(w)]
        count = rng.randint(low, high)
        if len(words) < count:
            continue
        start = rng.randint(0, len(words) - count)
        chosen = words[start : start + count]
        if chosen[0].lower() in SMALL or chosen[-1].lower() in SMALL:
            continue
        return " ".join(
            w.lower() if w.lower() in SMALL and i else w.capitalize() for i, w in enumerate(chosen)
        )


def _note_text(rng: random.Random, long: bool) -> str:
    """A note body: a reference, or a sentence or several of commentary."""
    if not long and rng.random() < 0.5:
        author, title = _title(rng, 1, 2), _title(rng, 2, 4)
        return f"{author}, *{title}*, Vol. {rng.randint(1, 40)}, p. {rng.randint(2, 600)}."
    count = rng.randint(4, 6) if long else rng.randint(1, 2)
    return " ".join(rng.choice(sentences()) for _ in range(count))


def _content(
    convention: Convention, rng: random.Random, paragraphs: tuple[int, int] = (5, 8)
) -> tuple[list[Heading], list[object], list[str]]:
    """Headings, the flow of the book (headings and paragraphs, ``paragraphs`` the fewest and most
    a section has) and the note texts."""
    headings: list[Heading] = []
    flow: list[object] = []
    notes: list[str] = []
    for chapter in range(convention.chapters):
        if convention.parts and chapter % 2 == 0:
            part = Heading(0, _title(rng, 2, 4), f"PART {ROMAN[chapter // 2]}")
            headings.append(part)
            flow.append(part)
        label = {
            "CHAPTER I": f"CHAPTER {ROMAN[chapter]}",
            "CHAPTER ONE": f"CHAPTER {ORDINALS[chapter]}",
            "CHAPTER 1": f"CHAPTER {chapter + 1}",
            "Chapter 1": f"Chapter {chapter + 1}",
        }.get(convention.label, "")
        title = _title(rng, 7, 12) if convention.multiline_titles else _title(rng, 3, 6)
        heading = Heading(1, title, label)
        headings.append(heading)
        flow.append(heading)
        for section in range(rng.randint(2, 3)):
            if section:
                heading = Heading(2, _title(rng, 3, 7))
                headings.append(heading)
                flow.append(heading)
            for _ in range(rng.randint(*paragraphs)):
                flow.append(_paragraph(convention, rng, notes))
    return headings, flow, notes


def _paragraph(convention: Convention, rng: random.Random, notes: list[str]) -> Paragraph:
    pieces: list[str | int] = []
    count = rng.randint(2, 6)
    for number in range(count):
        sentence = rng.choice(sentences())
        pieces.append(sentence if not pieces else " " + sentence)
        if (rng.random() < 0.18 and number < count - 1) or rng.random() < 0.08:
            long = convention.continued_notes and rng.random() < 0.3
            notes.append(_note_text(rng, long))
            pieces.append(len(notes) - 1)
    return Paragraph(pieces)


def content(
    convention: Convention, paragraphs: tuple[int, int] = (5, 8)
) -> tuple[str, list[Heading], list[object], list[str]]:
    """A book's title, headings, flow and notes, drawn as :func:`generate` draws them (``paragraphs``:
    the fewest and most a section has), for a layout of one's own."""
    rng = random.Random(convention.seed)
    title = _title(rng, 3, 5).upper()
    return (title, *_content(convention, rng, paragraphs))


# --- the layout ---------------------------------------------------------------------------------------


@dataclass
class _Page:
    number: int
    opens_chapter: bool
    chapter_title: str
    blocks: list[tuple[str, str | None]] = field(default_factory=list)  # (text, paragraph id)
    notes: list[str] = field(default_factory=list)  # note bodies, printed
    carried: str = ""  # the rest of a note from the page before
    used: int = 0
    keys: list[str] = field(default_factory=list)
    carried_next: str = ""  # the rest of a note that goes on at the next page's foot


class _Layout:
    """Lays the flow out on pages and writes the OCR text."""

    def __init__(self, convention: Convention, rng: random.Random, notes: list[str]) -> None:
        self.c = convention
        self.rng = rng
        self.notes = notes
        self.pages: list[_Page] = []
        self.book_count = 0
        self.chapter_count = 0
        self.chapter_title = ""
        self.title = ""
        self.running_heads: list[str] = []
        self.counts = {"cut_paragraphs": 0, "cut_words": 0, "continued_notes": 0, "ranges": 0}

    # pages and space

    def new_page(self, opens_chapter: bool = False) -> _Page:
        number = self.pages[-1].number + 1 if self.pages else 7
        page = _Page(number, opens_chapter, self.chapter_title)
        if self.pages and self.pages[-1].carried_next:
            page.carried = self.pages[-1].carried_next
            page.used += self.lines_of(page.carried) + 1
        self.pages.append(page)
        return page

    def lines_of(self, text: str) -> int:
        return math.ceil(len(text) / self.c.width)

    @property
    def page(self) -> _Page:
        return self.pages[-1]

    def room(self) -> int:
        return self.c.lines - 2 - self.page.used

    # markers and notes

    def key(self) -> str:
        """The printed number of the next note on the current page."""
        if self.c.markers == "symbols":
            return SYMBOLS[len(self.page.keys)]
        if self.c.notes == "page":
            return str(len(self.page.keys) + 1)
        if self.c.notes == "book":
            return str(self.book_count + 1)
        return str(self.chapter_count + 1)

    def count(self, step: int) -> None:
        self.book_count += step
        self.chapter_count += step

    def marker(self, key: str) -> str:
        if self.c.markers == "superscript":
            return key.translate(SUPERSCRIPT)
        return key

    def place_note(self, index: int) -> str:
        """Print note ``index`` on the current page; return its marker in the text."""
        key = self.key()
        step = 1
        if self.c.ranges and self.c.markers != "symbols" and self.c.notes != "page" and index % 7 == 3:
            key = f"{key}-{int(key) + 1}"
            step = 2
            self.counts["ranges"] += 1
        self.count(step)
        self.page.keys.append(key)
        body = self.notes[index]
        printed = self.marker(key)
        rest = ""
        # (a page that carries the rest of a note does not split one of its own: two pages running
        # leave two lower-case note remnants among the text, which no rule can tell apart)
        if self.c.continued_notes and len(body) > 300 and not (self.page.carried or self.page.carried_next):
            words = body.split(" ")
            cut = next(
                (
                    i
                    for i in range(len(words) // 2, len(words) - 3)
                    if words[i][:1].islower() and words[i - 1][-1:].isalpha()
                ),
                None,
            )
            if cut:
                body, rest = " ".join(words[:cut]), " ".join(words[cut:])
                self.counts["continued_notes"] += 1
        self.page.notes.append(f"{printed} {body}")
        self.page.used += self.lines_of(body) + 1
        if rest:
            self.page.carried_next = rest
        return printed

    # the flow

    def lay_out(self, flow: list[object]) -> None:
        for item in flow:
            if isinstance(item, Heading):
                self.heading(item)
            else:
                self.paragraph(item)

    def heading(self, heading: Heading) -> None:
        c = self.c
        if heading.level <= 1:
            if heading.level == 1:
                self.chapter_title = heading.title.upper()
                self.chapter_count = 0
            if not (
                heading.level == 1 and self.pages and self.page.blocks and self.page.blocks[-1][1] == "part"
            ):
                self.new_page(opens_chapter=True)
            if heading.label:
                self.page.blocks.append((heading.label, "part" if heading.level == 0 else None))
            title = heading.title.upper()
            if c.multiline_titles and heading.level == 1:
                words = title.split()
                title = " ".join(words[: len(words) // 2]) + "\n" + " ".join(words[len(words) // 2 :])
            if c.bold_titles:
                title = "\n".join(f"**{line}**" for line in title.split("\n"))
            self.page.blocks.append((title, "part" if heading.level == 0 else None))
            self.page.used += 6
            return
        if self.room() < 5:
            self.new_page()
        self.page.blocks.append((heading.title, None))
        self.page.used += 2

    def paragraph(self, paragraph: Paragraph) -> None:
        """Set the paragraph word by word; a full page cuts it (in a word, sometimes)."""
        words: list[str] = []
        for piece in paragraph.pieces:
            if isinstance(piece, int):
                words.append(f"\0{piece}")  # placed with the word before it
            else:
                words.extend(piece.split())
        ident = str(id(paragraph))
        line_chars = 0
        current: list[str] = []
        self.page.used += 1  # the blank line before the paragraph
        if self.room() < 2:
            self.new_page()
        for word in words:
            if word.startswith("\0"):
                index = int(word[1:])
                # a note that goes on at the next page's foot is the last note of its page
                full = bool(self.page.carried_next) or (
                    self.c.markers == "symbols" and len(self.page.keys) == len(SYMBOLS)
                )
                if full or self.lines_of(self.notes[index]) + 1 > self.room() - 1:
                    carried = self.carry(current)  # the marked word goes to the next page with its note
                    self.flush(current, ident)
                    self.new_page()
                    self.page.used += 1
                    current = carried
                current[-1] += self.place_note(index)
                continue
            if line_chars + len(word) + 1 > self.c.width:
                line_chars = 0
                self.page.used += 1
            # a page ending exactly with a sentence looks like a paragraph's end: the OCR text
            # keeps no line lengths to tell them apart, so the generator does not cut there; nor
            # before a capitalised word (``Samuel | Hoare``), which the repair joins only on the
            # evidence of the book's vocabulary, too small in a test book
            if self.room() <= 0 and current and not SENTENCE_END_RE.search(current[-1]) and word.islower():
                current = self.cut(current, word, ident)
                line_chars = len(word) + 1
                continue
            current.append(word)
            line_chars += len(word) + 1
        self.flush(current, ident)

    def carry(self, current: list[str]) -> list[str]:
        """The last words of ``current`` to move to the next page: at least one, and back to a cut
        before a lower-case word after an unfinished sentence, unless a marked word is in the way."""
        carried = [current.pop()]
        while current and not (carried[0][:1].islower() and not SENTENCE_END_RE.search(current[-1])):
            if MARKED_RE.search(current[-1]):
                break
            carried.insert(0, current.pop())
        return carried

    def cut(self, current: list[str], word: str, ident: str) -> list[str]:
        """A page break before ``word``: hyphenate it across the break now and then."""
        split = None
        if word.isalpha() and word.islower() and len(word) >= 7 and self.rng.random() < 0.7:
            split = self.rng.randint(3, len(word) - 4)
        self.counts["cut_paragraphs"] += 1
        if split:
            self.counts["cut_words"] += 1
            current.append(word[:split] + "-")
        self.flush(current, ident)
        self.new_page()
        self.page.used += 1
        return [word[split:] if split else word]

    def flush(self, words: list[str], ident: str) -> None:
        if words:
            self.page.blocks.append((" ".join(words), ident))

    # furniture and text

    def furniture(self, page: _Page) -> tuple[list[str], list[str]]:
        """Blocks above and below the page's text."""
        c = self.c
        number = str(page.number) if c.number_style == "plain" else f"— {page.number} —"
        top: list[str] = []
        foot: list[str] = []
        head_text = self.title if page.number % 2 == 0 else _shorten(page.chapter_title)
        if not page.opens_chapter:
            if c.running_heads == "with-number":
                top.append(
                    f"{page.number} {head_text}" if page.number % 2 == 0 else f"{head_text} {page.number}"
                )
            elif c.running_heads == "alone":
                top.append(head_text)
            if c.running_heads != "none" and head_text not in self.running_heads:
                self.running_heads.append(head_text)
            if c.page_numbers == "top":
                top.append(number)
        if c.page_numbers == "foot":
            foot.append(number)
        return top, foot


def _shorten(title: str, limit: int = 40) -> str:
    """A running head: the title cut at a word boundary."""
    words, kept = title.split(), []
    for word in words:
        if len(" ".join([*kept, word])) > limit:
            break
        kept.append(word)
    while kept and kept[-1].lower() in SMALL:
        kept.pop()
    return " ".join(kept)


def generate(convention: Convention) -> GeneratedBook:
    """A book laid out in ``convention``, with its truth."""
    rng = random.Random(convention.seed)
    title = _title(rng, 3, 5).upper()
    headings, flow, notes = _content(convention, rng)
    layout = _Layout(convention, rng, notes)
    layout.title = title
    layout.lay_out(flow)
    paragraphs = [item for item in flow if isinstance(item, Paragraph)]
    # the text: title page, contents, then the pages
    out: list[str] = []
    furniture: list[int] = []
    page_starts: dict[int, int] = {}

    def add(block: str, is_furniture: bool = False) -> int:
        line = sum(part.count("\n") + 2 for part in out) + 1
        if is_furniture:
            furniture.append(line)
        out.append(block)
        return line

    add(title)
    add("TEST PRESS\nNOWHERE")
    if convention.contents:
        add("CONTENTS")
        rows = ["| | |", "|--|----|"]
        pages = _heading_pages(layout, headings)
        for heading, page in zip(headings, pages, strict=True):
            label = f"{heading.label}. " if heading.label and heading.level == 1 else ""
            if heading.level == 0:
                label = f"{heading.label}. "
            rows.append(f"| {label}{heading.title} | {page} |")
        add("\n".join(rows))
    for page in layout.pages:
        top, foot = layout.furniture(page)
        for block in top:
            add(block, True)
        for position, (text, _) in enumerate(page.blocks):
            line = add(text)
            if position == 0 and page is not layout.pages[0]:
                page_starts[line] = page.number
        if page.carried:
            add(page.carried)
        for note in page.notes:
            add(note)
        for block in foot:
            add(block, True)
    return GeneratedBook(
        convention,
        "\n\n".join(out) + "\n",
        title,
        headings,
        paragraphs,
        notes,
        furniture,
        len(layout.pages),
        layout.counts,
        layout.running_heads,
        page_starts,
    )


def _heading_pages(layout: _Layout, headings: list[Heading]) -> list[int]:
    """The page each heading is printed on."""
    wanted = [h.title.upper() if h.level <= 1 else h.title for h in headings]
    found: list[int] = []
    for page in layout.pages:
        for text, _ in page.blocks:
            plain = " ".join(text.replace("**", "").split())
            if len(found) < len(wanted) and plain == wanted[len(found)]:
                found.append(page.number)
    return found + [0] * (len(wanted) - len(found))


def write_book(
    book: GeneratedBook, directory: Path, name: str, layout: dict | None = None
) -> tuple[Path, Path]:
    """Write ``<name>.txt`` and ``<name>.yaml`` (with ``layout`` settings if given) into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    text = directory / f"{name}.txt"
    text.write_text(book.text, encoding="utf-8")
    meta = directory / f"{name}.yaml"
    dumped = yaml.safe_dump(book.metadata(layout), allow_unicode=True, sort_keys=False)
    meta.write_text(dumped, encoding="utf-8")
    return text, meta
