"""Stage ``encode``: the book's structure and metadata → one TEI P5 document.

Command line::

    python -m pipeline.encode --input build/<book>/corrected.json \\
        --metadata raw/<book>.yaml --output tei/<book>.xml

The output is deterministic (ids come from the book's tree or from the order of the items,
no timestamps) and valid against ``tei_all``. Notes stand inline at their marker; a note whose
marker was not found stands as a block ``note type="unlinked"`` after the item it was printed under.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable
from typing import Any

from lxml import etree

from pipeline.cli import run_stage
from pipeline.inline import TEI_NS, XML_LANG, append_inline, append_text, parse_inline, tei
from pipeline.model import (
    Book,
    ContentsEntry,
    Correction,
    Dating,
    Division,
    FormatError,
    Heading,
    InputError,
    Item,
    ItemList,
    Note,
    NoteRef,
    PageBreak,
    Paragraph,
    Part,
    PrintedDate,
    Separator,
    atomic_output,
    parts_of,
    read_book,
    walk,
    walk_division,
)

XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
TEI_ALL_MODEL = (
    'href="http://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng" '
    'type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"'
)
LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "de": "German", "fr": "French"}
DIVISION_PLACES = {"introduction": "body", "part": "body", "chapter": "body", "chronology": "back"}
NCNAME = re.compile(r"^[A-Za-z_][\w.\-]*$")
YEAR = re.compile(r"^\d{4}$")
# elements whose content is text (perhaps with inline elements): never indented
MIXED_CONTENT = frozenset({"p", "head", "item", "note", "hi", "foreign", "ref", "label", "title"})

PROJECT = (
    "Digital edition of a printed book, produced from its OCR text by the ocr-edition pipeline "
    "(normalise, repair, structure, encode, render). Every automatic change is logged with the "
    "line of the raw OCR file it concerns (build/<book>/*.changes.jsonl and the QA report)."
)
# editorialDecl: (element, attributes, text) in the order of the TEI Guidelines (2.3.3)
EDITORIAL_DECLARATION: tuple[tuple[str, dict[str, str], str], ...] = (
    (
        "correction",
        {"method": "markup"},
        "OCR misreadings listed by the editor in the book's corrections file are corrected and encoded "
        "as choice with sic and corr; corr/@resp points to the responsible party in the titleStmt. "
        "Automatic repairs (stray characters, leader dots, lost note numbers) are not marked in the "
        "text: every one is listed in the build's change log and QA report.",
    ),
    (
        "normalization",
        {"method": "silent"},
        "Unicode: mis-decoded characters were repaired and the text normalised to NFC. "
        "Typography: straight quotation marks and apostrophes are set curly, double hyphens and "
        "spaced hyphens between words as em dashes (closed up), hyphens of number ranges as en "
        "dashes, three full stops as an ellipsis, runs of spaces as one space, and a no-break "
        "space follows the initials of a name.",
    ),
    (
        "quotation",
        {"marks": "all"},
        "Quotation marks are kept in the text as printed, as curly marks (double for quotations, "
        "single for quotations inside them); q is not used.",
    ),
    (
        "hyphenation",
        {"eol": "none"},
        "Words hyphenated at line and page ends were rejoined; hyphens of compounds are kept, "
        "decided on the book's own vocabulary and English word frequencies.",
    ),
    (
        "segmentation",
        {},
        "Paragraphs cut by page breaks were rejoined into one paragraph; running heads and page "
        "numbers are not recorded. The page breaks the text gives evidence of are recorded as pb "
        "(break=no inside a word), with the page number where the printed contents proves it.",
    ),
    (
        "interpretation",
        {},
        "Notes: footnotes printed at the foot of a page were moved to the place of their marker "
        "and keep their printed number; a note whose marker was not found is kept, typed unlinked, "
        "after the text it was printed under. "
        "Emphasis: italic and bold of the OCR text are encoded as hi; runs of Cyrillic text are "
        "marked as foreign with xml:lang ru.",
    ),
)


def book_identifier(metadata: dict[str, Any]) -> str:
    """The edition's stable identifier: the metadata's, or one derived from title, volume and year."""
    if metadata.get("identifier"):
        return str(metadata["identifier"])
    words = f"{metadata['title']} vol {metadata['volume']} {metadata['year']}".lower()
    return "urn:x-ocr-edition:" + "-".join(re.findall(r"[a-z0-9]+", words))


def subtitle(metadata: dict[str, Any]) -> str:
    """``Volume I, 1917-1945``."""
    return f"Volume {metadata['volume']}, {metadata['period']}"


def element(parent: etree._Element, name: str, text: str | None = None, **attributes: str) -> etree._Element:
    """Append a TEI element with optional text and attributes (``xml_id``/``xml_lang`` for xml:*)."""
    child = etree.SubElement(parent, tei(name))
    for key, value in attributes.items():
        child.set({"xml_id": XML_ID, "xml_lang": XML_LANG}.get(key, key), value)
    if text is not None:
        child.text = text
    return child


class _Encoder:
    """Builds the TEI document; keeps the notes index and the ids given out."""

    def __init__(self, book: Book, metadata: dict[str, Any]) -> None:
        self.book = book
        self.metadata = metadata
        self.ids: set[str] = set()
        self.notes: dict[str, Note] = {}
        self.placed: set[str] = set()
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
        root.insert(0, self.header(sorted(foreign)))
        return root

    # header

    def header(self, foreign_languages: list[str]) -> etree._Element:
        """``teiHeader``: the digital edition, the printed book it renders, how it was encoded."""
        meta = self.metadata
        header = etree.Element(tei("teiHeader"))
        file_desc = element(header, "fileDesc")
        title_stmt = element(file_desc, "titleStmt")
        element(title_stmt, "title", meta["title"], type="main")
        element(title_stmt, "title", subtitle(meta), type="sub")
        self.responsibilities(title_stmt)
        digital = element(title_stmt, "respStmt")
        element(digital, "resp", "OCR correction and TEI encoding of the digital edition")
        element(digital, "name", "ocr-edition pipeline")
        for key, name in (self.book.responsible or {}).items():
            corrector = element(title_stmt, "respStmt", xml_id=f"resp-{key}")
            element(corrector, "resp", "correction of OCR misreadings")
            element(corrector, "name", name)

        publication = element(file_desc, "publicationStmt")
        element(publication, "authority", "ocr-edition project")
        element(publication, "idno", book_identifier(meta), type="URI")
        availability = element(publication, "availability")
        element(
            availability,
            "p",
            "A digital edition for study and research; the rights in the printed text and its "
            "translation remain with their publishers.",
        )
        source = element(file_desc, "sourceDesc")
        source.append(self.printed_book())

        encoding = element(header, "encodingDesc")
        element(element(encoding, "projectDesc"), "p", PROJECT)
        editorial = element(encoding, "editorialDecl")
        for name, attributes, paragraph in EDITORIAL_DECLARATION:
            element(element(editorial, name, **attributes), "p", paragraph)

        profile = element(header, "profileDesc")
        usage = element(profile, "langUsage")
        languages = dict.fromkeys([meta["language"], meta["original"]["language"], *foreign_languages])
        for code in languages:
            element(usage, "language", LANGUAGE_NAMES.get(code.split("-")[0], code), ident=code)
        if self.julian_dates:
            julian_calendar(profile)
        return header

    def responsibilities(self, parent: etree._Element) -> None:
        """Institution as author, editors as ``editor``, everyone else in a ``respStmt``."""
        meta = self.metadata
        if meta.get("institution"):
            element(element(parent, "author"), "orgName", meta["institution"])
        for name in meta["editors"]:
            element(parent, "editor", name, role="editor")
        groups = (
            ("contributor to the volume", meta.get("contributors", [])),
            ("preparation of the Russian edition", meta.get("russian_edition_editors", [])),
            ("design of the printed book", [meta["designer"]] if meta.get("designer") else []),
        )
        for resp, names in groups:
            if names:
                statement = element(parent, "respStmt")
                element(statement, "resp", resp)
                for name in names:
                    element(statement, "persName", name)

    def printed_book(self) -> etree._Element:
        """``biblStruct`` of the printed book, with its original as a related item."""
        meta = self.metadata
        bibl = etree.Element(tei("biblStruct"), {XML_LANG: meta["language"]})
        monogr = element(bibl, "monogr")
        for name in meta["editors"]:
            element(monogr, "editor", name)
        element(monogr, "title", meta["title"], level="m", type="main")
        element(monogr, "title", subtitle(meta), level="m", type="sub")
        if meta.get("edition"):
            element(monogr, "edition", meta["edition"])
        imprint = element(monogr, "imprint")
        element(imprint, "pubPlace", meta["place"])
        element(imprint, "publisher", meta["publisher"])
        element(imprint, "date", str(meta["year"]), when=str(meta["year"]))
        element(monogr, "biblScope", f"Volume {meta['volume']}", unit="volume", n=str(meta["volume"]))
        if meta.get("series"):
            element(element(bibl, "series"), "title", meta["series"], level="s")
        original = meta["original"]
        language = meta.get("translated_from") or LANGUAGE_NAMES.get(
            original["language"], original["language"]
        )
        element(bibl, "note", f"Translated from the {language}.")
        related = element(bibl, "relatedItem", type="original")
        original_bibl = element(related, "biblStruct", xml_lang=original["language"])
        original_monogr = element(original_bibl, "monogr")
        element(original_monogr, "title", original["title"], level="m", type="main")
        if original.get("volume"):
            element(original_monogr, "title", original["volume"], level="m", type="sub")
        original_imprint = element(original_monogr, "imprint")
        if original.get("place"):
            element(original_imprint, "pubPlace", original["place"])
        if original.get("publisher"):
            element(original_imprint, "publisher", original["publisher"])
        if original.get("year"):
            element(original_imprint, "date", str(original["year"]), when=str(original["year"]))
        if not len(original_imprint):
            element(original_imprint, "date")  # an imprint may not be empty
        return bibl

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
        title = f"{entry.label}. {entry.title}" if entry.label else entry.title
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
        """A ``div`` for the introduction, a part, a chapter or the chronology, with its sections."""
        line = division.first_line
        div = etree.Element(tei("div"), type=division.type)
        if division.n:
            div.set("n", division.n)
        identifier = self.claim(division.id, line)
        div.set(XML_ID, identifier)
        head = element(div, "head")
        if division.label:
            element(head, "label", division.label)
            append_text(head, " ")
        self.parts(head, division.title_parts or [division.title], line)
        if division.subtitle:
            append_inline(element(div, "head", type="sub"), parse_inline(division.subtitle))

        unlinked = self.unlinked_notes(division)
        self.items(div, division.content, unlinked, identifier)
        for section in division.sections:
            section_id = self.claim(section.id, section.first_line)
            section_div = element(div, "div", type="section", xml_id=section_id)
            section_title = section.title_parts or [section.title]
            self.parts(element(section_div, "head"), section_title, section.first_line)
            self.items(section_div, section.content, unlinked, section_id)
        for note in division.notes:
            if note.id not in self.placed:
                # printed before the first item: stands after the headings
                position = 2 if division.subtitle else 1
                div.insert(position, self.note(note, unlinked=True))
        return div

    def unlinked_notes(self, division: Division) -> dict[int, list[Note]]:
        """Notes whose marker is not in the text, keyed by ``id()`` of the item printed above them.

        (A page break between items has no first line of its own: it counts as printed above.)
        """
        nodes = list(walk_division(division))
        items = [node for node in nodes if isinstance(node, Item)]
        referenced = {part.note for node in nodes for part in parts_of(node) if isinstance(part, NoteRef)}
        placements: dict[int, list[Note]] = {}
        for note in division.notes:
            if note.id in referenced:
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
            elif isinstance(item, Paragraph):
                self.parts(element(target, "p"), item.parts, item.first_line)
            elif isinstance(item, PageBreak):
                target.append(page_break(item))
            elif isinstance(item, ItemList) and any(entry.date for entry in item.items):
                self.events(target, item)
            elif isinstance(item, ItemList):
                listing = element(target, "list")
                for entry in item.items:
                    self.parts(element(listing, "item"), entry.parts, entry.first_line)
            elif isinstance(item, Separator):
                element(target, "milestone", unit="section", rend="* * *")
            for note in (unlinked or {}).get(id(item), []):
                target.append(self.note(note, unlinked=True))

    def parts(self, parent: etree._Element, parts: list[Part], line: int | None) -> None:
        """Text parts with their note markers; the notes are placed at the markers."""

        def anchor(part: Any) -> etree._Element:
            if isinstance(part, Correction):
                return correction(part)
            if isinstance(part, PageBreak):
                return page_break(part)
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


def page_break(part: PageBreak) -> etree._Element:
    """``pb`` with the printed page number when it is known; ``break="no"`` inside a word."""
    result = etree.Element(tei("pb"))
    if part.n:
        result.set("n", part.n)
    if part.in_word:
        result.set("break", "no")
    return result


def julian_calendar(profile: etree._Element) -> None:
    """The Julian calendar the Old Style dates of the chronology refer to."""
    calendar = element(element(profile, "calendarDesc"), "calendar", xml_id="julian")
    element(
        calendar,
        "p",
        "Julian calendar (Old Style), used in Russia until 31 January 1918; dates in it are given in "
        "when-custom, from-custom and to-custom, the Gregorian (New Style) dates in when, from and to.",
    )


def title_page(front: etree._Element, meta: dict[str, Any], printed: list[Item]) -> None:
    """A TEI ``titlePage``: the names from the metadata, each part as the title pages print it.

    A part is taken from the printed front matter when a paragraph there reads like it
    (case and emphasis aside), else from the metadata.
    """
    lines = [
        " ".join(part for part in item.parts if isinstance(part, str)).replace("*", "")
        for item in printed
        if isinstance(item, Paragraph)
    ]

    def as_printed(text: str) -> str:
        wanted = " ".join(text.casefold().split())
        for line in lines:
            for candidate in (line, *line.split("\n")):
                if " ".join(candidate.casefold().split()) == wanted:
                    return " ".join(candidate.split())
        return text

    page = element(front, "titlePage")
    doc_title = element(page, "docTitle")
    element(doc_title, "titlePart", as_printed(meta["title"]), type="main")
    element(doc_title, "titlePart", as_printed(f"Volume {meta['volume']}"), type="volume")
    element(doc_title, "titlePart", as_printed(str(meta["period"])), type="period")
    if meta.get("series"):
        element(doc_title, "titlePart", meta["series"], type="series")
    original = meta.get("original", {})
    if original.get("title"):
        russian = " ".join(filter(None, [original["title"], original.get("volume")]))
        element(doc_title, "titlePart", russian, type="original", xml_lang=original.get("language", "ru"))
    if meta.get("edition"):
        element(page, "docEdition", as_printed(meta["edition"]))
    if meta.get("editors"):
        names(element(page, "byline", "Under the editorship of "), meta["editors"])
    if meta.get("contributors"):
        names(element(page, "byline", f"Contributors to Volume {meta['volume']}: "), meta["contributors"])
    imprint = element(page, "docImprint")
    element(imprint, "publisher", as_printed(meta["publisher"]))
    element(imprint, "pubPlace", as_printed(meta["place"]))
    element(imprint, "docDate", str(meta["year"]), when=str(meta["year"]))


def names(byline: etree._Element, people: list[str]) -> None:
    """``docAuthor`` elements joined by commas and a final "and"."""
    for number, name in enumerate(people):
        author = element(byline, "docAuthor", name)
        if number < len(people) - 1:
            author.tail = " and " if number == len(people) - 2 else ", "


def correction(part: Correction) -> etree._Element:
    """An editor's correction: ``choice`` of ``sic`` and ``corr`` with ``@resp``."""
    choice = etree.Element(tei("choice"))
    element(choice, "sic", part.sic)
    element(choice, "corr", part.corr, resp=f"#resp-{part.resp}")
    return choice


def encode_tei(book: Book, metadata: dict[str, Any]) -> etree._Element:
    """The TEI document (root ``TEI`` element) of a book from its tree and metadata.

    A tree that cannot be encoded (an id twice, a marker of an unknown note) is a :class:`FormatError`.
    """
    return _Encoder(book, metadata).document()


def indent(node: etree._Element, level: int = 0) -> None:
    """Indent element-only content; mixed content (paragraphs, heads, notes…) is left exactly as is."""
    if (
        not len(node)
        or etree.QName(node).localname in MIXED_CONTENT
        or (node.text or "").strip()
        or any((child.tail or "").strip() for child in node)
    ):
        return
    padding = "\n" + "  " * (level + 1)
    node.text = padding
    for child in node:
        indent(child, level + 1)
        child.tail = padding
    node[-1].tail = "\n" + "  " * level


def tei_bytes(root: etree._Element) -> bytes:
    """Serialise a TEI document: UTF-8, indented, with an ``xml-model`` pointing at tei_all."""
    indent(root)
    prolog = f'<?xml version="1.0" encoding="UTF-8"?>\n<?xml-model {TEI_ALL_MODEL}?>\n'
    return prolog.encode() + etree.tostring(root, encoding="UTF-8") + b"\n"


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--input", required=True, help="the corrected tree, build/<book>/corrected.json")
    parser.add_argument(
        "--metadata", required=True, help="build/<book>/metadata.json (checked) or raw/<book>.yaml"
    )
    parser.add_argument("--output", required=True, help="tei/<book>.xml")


def _work(args: argparse.Namespace) -> str:
    from pipeline.metadata import load_metadata

    metadata = load_metadata(args.metadata)
    book = read_book(args.input, "correct")
    try:
        root = encode_tei(book, metadata)
    except FormatError as error:
        raise InputError(args.input, error.message, error.line) from None
    with atomic_output(args.output, "wb") as handle:
        handle.write(tei_bytes(root))
    divisions = len(root.findall(f".//{tei('div')}"))
    notes = len(root.findall(f".//{tei('note')}[@place='foot']"))
    unlinked = len(root.findall(f".//{tei('note')}[@type='unlinked']"))
    return f"{args.output}: {divisions} divisions, {notes} notes ({unlinked} without marker)"


def main(argv: list[str] | None = None) -> int:
    return run_stage("encode", _configure, _work, argv)


if __name__ == "__main__":
    raise SystemExit(main())
