"""How the caption of a plate or an illustration looks, printed apart from the running text: its
label (``Plate 4.``, ``Fig. 3.``, ``PLATE IV``, the page it faces: ``Page 138.``), its credit
(``(From a photograph by B. Killick, Bray)``, ``FROM A DRAWING IN THE POSSESSION OF …``) and an
engraved plate's imprint (``London, Published June 1826, by J. Cross``)."""

from __future__ import annotations

import re

from pipeline.lazy_re import lazy_compile
from pipeline.text.headings import is_mostly_capitals

# ``Plate 4.``, ``PLATE IV``, ``Fig. 3.``, ``Figure 12``: a plate's or figure's number opens the line
FIGURE_LABEL_RE = lazy_compile(r"^(?:plate|fig(?:ure)?\.?)\s*(?:\d{1,3}|[ivxlc]{1,7})\b\.?", re.IGNORECASE)
# the page a plate faces, printed on it: ``Page 138.``, ``To face p. 12``
FACING_PAGE_RE = lazy_compile(r"^(?:to\s+face\s+)?(?:page|p\.)\s*\d{1,4}\.?$", re.IGNORECASE)
# a line in parentheses: a plate's credit, when it is not in capitals (``(From a photograph by …)``)
PARENTHESISED_LINE_RE = lazy_compile(r"^\(.*\)\.?$")
# what a picture is made from, named in its caption: ``from a photograph``, ``FROM A DRAWING``
SOURCE_RE = lazy_compile(
    r"\bfrom\s+an?\s+(?:old\s+|original\s+)?(?:photograph|drawing|sketch|painting|engraving|etching|"
    r"lithograph|print|water-?colou?r|portrait|picture)\b",
    re.IGNORECASE,
)
# an engraved plate's imprint: its publication date and publisher (``Published June 1826. by J. Cross``)
IMPRINT_RE = lazy_compile(r"\bpublished\b.{0,40}\b1[5-9]\d\d\b.{0,6}\bby\b", re.IGNORECASE)


def numbers_figure(text: str) -> bool:
    """The line opens with a plate's or figure's number (:data:`FIGURE_LABEL_RE`: ``Fig. 3.``)."""
    return bool(FIGURE_LABEL_RE.match(text.strip()))


def is_figure_label(text: str) -> bool:
    """A plate's or figure's number opening the line (:func:`numbers_figure`), or the page the
    plate faces alone (:data:`FACING_PAGE_RE`)."""
    return numbers_figure(text) or bool(FACING_PAGE_RE.match(text.strip()))


def is_credit_line(text: str) -> bool:
    """A caption's credit, printed under its title: a line in parentheses not in capitals
    (``(From a photograph by …)``) or naming what the picture was made from (:data:`SOURCE_RE`:
    ``(FROM A DRAWING BY …)``), or an engraved plate's imprint (:data:`IMPRINT_RE`)."""
    line = text.strip()
    if PARENTHESISED_LINE_RE.match(line) and (not is_mostly_capitals(line) or SOURCE_RE.search(line)):
        return True
    return bool(IMPRINT_RE.search(line))


def names_picture(text: str) -> bool:
    """The line tells a picture's caption by what it says: a credit (:func:`is_credit_line`), a
    label (:func:`is_figure_label`), or what the picture was made from (:data:`SOURCE_RE`)."""
    return is_credit_line(text) or is_figure_label(text) or bool(SOURCE_RE.search(text))
