"""The items of the tree being built, and the texts and notes collected for the linking of notes.

A paragraph or list entry is listed at once, its ``parts`` empty; its text waits in a
:class:`PendingText` until the note markers are linked (:mod:`pipeline.structure.notes`). A note
is listed in its division at once too; its text waits in a :class:`NoteBody`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.lazy_re import lazy_compile
from pipeline.model import Division, Heading, Item, ItemList, ListItem, Note, Paragraph, Section
from pipeline.structure.breaks import Marked
from pipeline.structure.findings import Findings
from pipeline.text.dates import PRINTED_YEAR
from pipeline.text.punctuation import LIST_BULLET

YEAR_RE = lazy_compile(rf"^(?P<dash>[-\u2013]\s*)?(?P<year>{PRINTED_YEAR})\s*$")
DASH_ITEM_RE = lazy_compile(rf"^\s*{LIST_BULLET}(?P<text>\S.*)$")

TextOwner = Paragraph | ListItem | Section | Division  # a heading's owner: its section or division


@dataclass
class PendingText:
    """Text that becomes the ``parts`` of ``owner`` (a heading's ``title_parts``) once its note
    markers are resolved."""

    text: str
    line: int
    order: int
    scope: str | None
    owner: TextOwner
    refs: list[tuple[int, int, list[str]]] = field(default_factory=list)  # (start, end, note ids)
    breaks: list[tuple[int, int]] = field(default_factory=list)  # (position, page break number)


@dataclass
class NoteBody:
    """A footnote body: its printed number, its text as it grows, the note listed in its division,
    and whether the page's layout told it (``placed``)."""

    key: str
    order: int
    scope: str | None
    text: str
    note: Note
    placed: bool
    linked: bool = False

    def fill(self) -> None:
        """Give the note its text."""
        self.note.parts = [self.text] if self.text else []


@dataclass
class Collected:
    """What the assembly collects for the later steps: the texts, the note bodies, the ids in use."""

    texts: list[PendingText] = field(default_factory=list)
    notes: list[NoteBody] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)

    def text_of(self, owner: TextOwner) -> PendingText:
        """The latest text collected for ``owner``."""
        return next(text for text in reversed(self.texts) if text.owner is owner)

    def body_of(self, note: Note) -> NoteBody:
        """The body collected for ``note``."""
        return next(body for body in reversed(self.notes) if body.note is note)


class Flow:
    """The items of one container (front, back, a division's content or a section) being built."""

    def __init__(self, items: list[Item], scope: str | None, chronology: bool = False) -> None:
        self.items = items
        self.scope = scope
        self.chronology = chronology
        self.open_list: ItemList | None = None
        self.list_kind = ""
        self.last_number = 0

    def add(self, item: Item) -> None:
        """Append an item; it closes the open list."""
        self.open_list = None
        self.items.append(item)

    def list_for(self, kind: str, line: int, number: int = 0) -> ItemList:
        """The open list of ``kind`` (a numbered list only when ``number`` continues it), or a new one."""
        fits = self.open_list is not None and self.list_kind == kind
        if kind == "numbered":
            fits = fits and number == self.last_number + 1
        if not fits:
            self.open_list, self.list_kind = ItemList(line, []), kind
            self.items.append(self.open_list)
        self.last_number = number
        assert self.open_list is not None
        return self.open_list


def add_paragraph(flow: Flow, collected: Collected, text: Marked, line: int, order: int) -> None:
    """A paragraph; its parts are filled in once the note markers are resolved."""
    item = Paragraph(line, [])
    flow.add(item)
    collected.texts.append(PendingText(text.text, line, order, flow.scope, item, breaks=list(text.breaks)))


def add_entry(
    listing: ItemList, collected: Collected, text: Marked, line: int, order: int, scope: str | None
) -> None:
    """An entry of ``listing``; its parts are filled in once the note markers are resolved."""
    entry = ListItem(line, [])
    listing.items.append(entry)
    collected.texts.append(PendingText(text.text, line, order, scope, entry, breaks=list(text.breaks)))


def add_list_item(flow: Flow, collected: Collected, kind: str, text: Marked, line: int, order: int) -> None:
    """An entry of the open list of ``kind`` (a new list if none is open)."""
    add_entry(flow.list_for(kind, line), collected, text, line, order, flow.scope)


def add_head(flow: Flow, line: int, text: str) -> None:
    """A heading that opens no division or section (a year, the back matter's heading)."""
    flow.add(Heading(line, text))


def add_year(flow: Flow, text: str, line: int, findings: Findings) -> None:
    """A year heading (``1917``) inside a division; a stray list dash before it is dropped."""
    year = YEAR_RE.match(text)
    assert year is not None
    if year.group("dash"):
        explanation = "list dash before a year heading"
        findings.change("stray_list_dash", line, text, year.group("year"), explanation)
    add_head(flow, line, year.group("year"))


def item_text(item: Paragraph) -> str:
    """The text parts of a paragraph."""
    return "".join(part for part in item.parts if isinstance(part, str))
