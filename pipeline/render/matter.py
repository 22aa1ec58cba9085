"""The edition's own pages, written from the TEI header: its title page, its imprint and its colophon.

As Standard Ebooks' editions have them: the title page (the EPUB's; the HTML edition's contents page
opens with the same title block), the imprint at the front saying what this edition is and where its
text came from, and the colophon at the back saying how it was made (the printed book, the OCR, the
counts of changes, the pipeline's version and the build's date) and under what rights.
"""

from __future__ import annotations

import datetime
import os

from pipeline.render.document import Json, attr, node, text_inlines
from pipeline.render.header import Header, credit_lines, imprint_line, rights_text, source_text

IMPRINT_FILE, COLOPHON_FILE, TITLE_PAGE_FILE = "imprint", "colophon", "titlepage"


def heading(title: str, kind: str, matter: str, file: str, classes: tuple[str, ...] = ()) -> Json:
    """A top-level heading of one of the edition's pages, typed for the EPUB (``epub:type``), with the
    matter it belongs to and its file's name (as :mod:`pipeline.render.document` gives the book's)."""
    semantics = {"epub:type": kind, "matter": matter, "file": file}
    return node("Header", [1, attr(file, [kind, *classes], **semantics), text_inlines(title)])


def para(text: str, classes: tuple[str, ...] = ()) -> Json:
    """A paragraph of plain text (in a classed ``div`` where ``classes`` are given)."""
    paragraph = node("Para", text_inlines(text))
    return node("Div", [attr("", list(classes)), [paragraph]]) if classes else paragraph


def build_date() -> str | None:
    """The build's date (``1 January 2024``), where the build was given one: ``SOURCE_DATE_EPOCH``,
    which the workflow sets to the date of the sources' last commit (so that a build is reproducible);
    ``None`` where it is not set (the clock would make builds differ)."""
    given = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not given.isdigit():
        return None
    moment = datetime.datetime.fromtimestamp(int(given), tz=datetime.UTC)
    return f"{moment.day} {moment:%B %Y}"


def title_page_blocks(header: Header) -> list[Json]:
    """The EPUB's title page: title, subtitle, who wrote and edited the book, its publisher and year."""
    lines = [header.subtitle, *credit_lines(header), imprint_line(header)]
    return [
        heading(header.title, "titlepage", "frontmatter", TITLE_PAGE_FILE, ("unlisted",)),
        *(para(line, ("title-line",)) for line in lines if line),
    ]


def imprint_blocks(header: Header) -> list[Json]:
    """The imprint: what this edition is, where its text came from, and its rights."""
    return [
        heading("Imprint", "imprint", "frontmatter", IMPRINT_FILE),
        para(
            f"This is a digital edition of {source_text(header)} Its text was read from the printed "
            "book by OCR and corrected by the ocr-edition pipeline and its editor; the colophon at the "
            "end tells how."
        ),
        para(rights_text(header)),
        node("Para", [node("Link", [attr(), text_inlines(header.licence_url), [header.licence_url, ""]])]),
    ]


def colophon_blocks(header: Header, date: str | None) -> list[Json]:
    """The colophon: the printed book, how its text was made this edition's, when (the build's
    ``date``, where it has one: :func:`build_date`), and the rights."""
    original = f", translated from the {header.translated_from}" if header.translated_from else ""
    made = (
        "Its text was read by OCR (optical character recognition) from a scan of the printed book, "
        "then typeset, structured and corrected by the ocr-edition pipeline"
        + (f", version {header.version}" if header.version else "")
        + "."
    )
    if header.automatic_changes is not None and header.editor_corrections is not None:
        made += (
            f" The pipeline changed the OCR text in {header.automatic_changes:,} places, each one logged "
            f"with its line in the QA report; the editor corrected {header.editor_corrections:,} "
            "misreadings more, each marked in the TEI edition."
        )
    when = f", on {date}" if date else ""
    return [
        heading("Colophon", "colophon", "backmatter", COLOPHON_FILE),
        para(f"{header.title}{', ' + header.subtitle if header.subtitle else ''}{original}."),
        para(f"The printed book: {source_text(header)}"),
        para(made),
        para(f"The EPUB and HTML editions were made from the TEI edition with pandoc{when}."),
        para(rights_text(header)),
    ]
