"""The book as a tree: what ``structure.json`` and ``corrected.json`` hold.

A :class:`Book` has its printed contents, front matter, divisions (introduction, parts, chapters,
chronology) with their sections and notes, and back matter. Running text is a list of inline
parts (:mod:`pipeline.model.parts`).

``Book.from_json``/``Book.to_json`` are the one serialisation: ``to_json(from_json(data)) == data``
with the same keys in the same order, and optional keys left out when unset, so a file read and
written again is the same byte for byte. The JSON shape is ``schemas/book.schema.json``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, cast, get_args

from pipeline.model.parts import Dating, PageBreak, Part, parts_from_json, parts_to_json
from pipeline.model.records import FormatError

DivisionType = Literal["introduction", "part", "chapter", "chronology", "text"]
DIVISION_TYPES: tuple[str, ...] = get_args(DivisionType)


# --- items -----------------------------------------------------------------------------------------


@dataclass
class Paragraph:
    """A paragraph; ``division`` names a division of its own that starts here (``blurb``); ``mark``
    says it is a mark on the printed page that is not the book's text (``stamp``: a library's stamp)."""

    first_line: int
    parts: list[Part]
    division: str | None = None
    mark: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "type": "p",
            "first_line": self.first_line,
            "parts": parts_to_json(self.parts),
        }
        if self.division is not None:
            data["division"] = self.division
        if self.mark is not None:
            data["mark"] = self.mark
        return data


@dataclass
class Heading:
    """A heading inside a division or section (a year of the chronology)."""

    first_line: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"type": "head", "first_line": self.first_line, "text": self.text}


@dataclass
class ListItem:
    """An entry of a list; a chronology entry has its ``date``."""

    first_line: int
    parts: list[Part]
    date: Dating | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"first_line": self.first_line, "parts": parts_to_json(self.parts)}
        if self.date is not None:
            data["date"] = self.date.attributes()
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ListItem:
        line = data["first_line"]
        date = Dating.from_attributes(data["date"]) if "date" in data else None
        return cls(line, parts_from_json(data["parts"], line), date)


@dataclass
class ItemList:
    """A list (numbered or dashed lines, chronology entries)."""

    first_line: int
    items: list[ListItem]

    def to_json(self) -> dict[str, Any]:
        return {
            "type": "list",
            "first_line": self.first_line,
            "items": [item.to_json() for item in self.items],
        }


@dataclass
class Separator:
    """A ``* * *`` break."""

    first_line: int

    def to_json(self) -> dict[str, Any]:
        return {"type": "separator", "first_line": self.first_line}


@dataclass
class Figure:
    """A plate's or an illustration's caption, printed apart from the running text: its title's
    printed lines (``head``: ``KILLRUDDERY``, ``Plate 4.``) and the credit lines under it
    (``credit``: ``(From a photograph by B. Killick, Bray)``); the picture itself is not in the OCR."""

    first_line: int
    head: list[str]
    credit: list[str]

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"type": "figure", "first_line": self.first_line, "head": list(self.head)}
        if self.credit:
            data["credit"] = list(self.credit)
        return data


Item = Paragraph | Heading | ItemList | Separator | Figure | PageBreak


def item_to_json(item: Item) -> dict[str, Any]:
    if isinstance(item, PageBreak):
        return {"type": "pb", **item.to_json()}
    return item.to_json()


def item_from_json(data: dict[str, Any]) -> Item:
    """An item from its JSON object, told apart by its ``type``."""
    kind, line = data.get("type"), data.get("first_line")
    if kind == "p":
        parts = parts_from_json(data["parts"], line)
        return Paragraph(data["first_line"], parts, data.get("division"), data.get("mark"))
    if kind == "head":
        return Heading(data["first_line"], data["text"])
    if kind == "list":
        return ItemList(data["first_line"], [ListItem.from_json(entry) for entry in data["items"]])
    if kind == "separator":
        return Separator(data["first_line"])
    if kind == "figure":
        return Figure(data["first_line"], list(data["head"]), list(data.get("credit", [])))
    if kind == "pb":
        return PageBreak.from_json(data)
    raise FormatError(f"unknown item type {kind!r}", line)


def _items(data: list[dict[str, Any]]) -> list[Item]:
    return [item_from_json(item) for item in data]


def _items_json(items: list[Item]) -> list[dict[str, Any]]:
    return [item_to_json(item) for item in items]


# --- divisions -------------------------------------------------------------------------------------


@dataclass
class Note:
    """A footnote: its printed number ``n`` and its text as parts (markdown strings, corrections).

    ``unlinked``: its marker was not found in the text.
    """

    id: str
    n: str
    first_line: int
    parts: list[Part]
    unlinked: bool = False

    def to_json(self) -> dict[str, Any]:
        plain = all(isinstance(part, str) for part in self.parts)
        text = "".join(cast(list[str], self.parts)) if plain else parts_to_json(self.parts)
        data: dict[str, Any] = {"id": self.id, "n": self.n, "first_line": self.first_line, "text": text}
        if self.unlinked:
            data["unlinked"] = True
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Note:
        """A note; its text is one markdown string, or a list of parts once corrected."""
        text, line = data["text"], data["first_line"]
        parts = parts_from_json(text, line) if isinstance(text, list) else [text] if text else []
        return cls(data["id"], data["n"], line, parts, data.get("unlinked", False))


@dataclass
class Section:
    """A section of a division; ``title_parts`` only when its heading carries a note marker."""

    id: str
    title: str
    first_line: int
    content: list[Item]
    title_parts: list[Part] | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "first_line": self.first_line,
            "content": _items_json(self.content),
        }
        if self.title_parts is not None:
            data["title_parts"] = parts_to_json(self.title_parts)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Section:
        line = data["first_line"]
        title_parts = parts_from_json(data["title_parts"], line) if "title_parts" in data else None
        return cls(data["id"], data["title"], line, _items(data["content"]), title_parts)


@dataclass
class Division:
    """The introduction, a part, a chapter or the chronology; or ``text``: the whole text, where no
    heading was found (no printed heading: ``title`` is empty).

    ``content`` is what stands before the first section; a part lists its ``chapters`` (their ids);
    ``title_parts`` only when the heading carries a note marker; ``byline`` the author line printed
    under the heading (``By F. Alexander``: a chapter of a collection by several authors).
    """

    id: str
    type: DivisionType
    n: str | None
    label: str | None
    title: str
    subtitle: str | None
    first_line: int
    content: list[Item]
    sections: list[Section]
    notes: list[Note]
    chapters: list[str] | None = None
    title_parts: list[Part] | None = None
    byline: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "type": self.type,
            "n": self.n,
            "label": self.label,
            "title": self.title,
            "subtitle": self.subtitle,
            "first_line": self.first_line,
            "content": _items_json(self.content),
            "sections": [section.to_json() for section in self.sections],
            "notes": [note.to_json() for note in self.notes],
        }
        if self.chapters is not None:
            data["chapters"] = list(self.chapters)
        if self.title_parts is not None:
            data["title_parts"] = parts_to_json(self.title_parts)
        if self.byline is not None:
            data["byline"] = self.byline
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Division:
        line = data.get("first_line")
        if data.get("type") not in DIVISION_TYPES:
            raise FormatError(f"division {data.get('id')!r} has unknown type {data.get('type')!r}", line)
        return cls(
            id=data["id"],
            type=data["type"],
            n=data["n"],
            label=data["label"],
            title=data["title"],
            subtitle=data["subtitle"],
            first_line=data["first_line"],
            content=_items(data["content"]),
            sections=[Section.from_json(section) for section in data["sections"]],
            notes=[Note.from_json(note) for note in data["notes"]],
            chapters=list(data["chapters"]) if "chapters" in data else None,
            title_parts=parts_from_json(data["title_parts"], line) if "title_parts" in data else None,
            byline=data.get("byline"),
        )


# --- the book --------------------------------------------------------------------------------------


@dataclass
class ContentsEntry:
    """An entry of the printed contents; ``target`` is the id of the division or section found for it;
    ``page_break``: a page of the printed contents begins with it."""

    label: str | None
    title: str
    page: int | str | None
    level: int
    line: int
    target: str | None
    page_break: bool = False

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "label": self.label,
            "title": self.title,
            "page": self.page,
            "level": self.level,
            "line": self.line,
            "target": self.target,
        }
        if self.page_break:
            data["page_break"] = True
        return data


@dataclass
class ContentsHead:
    """The contents heading as printed."""

    text: str
    first_line: int

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "first_line": self.first_line}


@dataclass
class Book:
    """The whole book's tree (``structure.json``; ``corrected.json`` adds ``responsible``).

    ``note_numbering`` is how the printed note numbers run (``division``, ``book``, ``page``);
    ``responsible`` the ids the editor's corrections name (``resp``) and their names. What the
    stages changed and found on the way is in their logs and evidence, not in the tree
    (:mod:`pipeline.model.evidence`).
    """

    contents: list[ContentsEntry]
    front: list[Item]
    divisions: list[Division]
    back: list[Item]
    note_numbering: str
    contents_head: ContentsHead | None = None
    responsible: dict[str, str] | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "contents": [entry.to_json() for entry in self.contents],
            "front": _items_json(self.front),
            "divisions": [division.to_json() for division in self.divisions],
            "back": _items_json(self.back),
            "note_numbering": self.note_numbering,
        }
        if self.contents_head is not None:
            data["contents_head"] = self.contents_head.to_json()
        if self.responsible is not None:
            data["responsible"] = dict(self.responsible)
        return data

    @classmethod
    def from_json(cls, data: Any) -> Book:
        """The tree from its JSON object; :class:`FormatError` if the object is not one."""
        if not isinstance(data, dict):
            raise FormatError("not a book's tree: expected a JSON object")
        try:
            return cls._from_json(data)
        except (KeyError, TypeError, AttributeError) as error:
            raise FormatError(f"not a book's tree: {type(error).__name__} {error}") from None

    @classmethod
    def _from_json(cls, data: dict[str, Any]) -> Book:
        head = data.get("contents_head")
        return cls(
            contents=[ContentsEntry(**entry) for entry in data["contents"]],
            front=_items(data["front"]),
            divisions=[Division.from_json(division) for division in data["divisions"]],
            back=_items(data["back"]),
            note_numbering=data["note_numbering"],
            contents_head=ContentsHead(**head) if head is not None else None,
            responsible=dict(data["responsible"]) if "responsible" in data else None,
        )
