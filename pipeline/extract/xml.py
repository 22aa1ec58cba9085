"""What the structured-OCR readers share: a safe XML parser, attribute numbers, names without
namespaces."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from pathlib import Path

from lxml import etree

from pipeline.lazy_re import lazy_compile
from pipeline.model import InputError
from pipeline.model.geometry import PrintedLine
from pipeline.text.widths import ASCENDING, ASCENDING_PLAIN_WORD_RE, DESCENDERS, SHORT_ASCENDER_RE

# No entities resolved, nothing fetched: an OCR file is data, never instructions to the parser.
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True, remove_pis=True)
NUMBER_RE = lazy_compile(r"-?\d+(?:\.\d+)?")
PLAIN_WORD_RE = lazy_compile(r"[^\W_]+[.:]?")  # letters and digits, perhaps a stop: nothing raised
FULL_ASCENDER_RE = lazy_compile(f"[{ASCENDING.replace('t', '')}]")
DESCENDER_RE = lazy_compile(f"[{DESCENDERS}]")


def parse_xml(path: Path) -> etree._Element:
    """The root element of the XML file ``path``; :class:`InputError` with the line where it is not
    well-formed XML."""
    try:
        return etree.parse(str(path), PARSER).getroot()
    except etree.XMLSyntaxError as error:
        raise InputError(path, f"not well-formed XML: {error.msg}", error.lineno) from None
    except OSError as error:
        raise InputError(path, f"cannot read the file: {error}") from None


def local_name(element: etree._Element) -> str:
    """The element's name without its namespace (ALTO and PAGE have one per version)."""
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def children(element: etree._Element, name: str) -> list[etree._Element]:
    """The element's children named ``name`` in any namespace."""
    return [child for child in element if local_name(child) == name]


def descendants(element: etree._Element, name: str) -> list[etree._Element]:
    """The element's descendants named ``name`` in any namespace, in document order."""
    return [child for child in element.iter() if local_name(child) == name]


def number(element: etree._Element, attribute: str) -> float | None:
    """The attribute's value as a number (``None``: absent or not a number)."""
    value = element.get(attribute)
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        return None


def tells_type_size(word: str) -> bool:
    """Whether a word's height tells its line's type size: letters and digits only, reaching the
    ascenders and not descending (so a line is not taken for smaller type for lacking descenders,
    nor for larger for its commas or a note's raised marker)."""
    return ASCENDING_PLAIN_WORD_RE.fullmatch(word) is not None


def type_size(words: Sequence[tuple[str, float]]) -> float | None:
    """A line's type size from its words and their heights: the median height of the words that
    tell it (:func:`tells_type_size`, :func:`reaching_type_size`)."""
    return reaching_type_size([(word, height) for word, height in words if tells_type_size(word)])


def reaching_type_size(reaching: Sequence[tuple[str, float]]) -> float | None:
    """The type size the heights of a line's words that tell it give (their median); ``None`` where
    it has none, or only words whose one ascender is a t (``too.``: a t's top stands below the
    ascenders')."""
    if all(SHORT_ASCENDER_RE.fullmatch(word) for word, _ in reaching):
        return None
    return statistics.median(height for _, height in reaching)


def spans_its_type(text: str) -> bool:
    """Whether a line's box spans its type's whole height: its text has a letter as tall as the
    ascenders (not a t, whose top stands lower) and one descending below the baseline (not a comma,
    which descends less)."""
    return bool(FULL_ASCENDER_RE.search(text) and DESCENDER_RE.search(text))


def sized_by_span(lines: Sequence[PrintedLine]) -> list[PrintedLine]:
    """A page's lines, each whose words tell no type size but whose box spans its type (``Coming``,
    a heading's last line: each of its letters rises or descends) sized by its box's height, at the
    page's own ratio of size to the height of such a box among its lines sized by their words, where
    that is the page's usual size (the median of its lines') or more. A box spans its own letters
    only, and a line of many words has some that reach past the rest (a capital Q, a bracket): a
    short line's box is lower than a long one's in the same type, and the size it gives is one the
    line has at least (``day.``, a paragraph's last line, sized 15.2 among lines of 18, was read as
    a note in smaller type)."""
    ratios = [
        line.size / line.box.height
        for line in lines
        if line.size and line.box.height and spans_its_type(line.text)
    ]
    if not ratios:
        return list(lines)
    ratio = statistics.median(ratios)
    usual = statistics.median(line.size for line in lines if line.size)
    return [
        line.sized(size)
        if not line.size and spans_its_type(line.text) and (size := line.box.height * ratio) >= usual
        else line
        for line in lines
    ]


def points(text: str | None) -> list[tuple[float, float]]:
    """The points of a PAGE or ALTO v4 polygon or baseline: ``"x1,y1 x2,y2 …"`` (ALTO also writes
    ``"x1 y1 x2 y2 …"``)."""
    values = [float(value) for value in NUMBER_RE.findall(text or "")]
    return list(zip(values[::2], values[1::2], strict=False))
