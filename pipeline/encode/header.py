"""The ``teiHeader`` and the ``titlePage`` of an edition, from the book's metadata."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lxml import etree

from pipeline.encode.elements import element
from pipeline.model import PIPELINE, Item, Paragraph
from pipeline.tei import (
    AUTHORS_BYLINE,
    CONTRIBUTORS_RESP,
    CORRECTOR_RESP,
    DESIGNER_RESP,
    DIGITAL_EDITION_RESP,
    EDITOR_ROLE,
    RUSSIAN_EDITION_RESP,
    TRANSLATOR_ROLE,
    TRANSLATORS_BYLINE,
    XML_LANG,
    subtitle,
    tei,
    translation_note,
    volume_statement,
)
from pipeline.text.typography import typeset

# the metadata's titles, typeset as the book's text is (``original`` names its original's)
TITLE_FIELDS = ("title", "period", "series", "edition", "volume")
LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "de": "German", "fr": "French"}
PROJECT = (
    "Digital edition of a printed book, produced from its OCR text by the ocr-edition pipeline "
    "(normalise, repair, structure, encode, render). Every automatic change is logged with the "
    "line of the raw OCR file it concerns (build/<book>/*.changes.jsonl and the QA report)."
)
# the licences of the edition's own work the metadata may name (``licence``): its name and its deed
LICENCES = {
    "CC0-1.0": ("CC0 1.0 Universal", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "CC-BY-4.0": ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    "CC-BY-SA-4.0": ("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
}
DEFAULT_LICENCE = "CC0-1.0"
SOURCE_RIGHTS = "The rights in the printed text and its translation remain with their publishers."
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
        "(break=no inside a word), with the page number where the printed numbers or the printed "
        "contents prove it; where a break was missed, the number inferred from the break's place "
        "in the text between two known pages is marked cert (medium or low) and resp.",
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


@dataclass(frozen=True)
class Provenance:
    """How the edition was made: the pipeline's version, and how often its text was changed from the
    OCR automatically and by the editor's corrections (counted in the stages' change logs)."""

    version: str
    automatic_changes: int
    editor_corrections: int


def typeset_titles(meta: dict[str, Any]) -> dict[str, Any]:
    """The metadata with its titles (:data:`TITLE_FIELDS`, its original's too) typeset by the rules
    of the book's text (:func:`~pipeline.text.typography.typeset`): an en dash in ``1917-1945``."""

    def typeset_fields(fields: dict[str, Any]) -> dict[str, Any]:
        return fields | {
            key: typeset(value)[0]
            for key, value in fields.items()
            if key in TITLE_FIELDS and isinstance(value, str)
        }

    typeset_meta = typeset_fields(meta)
    if isinstance(meta.get("original"), dict):
        typeset_meta["original"] = typeset_fields(meta["original"])
    return typeset_meta


def book_identifier(metadata: dict[str, Any]) -> str:
    """The edition's stable identifier: the metadata's, or one derived from title, volume and year."""
    if metadata.get("identifier"):
        return str(metadata["identifier"])
    volume = f" vol {metadata['volume']}" if metadata.get("volume") else ""
    words = f"{metadata['title']}{volume} {metadata['year']}".lower()
    return "urn:x-ocr-edition:" + "-".join(re.findall(r"[a-z0-9]+", words))


def book_subtitle(metadata: dict[str, Any]) -> str | None:
    """The subtitle of the edition and of its printed book: ``Volume I, 1917-1945``; ``None`` for a
    book with neither volume nor period."""
    volume, period = metadata.get("volume"), metadata.get("period")
    return subtitle(str(volume) if volume else None, str(period) if period else None)


def titles(parent: etree._Element, meta: dict[str, Any], **attributes: str) -> None:
    """The book's main title and, where it has one, its :func:`book_subtitle`."""
    element(parent, "title", meta["title"], **attributes, type="main")
    sub = book_subtitle(meta)
    if sub:
        element(parent, "title", sub, **attributes, type="sub")


def people(parent: etree._Element, meta: dict[str, Any], editor_role: str | None) -> None:
    """Authors as ``author``, editors as ``editor`` (with ``editor_role``), translators as
    ``editor role="translator"``."""
    for name in meta.get("authors", []):
        element(element(parent, "author"), "persName", name)
    for name in meta.get("editors", []):
        element(parent, "editor", name, **({"role": editor_role} if editor_role else {}))
    for name in meta.get("translators", []):
        element(parent, "editor", name, role=TRANSLATOR_ROLE)


def tei_header(
    meta: dict[str, Any],
    responsible: dict[str, str],
    foreign_languages: list[str],
    julian_dates: bool,
    provenance: Provenance | None = None,
) -> etree._Element:
    """``teiHeader``: the digital edition, the printed book it renders, how it was encoded.

    ``responsible``: who corrected OCR misreadings (id → name); ``julian_dates``: the text has
    Old Style dates (the Julian calendar is declared); ``provenance``: the pipeline's version and its
    counts of changes, where the change logs were given.
    """
    header = etree.Element(tei("teiHeader"))
    file_desc = element(header, "fileDesc")
    title_stmt = element(file_desc, "titleStmt")
    titles(title_stmt, meta)
    responsibilities(title_stmt, meta)
    digital = element(title_stmt, "respStmt", xml_id=PIPELINE)
    element(digital, "resp", DIGITAL_EDITION_RESP)
    element(digital, "name", "ocr-edition pipeline")
    for key, name in responsible.items():
        corrector = element(title_stmt, "respStmt", xml_id=f"resp-{key}")
        element(corrector, "resp", CORRECTOR_RESP)
        element(corrector, "name", name)

    publication = element(file_desc, "publicationStmt")
    element(publication, "authority", "ocr-edition project")
    element(publication, "idno", book_identifier(meta), type="URI")
    availability(publication, meta)
    source = element(file_desc, "sourceDesc")
    source.append(printed_book(meta))

    encoding = element(header, "encodingDesc")
    project = element(encoding, "projectDesc")
    element(project, "p", PROJECT)
    if provenance is not None:
        made_by(encoding, project, provenance)
    editorial = element(encoding, "editorialDecl")
    for name, attributes, paragraph in EDITORIAL_DECLARATION:
        element(element(editorial, name, **attributes), "p", paragraph)

    profile = element(header, "profileDesc")
    usage = element(profile, "langUsage")
    original = [meta["original"]["language"]] if meta.get("original") else []
    languages = dict.fromkeys([meta["language"], *original, *foreign_languages])
    for code in languages:
        element(usage, "language", LANGUAGE_NAMES.get(code.split("-")[0], code), ident=code)
    if julian_dates:
        julian_calendar(profile)
    return header


def availability(publication: etree._Element, meta: dict[str, Any]) -> None:
    """The edition's rights: the licence of its own work (the metadata's ``licence``, by default
    :data:`DEFAULT_LICENCE`), and the printed book's rights as the metadata states them."""
    name, deed = LICENCES[meta.get("licence", DEFAULT_LICENCE)]
    rights = element(publication, "availability")
    element(
        rights,
        "licence",
        f"The edition's own work (its encoding, corrections and apparatus): {name}.",
        target=deed,
    )
    element(rights, "p", f"The printed book: {meta['rights']}" if meta.get("rights") else SOURCE_RIGHTS)


def made_by(encoding: etree._Element, project: etree._Element, provenance: Provenance) -> None:
    """The pipeline that made the edition (``appInfo``), and the counts of its changes to the text."""
    application = element(
        element(encoding, "appInfo"), "application", ident="ocr-edition", version=provenance.version
    )
    element(application, "label", "ocr-edition pipeline")
    counts = element(project, "p", "The text was changed from the OCR in ")
    measures = (
        ("automatic-changes", provenance.automatic_changes, "change", "places automatically", " and in "),
        (
            "editor-corrections",
            provenance.editor_corrections,
            "correction",
            "by the editor's corrections",
            ".",
        ),
    )
    for kind, quantity, unit, words, tail in measures:
        measure = element(
            counts, "measure", f"{quantity} {words}", type=kind, quantity=str(quantity), unit=unit
        )
        measure.tail = tail


def responsibilities(parent: etree._Element, meta: dict[str, Any]) -> None:
    """Authors, institution as author, editors and translators as ``editor``, everyone else in a
    ``respStmt``."""
    if meta.get("institution"):
        element(element(parent, "author"), "orgName", meta["institution"])
    people(parent, meta, EDITOR_ROLE)
    groups = (
        (CONTRIBUTORS_RESP, meta.get("contributors", [])),
        (RUSSIAN_EDITION_RESP, meta.get("russian_edition_editors", [])),
        (DESIGNER_RESP, [meta["designer"]] if meta.get("designer") else []),
    )
    for resp, names in groups:
        if names:
            statement = element(parent, "respStmt")
            element(statement, "resp", resp)
            for name in names:
                element(statement, "persName", name)


def printed_book(meta: dict[str, Any]) -> etree._Element:
    """``biblStruct`` of the printed book, with its original, if it is a translation, as a related item."""
    bibl = etree.Element(tei("biblStruct"), {XML_LANG: meta["language"]})
    monogr = element(bibl, "monogr")
    people(monogr, meta, None)
    titles(monogr, meta, level="m")
    if meta.get("edition"):
        element(monogr, "edition", meta["edition"])
    imprint = element(monogr, "imprint")
    element(imprint, "pubPlace", meta["place"])
    element(imprint, "publisher", meta["publisher"])
    element(imprint, "date", str(meta["year"]), when=str(meta["year"]))
    if meta.get("volume"):
        volume = str(meta["volume"])
        element(monogr, "biblScope", volume_statement(volume), unit="volume", n=volume)
    if meta.get("series"):
        element(element(bibl, "series"), "title", meta["series"], level="s")
    original = meta.get("original")
    if original or meta.get("translated_from"):
        code = original["language"] if original else ""
        element(bibl, "note", translation_note(meta.get("translated_from") or LANGUAGE_NAMES.get(code, code)))
    if original:
        bibl.append(original_book(original))
    return bibl


def original_book(original: dict[str, Any]) -> etree._Element:
    """``relatedItem`` of the original the printed book was translated from."""
    related = etree.Element(tei("relatedItem"), type="original")
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
    return related


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
    forms: dict[str, str] = {}  # each paragraph, and each of its lines, as printed, by its words in any case
    for line in lines:
        for candidate in (line, *line.split("\n")):
            forms.setdefault(" ".join(candidate.casefold().split()), " ".join(candidate.split()))

    def as_printed(text: str) -> str:
        return forms.get(" ".join(text.casefold().split()), text)

    page = element(front, "titlePage")
    doc_title = element(page, "docTitle")
    element(doc_title, "titlePart", as_printed(meta["title"]), type="main")
    if meta.get("volume"):
        element(doc_title, "titlePart", as_printed(volume_statement(str(meta["volume"]))), type="volume")
    if meta.get("period"):
        element(doc_title, "titlePart", as_printed(str(meta["period"])), type="period")
    if meta.get("series"):
        element(doc_title, "titlePart", meta["series"], type="series")
    original = meta.get("original", {})
    if original.get("title"):
        russian = " ".join(filter(None, [original["title"], original.get("volume")]))
        element(doc_title, "titlePart", russian, type="original", xml_lang=original.get("language", "ru"))
    if meta.get("edition"):
        element(page, "docEdition", as_printed(meta["edition"]))
    if meta.get("authors"):
        names(element(page, "byline", AUTHORS_BYLINE), meta["authors"])
    if meta.get("editors"):
        names(element(page, "byline", "Under the editorship of "), meta["editors"])
    if meta.get("translators"):
        names(element(page, "byline", TRANSLATORS_BYLINE), meta["translators"])
    if meta.get("contributors"):
        of_volume = f" to Volume {meta['volume']}" if meta.get("volume") else ""
        names(element(page, "byline", f"Contributors{of_volume}: "), meta["contributors"])
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
