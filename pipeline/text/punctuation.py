"""Dashes, closing marks, emphasis marks, the ends of sentences and clauses, section separators and
what separates pages (a form feed, a run of blank lines)."""

from __future__ import annotations

from pipeline.lazy_re import lazy_compile
from pipeline.text.markers import MARKER_CHARACTER_RE, SUPERSCRIPT_DIGITS, SUPERSCRIPT_MINUS

FORM_FEED = "\f"  # a page break, as some OCR sources print it at the start of a page's first line
PAGE_BREAK_BLANKS = 2  # in text wrapped as printed, a run of this many blank lines also ends a page
EM_DASH = "\u2014"
EN_DASH = "\u2013"
# hyphen, hyphen, non-breaking hyphen, figure dash, en dash, em dash (the hyphen first: in a regex
# character class it is then a character, not a range)
DASHES = "-\u2010\u2011\u2012" + EN_DASH + EM_DASH
# before a word: opening quotes and brackets, emphasis marks
OPENING_MARKS = "*_\"\u201c\u2018'(["
OPENING_QUOTES = '"\u201c\u2018'  # a quotation opens
# after a word: closing quotes and brackets, emphasis marks
CLOSING_MARKS = "\"'\u201d\u2019)]*_"
# may follow the last word, with spaces: closing marks, guillemets, note markers
CLOSERS = CLOSING_MARKS + "»" + SUPERSCRIPT_DIGITS + SUPERSCRIPT_MINUS + "†‡"
SENTENCE_STOPS = (".", "!", "?", "\u2026")
CLAUSE_STOPS = (":", ";")
# the emphasis marks of the OCR's markdown (``*italic*``, ``**bold**``, and ``_`` where OCR reads one)
EMPHASIS_MARKS = "*_"
# the hashes of a markdown heading (``## Title``)
HEADING_HASHES_RE = lazy_compile(r"^#+\s*")
# where one sentence of running text ends and the next begins (the spaces between them)
SENTENCE_BREAK_RE = lazy_compile(r"(?<=[.!?\"\u201d)])\s+")
# a list bullet before an entry (a hyphen, an en dash or a bullet), then spaces
LIST_BULLET = r"[-\u2013•]\s+"
# a list entry's start: a bullet, or a number or letter with a full stop or brackets (``2.``, ``(c)``)
LIST_ITEM_RE = lazy_compile(
    rf"^\s*[\"“]?(?:{LIST_BULLET}|\d{{1,2}}[.)]\s+|[a-z][.)]\s+|\(\d{{1,2}}\)\s+|\([a-z]\)\s+)"
)
# a section break: ``* * *``, ``•••``, ``⁂⁂⁂``, ``- - -``
SEPARATOR_RE = lazy_compile(r"(?:[*•·⁂]\s*){3,}|(?:-\s*){3,}")


def final_mark(text: str) -> str:
    """The last character of ``text`` that is neither a space nor one of the :data:`CLOSERS`:
    the punctuation that ends the text, if any (``""`` for none at all)."""
    end = len(text)
    while end and (text[end - 1] in CLOSERS or text[end - 1].isspace()):
        end -= 1
    return text[end - 1 : end]


def starts_lower(text: str) -> bool:
    """True if the text (after opening quotes, brackets, emphasis) starts with a lower-case letter."""
    return text.lstrip(OPENING_MARKS)[:1].islower()


def opens_quote(text: str) -> bool:
    """The text opens with a quotation mark (after spaces)."""
    return text.strip()[:1] in OPENING_QUOTES


def ends_sentence(text: str) -> bool:
    """A full stop, question or exclamation mark or ellipsis at the end (closers may follow it)."""
    return final_mark(text) in SENTENCE_STOPS


def ends_clause(text: str) -> bool:
    """A colon or semicolon at the end (closers may follow it)."""
    return final_mark(text) in CLAUSE_STOPS


def ends_with_comma(text: str) -> bool:
    """A comma at the end (closers may follow it)."""
    return final_mark(text) == ","


def ends_with_punctuation(text: str) -> bool:
    """A sentence or clause stop or a comma at the end (closers may follow it)."""
    return ends_sentence(text) or ends_clause(text) or ends_with_comma(text)


def without_emphasis(text: str) -> str:
    """``text`` without the emphasis marks of the OCR's markdown. (Each mark taken out by
    ``str.replace``: several times faster than a regex's substitution, for every line of a book.)"""
    for mark in EMPHASIS_MARKS:
        text = text.replace(mark, "")
    return text


def plain_text(text: str, *, markers: bool = False) -> str:
    """``text`` without the markdown (emphasis marks, a heading's hashes) and without note markers
    unless ``markers``, its spaces and line breaks collapsed to single spaces."""
    text = HEADING_HASHES_RE.sub("", without_emphasis(text))
    return " ".join((text if markers else MARKER_CHARACTER_RE.sub("", text)).split())


# a hyphen after a digit (``1917-``) or a dash after a non-space (``war—``) at the end of a piece
# of text cut at a line or page end: the next piece follows it without a space
GLUED_END_RE = lazy_compile(rf"(?:\d-|(?<=\S)[{EM_DASH}{EN_DASH}])$")


def ends_glued(text: str) -> bool:
    """A hyphen after a digit or a dash after a non-space at the end (:data:`GLUED_END_RE`). Only the
    last three characters are searched (the look-behind still sees the one before them): a match
    ends at the end or before a final line break."""
    return GLUED_END_RE.search(text, max(0, len(text) - 3)) is not None


def is_separator(text: str) -> bool:
    """A section break such as ``* * *``."""
    return SEPARATOR_RE.fullmatch(text.strip()) is not None
