"""The TEI of this pipeline's editions, as ``encode`` writes it and ``render`` reads it.

One definition of what both stages must agree on: the namespaces and attribute names, and the
fixed wording of the ``teiHeader`` that ``render`` reads back (the statements of responsibility,
the printed book's subtitle and its note on the translation).
"""

from __future__ import annotations

import os

from lxml import etree

from pipeline.lazy_re import lazy_compile
from pipeline.model import InputError

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"

# the ``role`` of an ``editor``: a general editor or a translator
EDITOR_ROLE = "editor"
TRANSLATOR_ROLE = "translator"
# the ``resp`` of the title statement's ``respStmt`` elements, by who is responsible
CONTRIBUTORS_RESP = "contributor to the volume"
RUSSIAN_EDITION_RESP = "preparation of the Russian edition"
DESIGNER_RESP = "design of the printed book"
DIGITAL_EDITION_RESP = "OCR correction and TEI encoding of the digital edition"
CORRECTOR_RESP = "correction of OCR misreadings"

AUTHORS_BYLINE = "by "  # before the authors' names: "by A. Smith and B. Jones"
EDITORS_BYLINE = "Edited by "  # the editions' credit (the TEI title page prints "Under the editorship of")
TRANSLATORS_BYLINE = "Translated by "
SUBTITLE_SEPARATOR = ", "  # between the volume and the period: "Volume I, 1917-1945"
TRANSLATION_NOTE_RE = lazy_compile(r"Translated from the (?P<language>.+)\.")


def tei(name: str) -> str:
    """The Clark name of a TEI element: ``{http://www.tei-c.org/ns/1.0}name``."""
    return f"{{{TEI_NS}}}{name}"


def volume_statement(volume: str) -> str:
    """The printed book's volume, as the header states it: ``Volume I``."""
    return f"Volume {volume}"


def subtitle(volume: str | None, period: str | None) -> str | None:
    """The edition's subtitle: ``Volume I, 1917-1945``, either part alone, ``None`` without both."""
    parts = [volume_statement(volume)] if volume else []
    return SUBTITLE_SEPARATOR.join([*parts, *([period] if period else [])]) or None


def period_of(title: str, volume: str | None) -> str | None:
    """The period a :func:`subtitle` ``title`` names after the :func:`volume_statement` ``volume``:
    ``1917-1945``; ``None`` if it names none."""
    return title.removeprefix(volume or "").removeprefix(SUBTITLE_SEPARATOR) or None


def translation_note(language: str) -> str:
    """The printed book's note on its original's language: ``Translated from the Russian.``"""
    return f"Translated from the {language}."


def translated_language(note: str) -> str | None:
    """The language a :func:`translation_note` names, ``None`` if ``note`` is no such note."""
    match = TRANSLATION_NOTE_RE.fullmatch(note)
    return match["language"] if match else None


def read_tei(path: str | os.PathLike[str]) -> etree._Element:
    """The root of the TEI file ``path`` (as render and check read it); :class:`InputError` if it
    is missing or not well-formed XML, naming the line."""
    try:
        return etree.parse(str(path)).getroot()
    except etree.XMLSyntaxError as error:
        raise InputError(path, f"not well-formed XML: {error.msg}", error.lineno) from None
    except OSError:
        raise InputError(path, "file not found: run the encode stage first") from None
