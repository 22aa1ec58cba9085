"""What the editions say about the book, read from the TEI header (``teiHeader``) alone.

:func:`read_header` gathers the titles, people, imprint and identifier of the edition and of the
printed book it renders into a :class:`Header`; :func:`source_text`, :func:`original_text` and
:func:`description` write the one-line descriptions the EPUB and the HTML page carry.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from pipeline.model import InputError
from pipeline.render.trees import line_of, text_of
from pipeline.tei import (
    AUTHORS_BYLINE,
    CONTRIBUTORS_RESP,
    DESIGNER_RESP,
    EDITOR_ROLE,
    EDITORS_BYLINE,
    TEI_NS,
    TRANSLATOR_ROLE,
    TRANSLATORS_BYLINE,
    XML_LANG,
    period_of,
    translated_language,
)

NAMESPACES = {"t": TEI_NS}

TITLE_STATEMENT = "t:teiHeader/t:fileDesc/t:titleStmt"
PRINTED_BOOK = "t:teiHeader/t:fileDesc/t:sourceDesc/t:biblStruct"
MONOGRAPH = f"{PRINTED_BOOK}/t:monogr"
AVAILABILITY = "t:teiHeader/t:fileDesc/t:publicationStmt/t:availability"
APPLICATION = "t:teiHeader/t:encodingDesc/t:appInfo/t:application[@ident='ocr-edition']"
MEASURE = "t:teiHeader/t:encodingDesc/t:projectDesc/t:p/t:measure"
ORIGINAL = f"{PRINTED_BOOK}/t:relatedItem[@type='original']/t:biblStruct"


@dataclass(frozen=True)
class Original:
    """The book this edition's printed book was translated from."""

    title: str
    volume: str | None
    place: str | None
    publisher: str | None
    year: str | None
    language: str


@dataclass(frozen=True)
class Header:
    """The edition and its printed book, as the TEI header records them."""

    title: str
    subtitle: str | None  # "Volume I, 1917-1945"; None for a book with neither volume nor period
    volume: str | None  # as printed: "I"
    period: str | None  # the subtitle after the volume: "1917-1945"
    authors: list[str]
    editors: list[str]
    translators: list[str]
    contributors: list[str]
    designer: str | None
    publisher: str
    place: str
    year: str
    edition: str | None
    series: str | None
    language: str
    identifier: str
    translated_from: str | None  # the language's name, "original", or None for a book not translated
    original: Original | None
    licence: str  # the licence of the edition's own work, as the header states it
    licence_url: str
    source_rights: str  # the printed book's rights, as the header states them
    version: str | None  # the pipeline's that made the edition (None in a TEI that does not say)
    automatic_changes: int | None
    editor_corrections: int | None


class _Reader:
    """Finds the header's elements and stops, naming the TEI file, where a required one is missing."""

    def __init__(self, root: etree._Element, source: str) -> None:
        self.root = root
        self.source = source

    def optional(self, path: str) -> str | None:
        """The text at ``path``, ``None`` if there is no such element or it is empty."""
        element = self.root.find(path, NAMESPACES)
        return (text_of(element) or None) if element is not None else None

    def required(self, path: str) -> str:
        """The text at ``path``; an :class:`InputError` if there is none."""
        text = self.optional(path)
        if text is None:
            raise InputError(self.source, f"the TEI header has no text at {path}", line_of(self.root))
        return text

    def texts(self, path: str) -> list[str]:
        """The texts of every element at ``path``."""
        return [text_of(element) for element in self.root.iterfind(path, NAMESPACES)]

    def quantity(self, kind: str) -> int | None:
        """The quantity of the project description's ``measure`` of ``kind``, ``None`` if none."""
        element = self.root.find(f"{MEASURE}[@type='{kind}']", NAMESPACES)
        return int(element.get("quantity", "0")) if element is not None else None

    def optional_attribute(self, path: str, name: str) -> str | None:
        """Attribute ``name`` of the element at ``path``, ``None`` if there is none."""
        element = self.root.find(path, NAMESPACES)
        return (element.get(name) or None) if element is not None else None

    def attribute(self, path: str, name: str) -> str:
        """Attribute ``name`` of the element at ``path``; an :class:`InputError` if there is none."""
        value = self.optional_attribute(path, name)
        if not value:
            raise InputError(self.source, f"the TEI header has no {name} at {path}", line_of(self.root))
        return value


def responsible(reader: _Reader, resp: str) -> list[str]:
    """The people of the title statement's ``respStmt`` for ``resp``."""
    return reader.texts(f"{TITLE_STATEMENT}/t:respStmt[t:resp='{resp}']/t:persName")


def translated_from(reader: _Reader, language: str, original: Original | None) -> str | None:
    """The language the printed book was translated from, as its note names it; ``original`` when the
    original is in the edition's own language (the note then names no other language); ``None`` for a
    book the header describes as no translation."""
    named = translated_language(reader.optional(f"{PRINTED_BOOK}/t:note") or "")
    if original is None:
        return named
    if original.language == language or named is None:
        return "original"
    return named


def read_original(reader: _Reader) -> Original | None:
    """The original the printed book was translated from, ``None`` if the header names none."""
    if reader.root.find(ORIGINAL, NAMESPACES) is None:
        return None
    return Original(
        title=reader.required(f"{ORIGINAL}/t:monogr/t:title[@type='main']"),
        volume=reader.optional(f"{ORIGINAL}/t:monogr/t:title[@type='sub']"),
        place=reader.optional(f"{ORIGINAL}/t:monogr/t:imprint/t:pubPlace"),
        publisher=reader.optional(f"{ORIGINAL}/t:monogr/t:imprint/t:publisher"),
        year=reader.optional(f"{ORIGINAL}/t:monogr/t:imprint/t:date"),
        language=reader.attribute(ORIGINAL, XML_LANG),
    )


def read_header(root: etree._Element, source: str = "TEI") -> Header:
    """The :class:`Header` of a TEI document of this pipeline."""
    reader = _Reader(root, source)
    subtitle = reader.optional(f"{TITLE_STATEMENT}/t:title[@type='sub']")
    volume_statement = reader.optional(f"{MONOGRAPH}/t:biblScope[@unit='volume']")
    language = reader.attribute(".", XML_LANG)
    original = read_original(reader)
    designers = responsible(reader, DESIGNER_RESP)
    return Header(
        title=reader.required(f"{TITLE_STATEMENT}/t:title[@type='main']"),
        subtitle=subtitle,
        volume=reader.attribute(f"{MONOGRAPH}/t:biblScope[@unit='volume']", "n")
        if volume_statement
        else None,
        period=period_of(subtitle, volume_statement) if subtitle else None,
        authors=reader.texts(f"{TITLE_STATEMENT}/t:author/t:persName"),
        editors=reader.texts(f"{TITLE_STATEMENT}/t:editor[@role='{EDITOR_ROLE}']"),
        translators=reader.texts(f"{TITLE_STATEMENT}/t:editor[@role='{TRANSLATOR_ROLE}']"),
        contributors=responsible(reader, CONTRIBUTORS_RESP),
        designer=designers[0] if designers else None,
        publisher=reader.required(f"{MONOGRAPH}/t:imprint/t:publisher"),
        place=reader.required(f"{MONOGRAPH}/t:imprint/t:pubPlace"),
        year=reader.required(f"{MONOGRAPH}/t:imprint/t:date"),
        edition=reader.optional(f"{MONOGRAPH}/t:edition"),
        series=reader.optional(f"{PRINTED_BOOK}/t:series/t:title"),
        language=language,
        identifier=reader.required("t:teiHeader/t:fileDesc/t:publicationStmt/t:idno[@type='URI']"),
        translated_from=translated_from(reader, language, original),
        original=original,
        licence=reader.required(f"{AVAILABILITY}/t:licence"),
        licence_url=reader.attribute(f"{AVAILABILITY}/t:licence", "target"),
        source_rights=reader.required(f"{AVAILABILITY}/t:p"),
        version=reader.optional_attribute(APPLICATION, "version"),
        automatic_changes=reader.quantity("automatic-changes"),
        editor_corrections=reader.quantity("editor-corrections"),
    )


def credits(header: Header) -> list[tuple[str, list[str]]]:
    """Who made the book, each group after the words that introduce it (``by``, ``Edited by``,
    ``Translated by``); groups without names left out."""
    groups = (
        (AUTHORS_BYLINE, header.authors),
        (EDITORS_BYLINE, header.editors),
        (TRANSLATORS_BYLINE, header.translators),
    )
    return [(label, names) for label, names in groups if names]


def credit_lines(header: Header) -> list[str]:
    """A line for each group of :func:`credits`: ``by A. Smith``, ``Edited by A and B``."""
    return [f"{label}{' and '.join(names)}" for label, names in credits(header)]


def source_text(header: Header) -> str:
    """The printed book, as one line: the OPF's ``dc:source``."""
    people = "".join(f" {label[0].upper()}{label[1:]}{', '.join(names)}." for label, names in credits(header))
    subtitle = f" {header.subtitle}." if header.subtitle else ""
    edition = f" {header.edition}." if header.edition else ""
    return f"{header.title}.{subtitle}{people}{edition} {header.place}: {header.publisher}, {header.year}."


def imprint_line(header: Header) -> str:
    """The printed book's imprint in a line, as the title pages set it: ``Publisher · Place · Year``."""
    return f"{header.publisher} · {header.place} · {header.year}"


def rights_text(header: Header) -> str:
    """The edition's rights in a line: the licence of its own work and the printed book's rights
    (the OPF's ``dc:rights``)."""
    return f"{header.licence} {header.source_rights}"


def original_text(original: Original) -> str:
    """The original the book was translated from, in its language: the OPF's ``dc:relation``."""
    imprint = ", ".join(part for part in (original.place, original.publisher, original.year) if part)
    return ". ".join(part for part in (original.title, original.volume, imprint) if part) + "."


def description(header: Header) -> str:
    """A short description: what this edition is and where it comes from."""
    subtitle = f", {header.subtitle}" if header.subtitle else ""
    authors = f" {AUTHORS_BYLINE}{' and '.join(header.authors)}" if header.authors else ""
    translated = f", translated from the {header.translated_from}" if header.translated_from else ""
    original = f" ({header.original.title})" if header.original else ""
    series = ""
    if header.series:
        series = f" Volume {header.volume} of {header.series}." if header.volume else f" In {header.series}."
    return (
        f"Digital edition of {header.title}{subtitle}{authors} "
        f"({header.publisher}, {header.place}, {header.year}){translated}{original}.{series}"
    )
