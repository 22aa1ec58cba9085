"""Scanned test books: generated books typeset on page images, degraded lightly and read by Tesseract.

The content (title, chapters, sections, paragraphs with note markers, notes) is drawn by
:func:`bookgen.content`; :func:`typeset` sets it as a printer would in one :class:`PageLayout`:
lines wrapped to a measure, justified or ragged, words hyphenated at line ends, paragraphs indented
or set apart, chapters opening a page under a centred label and title, section headings, running
heads and page numbers, superscript note markers and the notes in smaller type at the page foot
below a short rule. Each page is drawn with Pillow and keeps its gold: every printed line with its
kind (furniture, heading, body, note), the paragraph or note it belongs to and whether it opens
it, and every join the edition has to make (a word hyphenated at a line end, a paragraph cut by a
page break). :func:`scan` blurs, speckles and skews the pages (fixed seeds) and has Tesseract read
them to plain text, hOCR and ALTO; :func:`write_raw` puts the result into a ``raw/`` folder as a
user would.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from pathlib import Path

import yaml
from bookgen import Convention, Heading, Paragraph, book_metadata, content
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype")
FAMILIES = {
    "liberation": (
        "liberation/LiberationSerif-Regular.ttf",
        "liberation/LiberationSerif-Italic.ttf",
        "liberation/LiberationSerif-Bold.ttf",
    ),
    "dejavu": ("dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Italic.ttf", "dejavu/DejaVuSerif-Bold.ttf"),
}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
ORDINALS = ["ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN"]
WORD_RE = re.compile(r"[^\W_]+")
HYPHENABLE_RE = re.compile(r"([a-z]{7,})([,.;:]?)")
VOWELS = frozenset("aeiouy")
DIGRAPHS = frozenset({"th", "ch", "sh", "ph", "wh", "gh", "ck", "qu"})
INK = 25
FURNITURE = frozenset({"head", "number"})


@dataclass(frozen=True)
class PageLayout:
    """How a book is printed: page and type sizes (pixels at ``dpi``), paragraphs, furniture, notes."""

    name: str
    size: tuple[int, int] = (1200, 1800)
    dpi: int = 180
    margins: tuple[int, int, int, int] = (150, 130, 170, 130)  # top, right, bottom, left
    family: str = "liberation"
    body: int = 28  # type size of the running text
    note: int = 23  # type size of the notes
    leading: float = 1.3
    justified: bool = True
    indent: bool = True  # paragraphs' first lines indented; else set apart by space, not indented
    heads: str = (
        "outer-number"  # running heads: "outer-number" (page number at the outer corner), "alone", "none"
    )
    numbers: str = (
        "head"  # page numbers: "head" (in the running head; opening pages' at the foot), "foot", "top"
    )
    label: str = "CHAPTER I"  # "CHAPTER I", "CHAPTER ONE", "Chapter 1"
    capital_titles: bool = True  # chapter titles in capitals, else bold in title case
    notes: str = "chapter"  # note numbering: "chapter" or "book"
    note_number: str = "plain"  # a note opens with its number "plain" (``3.``) or "superscript"
    chapters: int = 4
    paragraphs: tuple[int, int] = (2, 4)  # paragraphs a section has, fewest and most
    first_page: int = 1


LAYOUTS = [
    PageLayout("octavo-running-heads"),
    PageLayout(
        "quarto-block-paragraphs",
        size=(1100, 1650),
        dpi=165,
        margins=(130, 120, 170, 120),
        family="dejavu",
        body=23,
        note=19,
        leading=1.35,
        justified=False,
        indent=False,
        heads="none",
        numbers="foot",
        label="Chapter 1",
        capital_titles=False,
        notes="book",
        note_number="superscript",
        first_page=9,
    ),
    PageLayout(
        "crown-heads-alone",
        size=(1050, 1600),
        dpi=160,
        margins=(140, 115, 160, 115),
        body=25,
        note=21,
        leading=1.25,
        heads="alone",
        numbers="foot",
        label="CHAPTER ONE",
        first_page=3,
    ),
]


# --- type -------------------------------------------------------------------------------------------


@cache
def font(family: str, style: int, size: int) -> ImageFont.FreeTypeFont:
    """The ``family``'s regular (0), italic (1) or bold (2) face at ``size`` pixels."""
    return ImageFont.truetype(str(FONT_DIR / FAMILIES[family][style]), size)


@dataclass(frozen=True)
class Run:
    """Text in one face, raised ``rise`` pixels above the baseline (a superscript)."""

    text: str
    face: ImageFont.FreeTypeFont
    rise: int = 0

    @property
    def width(self) -> float:
        return self.face.getlength(self.text)


@dataclass(frozen=True)
class Word:
    """A printed word: its runs, its number among its paragraph's or note's words (-1: none), and
    the note its marker calls (-1: none)."""

    runs: tuple[Run, ...]
    index: int = -1
    note: int = -1

    @property
    def width(self) -> float:
        return sum(run.width for run in self.runs)

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass
class Line:
    """A printed line and its gold: its kind (``head``, ``number``, ``label``, ``title``,
    ``section``, ``body``, ``note``), the paragraph or note it belongs to and whether it opens it,
    and whether its last word is hyphenated."""

    words: list[Word]
    kind: str
    size: int
    align: str = "left"  # "left", "centre", "justify"
    indent: float = 0
    owner: int = -1
    first: bool = False
    hyphen: bool = False
    space_before: float = 0
    at_foot: bool = False  # furniture below the text block
    y: float = 0  # the top of its line box, from the top of the text block

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)


@dataclass(frozen=True)
class Join:
    """What the edition has to join: a word hyphenated at a line end (``hyphen``; across a page
    break or not) or a paragraph cut by a page break between words (``page``); ``window`` is the
    clean words around it."""

    kind: str
    paragraph: int
    window: tuple[str, ...]
    across_pages: bool


@dataclass
class Page:
    """A typeset page: number, its lines from top to foot (furniture, body, notes) and their places."""

    number: int
    opens_chapter: bool
    chapter_title: str
    body: list[Line] = field(default_factory=list)
    notes: list[Line] = field(default_factory=list)
    used: float = 0

    def lines(self) -> list[Line]:
        return self.body + self.notes


@dataclass
class TypesetBook:
    """A typeset book: its truth (title, headings and paragraphs, notes), its pages with their gold,
    the joins, and the page images."""

    name: str
    layout: PageLayout
    seed: int
    title: str
    flow: list[Heading | Paragraph]  # headings and paragraphs in order
    notes: list[str]  # clean note texts
    pages: list[Page]
    furniture: list[list[Line]]  # per page, its furniture lines
    joins: list[Join]
    images: list[Image.Image]

    def metadata(self) -> dict:
        """The book's metadata file (``raw/<book>.yaml``) as a dict."""
        return book_metadata(self.title)

    @property
    def headings(self) -> list[Heading]:
        return [item for item in self.flow if isinstance(item, Heading)]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [item for item in self.flow if isinstance(item, Paragraph)]

    def printed(self, page: int) -> list[Line]:
        """Every line printed on page ``page`` (0-based), top to foot."""
        furniture = self.furniture[page]
        top = [line for line in furniture if not line.at_foot]
        foot = [line for line in furniture if line.at_foot]
        return top + self.pages[page].lines() + foot


# --- lines ------------------------------------------------------------------------------------------


def hyphenate(word: Word, room: float) -> tuple[Word, Word] | None:
    """``word`` broken at a syllable-ish point (before a consonant and a vowel, not inside a
    digraph) with a hyphen, the longest head that fits ``room``; ``None`` if none fits."""
    if len(word.runs) != 1:
        return None
    run = word.runs[0]
    if "-" in word.text.strip("-"):  # a compound breaks after its own hyphen
        head, tail = word.text.split("-", 1)
        if Run(head + "-", run.face).width <= room and tail[:1].isalpha():
            return Word((Run(head + "-", run.face),), word.index), Word((Run(tail, run.face),), word.index)
        return None
    if not (found := HYPHENABLE_RE.fullmatch(word.text)):
        return None
    letters = found.group(1)
    for cut in range(len(letters) - 3, 2, -1):
        if letters[cut] in VOWELS or letters[cut + 1] not in VOWELS or letters[cut - 1 : cut + 1] in DIGRAPHS:
            continue
        if not VOWELS & set(letters[:cut]):
            continue
        head = Run(word.text[:cut] + "-", run.face)
        if head.width <= room:
            return Word((head,), word.index), Word((Run(word.text[cut:], run.face),), word.index)
    return None


def set_lines(
    words: list[Word], measure: float, kind: str, size: int, justified: bool, indent: float = 0
) -> list[Line]:
    """``words`` wrapped to ``measure``, the first line indented, words hyphenated where a line
    would otherwise end short."""
    space = words[0].runs[0].face.getlength(" ")
    align = "justify" if justified else "left"
    lines: list[Line] = []
    current: list[Word] = []
    width = indent
    queue = list(words)
    while queue:
        word = queue.pop(0)
        need = word.width + (space if current else 0)
        if not current or width + need <= measure:
            current.append(word)
            width += need
            continue
        parts = hyphenate(word, measure - width - space)
        if parts:
            current.append(parts[0])
        queue.insert(0, parts[1] if parts else word)
        lines.append(Line(current, kind, size, align, indent if not lines else 0, hyphen=bool(parts)))
        current, width = [], 0
    lines.append(Line(current, kind, size, "left", indent if not lines else 0))
    return lines


def centred(text: str, face: ImageFont.FreeTypeFont, measure: float, kind: str, size: int) -> list[Line]:
    """``text`` set centred in lines of at most ``measure``."""
    words = [Word((Run(word, face),)) for word in text.split()]
    lines = set_lines(words, measure, kind, size, justified=False)
    for line in lines:
        line.align = "centre"
        line.hyphen = False
    return lines


# --- pages ------------------------------------------------------------------------------------------


class Typesetter:
    """Sets a book's flow on pages of one layout."""

    def __init__(self, layout: PageLayout, notes: list[str]) -> None:
        self.layout = layout
        top, right, bottom, left = layout.margins
        self.measure = layout.size[0] - left - right
        self.height = layout.size[1] - top - bottom
        self.body = font(layout.family, 0, layout.body)
        self.line_height = layout.body * layout.leading
        self.note_height = layout.note * layout.leading
        self.rise = round(layout.body * 0.38)
        self.superscript = font(layout.family, 0, round(layout.body * 0.62))
        self.notes = notes
        self.note_lines: dict[int, list[Line]] = {}
        self.pages: list[Page] = []
        self.chapter_title = ""

    # notes

    def set_note(self, index: int, number: str) -> None:
        """The lines of note ``index``, numbered ``number``, in the notes' type."""
        layout = self.layout
        face, italic = font(layout.family, 0, layout.note), font(layout.family, 1, layout.note)
        if layout.note_number == "superscript":
            small = font(layout.family, 0, round(layout.note * 0.65))
            opening = Word((Run(number, small, round(layout.note * 0.38)),))
        else:
            opening = Word((Run(f"{number}.", face),))
        words, slanted = [opening], False
        for at, text in enumerate(self.notes[index].split()):
            starts, ends = text.startswith("*"), text.rstrip(",.;:").endswith("*")
            slanted = slanted or starts
            words.append(Word((Run(text.replace("*", ""), italic if slanted else face),), at))
            slanted = slanted and not ends
        lines = set_lines(words, self.measure, "note", layout.note, layout.justified, layout.note * 1.2)
        for line in lines:
            line.owner = index
        lines[0].first = True
        self.note_lines[index] = lines

    def notes_height(self, page: Page, extra: list[Line]) -> float:
        """The height of ``page``'s notes with ``extra`` lines more, with the rule above them."""
        count = len(page.notes) + len(extra)
        return count * self.note_height + (self.line_height if count else 0)

    # pages

    def new_page(self, opens_chapter: bool = False) -> Page:
        number = self.pages[-1].number + 1 if self.pages else self.layout.first_page
        page = Page(number, opens_chapter, self.chapter_title)
        self.pages.append(page)
        return page

    def room(self, extra_notes: list[Line]) -> float:
        page = self.pages[-1]
        return self.height - page.used - self.notes_height(page, extra_notes)

    def place(self, line: Line) -> None:
        """Put a body line on the current page with its notes, or on a new page if they do not fit."""
        notes = [note for word in line.words if word.note >= 0 for note in self.note_lines[word.note]]
        page = self.pages[-1]
        before = line.space_before if page.body else 0
        if before + self.line_height > self.room(notes):
            page = self.new_page()
            before = 0
        line.space_before = before
        line.y = page.used + before
        page.used += before + self.line_height
        page.body.append(line)
        page.notes += notes

    def chapter(self, heading: Heading) -> None:
        layout = self.layout
        self.chapter_title = heading.title.upper()
        page = self.new_page(opens_chapter=True)
        page.used = self.height * 0.12
        label_face = font(layout.family, 0, round(layout.body * 1.15))
        size = round(layout.body * 1.45)
        title_face = font(layout.family, 0 if layout.capital_titles else 2, size)
        title = heading.title.upper() if layout.capital_titles else heading.title
        label = centred(heading.label, label_face, self.measure, "label", label_face.size)
        lines = label + centred(title, title_face, self.measure * 0.8, "title", size)
        lines[len(label)].space_before = layout.body
        for line in lines:
            line.y = page.used + line.space_before
            page.used += line.space_before + line.size * 1.3
            page.body.append(line)
        page.used += self.line_height * 2

    def section(self, heading: Heading) -> None:
        layout = self.layout
        face = font(layout.family, 2, layout.body)
        lines = centred(heading.title, face, self.measure * 0.85, "section", layout.body)
        if not layout.justified:
            for line in lines:
                line.align = "left"
        height = len(lines) * self.line_height + self.line_height * 1.5
        if self.room([]) < height + 3 * self.line_height:
            self.new_page()
        page = self.pages[-1]
        lines[0].space_before = self.line_height * (0.8 if page.body else 0)
        for line in lines:
            line.y = page.used + line.space_before
            page.used += line.space_before + self.line_height
            page.body.append(line)
        page.used += self.line_height * 0.5

    def paragraph(
        self, index: int, paragraph: Paragraph, numbers: dict[int, str], after_heading: bool
    ) -> None:
        """Set paragraph ``index``: its words, each marker raised after the word it follows."""
        words: list[Word] = []
        for piece in paragraph.pieces:
            if isinstance(piece, int):
                marker = Run(numbers[piece], self.superscript, self.rise)
                last = words[-1]
                words[-1] = Word((*last.runs, marker), last.index, piece)
                continue
            for text in piece.split():
                words.append(Word((Run(text, self.body),), len(words)))
        layout = self.layout
        indent = layout.body * 1.5 if layout.indent and not after_heading else 0
        lines = set_lines(words, self.measure, "body", layout.body, layout.justified, indent)
        for line in lines:
            line.owner = index
        lines[0].first = True
        lines[0].space_before = 0 if layout.indent else self.line_height * 0.6
        for line in lines:
            self.place(line)


def _note_numbers(flow: list[object], notes: str) -> dict[int, str]:
    """The printed number of every note: counted through the book or afresh in each chapter."""
    numbers: dict[int, str] = {}
    count = 0
    for item in flow:
        if isinstance(item, Heading) and item.level == 1 and notes == "chapter":
            count = 0
        if isinstance(item, Paragraph):
            for piece in item.pieces:
                if isinstance(piece, int):
                    count += 1
                    numbers[piece] = str(count)
    return numbers


def _label(layout: PageLayout, chapter: int) -> str:
    return {
        "CHAPTER I": f"CHAPTER {ROMAN[chapter]}",
        "CHAPTER ONE": f"CHAPTER {ORDINALS[chapter]}",
        "Chapter 1": f"Chapter {chapter + 1}",
    }[layout.label]


def typeset(layout: PageLayout, seed: int) -> TypesetBook:
    """A book drawn with ``seed``, set in ``layout``: its pages' images and gold."""
    title, headings, flow, notes = content(
        Convention(layout.name, seed=seed, chapters=layout.chapters), layout.paragraphs
    )
    chapters = [heading for heading in headings if heading.level == 1]
    for number, heading in enumerate(chapters):
        heading.label = _label(layout, number)
    setter = Typesetter(layout, notes)
    numbers = _note_numbers(flow, layout.notes)
    for index, number in numbers.items():
        setter.set_note(index, number)
    paragraphs: list[Paragraph] = []
    after_heading = False
    for item in flow:
        if isinstance(item, Heading):
            setter.chapter(item) if item.level == 1 else setter.section(item)
            after_heading = True
            continue
        assert isinstance(item, Paragraph)
        setter.paragraph(len(paragraphs), item, numbers, after_heading)
        paragraphs.append(item)
        after_heading = False
    furniture = [_furniture(setter, page, title) for page in setter.pages]
    images = [_draw(setter, page, lines) for page, lines in zip(setter.pages, furniture, strict=True)]
    return TypesetBook(
        f"{layout.name}-{seed}",
        layout,
        seed,
        title,
        [item for item in flow if isinstance(item, Heading | Paragraph)],
        [note.replace("*", "") for note in notes],
        setter.pages,
        furniture,
        _joins(setter.pages, paragraphs),
        images,
    )


def _furniture(setter: Typesetter, page: Page, title: str) -> list[Line]:
    """The running head and page number of ``page``."""
    layout = setter.layout
    face = font(layout.family, 0, round(layout.body * 0.85))
    head_text = title if page.number % 2 == 0 else page.chapter_title
    while face.getlength(head_text) > setter.measure * 0.7:
        head_text = head_text.rsplit(" ", 1)[0]
    number = Word((Run(str(page.number), face),))
    head = [Word((Run(word, face),)) for word in head_text.split()]
    lines: list[Line] = []
    if not page.opens_chapter and layout.heads != "none":
        words = head
        if layout.heads == "outer-number":
            words = [number, *head] if page.number % 2 == 0 else [*head, number]
        lines.append(Line(words, "head", face.size, "centre"))
    on_foot = layout.numbers == "foot" or (layout.numbers == "head" and page.opens_chapter)
    if on_foot:
        lines.append(Line([number], "number", face.size, "centre", at_foot=True))
    elif layout.numbers == "top" and not page.opens_chapter:
        lines.append(Line([number], "number", face.size, "centre"))
    return lines


def _joins(pages: list[Page], paragraphs: list[Paragraph]) -> list[Join]:
    """Every word hyphenated at a line end and every paragraph cut by a page break between words."""
    found: list[Join] = []
    placed = [(at, line) for at, page in enumerate(pages) for line in page.body if line.kind == "body"]
    for (page, line), (next_page, following) in pairwise(placed):
        if following.owner != line.owner:
            continue
        words = paragraphs[line.owner].text.split()
        last = line.words[-1].index
        if line.hyphen:
            window = words[max(last - 1, 0) : last + 2]
            found.append(Join("hyphen", line.owner, _tokens(window), page != next_page))
        elif page != next_page:
            found.append(Join("page", line.owner, _tokens(words[max(last - 1, 0) : last + 3]), True))
    return found


def _tokens(words: list[str]) -> tuple[str, ...]:
    return tuple(WORD_RE.findall(" ".join(words).casefold()))


# --- drawing ----------------------------------------------------------------------------------------


def _draw(setter: Typesetter, page: Page, furniture: list[Line]) -> Image.Image:
    """The page's image: furniture in the margins, body lines from the top, notes at the foot."""
    layout = setter.layout
    width, height = layout.size
    top, right, bottom, left = layout.margins
    image = Image.new("L", layout.size, 255)
    draw = ImageDraw.Draw(image)
    for line in furniture:
        baseline = (
            height - bottom + setter.line_height * 2 if line.at_foot else top - setter.line_height * 1.4
        )
        if line.kind == "head" and layout.heads == "outer-number":
            number, *rest = line.words if page.number % 2 == 0 else line.words[::-1]
            x = left if page.number % 2 == 0 else width - right - number.width
            _draw_words(draw, [number], x, baseline, 0)
            line = Line(rest if page.number % 2 == 0 else rest[::-1], "head", line.size, "centre")
        _draw_line(draw, line, left, setter.measure, baseline)
    for line in page.body:
        _draw_line(draw, line, left, setter.measure, top + line.y + line.size)
    if page.notes:
        y = top + setter.height - len(page.notes) * setter.note_height
        rule = y - setter.line_height * 0.6
        draw.line([(left, rule), (left + setter.measure * 0.25, rule)], fill=INK, width=2)
        for line in page.notes:
            _draw_line(draw, line, left, setter.measure, y + line.size)
            y += setter.note_height
    return image


def _draw_line(draw: ImageDraw.ImageDraw, line: Line, left: float, measure: float, baseline: float) -> None:
    if not line.words:
        return
    space = line.words[0].runs[0].face.getlength(" ")
    used = sum(word.width for word in line.words)
    gap = space
    x = left + line.indent
    if line.align == "justify" and len(line.words) > 1:
        gap = (measure - line.indent - used) / (len(line.words) - 1)
    elif line.align == "centre":
        x = left + (measure - used - space * (len(line.words) - 1)) / 2
    _draw_words(draw, line.words, x, baseline, gap)


def _draw_words(draw: ImageDraw.ImageDraw, words: list[Word], x: float, baseline: float, gap: float) -> None:
    for word in words:
        for run in word.runs:
            draw.text((x, baseline - run.rise), run.text, font=run.face, fill=INK, anchor="ls")
            x += run.width
        x += gap


# --- scanning ---------------------------------------------------------------------------------------


def degrade(image: Image.Image, seed: int) -> Image.Image:
    """``image`` as a light scan: skewed by at most half a degree, blurred a little, speckled."""
    rng = random.Random(seed)
    image = image.rotate(rng.uniform(-0.5, 0.5), Image.Resampling.BICUBIC, fillcolor=255)
    image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 0.8)))
    amplitude = rng.uniform(0.1, 0.18)  # of the grey scale, either way
    noise = Image.frombytes("L", image.size, rng.randbytes(image.size[0] * image.size[1]))
    noise = noise.point(lambda value: round(128 + (value - 128) * amplitude))
    return ImageChops.add(image, noise, offset=-128)


@dataclass
class ScannedBook:
    """A typeset book as Tesseract read it: its plain text and its pages' hOCR and ALTO files."""

    book: TypesetBook
    text: str
    hocr: list[Path]
    alto: list[Path]


def tesseract() -> str | None:
    """The ``tesseract`` command, if it is installed."""
    return shutil.which("tesseract")


def _ocr(image: Path) -> None:
    stem = image.with_suffix("")
    env = os.environ | {"OMP_THREAD_LIMIT": "1"}
    subprocess.run(
        ["tesseract", str(image), str(stem), "-l", "eng", "txt", "hocr", "alto"],
        check=True,
        capture_output=True,
        env=env,
    )


def scan(books: list[TypesetBook], directory: Path, workers: int = 2) -> list[ScannedBook]:
    """Degrade every page of ``books`` and have Tesseract read them (``workers`` at a time) to plain
    text, hOCR and ALTO, under ``directory/<book>/page-NNN.*``."""
    images: list[Path] = []
    for book in books:
        folder = directory / book.name
        folder.mkdir(parents=True, exist_ok=True)
        for number, image in enumerate(book.images, start=1):
            path = folder / f"page-{number:03d}.png"
            degrade(image, book.seed * 1000 + number).save(path, dpi=(book.layout.dpi, book.layout.dpi))
            images.append(path)
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(_ocr, images))
    scanned = []
    for book in books:
        pages = sorted((directory / book.name).glob("page-*.png"))
        # as Tesseract writes a book of many pages: a form feed opening each page after the first
        text = "\f".join(page.with_suffix(".txt").read_text(encoding="utf-8") for page in pages)
        scanned.append(
            ScannedBook(
                book,
                text,
                [page.with_suffix(".hocr") for page in pages],
                [page.with_suffix(".xml") for page in pages],
            )
        )
    return scanned


def write_raw(scanned: ScannedBook, raw: Path, name: str, kind: str) -> Path:
    """Put the book into ``raw`` as a user would: ``<name>.txt`` (``kind`` "txt"), or a folder
    ``<name>/`` of ``page-NNN.hocr`` or ``page-NNN.xml`` (``kind`` "hocr", "alto"), and
    ``<name>.yaml``; returns the text file or folder."""
    raw.mkdir(parents=True, exist_ok=True)
    dumped = yaml.safe_dump(scanned.book.metadata(), allow_unicode=True, sort_keys=False)
    (raw / f"{name}.yaml").write_text(dumped, encoding="utf-8")
    if kind == "txt":
        (raw / f"{name}.txt").write_text(scanned.text, encoding="utf-8")
        return raw / f"{name}.txt"
    folder = raw / name
    folder.mkdir(exist_ok=True)
    sources = scanned.hocr if kind == "hocr" else scanned.alto
    for number, source in enumerate(sources, start=1):
        shutil.copyfile(source, folder / f"page-{number:03d}{source.suffix}")
    return folder
