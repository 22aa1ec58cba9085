"""The text of the TEI document (``front``, ``body``, ``back``) from the book's tree.

Ids come from the tree or from the order of the items (no timestamps), so the output is
deterministic. Notes stand inline at their marker; a note whose marker was not found stands as a
block ``note type="unlinked"`` after the item it was printed under.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lxml import etree

from pipeline.encode.elements import element
from pipeline.encode.facsimile import facsimile, surfaces_of_lines
from pipeline.encode.header import Provenance, tei_header, title_page, typeset_titles
from pipeline.encode.inline import append_inline, append_text, parse_inline
from pipeline.lazy_re import lazy_compile
from pipeline.model import (
    PIPELINE,
    Book,
    ContentsEntry,
    Correction,
    Dating,
    Division,
    Figure,
    FormatError,
    Heading,
    Item,
    ItemList,
    Note,
    NoteRef,
    PageBreak,
    Paragraph,
    Part,
    PrintedDate,
    Separator,
    parts_of,
    walk,
    walk_division,
)
from pipeline.model.geometry import Geometry
from pipeline.tei import TEI_NS, XML_ID, XML_LANG, tei
from pipeline.text.dates import PRINTED_YEAR

DIVISION_PLACES = {
    "introduction": "body",
    "part": "body",
    "chapter": "body",
    "text": "body",
    "chronology": "back",
}
NCNAME = lazy_compile(r"^[A-Za-z_][\w.\-]*$")
YEAR = lazy_compile(rf"^(?:{PRINTED_YEAR})$")


class _Encoder:
    """Builds the TEI document; keeps the notes index and the ids given out."""

    def __init__(
        self,
        book: Book,
        metadata: dict[str, Any],
        geometry: Geometry | None = None,
        provenance: Provenance | None = None,
    ) -> None:
        self.book = book
        self.provenance = provenance
        self.metadata = metadata
        self.geometry = geometry
        self.surfaces = surfaces_of_lines(geometry) if geometry else {}
        self.ids: set[str] = set()
        self.notes: dict[str, Note] = {}
        self.placed: set[str] = set()
        # notes whose marker is found, wherever it stands (a division may print another's marker)
        self.referenced = {
            part.note for node in walk(book) for part in parts_of(node) if isinstance(part, NoteRef)
        }
        self.julian_dates = False

    # ids

    def claim(self, identifier: str, line: int | None = None) -> str:
        """Register an id from the book's tree: it must be an XML name and unique."""
        if not NCNAME.match(identifier):
            raise FormatError(f"id {identifier!r} is not a valid XML name", line)
        if identifier in self.ids:
            raise FormatError(f"id {identifier!r} is used twice", line)
        self.ids.add(identifier)
        return identifier

    def fresh(self, base: str) -> str:
        """A generated id: ``base``, or ``base-2``, ``base-3``… if taken."""
        candidate, number = base, 1
        while candidate in self.ids:
            number += 1
            candidate = f"{base}-{number}"
        self.ids.add(candidate)
        return candidate

    # document

    def document(self) -> etree._Element:
        root = etree.Element(tei("TEI"), nsmap={None: TEI_NS})  # type: ignore[dict-item]  # (stubs: no default namespace)
        root.set(XML_LANG, self.metadata["language"])
        text = element(root, "text")
        for note in (node for node in walk(self.book) if isinstance(node, Note)):
            self.notes[self.claim(note.id, note.first_line)] = note
        front = element(text, "front")
        body = element(text, "body")
        back = element(text, "back")
        places = {"body": body, "back": back}
        title_page(front, self.metadata, self.book.front)
        self.front_items(front)
        part_of = {
            chapter: division.id
            for division in self.book.divisions
            if division.type == "part"
            for chapter in division.chapters or []
        }
        parts: dict[str, etree._Element] = {}  # a part's id → its div, which holds its chapters
        for division in self.book.divisions:
            div = self.division(division)
            if division.type == "part":
                parts[division.id] = div
            parts.get(part_of.get(division.id, ""), places[DIVISION_PLACES[division.type]]).append(div)
        self.back_items(back)
        self.contents(front)
        if not len(body):
            raise FormatError("the book has no introduction and no chapter")
        if not len(back):
            text.remove(back)
        foreign = {language for node in root.iter(tei("foreign")) if (language := node.get(XML_LANG))}
        root.insert(
            0,
            tei_header(
                self.metadata,
                self.book.responsible or {},
                sorted(foreign),
                self.julian_dates,
                self.provenance,
            ),
        )
        if self.geometry is not None:
            root.insert(1, facsimile(self.geometry))
        return root

    # front and back

    def front_items(self, front: etree._Element) -> None:
        """The title pages and imprint, as printed."""
        if self.book.front:
            div = element(front, "div", type="titlePage", xml_id=self.fresh("front-title"))
            self.items(div, self.book.front, id_prefix="front-title")

    def contents(self, front: etree._Element) -> None:
        """The printed contents as a list linking to the divisions (nested by level)."""
        entries = self.book.contents
        if not entries:
            return
        div = element(front, "div", type="contents", xml_id=self.fresh("front-contents"))
        printed = self.book.contents_head.text if self.book.contents_head else "Contents"
        element(div, "head", printed.capitalize() if printed.isupper() else printed)
        top = element(div, "list")
        stack: list[tuple[int, etree._Element]] = [(0, top)]
        last_item: etree._Element | None = None
        for entry in entries:
            level = entry.level
            if level > stack[-1][0] + 1 and last_item is not None:
                stack.append((level - 1, element(last_item, "list")))
            while len(stack) > 1 and stack[-1][0] >= level:
                stack.pop()
            last_item = element(stack[-1][1], "item")
            self.contents_entry(last_item, entry)

    def contents_entry(self, item: etree._Element, entry: ContentsEntry) -> None:
        if entry.page_break:
            element(item, "pb")
        title = f"{entry.label}. {entry.title}" if entry.label and entry.title else entry.label or entry.title
        target = entry.target
        holder = element(item, "ref", target=f"#{target}") if target in self.ids else item
        append_inline(holder, parse_inline(title))
        if entry.page is not None:
            append_text(item, " ")
            element(item, "num", str(entry.page), type="page")

    def back_items(self, back: etree._Element) -> None:
        """What follows the chronology: one ``div`` per heading (the text before one in its own)."""
        groups: list[list[Item]] = []
        for item in self.book.back:
            if isinstance(item, Heading) or _division_of(item) or not groups:
                groups.append([])
            groups[-1].append(item)
        for group in groups:
            first = group[0]
            kind = _division_of(first) or "backmatter"
            base = "back" if kind == "backmatter" else f"back-{kind}"
            div = element(back, "div", type=kind, xml_id=self.fresh(base))
            if isinstance(first, Heading):
                append_inline(element(div, "head"), parse_inline(first.text))
                group = group[1:]
            self.items(div, group, id_prefix=div.get(XML_ID, ""))

    # divisions

    def division(self, division: Division) -> etree._Element:
        """A ``div`` for the introduction, a part, a chapter, the chronology or the text, with its
        sections; the text division (no printed heading) has no ``head``."""
        line = division.first_line
        div = etree.Element(tei("div"), type=division.type)
        if division.n:
            div.set("n", division.n)
        identifier = self.claim(division.id, line)
        div.set(XML_ID, identifier)
        if division.label or division.title or division.title_parts:
            self.head(div, division)

        unlinked = self.unlinked_notes(division)
        self.items(div, division.content, unlinked, identifier)
        for section in division.sections:
            section_id = self.claim(section.id, section.first_line)
            section_div = element(div, "div", type="section", xml_id=section_id)
            section_title = section.title_parts or [section.title]
            self.parts(element(section_div, "head"), section_title, section.first_line)
            self.items(section_div, section.content, unlinked, section_id)
        for note in division.notes:
            if note.id not in self.placed and note.id not in self.referenced:
                # printed before the first item: stands after the headings and the byline
                position = len(div.findall(tei("head"))) + len(div.findall(tei("byline")))
                div.insert(position, self.note(note, unlinked=True))
        return div

    def head(self, div: etree._Element, division: Division) -> None:
        """The division's printed heading: its label and title, its subtitle and its byline."""
        head = element(div, "head")
        if division.label:
            element(head, "label", division.label)
            append_text(head, " ")
        self.parts(head, division.title_parts or [division.title], division.first_line)
        if division.subtitle:
            append_inline(element(div, "head", type="sub"), parse_inline(division.subtitle))
        if division.byline:
            byline = element(div, "byline")
            word, _, name = division.byline.partition(" ")
            append_text(byline, f"{word} ")
            append_inline(element(byline, "docAuthor"), parse_inline(name.strip()))

    def unlinked_notes(self, division: Division) -> dict[int, list[Note]]:
        """Notes whose marker is not in the text, keyed by ``id()`` of the item printed above them.

        (A page break between items has no first line of its own: it counts as printed above.)
        """
        items = [node for node in walk_division(division) if isinstance(node, Item)]
        placements: dict[int, list[Note]] = {}
        for note in division.notes:
            if note.id in self.referenced:
                continue
            above = [item for item in items if _first_line(item) <= note.first_line]
            if above:
                placements.setdefault(id(above[-1]), []).append(note)
        return placements

    def items(
        self,
        container: etree._Element,
        items: Iterable[Item],
        unlinked: dict[int, list[Note]] | None = None,
        id_prefix: str = "div",
    ) -> None:
        """Append the items; a ``head`` item opens a nested ``div`` (a year of the chronology)."""
        target = container
        for item in items:
            if isinstance(item, Heading):
                printed = item.text.strip()
                year = YEAR.match(printed)
                base = f"{id_prefix}-{printed if year else 'sub'}"
                target = element(container, "div", type="year" if year else "subsection")
                if year:
                    target.set("n", printed)
                target.set(XML_ID, self.fresh(base))
                append_inline(element(target, "head"), parse_inline(item.text))
            elif isinstance(item, Paragraph) and item.mark:
                # no text of the book: kept apart, where it was found, as a note of its kind
                self.parts(element(target, "note", type=item.mark), item.parts, item.first_line)
            elif isinstance(item, Paragraph):
                self.parts(element(target, "p"), item.parts, item.first_line)
            elif isinstance(item, PageBreak):
                target.append(self.page_break(item))
            elif isinstance(item, ItemList) and any(entry.date for entry in item.items):
                self.events(target, item)
            elif isinstance(item, ItemList):
                listing = element(target, "list")
                for entry in item.items:
                    self.parts(element(listing, "item"), entry.parts, entry.first_line)
            elif isinstance(item, Separator):
                element(target, "milestone", unit="section", rend="* * *")
            elif isinstance(item, Figure):
                target.append(figure(item))
            for note in (unlinked or {}).get(id(item), []):
                target.append(self.note(note, unlinked=True))

    def page_break(self, part: PageBreak) -> etree._Element:
        """``pb`` with the printed page number when it is known (a number the pipeline inferred from
        the break's place in the text with its ``cert`` and ``resp``); ``break="no"`` inside a word;
        ``facs``, the page's surface, where the page's image is known."""
        result = etree.Element(tei("pb"))
        if part.n:
            result.set("n", part.n)
        if part.n and part.cert:
            result.set("cert", part.cert)
            result.set("resp", f"#{PIPELINE}")
        if part.in_word:
            result.set("break", "no")
        if part.line in self.surfaces:
            result.set("facs", f"#{self.surfaces[part.line]}")
        return result

    def parts(self, parent: etree._Element, parts: list[Part], line: int | None) -> None:
        """Text parts with their note markers; the notes are placed at the markers."""

        def anchor(part: Any) -> etree._Element:
            if isinstance(part, Correction):
                return correction(part)
            if isinstance(part, PageBreak):
                return self.page_break(part)
            if isinstance(part, PrintedDate):
                return self.date(part)
            identifier = part.note
            if identifier not in self.notes:
                raise FormatError(f"marker of unknown note {identifier!r}", line)
            if identifier in self.placed:
                raise FormatError(f"note {identifier!r} has two markers", line)
            return self.note(self.notes[identifier])

        append_inline(parent, parse_inline(parts), anchor)

    def events(self, target: etree._Element, listing: ItemList) -> None:
        """Chronology entries as a ``listEvent``: each an ``event`` dated like its ``date``."""
        events = element(target, "listEvent")
        for entry in listing.items:
            event = element(events, "event", **self.dating(entry.date or Dating()))
            self.parts(element(event, "p"), entry.parts, entry.first_line)

    def date(self, printed: PrintedDate) -> etree._Element:
        """A printed date with its ISO form (see :meth:`dating`)."""
        result = etree.Element(tei("date"), self.dating(printed.dating))
        append_inline(result, parse_inline(printed.text))
        return result

    def dating(self, dating: Dating) -> dict[str, str]:
        """TEI dating attributes; Old Style dates point to the Julian calendar of the header."""
        attributes = dating.attributes()
        if any(key.endswith("-custom") for key in attributes):
            attributes["datingMethod"] = "#julian"
            self.julian_dates = True
        return attributes

    def note(self, note: Note, unlinked: bool = False) -> etree._Element:
        """A footnote, with its printed number and its own inline markup."""
        self.placed.add(note.id)
        attributes = {"place": "foot", "n": note.n, XML_ID: note.id}
        if unlinked:
            attributes["type"] = "unlinked"
        result = etree.Element(tei("note"), attributes)
        append_inline(result, parse_inline(note.parts), correction)
        return result


def _first_line(item: Item) -> int:
    return 0 if isinstance(item, PageBreak) else item.first_line


def _division_of(item: Item) -> str | None:
    """The division a back-matter paragraph starts (``blurb``), if any."""
    return item.division if isinstance(item, Paragraph) else None


def figure(item: Figure) -> etree._Element:
    """A plate's caption: ``figure`` with its title in ``head`` and its credit in a ``p``, their
    printed lines apart (``lb``)."""
    result = etree.Element(tei("figure"))
    append_inline(element(result, "head"), parse_inline("\n".join(item.head)))
    if item.credit:
        append_inline(element(result, "p"), parse_inline("\n".join(item.credit)))
    return result


def correction(part: Correction) -> etree._Element:
    """A correction: ``choice`` of ``sic`` and ``corr`` with ``@resp`` (and ``@cert``, the
    confidence of an automatic one)."""
    choice = etree.Element(tei("choice"))
    element(choice, "sic", part.sic)
    if part.resp == PIPELINE:
        element(choice, "corr", part.corr, resp=f"#{PIPELINE}", cert=f"{part.cert:.2f}")
    else:
        element(choice, "corr", part.corr, resp=f"#resp-{part.resp}")
    return choice


def encode_tei(
    book: Book,
    metadata: dict[str, Any],
    geometry: Geometry | None = None,
    provenance: Provenance | None = None,
) -> etree._Element:
    """The TEI document (root ``TEI`` element) of a book from its tree and metadata; with the page
    images and the places of the lines (``facsimile``) where structured OCR gave ``geometry``, and
    how the edition was made where ``provenance`` tells it.

    A tree that cannot be encoded (an id twice, a marker of an unknown note) is a :class:`FormatError`.
    """
    return _Encoder(book, typeset_titles(metadata), geometry, provenance).document()
